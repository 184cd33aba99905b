#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>

namespace msi::sync {

// Decides whether a payload would change a Marketo record, and what is actually sent.
class PayloadCompare final
{
public:
    enum class Result {
        Equal,     // every payload field is present in the record with the same value
        Unknown,   // the fields present are equal, but the record lacks some payload fields
        Different, // at least one field differs
    };

    static Result compare(const QJsonObject &payload, const QJsonObject &marketoRecord);
    // Field-aware equality: external IDs (external*Id) compare as IDs (an 18-character value
    // equals another 18-character value regardless of case, a 15-character value never equals an
    // 18-character one); numbers by value; date-times as instants; everything else exactly.
    static bool valuesEqual(const QString &field, const QJsonValue &a, const QJsonValue &b);
    // Drops null fields unless the Marketo record holds a non-null value there (then the null is
    // sent to clear it). For a create (empty record) every null is dropped.
    static QJsonObject pruneNulls(const QJsonObject &payload, const QJsonObject &marketoRecord);
    // Stable hash of a payload (keys sorted by QJsonObject), without Marketo's own "id".
    static QByteArray hash(const QJsonObject &payload);
};

} // namespace msi::sync
