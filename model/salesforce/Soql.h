#pragma once

#include <QDateTime>
#include <QStringList>

namespace msi::salesforce {

// Small SOQL builders for what the product asks (no user input is pasted into queries).
class Soql final
{
public:
    // A dateTime literal: unquoted, UTC, "2024-01-01T00:00:00Z".
    static QString dateTimeLiteral(const QDateTime &when);
    // SELECT <fields + SystemModstamp> FROM <object> [WHERE SystemModstamp > <since>]
    // ORDER BY SystemModstamp. An invalid `since` reads everything.
    static QString changedSince(const QString &object, const QStringList &fields,
                                const QDateTime &since);
    // A string literal with quotes and backslashes escaped.
    static QString quote(const QString &value);
};

} // namespace msi::salesforce
