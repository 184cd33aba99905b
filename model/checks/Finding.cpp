#include "checks/Finding.h"

#include <QJsonArray>

namespace msi::checks {

QString Finding::severityName(Severity severity)
{
    switch (severity) {
    case Severity::Error: return QStringLiteral("error");
    case Severity::Warning: return QStringLiteral("warning");
    case Severity::Info: return QStringLiteral("info");
    }
    return {};
}

QString Finding::severityLabel(Severity severity)
{
    switch (severity) {
    case Severity::Error: return tr("Error");
    case Severity::Warning: return tr("Warning");
    case Severity::Info: return tr("Info");
    }
    return {};
}

QJsonObject Finding::toJson() const
{
    return QJsonObject{{QStringLiteral("severity"), severityName(severity)},
                       {QStringLiteral("code"), code},
                       {QStringLiteral("records"), QJsonArray::fromStringList(records)},
                       {QStringLiteral("cause"), cause},
                       {QStringLiteral("fix"), fix}};
}

QString marketoRef(const QString &kind, const QJsonObject &record)
{
    const QJsonValue guid = record.value(QStringLiteral("marketoGUID"));
    if (guid.isString() && !guid.toString().isEmpty())
        return kind + u':' + guid.toString();
    const QJsonValue id = record.value(QStringLiteral("id"));
    if (id.isDouble())
        return kind + u':' + QString::number(id.toInteger());
    if (id.isString())
        return kind + u':' + id.toString();
    return kind + u":?"_qs;
}

} // namespace msi::checks
