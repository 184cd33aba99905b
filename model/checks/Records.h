#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace msi::checks {

// Reading API records the way every check needs it: tolerant of nulls, numbers where text was
// expected and missing keys (a malformed record never crashes a check), and naming records for
// people.
class Records final
{
    Q_DECLARE_TR_FUNCTIONS(msi::checks::Records)
public:
    // The value as text: strings as they are, numbers in their shortest form, null/missing empty.
    static QString text(const QJsonObject &record, const QString &key);
    // The canonical 18-character ID of a Salesforce ID field; empty when missing or invalid.
    static QString id18(const QJsonObject &record, const QString &key);
    // attributes.type, or the object named by the key prefix of Id.
    static QString sfType(const QJsonObject &record);
    // Trimmed, Unicode NFC, case-folded: the key Marketo's e-mail lookup effectively uses.
    static QString normalizedEmail(const QString &email);
    // "Contact Rose Gonzalez (0037F000009XkPUQA0)"
    static QString sfLabel(const QJsonObject &record);
    // "Marketo lead 1045 (rose@edge.com)", "Marketo company 7 'United Oil & Gas Corp.'"
    static QString mktoLabel(const QString &kind, const QJsonObject &record);
    // The Marketo record's id (integer id or marketoGUID) as text.
    static QString mktoId(const QJsonObject &record);
};

} // namespace msi::checks
