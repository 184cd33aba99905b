#include "tables/RecordKinds.h"

#include "core/SalesforceId.h"

namespace msi::tables {

QList<RecordKind> RecordKinds::all()
{
    return {RecordKind::SalesPersons, RecordKind::Companies, RecordKind::People,
            RecordKind::Opportunities, RecordKind::OpportunityRoles};
}

QString RecordKinds::title(RecordKind kind)
{
    return tr("%1 ⇄ %2").arg(salesforceTitle(kind), marketoTitle(kind));
}

QString RecordKinds::salesforceTitle(RecordKind kind)
{
    switch (kind) {
    case RecordKind::SalesPersons: return tr("Users");
    case RecordKind::Companies: return tr("Accounts");
    case RecordKind::People: return tr("Leads and Contacts");
    case RecordKind::Opportunities: return tr("Opportunities");
    case RecordKind::OpportunityRoles: return tr("Contact roles");
    }
    return {};
}

QString RecordKinds::marketoTitle(RecordKind kind)
{
    switch (kind) {
    case RecordKind::SalesPersons: return tr("Sales persons");
    case RecordKind::Companies: return tr("Companies");
    case RecordKind::People: return tr("Leads");
    case RecordKind::Opportunities: return tr("Opportunities");
    case RecordKind::OpportunityRoles: return tr("Opportunity roles");
    }
    return {};
}

QStringList RecordKinds::salesforceObjectTypes(RecordKind kind)
{
    switch (kind) {
    case RecordKind::SalesPersons: return {QStringLiteral("User")};
    case RecordKind::Companies: return {QStringLiteral("Account")};
    case RecordKind::People: return {QStringLiteral("Contact"), QStringLiteral("Lead")};
    case RecordKind::Opportunities: return {QStringLiteral("Opportunity")};
    case RecordKind::OpportunityRoles: return {QStringLiteral("OpportunityContactRole")};
    }
    return {};
}

QString RecordKinds::marketoObjectType(RecordKind kind)
{
    switch (kind) {
    case RecordKind::SalesPersons: return QStringLiteral("salespersons");
    case RecordKind::Companies: return QStringLiteral("companies");
    case RecordKind::People: return QStringLiteral("leads");
    case RecordKind::Opportunities: return QStringLiteral("opportunities");
    case RecordKind::OpportunityRoles: return QStringLiteral("opportunityRoles");
    }
    return {};
}

QString RecordKinds::marketoLinkField(RecordKind kind)
{
    switch (kind) {
    case RecordKind::SalesPersons: return QStringLiteral("externalSalesPersonId");
    case RecordKind::Companies: return QStringLiteral("externalCompanyId");
    case RecordKind::People: return QStringLiteral("externalPersonId");
    case RecordKind::Opportunities:
    case RecordKind::OpportunityRoles: return QStringLiteral("externalOpportunityId");
    }
    return {};
}

QStringList RecordKinds::defaultFields(store::System system, const QString &objectType)
{
    auto list = [](std::initializer_list<const char16_t *> names) {
        QStringList out;
        for (const char16_t *n : names)
            out << QString::fromUtf16(n);
        return out;
    };
    if (system == store::System::Salesforce) {
        if (objectType == u"User")
            return list({u"Id", u"FirstName", u"LastName", u"Email", u"Title", u"IsActive"});
        if (objectType == u"Account")
            return list({u"Id", u"Name", u"Industry", u"OwnerId", u"BillingCity", u"BillingCountry"});
        if (objectType == u"Contact")
            return list({u"Id", u"FirstName", u"LastName", u"Email", u"AccountId", u"OwnerId"});
        if (objectType == u"Lead")
            return list({u"Id", u"FirstName", u"LastName", u"Email", u"Company", u"OwnerId"});
        if (objectType == u"Opportunity")
            return list({u"Id", u"Name", u"AccountId", u"StageName", u"Amount", u"OwnerId"});
        if (objectType == u"OpportunityContactRole")
            return list({u"Id", u"OpportunityId", u"ContactId", u"Role", u"IsPrimary"});
        return {};
    }
    if (objectType == u"salespersons")
        return list({u"id", u"email", u"firstName", u"lastName", u"externalSalesPersonId"});
    if (objectType == u"companies")
        return list({u"id", u"company", u"externalCompanyId", u"externalSalesPersonId", u"industry"});
    if (objectType == u"leads")
        return list({u"id", u"email", u"firstName", u"lastName", u"externalPersonId",
                     u"externalCompanyId", u"externalSalesPersonId"});
    if (objectType == u"opportunities")
        return list({u"marketoGUID", u"name", u"externalOpportunityId", u"externalCompanyId",
                     u"stage", u"amount"});
    if (objectType == u"opportunityRoles")
        return list({u"marketoGUID", u"externalOpportunityId", u"leadId", u"role", u"isPrimary"});
    return {};
}

QString RecordKinds::recordLabel(store::System system, const QString &objectType)
{
    if (system == store::System::Salesforce)
        return objectType == u"OpportunityContactRole" ? tr("contact role") : objectType;
    if (objectType == u"salespersons")
        return tr("sales person");
    if (objectType == u"companies")
        return tr("company");
    if (objectType == u"leads")
        return tr("lead");
    if (objectType == u"opportunities")
        return tr("opportunity");
    if (objectType == u"opportunityRoles")
        return tr("opportunity role");
    return objectType;
}

bool RecordKinds::resolveReference(const QString &reference, store::System *system,
                                   QString *objectType, QString *recordKey)
{
    const qsizetype colon = reference.indexOf(u':');
    if (colon > 0) {
        static const QHash<QString, QString> types{
            {QStringLiteral("salesperson"), QStringLiteral("salespersons")},
            {QStringLiteral("company"), QStringLiteral("companies")},
            {QStringLiteral("lead"), QStringLiteral("leads")},
            {QStringLiteral("opportunity"), QStringLiteral("opportunities")},
            {QStringLiteral("role"), QStringLiteral("opportunityRoles")},
        };
        const QString type = types.value(reference.left(colon));
        const QString key = reference.mid(colon + 1);
        if (type.isEmpty() || key.isEmpty() || key == u"?")
            return false;
        *system = store::System::Marketo;
        *objectType = type;
        *recordKey = key;
        return true;
    }
    const core::SalesforceId id(reference.trimmed());
    if (!id.isValid() || id.objectType().isEmpty())
        return false;
    *system = store::System::Salesforce;
    *objectType = id.objectType();
    *recordKey = id.id18();
    return true;
}

QString RecordKinds::referenceLabel(const QString &reference)
{
    store::System system;
    QString type, key;
    if (!resolveReference(reference, &system, &type, &key))
        return reference;
    if (system == store::System::Marketo)
        return tr("Marketo %1 %2").arg(recordLabel(system, type), key);
    return tr("%1 %2").arg(recordLabel(system, type), reference);
}

bool RecordKinds::kindOf(store::System system, const QString &objectType, RecordKind *kind)
{
    for (RecordKind k : all()) {
        const bool match = system == store::System::Salesforce
                               ? salesforceObjectTypes(k).contains(objectType)
                               : marketoObjectType(k) == objectType;
        if (match) {
            *kind = k;
            return true;
        }
    }
    return false;
}

} // namespace msi::tables
