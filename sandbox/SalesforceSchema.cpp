#include "sandbox/SalesforceSchema.h"

#include <QJsonArray>

namespace msi::sandbox {

namespace {

using Field = SalesforceSchema::Field;

Field f(const char16_t *name, const char16_t *label, const char16_t *type, int length = 0,
        bool updateable = true)
{
    Field x;
    x.name = QString::fromUtf16(name);
    x.label = QString::fromUtf16(label);
    x.type = QString::fromUtf16(type);
    x.length = length;
    x.updateable = updateable;
    x.createable = updateable;
    return x;
}

Field idField() { Field x = f(u"Id", u"Record ID", u"id", 18, false); x.nillable = false; return x; }
Field ref(const char16_t *name, const char16_t *label, QStringList to, const char16_t *rel, bool updateable = true)
{
    Field x = f(name, label, u"reference", 18, updateable);
    x.referenceTo = std::move(to);
    x.relationshipName = QString::fromUtf16(rel);
    return x;
}
Field readOnly(Field x) { x.updateable = false; x.createable = false; return x; }
Field notNull(Field x) { x.nillable = false; return x; }
Field number(const char16_t *name, const char16_t *label, const char16_t *type, int precision, int scale)
{
    Field x = f(name, label, type);
    x.precision = precision;
    x.scale = scale;
    return x;
}
Field pick(const char16_t *name, const char16_t *label, QStringList values)
{
    Field x = f(name, label, u"picklist", 255);
    x.picklist = std::move(values);
    return x;
}
Field boolean(const char16_t *name, const char16_t *label, bool updateable = true)
{
    Field x = f(name, label, u"boolean", 0, updateable);
    x.nillable = false;
    return x;
}

QList<Field> systemFields(bool withDeleted)
{
    QList<Field> list{readOnly(notNull(f(u"CreatedDate", u"Created Date", u"datetime"))),
                      readOnly(notNull(f(u"LastModifiedDate", u"Last Modified Date", u"datetime"))),
                      readOnly(notNull(f(u"SystemModstamp", u"System Modstamp", u"datetime")))};
    if (withDeleted)
        list.append(readOnly(boolean(u"IsDeleted", u"Deleted", false)));
    return list;
}

// The Marketo Sales Insight managed package (namespace mkto_si) on Lead and Contact.
QList<Field> msiFields()
{
    auto custom = [](Field x) { x.custom = true; return x; };
    auto formula = [](const char16_t *name, const char16_t *label) {
        Field x = f(name, label, u"string", 1300, false);
        x.custom = true;
        x.calculated = true;
        return x;
    };
    return {
        custom(number(u"mkto_si__Priority__c", u"Engagement", u"double", 18, 0)),
        custom(number(u"mkto_si__Urgency_Value__c", u"Urgency Value", u"double", 4, 0)),
        custom(number(u"mkto_si__Relative_Score_Value__c", u"Relative Score Value", u"double", 4, 0)),
        custom(f(u"mkto_si__Last_Interesting_Moment_Type__c", u"Last Interesting Moment Type", u"string", 100)),
        custom(f(u"mkto_si__Last_Interesting_Moment_Source__c", u"Last Interesting Moment Source", u"string", 100)),
        custom(f(u"mkto_si__Last_Interesting_Moment_Desc__c", u"Last Interesting Moment Desc", u"textarea", 255)),
        custom(f(u"mkto_si__Last_Interesting_Moment_Date__c", u"Last Interesting Moment Date", u"datetime")),
        custom(f(u"mkto_si__HideDate__c", u"Hide Date", u"date")),
        formula(u"mkto_si__Urgency__c", u"Urgency"),
        formula(u"mkto_si__Relative_Score__c", u"Relative Score"),
        formula(u"mkto_si__Last_Interesting_Moment__c", u"Last Interesting Moment"),
        formula(u"mkto_si__Sales_Insight__c", u"Sales Insight"),
        formula(u"mkto_si__View_in_Marketo__c", u"View in Marketo"),
        formula(u"mkto_si__Add_to_Marketo_Campaign__c", u"Add to Marketo Campaign"),
    };
}

QStringList leadSources()
{
    return {u"Web"_qs, u"Phone Inquiry"_qs, u"Partner Referral"_qs, u"Purchased List"_qs, u"Other"_qs,
            u"Word of mouth"_qs, u"External Referral"_qs, u"Public Relations"_qs, u"Trade Show"_qs,
            u"Employee Referral"_qs, u"Advertisement"_qs, u"Website"_qs, u"Seminar - Internal"_qs};
}

} // namespace

SalesforceSchema::SalesforceSchema(bool msiFieldsVisible) : m_msiVisible(msiFieldsVisible)
{
    const QStringList users{u"User"_qs};
    const QStringList owners{u"User"_qs, u"Group"_qs};

    Object user{u"User"_qs, u"User"_qs, u"Users"_qs, u"005"_qs};
    user.hasIsDeleted = false;
    user.fields = {idField(), notNull(f(u"Username", u"Username", u"string", 80)),
                   f(u"FirstName", u"First Name", u"string", 40), notNull(f(u"LastName", u"Last Name", u"string", 80)),
                   readOnly(f(u"Name", u"Full Name", u"string", 121)), notNull(f(u"Email", u"Email", u"email", 128)),
                   boolean(u"IsActive", u"Active"), f(u"Title", u"Title", u"string", 80)};
    user.fields += systemFields(false);
    add(user);

    Object account{u"Account"_qs, u"Account"_qs, u"Accounts"_qs, u"001"_qs};
    account.fields = {idField(), notNull(f(u"Name", u"Account Name", u"string", 255)),
                      pick(u"Industry", u"Industry", {u"Agriculture"_qs, u"Apparel"_qs, u"Banking"_qs, u"Biotechnology"_qs,
                                                       u"Construction"_qs, u"Consulting"_qs, u"Education"_qs,
                                                       u"Electronics"_qs, u"Energy"_qs, u"Hospitality"_qs,
                                                       u"Manufacturing"_qs, u"Technology"_qs, u"Transportation"_qs}),
                      pick(u"Type", u"Account Type", {u"Prospect"_qs, u"Customer - Direct"_qs, u"Customer - Channel"_qs,
                                                       u"Channel Partner / Reseller"_qs, u"Installation Partner"_qs,
                                                       u"Technology Partner"_qs, u"Other"_qs}),
                      number(u"AnnualRevenue", u"Annual Revenue", u"currency", 18, 0),
                      number(u"NumberOfEmployees", u"Employees", u"int", 8, 0),
                      f(u"BillingStreet", u"Billing Street", u"textarea", 255),
                      f(u"BillingCity", u"Billing City", u"string", 40),
                      f(u"BillingState", u"Billing State/Province", u"string", 80),
                      f(u"BillingPostalCode", u"Billing Zip/Postal Code", u"string", 20),
                      f(u"BillingCountry", u"Billing Country", u"string", 80),
                      f(u"Phone", u"Account Phone", u"phone", 40), f(u"Website", u"Website", u"url", 255),
                      notNull(ref(u"OwnerId", u"Owner ID", users, u"Owner"))};
    account.fields += systemFields(true);
    add(account);

    Object contact{u"Contact"_qs, u"Contact"_qs, u"Contacts"_qs, u"003"_qs};
    contact.fields = {idField(), f(u"FirstName", u"First Name", u"string", 40),
                      notNull(f(u"LastName", u"Last Name", u"string", 80)), readOnly(f(u"Name", u"Full Name", u"string", 121)),
                      f(u"Email", u"Email", u"email", 80), f(u"Title", u"Title", u"string", 128),
                      f(u"Phone", u"Business Phone", u"phone", 40),
                      ref(u"AccountId", u"Account ID", {u"Account"_qs}, u"Account"),
                      notNull(ref(u"OwnerId", u"Owner ID", users, u"Owner")),
                      pick(u"LeadSource", u"Lead Source", leadSources())};
    contact.fields += systemFields(true);
    contact.fields += msiFields();
    add(contact);

    Object lead{u"Lead"_qs, u"Lead"_qs, u"Leads"_qs, u"00Q"_qs};
    lead.fields = {idField(), f(u"FirstName", u"First Name", u"string", 40),
                   notNull(f(u"LastName", u"Last Name", u"string", 80)), readOnly(f(u"Name", u"Full Name", u"string", 121)),
                   f(u"Email", u"Email", u"email", 80), notNull(f(u"Company", u"Company", u"string", 255)),
                   f(u"Title", u"Title", u"string", 128),
                   notNull(pick(u"Status", u"Lead Status", {u"Open - Not Contacted"_qs, u"Working - Contacted"_qs,
                                                             u"Closed - Converted"_qs, u"Closed - Not Converted"_qs})),
                   pick(u"LeadSource", u"Lead Source", leadSources()),
                   notNull(ref(u"OwnerId", u"Owner ID", owners, u"Owner")),
                   readOnly(boolean(u"IsConverted", u"Converted", false))};
    lead.fields += systemFields(true);
    lead.fields += msiFields();
    add(lead);

    Object opp{u"Opportunity"_qs, u"Opportunity"_qs, u"Opportunities"_qs, u"006"_qs};
    opp.fields = {idField(), notNull(f(u"Name", u"Name", u"string", 120)),
                  ref(u"AccountId", u"Account ID", {u"Account"_qs}, u"Account"),
                  notNull(ref(u"OwnerId", u"Owner ID", users, u"Owner")),
                  notNull(pick(u"StageName", u"Stage", {u"Prospecting"_qs, u"Qualification"_qs, u"Needs Analysis"_qs,
                                                        u"Value Proposition"_qs, u"Id. Decision Makers"_qs,
                                                        u"Perception Analysis"_qs, u"Proposal/Price Quote"_qs,
                                                        u"Negotiation/Review"_qs, u"Closed Won"_qs, u"Closed Lost"_qs})),
                  number(u"Amount", u"Amount", u"currency", 18, 2), notNull(f(u"CloseDate", u"Close Date", u"date")),
                  number(u"Probability", u"Probability (%)", u"percent", 3, 0),
                  pick(u"Type", u"Opportunity Type", {u"Existing Customer - Upgrade"_qs,
                                                      u"Existing Customer - Replacement"_qs,
                                                      u"Existing Customer - Downgrade"_qs, u"New Customer"_qs}),
                  pick(u"LeadSource", u"Lead Source", leadSources()),
                  readOnly(boolean(u"IsClosed", u"Closed", false)), readOnly(boolean(u"IsWon", u"Won", false))};
    opp.fields += systemFields(true);
    add(opp);

    Object ocr{u"OpportunityContactRole"_qs, u"Opportunity Contact Role"_qs, u"Opportunity Contact Role"_qs, u"00K"_qs};
    ocr.fields = {idField(), notNull(ref(u"OpportunityId", u"Opportunity ID", {u"Opportunity"_qs}, u"Opportunity", false)),
                  notNull(ref(u"ContactId", u"Contact ID", {u"Contact"_qs}, u"Contact")),
                  pick(u"Role", u"Role", {u"Business User"_qs, u"Decision Maker"_qs, u"Economic Buyer"_qs,
                                          u"Economic Decision Maker"_qs, u"Evaluator"_qs, u"Executive Sponsor"_qs,
                                          u"Influencer"_qs, u"Technical Buyer"_qs, u"Other"_qs}),
                  boolean(u"IsPrimary", u"Primary")};
    ocr.fields += systemFields(true);
    add(ocr);

    Object org{u"Organization"_qs, u"Organization"_qs, u"Organizations"_qs, u"00D"_qs};
    org.updateable = false;
    org.hasIsDeleted = false;
    org.fields = {idField(), readOnly(f(u"Name", u"Name", u"string", 80)),
                  readOnly(f(u"OrganizationType", u"Edition", u"string", 40)),
                  readOnly(boolean(u"IsSandbox", u"Is Sandbox", false)),
                  readOnly(f(u"InstanceName", u"Instance Name", u"string", 5)),
                  readOnly(notNull(f(u"CreatedDate", u"Created Date", u"datetime")))};
    add(org);
}

void SalesforceSchema::add(Object object)
{
    QList<Field> visible;
    for (const Field &field : std::as_const(object.fields)) {
        if (field.isMsi() && !m_msiVisible)
            continue;
        visible.append(field);
    }
    object.fields = visible;
    for (int i = 0; i < object.fields.size(); ++i) {
        object.byLowerName.insert(object.fields.at(i).name.toLower(), i);
        if (!object.fields.at(i).relationshipName.isEmpty())
            object.relationshipByLowerName.insert(object.fields.at(i).relationshipName.toLower(), i);
    }
    m_order.append(object.name);
    m_objects.insert(object.name.toLower(), object);
}

const SalesforceSchema::Object *SalesforceSchema::object(const QString &name) const
{
    const auto it = m_objects.constFind(name.toLower());
    return it == m_objects.constEnd() ? nullptr : &it.value();
}

const SalesforceSchema::Field *SalesforceSchema::field(const QString &objectName, const QString &fieldName) const
{
    const Object *o = object(objectName);
    if (!o)
        return nullptr;
    const int i = o->byLowerName.value(fieldName.toLower(), -1);
    return i < 0 ? nullptr : &o->fields.at(i);
}

QString SalesforceSchema::objectForKeyPrefix(QStringView prefix) const
{
    for (const Object &o : m_objects) {
        if (o.keyPrefix == prefix)
            return o.name;
    }
    return {};
}

QJsonObject SalesforceSchema::describeField(const Field &field)
{
    QJsonArray picklist;
    for (const QString &value : field.picklist)
        picklist.append(QJsonObject{{u"value"_qs, value}, {u"label"_qs, value}, {u"active"_qs, true},
                                    {u"defaultValue"_qs, false}, {u"validFor"_qs, QJsonValue()}});
    QJsonArray referenceTo;
    for (const QString &target : field.referenceTo)
        referenceTo.append(target);
    const bool isText = field.type == u"string" || field.type == u"textarea" || field.type == u"email"
        || field.type == u"phone" || field.type == u"url" || field.type == u"picklist" || field.type == u"id"
        || field.type == u"reference";
    QString soapType = u"xsd:string"_qs;
    if (field.type == u"id" || field.type == u"reference")
        soapType = u"tns:ID"_qs;
    else if (field.type == u"double" || field.type == u"currency" || field.type == u"percent")
        soapType = u"xsd:double"_qs;
    else if (field.type == u"int")
        soapType = u"xsd:int"_qs;
    else if (field.type == u"boolean")
        soapType = u"xsd:boolean"_qs;
    else if (field.type == u"datetime")
        soapType = u"xsd:dateTime"_qs;
    else if (field.type == u"date")
        soapType = u"xsd:date"_qs;
    return QJsonObject{
        {u"name"_qs, field.name},
        {u"label"_qs, field.label},
        {u"type"_qs, field.type},
        {u"soapType"_qs, soapType},
        {u"length"_qs, isText ? field.length : 0},
        {u"byteLength"_qs, isText ? field.length * 3 : 0},
        {u"precision"_qs, field.precision},
        {u"scale"_qs, field.scale},
        {u"digits"_qs, field.type == u"int" ? field.precision : 0},
        {u"updateable"_qs, field.updateable},
        {u"createable"_qs, field.createable},
        {u"nillable"_qs, field.nillable},
        {u"custom"_qs, field.custom},
        {u"calculated"_qs, field.calculated},
        {u"htmlFormatted"_qs, field.calculated},
        {u"externalId"_qs, false},
        {u"unique"_qs, false},
        {u"filterable"_qs, field.type != u"textarea"},
        {u"sortable"_qs, field.type != u"textarea"},
        {u"idLookup"_qs, field.type == u"id" || field.name == u"Email" || field.name == u"Username"},
        {u"defaultedOnCreate"_qs, field.type == u"boolean" || field.name == u"OwnerId"},
        {u"referenceTo"_qs, referenceTo},
        {u"relationshipName"_qs, field.relationshipName.isEmpty() ? QJsonValue() : QJsonValue(field.relationshipName)},
        {u"picklistValues"_qs, picklist},
        {u"defaultValue"_qs, field.type == u"boolean" ? QJsonValue(false) : QJsonValue()},
    };
}

QJsonObject SalesforceSchema::describeGlobalEntry(const Object &object, const QString &version) const
{
    const QString base = u"/services/data/"_qs + version + u"/sobjects/"_qs + object.name;
    return QJsonObject{
        {u"name"_qs, object.name}, {u"label"_qs, object.label}, {u"labelPlural"_qs, object.labelPlural},
        {u"keyPrefix"_qs, object.keyPrefix}, {u"custom"_qs, false}, {u"createable"_qs, object.updateable},
        {u"updateable"_qs, object.updateable}, {u"deletable"_qs, object.updateable}, {u"queryable"_qs, true},
        {u"retrieveable"_qs, true}, {u"searchable"_qs, true}, {u"layoutable"_qs, true},
        {u"urls"_qs, QJsonObject{{u"sobject"_qs, base}, {u"describe"_qs, QString(base + u"/describe"_qs)},
                                 {u"rowTemplate"_qs, QString(base + u"/{ID}"_qs)}}},
    };
}

QJsonObject SalesforceSchema::describe(const Object &object, const QString &version) const
{
    QJsonObject result = describeGlobalEntry(object, version);
    QJsonArray fields;
    for (const Field &field : object.fields)
        fields.append(describeField(field));
    result.insert(u"fields"_qs, fields);
    QJsonArray children;
    if (object.name == u"Account") {
        children.append(QJsonObject{{u"childSObject"_qs, u"Contact"_qs}, {u"field"_qs, u"AccountId"_qs},
                                    {u"relationshipName"_qs, u"Contacts"_qs}, {u"cascadeDelete"_qs, false}});
        children.append(QJsonObject{{u"childSObject"_qs, u"Opportunity"_qs}, {u"field"_qs, u"AccountId"_qs},
                                    {u"relationshipName"_qs, u"Opportunities"_qs}, {u"cascadeDelete"_qs, false}});
    } else if (object.name == u"Opportunity") {
        children.append(QJsonObject{{u"childSObject"_qs, u"OpportunityContactRole"_qs},
                                    {u"field"_qs, u"OpportunityId"_qs},
                                    {u"relationshipName"_qs, u"OpportunityContactRoles"_qs},
                                    {u"cascadeDelete"_qs, true}});
    }
    result.insert(u"childRelationships"_qs, children);
    result.insert(u"recordTypeInfos"_qs, QJsonArray{QJsonObject{
        {u"name"_qs, u"Master"_qs}, {u"developerName"_qs, u"Master"_qs}, {u"recordTypeId"_qs, u"012000000000000AAA"_qs},
        {u"available"_qs, true}, {u"defaultRecordTypeMapping"_qs, true}, {u"master"_qs, true}}});
    return result;
}

} // namespace msi::sandbox
