#include "sandbox/MarketoSchema.h"

#include <QJsonArray>

namespace msi::sandbox {

namespace {

using Field = MarketoSchema::Field;

Field f(const char16_t *name, const char16_t *display, const char16_t *type, int length = 0, bool updateable = true)
{
    return Field{QString::fromUtf16(name), QString::fromUtf16(display), QString::fromUtf16(type), length, updateable};
}
Field ro(Field x) { x.updateable = false; return x; }
Field crm(Field x) { x.updateable = false; x.crmManaged = true; return x; }

QList<Field> companyBlock()
{
    return {f(u"company", u"Company Name", u"string", 255), f(u"site", u"Site", u"string", 255),
            f(u"website", u"Website", u"url", 255), f(u"mainPhone", u"Main Phone", u"phone", 255),
            f(u"industry", u"Industry", u"string", 255), f(u"annualRevenue", u"Annual Revenue", u"currency"),
            f(u"numberOfEmployees", u"Num Employees", u"integer"), f(u"sicCode", u"SIC Code", u"string", 40),
            f(u"billingStreet", u"Billing Address", u"text", 65535), f(u"billingCity", u"Billing City", u"string", 255),
            f(u"billingState", u"Billing State", u"string", 255),
            f(u"billingPostalCode", u"Billing Postal Code", u"string", 255),
            f(u"billingCountry", u"Billing Country", u"string", 255)};
}

QJsonArray toArray(const QStringList &list) { return QJsonArray::fromStringList(list); }

} // namespace

QStringList MarketoSchema::companyFields()
{
    QStringList names;
    for (const Field &x : companyBlock())
        names.append(x.name);
    return names;
}

MarketoSchema::MarketoSchema(bool msiNonNative) : m_nonNative(msiNonNative)
{
    QList<Field> leads{ro(f(u"id", u"Id", u"integer")), f(u"email", u"Email Address", u"email", 255),
                       f(u"firstName", u"First Name", u"string", 255), f(u"lastName", u"Last Name", u"string", 255),
                       f(u"title", u"Job Title", u"string", 255), f(u"phone", u"Phone Number", u"phone", 255),
                       f(u"mobilePhone", u"Mobile Phone Number", u"phone", 255),
                       f(u"leadSource", u"Lead Source", u"string", 255), f(u"leadStatus", u"Lead Status", u"string", 255),
                       f(u"unsubscribed", u"Unsubscribed", u"boolean"),
                       f(u"leadPartitionId", u"Lead Partition Id", u"integer")};
    leads += companyBlock();
    leads += {crm(f(u"sfdcLeadId", u"SFDC Lead ID", u"string", 18)), crm(f(u"sfdcContactId", u"SFDC Contact ID", u"string", 18)),
              crm(f(u"sfdcAccountId", u"SFDC Account ID", u"string", 18)),
              ro(f(u"createdAt", u"Created At", u"datetime")), ro(f(u"updatedAt", u"Updated At", u"datetime"))};
    if (msiNonNative) {
        // Fields of the "MSI Non-Native" feature (Adobe's non-native MSI page). The score names
        // follow that page (priority, relativeUrgency, relativeScoring); some instances call them
        // relativeScore/urgency - clients must read the describe.
        leads += {f(u"externalPersonId", u"External Person Id", u"string", 255),
                  f(u"externalSalesPersonId", u"External Sales Person Id", u"string", 255),
                  f(u"externalCompanyId", u"External Company Id", u"string", 255),
                  ro(f(u"msiLastInterestingMomentType", u"Last Interesting Moment Type", u"string", 255)),
                  ro(f(u"msiLastInterestingMomentDate", u"Last Interesting Moment Date", u"datetime")),
                  ro(f(u"msiLastInterestingMomentDesc", u"Last Interesting Moment Desc", u"string", 255)),
                  ro(f(u"msiLastInterestingMomentSource", u"Last Interesting Moment Source", u"string", 255)),
                  ro(f(u"priority", u"Priority", u"integer")),
                  ro(f(u"relativeUrgency", u"Relative Urgency", u"integer")),
                  ro(f(u"relativeScoring", u"Relative Scoring", u"integer"))};
    }
    for (int i = 0; i < leads.size(); ++i)
        leads[i].id = 1 + i;
    m_fields[int(Entity::Leads)] = leads;

    QList<Field> companies{ro(f(u"id", u"Id", u"integer")),
                           ro(f(u"externalCompanyId", u"External Company Id", u"string", 100)),
                           f(u"externalSalesPersonId", u"External Sales Person Id", u"string", 255)};
    companies += companyBlock();
    companies += {ro(f(u"createdAt", u"Created At", u"datetime")), ro(f(u"updatedAt", u"Updated At", u"datetime"))};
    m_fields[int(Entity::Companies)] = companies;

    m_fields[int(Entity::SalesPersons)] = {
        ro(f(u"id", u"Id", u"integer")), ro(f(u"externalSalesPersonId", u"External Sales Person Id", u"string", 255)),
        f(u"email", u"Email", u"email", 255), f(u"firstName", u"First Name", u"string", 255),
        f(u"lastName", u"Last Name", u"string", 255), f(u"phone", u"Phone", u"phone", 255),
        f(u"title", u"Title", u"string", 255), f(u"mobilePhone", u"Mobile Phone", u"phone", 255),
        f(u"fax", u"Fax", u"phone", 255), ro(f(u"createdAt", u"Created At", u"datetime")),
        ro(f(u"updatedAt", u"Updated At", u"datetime"))};

    // UNVERIFIED in the reference (marketo-api.md §6): closeDate, isClosed, isWon, probability,
    // expectedRevenue, fiscal*, leadSource, nextStep, lastActivityDate have no confirmed REST names;
    // the sandbox offers them under these names in the describe, which is what clients must read.
    m_fields[int(Entity::Opportunities)] = {
        ro(f(u"marketoGUID", u"Marketo GUID", u"string", 36)),
        ro(f(u"externalOpportunityId", u"External Opportunity Id", u"string", 50)),
        f(u"externalCompanyId", u"External Company Id", u"string", 100),
        f(u"externalSalesPersonId", u"External Sales Person Id", u"string", 255),
        f(u"name", u"Name", u"string", 255), f(u"description", u"Description", u"string", 2000),
        f(u"type", u"Type", u"string", 255), f(u"stage", u"Stage", u"string", 255),
        f(u"amount", u"Amount", u"currency"), f(u"source", u"Source", u"string", 255),
        f(u"externalCreatedDate", u"External Created Date", u"datetime"),
        f(u"closeDate", u"Close Date", u"date"), f(u"isClosed", u"Is Closed", u"boolean"),
        f(u"isWon", u"Is Won", u"boolean"), f(u"probability", u"Probability", u"integer"),
        f(u"expectedRevenue", u"Expected Revenue", u"currency"), f(u"fiscalQuarter", u"Fiscal Quarter", u"integer"),
        f(u"fiscalYear", u"Fiscal Year", u"integer"), f(u"leadSource", u"Lead Source", u"string", 255),
        f(u"nextStep", u"Next Step", u"string", 255), f(u"lastActivityDate", u"Last Activity Date", u"date"),
        ro(f(u"createdAt", u"Created At", u"datetime")), ro(f(u"updatedAt", u"Updated At", u"datetime"))};

    m_fields[int(Entity::OpportunityRoles)] = {
        ro(f(u"marketoGUID", u"Marketo GUID", u"string", 36)),
        ro(f(u"externalOpportunityId", u"External Opportunity Id", u"string", 50)),
        ro(f(u"leadId", u"Lead Id", u"integer")), ro(f(u"role", u"Role", u"string", 50)),
        f(u"isPrimary", u"Is Primary", u"boolean"), f(u"externalCreatedDate", u"External Created Date", u"datetime"),
        ro(f(u"createdAt", u"Created At", u"datetime")), ro(f(u"updatedAt", u"Updated At", u"datetime"))};
}

const MarketoSchema::Field *MarketoSchema::field(Entity entity, const QString &name) const
{
    for (const Field &x : m_fields[int(entity)]) {
        if (x.name == name)
            return &x;
    }
    return nullptr;
}

QString MarketoSchema::idField(Entity entity) const
{
    return entity == Entity::Opportunities || entity == Entity::OpportunityRoles ? u"marketoGUID"_qs : u"id"_qs;
}

QStringList MarketoSchema::dedupeFields(Entity entity) const
{
    switch (entity) {
    case Entity::Leads: return {u"email"_qs};
    case Entity::Companies: return {u"externalCompanyId"_qs};
    case Entity::SalesPersons: return {u"externalSalesPersonId"_qs};
    case Entity::Opportunities: return {u"externalOpportunityId"_qs};
    case Entity::OpportunityRoles: return {u"externalOpportunityId"_qs, u"leadId"_qs, u"role"_qs};
    }
    return {};
}

QList<QStringList> MarketoSchema::searchableFields(Entity entity) const
{
    switch (entity) {
    case Entity::Leads: {
        QList<QStringList> list{{u"email"_qs}, {u"id"_qs}, {u"sfdcLeadId"_qs}, {u"sfdcContactId"_qs},
                                {u"sfdcAccountId"_qs}, {u"leadPartitionId"_qs}};
        if (m_nonNative)
            list += QList<QStringList>{{u"externalPersonId"_qs}, {u"externalSalesPersonId"_qs}, {u"externalCompanyId"_qs}};
        return list;
    }
    case Entity::Companies: return {{u"externalCompanyId"_qs}, {u"id"_qs}, {u"company"_qs}};
    case Entity::SalesPersons: return {{u"externalSalesPersonId"_qs}, {u"id"_qs}, {u"email"_qs}};
    case Entity::Opportunities: return {{u"externalOpportunityId"_qs}, {u"marketoGUID"_qs}};
    case Entity::OpportunityRoles:
        return {{u"externalOpportunityId"_qs, u"leadId"_qs, u"role"_qs}, {u"marketoGUID"_qs}, {u"leadId"_qs},
                {u"externalOpportunityId"_qs}};
    }
    return {};
}

bool MarketoSchema::isSearchable(Entity entity, const QString &name) const
{
    const QList<QStringList> list = searchableFields(entity);
    for (const QStringList &group : list) {
        if (group.size() == 1 && group.first() == name)
            return true;
    }
    return false;
}

QStringList MarketoSchema::defaultFields(Entity entity) const
{
    if (entity == Entity::Leads)
        return {u"id"_qs, u"email"_qs, u"updatedAt"_qs, u"createdAt"_qs, u"firstName"_qs, u"lastName"_qs};
    QStringList list{idField(entity)};
    list += dedupeFields(entity);
    list += {u"createdAt"_qs, u"updatedAt"_qs};
    return list;
}

QJsonObject MarketoSchema::describe(Entity entity) const
{
    static const char16_t *names[] = {u"Lead", u"Company", u"SalesPerson", u"Opportunity", u"OpportunityRole"};
    QJsonArray fields;
    for (const Field &x : m_fields[int(entity)]) {
        QJsonObject o{{u"name"_qs, x.name}, {u"displayName"_qs, x.displayName}, {u"dataType"_qs, x.dataType},
                      {u"updateable"_qs, x.updateable}};
        if (x.length > 0)
            o.insert(u"length"_qs, x.length);
        fields.append(o);
    }
    QJsonArray searchable;
    for (const QStringList &group : searchableFields(entity))
        searchable.append(toArray(group));
    return QJsonObject{{u"name"_qs, QString::fromUtf16(names[int(entity)])},
                       {u"description"_qs, QString(QString::fromUtf16(names[int(entity)]) + u" object (MSI Bridge sandbox)"_qs)},
                       {u"createdAt"_qs, u"2016-03-21T18:44:07Z"_qs},
                       {u"updatedAt"_qs, u"2016-03-21T18:44:07Z"_qs},
                       {u"idField"_qs, idField(entity)},
                       {u"dedupeFields"_qs, toArray(dedupeFields(entity))},
                       {u"searchableFields"_qs, searchable},
                       {u"fields"_qs, fields}};
}

QJsonArray MarketoSchema::describeLeads() const
{
    QJsonArray result;
    for (const Field &x : m_fields[int(Entity::Leads)]) {
        QJsonObject o{{u"id"_qs, x.id}, {u"displayName"_qs, x.displayName}, {u"dataType"_qs, x.dataType},
                      {u"rest"_qs, QJsonObject{{u"name"_qs, x.name}, {u"readOnly"_qs, !x.updateable}}},
                      {u"soap"_qs, QJsonObject{{u"name"_qs, QString(x.name.left(1).toUpper() + x.name.mid(1))},
                                               {u"readOnly"_qs, !x.updateable}}}};
        if (x.length > 0)
            o.insert(u"length"_qs, x.length);
        result.append(o);
    }
    return result;
}

QJsonObject MarketoSchema::describeLeads2() const
{
    QJsonArray fields;
    for (const Field &x : m_fields[int(Entity::Leads)]) {
        QJsonObject o{{u"name"_qs, x.name}, {u"displayName"_qs, x.displayName}, {u"dataType"_qs, x.dataType},
                      {u"updateable"_qs, x.updateable}, {u"crmManaged"_qs, x.crmManaged}};
        if (x.length > 0)
            o.insert(u"length"_qs, x.length);
        fields.append(o);
    }
    QJsonArray searchable;
    for (const QStringList &group : searchableFields(Entity::Leads))
        searchable.append(toArray(group));
    return QJsonObject{{u"name"_qs, u"API Lead"_qs}, {u"searchableFields"_qs, searchable}, {u"fields"_qs, fields}};
}

} // namespace msi::sandbox
