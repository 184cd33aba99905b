#include "sync/RecordMapper.h"

#include "core/SalesforceId.h"

#include <QJsonValue>
#include <QRegularExpression>
#include <QTimeZone>

namespace msi::sync {

namespace {

QJsonValue textOrNull(const QJsonObject &record, QStringView field)
{
    const QJsonValue value = record.value(field);
    if (value.isString())
        return value.toString();
    return QJsonValue(QJsonValue::Null);
}

QJsonValue numberOrNull(const QJsonObject &record, QStringView field)
{
    const QJsonValue value = record.value(field);
    return value.isDouble() ? value : QJsonValue(QJsonValue::Null);
}

bool isNumberLike(const QJsonValue &value)
{
    return value.isDouble() || value.isBool();
}

} // namespace

QString RecordMapper::id18(const QJsonValue &value)
{
    if (!value.isString())
        return {};
    const core::SalesforceId id(value.toString().trimmed());
    return id.isValid() ? id.id18() : QString();
}

QString RecordMapper::recordType(const QJsonObject &record)
{
    return record.value(u"attributes").toObject().value(u"type").toString();
}

QString RecordMapper::displayName(const QJsonObject &record)
{
    const QString type = recordType(record);
    if (type == u"OpportunityContactRole") {
        const QString role = record.value(u"Role").toString();
        return role.isEmpty() ? tr("Opportunity role") : tr("Opportunity role %1").arg(role);
    }
    QString name = record.value(u"Name").toString();
    if (name.isEmpty()) {
        name = QString(record.value(u"FirstName").toString() + u' ' + record.value(u"LastName").toString())
                   .trimmed();
    }
    return name.isEmpty() ? type : type + u' ' + name;
}

QJsonObject RecordMapper::salesPerson(const QJsonObject &user)
{
    QJsonObject payload;
    payload.insert(u"externalSalesPersonId", id18(user.value(u"Id")));
    const QJsonValue email = user.value(u"Email");
    payload.insert(u"email", email.isString() ? QJsonValue(email.toString().trimmed())
                                              : QJsonValue(QJsonValue::Null));
    payload.insert(u"firstName", textOrNull(user, u"FirstName"));
    payload.insert(u"lastName", textOrNull(user, u"LastName"));
    return payload;
}

QJsonObject RecordMapper::company(const QJsonObject &account, const QString &salesPersonId)
{
    QJsonObject payload;
    payload.insert(u"externalCompanyId", id18(account.value(u"Id")));
    payload.insert(u"externalSalesPersonId", salesPersonId);
    payload.insert(u"company", textOrNull(account, u"Name"));
    payload.insert(u"industry", textOrNull(account, u"Industry"));
    payload.insert(u"website", textOrNull(account, u"Website"));
    payload.insert(u"mainPhone", textOrNull(account, u"Phone"));
    payload.insert(u"billingStreet", textOrNull(account, u"BillingStreet"));
    payload.insert(u"billingCity", textOrNull(account, u"BillingCity"));
    payload.insert(u"billingState", textOrNull(account, u"BillingState"));
    payload.insert(u"billingPostalCode", textOrNull(account, u"BillingPostalCode"));
    payload.insert(u"billingCountry", textOrNull(account, u"BillingCountry"));
    payload.insert(u"annualRevenue", numberOrNull(account, u"AnnualRevenue"));
    payload.insert(u"numberOfEmployees", numberOrNull(account, u"NumberOfEmployees"));
    return payload;
}

QJsonObject RecordMapper::lead(const QJsonObject &person, const QString &salesPersonId,
                               const QString &companyId)
{
    QJsonObject payload;
    payload.insert(u"externalPersonId", id18(person.value(u"Id")));
    payload.insert(u"externalSalesPersonId", salesPersonId);
    const QJsonValue email = person.value(u"Email");
    payload.insert(u"email", email.isString() ? QJsonValue(email.toString().trimmed())
                                              : QJsonValue(QJsonValue::Null));
    payload.insert(u"firstName", textOrNull(person, u"FirstName"));
    payload.insert(u"lastName", textOrNull(person, u"LastName"));
    payload.insert(u"title", textOrNull(person, u"Title"));
    payload.insert(u"leadSource", textOrNull(person, u"LeadSource"));
    if (person.contains(u"Phone"))
        payload.insert(u"phone", textOrNull(person, u"Phone"));
    if (!companyId.isEmpty())
        payload.insert(u"externalCompanyId", companyId);
    else if (person.contains(u"Company"))
        payload.insert(u"company", textOrNull(person, u"Company"));
    return payload;
}

QJsonObject RecordMapper::opportunity(const QJsonObject &opportunity, const QString &companyId,
                                      const QString &salesPersonId,
                                      const QSet<QString> &extraFields)
{
    QJsonObject payload;
    payload.insert(u"externalOpportunityId", id18(opportunity.value(u"Id")));
    payload.insert(u"name", textOrNull(opportunity, u"Name"));
    payload.insert(u"externalCompanyId", companyId);
    payload.insert(u"externalSalesPersonId", salesPersonId);
    payload.insert(u"amount", numberOrNull(opportunity, u"Amount"));
    payload.insert(u"stage", textOrNull(opportunity, u"StageName"));
    payload.insert(u"type", textOrNull(opportunity, u"Type"));
    payload.insert(u"source", textOrNull(opportunity, u"LeadSource"));
    const QDateTime created = parseDateTime(opportunity.value(u"CreatedDate").toString());
    payload.insert(u"externalCreatedDate", created.isValid() ? QJsonValue(marketoDateTime(created))
                                                             : QJsonValue(QJsonValue::Null));
    if (extraFields.contains(QStringLiteral("closeDate")))
        payload.insert(u"closeDate", textOrNull(opportunity, u"CloseDate"));
    if (extraFields.contains(QStringLiteral("probability")))
        payload.insert(u"probability", numberOrNull(opportunity, u"Probability"));
    if (extraFields.contains(QStringLiteral("isClosed")) && opportunity.value(u"IsClosed").isBool())
        payload.insert(u"isClosed", opportunity.value(u"IsClosed"));
    if (extraFields.contains(QStringLiteral("isWon")) && opportunity.value(u"IsWon").isBool())
        payload.insert(u"isWon", opportunity.value(u"IsWon"));
    return payload;
}

QJsonObject RecordMapper::role(const QJsonObject &contactRole, qint64 leadId)
{
    QJsonObject payload;
    payload.insert(u"externalOpportunityId", id18(contactRole.value(u"OpportunityId")));
    if (leadId > 0)
        payload.insert(u"leadId", leadId);
    payload.insert(u"role", textOrNull(contactRole, u"Role"));
    payload.insert(u"isPrimary", contactRole.value(u"IsPrimary").toBool(false));
    return payload;
}

QJsonObject RecordMapper::msiUpdate(const QJsonObject &person, const QJsonObject &marketoLead,
                                    const QList<MsiFieldMapping> &fields)
{
    QJsonObject changes;
    const QString type = recordType(person);
    for (const MsiFieldMapping &field : fields) {
        if (!field.appliesTo(type))
            continue; // the mapping names this target on the other object only
        if (!marketoLead.contains(field.marketoField))
            continue; // Marketo did not return it: leave the Salesforce value alone
        const QJsonValue source = marketoLead.value(field.marketoField);
        const QJsonValue current = person.value(field.salesforceField);
        QJsonValue target;
        bool same = false;
        if (source.isNull() || source.isUndefined()) {
            target = QJsonValue(QJsonValue::Null);
            same = current.isNull() || current.isUndefined();
        } else if (field.isDateTime) {
            const QDateTime instant = parseDateTime(source.toString());
            if (!instant.isValid())
                continue; // not a date-time: never write garbage into a datetime field
            target = salesforceDateTime(instant);
            same = parseDateTime(current.toString()) == instant;
        } else if (isNumberLike(source)) {
            target = source.toDouble();
            same = isNumberLike(current) && current.toDouble() == source.toDouble();
        } else {
            target = source;
            same = current == source;
        }
        if (!same)
            changes.insert(field.salesforceField, target);
    }
    if (changes.isEmpty())
        return changes;
    changes.insert(u"attributes", QJsonObject{{QStringLiteral("type"), type}});
    changes.insert(u"id", id18(person.value(u"Id")));
    return changes;
}

QDateTime RecordMapper::parseDateTime(const QString &text)
{
    QString normalized = text.trimmed();
    if (normalized.isEmpty())
        return {};
    // "+0000" -> "+00:00": Qt's ISO parser wants the colon.
    static const QRegularExpression offset(QStringLiteral("([+-])(\\d{2})(\\d{2})$"));
    const QRegularExpressionMatch match = offset.match(normalized);
    if (match.hasMatch() && normalized.size() > 19)
        normalized = normalized.left(match.capturedStart()) + match.captured(1) + match.captured(2)
            + u':' + match.captured(3);
    QDateTime instant = QDateTime::fromString(normalized, Qt::ISODateWithMs);
    if (!instant.isValid() || instant.timeSpec() == Qt::LocalTime)
        return {};
    return instant.toUTC();
}

QString RecordMapper::marketoDateTime(const QDateTime &instant)
{
    return instant.toUTC().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"));
}

QString RecordMapper::salesforceDateTime(const QDateTime &instant)
{
    return instant.toUTC().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"));
}

} // namespace msi::sync
