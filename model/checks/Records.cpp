#include "checks/Records.h"

#include "core/SalesforceId.h"

namespace msi::checks {

using core::SalesforceId;

QString Records::text(const QJsonObject &record, const QString &key)
{
    const QJsonValue value = record.value(key);
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double d = value.toDouble();
        const qint64 i = value.toInteger();
        return double(i) == d ? QString::number(i) : QString::number(d, 'g', 17);
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    default:
        return {};
    }
}

QString Records::id18(const QJsonObject &record, const QString &key)
{
    const QJsonValue value = record.value(key);
    if (!value.isString())
        return {};
    const SalesforceId id(value.toString());
    return id.isValid() ? id.id18() : QString();
}

QString Records::sfType(const QJsonObject &record)
{
    const QString type = record.value(QStringLiteral("attributes"))
                             .toObject()
                             .value(QStringLiteral("type"))
                             .toString();
    if (!type.isEmpty())
        return type;
    const SalesforceId id(text(record, QStringLiteral("Id")));
    return id.objectType();
}

QString Records::normalizedEmail(const QString &email)
{
    return email.trimmed().normalized(QString::NormalizationForm_C).toCaseFolded();
}

QString Records::sfLabel(const QJsonObject &record)
{
    const QString type = sfType(record);
    const QString id = text(record, QStringLiteral("Id"));
    const QString name = text(record, QStringLiteral("Name"));
    const QString typeLabel = type.isEmpty() ? tr("Salesforce record") : type;
    if (name.isEmpty())
        return tr("%1 %2").arg(typeLabel, id);
    return tr("%1 %2 (%3)").arg(typeLabel, name, id);
}

QString Records::mktoId(const QJsonObject &record)
{
    const QString guid = text(record, QStringLiteral("marketoGUID"));
    return guid.isEmpty() ? text(record, QStringLiteral("id")) : guid;
}

QString Records::mktoLabel(const QString &kind, const QJsonObject &record)
{
    const QString id = mktoId(record);
    if (kind == u"company") {
        const QString name = text(record, QStringLiteral("company"));
        return name.isEmpty() ? tr("Marketo company %1").arg(id)
                              : tr("Marketo company %1 '%2'").arg(id, name);
    }
    if (kind == u"salesperson") {
        const QString email = text(record, QStringLiteral("email"));
        return email.isEmpty() ? tr("Marketo sales person %1").arg(id)
                               : tr("Marketo sales person %1 (%2)").arg(id, email.trimmed());
    }
    if (kind == u"opportunity") {
        const QString name = text(record, QStringLiteral("name"));
        return name.isEmpty() ? tr("Marketo opportunity %1").arg(id)
                              : tr("Marketo opportunity %1 '%2'").arg(id, name);
    }
    if (kind == u"role")
        return tr("Marketo opportunity role %1").arg(id);
    const QString email = text(record, QStringLiteral("email"));
    return email.isEmpty() ? tr("Marketo lead %1").arg(id)
                           : tr("Marketo lead %1 (%2)").arg(id, email.trimmed());
}

} // namespace msi::checks
