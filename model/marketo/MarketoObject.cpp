#include "marketo/MarketoObject.h"

#include <QCoreApplication>
#include <QJsonValue>

namespace msi::marketo {

namespace {
QString valueText(const QJsonObject &record, const QString &key)
{
    const QJsonValue v = record.value(key);
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toInteger());
    return QString();
}

QString joinNonEmpty(const QStringList &parts)
{
    QStringList kept;
    for (const QString &p : parts)
        if (!p.isEmpty())
            kept << p;
    return kept.join(QStringLiteral(" / "));
}
} // namespace

QString restPath(MarketoObject object)
{
    switch (object) {
    case MarketoObject::SalesPerson: return QStringLiteral("salespersons");
    case MarketoObject::Company: return QStringLiteral("companies");
    case MarketoObject::Lead: return QStringLiteral("leads");
    case MarketoObject::Opportunity: return QStringLiteral("opportunities");
    case MarketoObject::OpportunityRole: return QStringLiteral("opportunities/roles");
    }
    return QString();
}

QString displayName(MarketoObject object)
{
    switch (object) {
    case MarketoObject::SalesPerson:
        return QCoreApplication::translate("msi::marketo", "sales person");
    case MarketoObject::Company: return QCoreApplication::translate("msi::marketo", "company");
    case MarketoObject::Lead: return QCoreApplication::translate("msi::marketo", "lead");
    case MarketoObject::Opportunity:
        return QCoreApplication::translate("msi::marketo", "opportunity");
    case MarketoObject::OpportunityRole:
        return QCoreApplication::translate("msi::marketo", "opportunity role");
    }
    return QString();
}

QString recordLabel(MarketoObject object, const QJsonObject &r)
{
    QString label;
    switch (object) {
    case MarketoObject::SalesPerson:
        label = joinNonEmpty({valueText(r, QStringLiteral("externalSalesPersonId")),
                              valueText(r, QStringLiteral("email"))});
        break;
    case MarketoObject::Company:
        label = joinNonEmpty({valueText(r, QStringLiteral("externalCompanyId")),
                              valueText(r, QStringLiteral("company"))});
        break;
    case MarketoObject::Lead:
        label = joinNonEmpty({valueText(r, QStringLiteral("email")),
                              valueText(r, QStringLiteral("externalPersonId"))});
        break;
    case MarketoObject::Opportunity:
        label = joinNonEmpty({valueText(r, QStringLiteral("externalOpportunityId")),
                              valueText(r, QStringLiteral("name"))});
        break;
    case MarketoObject::OpportunityRole:
        label = joinNonEmpty({valueText(r, QStringLiteral("externalOpportunityId")),
                              valueText(r, QStringLiteral("leadId")),
                              valueText(r, QStringLiteral("role"))});
        break;
    }
    if (label.isEmpty())
        label = valueText(r, QStringLiteral("id"));
    if (label.isEmpty())
        label = valueText(r, QStringLiteral("marketoGUID"));
    return label;
}

} // namespace msi::marketo
