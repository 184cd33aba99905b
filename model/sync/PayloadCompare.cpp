#include "sync/PayloadCompare.h"

#include "sync/RecordMapper.h"

#include <QCryptographicHash>
#include <QJsonDocument>

namespace msi::sync {

namespace {

bool isExternalIdField(const QString &field)
{
    return field.startsWith(u"external") && field.endsWith(u"Id");
}

bool isNullish(const QJsonValue &value)
{
    return value.isNull() || value.isUndefined()
        || (value.isString() && value.toString().isEmpty());
}

} // namespace

bool PayloadCompare::valuesEqual(const QString &field, const QJsonValue &a, const QJsonValue &b)
{
    if (isNullish(a) || isNullish(b))
        return isNullish(a) && isNullish(b);
    if (isExternalIdField(field) && a.isString() && b.isString()) {
        const QString x = a.toString().trimmed();
        const QString y = b.toString().trimmed();
        if (x.size() == 18 && y.size() == 18)
            return x.compare(y, Qt::CaseInsensitive) == 0;
        return x == y;
    }
    if (a.isDouble() || b.isDouble()) {
        bool okA = a.isDouble();
        bool okB = b.isDouble();
        const double x = okA ? a.toDouble() : a.toString().toDouble(&okA);
        const double y = okB ? b.toDouble() : b.toString().toDouble(&okB);
        return okA && okB && x == y;
    }
    if (a.isString() && b.isString()) {
        if (a.toString() == b.toString())
            return true;
        const QDateTime x = RecordMapper::parseDateTime(a.toString());
        const QDateTime y = RecordMapper::parseDateTime(b.toString());
        return x.isValid() && y.isValid() && x == y;
    }
    return a == b;
}

PayloadCompare::Result PayloadCompare::compare(const QJsonObject &payload,
                                               const QJsonObject &marketoRecord)
{
    bool missing = false;
    for (auto it = payload.constBegin(); it != payload.constEnd(); ++it) {
        if (!marketoRecord.contains(it.key())) {
            if (!isNullish(it.value()))
                missing = true;
            continue;
        }
        if (!valuesEqual(it.key(), it.value(), marketoRecord.value(it.key())))
            return Result::Different;
    }
    return missing ? Result::Unknown : Result::Equal;
}

QJsonObject PayloadCompare::pruneNulls(const QJsonObject &payload, const QJsonObject &marketoRecord)
{
    QJsonObject result;
    for (auto it = payload.constBegin(); it != payload.constEnd(); ++it) {
        if (it.value().isNull() || it.value().isUndefined()) {
            if (isNullish(marketoRecord.value(it.key())))
                continue;
        }
        result.insert(it.key(), it.value());
    }
    return result;
}

QByteArray PayloadCompare::hash(const QJsonObject &payload)
{
    QJsonObject copy = payload;
    copy.remove(u"id");
    return QCryptographicHash::hash(QJsonDocument(copy).toJson(QJsonDocument::Compact),
                                    QCryptographicHash::Sha1)
        .toHex();
}

} // namespace msi::sync
