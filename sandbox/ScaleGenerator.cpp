#include "sandbox/ScaleGenerator.h"

#include "sandbox/MarketoState.h"
#include "sandbox/OrgState.h"

#include "core/SalesforceId.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTimeZone>

namespace msi::sandbox {

namespace {

const char16_t *kFirst[] = {u"Ana", u"Ben", u"Chloé", u"David", u"Elif", u"Femi", u"Grace", u"Hiro", u"Ines",
                            u"Jonas", u"Kara", u"Liam", u"María", u"Nadia", u"Omar", u"Priya", u"Quinn",
                            u"Rosa", u"Sven", u"Tomás", u"Uma", u"Victor", u"Wen", u"Yusuf", u"Zoë"};
const char16_t *kLast[] = {u"Adams", u"Becker", u"Costa", u"D'Souza", u"Eriksen", u"Fischer", u"García",
                           u"Hughes", u"Ivanova", u"Jensen", u"Kowalski", u"Lopez", u"Müller", u"Nguyễn",
                           u"Okafor", u"Patel", u"Quinn", u"Rossi", u"Sato", u"Tanaka", u"Umarov", u"Varga",
                           u"Wright", u"Xu", u"Young"};
const char16_t *kIndustry[] = {u"Energy", u"Manufacturing", u"Hospitality", u"Construction", u"Electronics",
                               u"Biotechnology", u"Education", u"Transportation", u"Banking", u"Technology"};
const char16_t *kStage[] = {u"Prospecting", u"Qualification", u"Needs Analysis", u"Value Proposition",
                            u"Id. Decision Makers", u"Perception Analysis", u"Proposal/Price Quote",
                            u"Negotiation/Review", u"Closed Won", u"Closed Lost"};
const int kProbability[] = {10, 10, 20, 50, 60, 70, 75, 90, 100, 0};
const char16_t *kRole[] = {u"Decision Maker", u"Economic Buyer", u"Technical Buyer", u"Influencer",
                           u"Evaluator", u"Business User", u"Executive Sponsor"};
const char16_t *kLeadStatus[] = {u"Open - Not Contacted", u"Working - Contacted", u"Closed - Not Converted"};
const char16_t *kSource[] = {u"Web", u"Phone Inquiry", u"Partner Referral", u"Purchased List", u"Trade Show",
                             u"Word of mouth"};

template<size_t N>
QString pick(const char16_t *(&list)[N], QRandomGenerator &rng)
{
    return QString::fromUtf16(list[rng.bounded(int(N))]);
}

QString makeId(const char *prefix, int serial)
{
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QString tail(9, u'0');
    int n = serial;
    for (int i = 8; i >= 0 && n > 0; --i) {
        tail[i] = QLatin1Char(alphabet[n % 62]);
        n /= 62;
    }
    const QString id15 = QLatin1String(prefix) + u"8G0"_qs + tail;
    return id15 + core::SalesforceId::checksumSuffix(id15);
}

QString sfTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz"))
        + u"+0000";
}

QString mkTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + u'Z';
}

QJsonObject attributes(const QString &type, const QString &id)
{
    return QJsonObject{{u"type"_qs, type}, {u"url"_qs, QString(u"/services/data/v62.0/sobjects/"_qs + type + u'/' + id)}};
}

QString asciiFold(const QString &s)
{
    QString d = s.normalized(QString::NormalizationForm_D);
    QString out;
    for (const QChar c : d) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            out += c.toLower();
    }
    return out;
}

} // namespace

ScaleGenerator::Counts ScaleGenerator::generate(int people, OrgState *org, MarketoState *marketo)
{
    QRandomGenerator rng(quint32(people) * 2654435761u + 17);
    Counts c;
    c.users = qMax(4, people / 2000);
    c.accounts = qMax(2, people / 10);
    c.contacts = people / 2;
    c.leads = people - c.contacts;
    c.opportunities = c.accounts * 3 / 2;
    const qint64 extract = QDateTime(QDate(2024, 6, 3), QTime(8, 0), Qt::UTC).toMSecsSinceEpoch();
    const qint64 created = QDateTime(QDate(2018, 3, 14), QTime(21, 11, 56), Qt::UTC).toMSecsSinceEpoch();
    auto modstamp = [&]() { return sfTime(extract - qint64(rng.bounded(2 * 365 * 24 * 3600)) * 1000); };
    org->clear();
    marketo->clear();

    const QString orgId = u"00D8G0000000001"_qs + core::SalesforceId::checksumSuffix(u"00D8G0000000001");
    org->setRecords(u"Organization"_qs, {QJsonObject{{u"attributes"_qs, attributes(u"Organization"_qs, orgId)},
                                                     {u"Id"_qs, orgId}, {u"Name"_qs, u"Scaled Sandbox Org"_qs},
                                                     {u"OrganizationType"_qs, u"Enterprise Edition"_qs},
                                                     {u"IsSandbox"_qs, true}, {u"InstanceName"_qs, u"CS42"_qs},
                                                     {u"CreatedDate"_qs, sfTime(created)}}});
    QList<QJsonObject> users;
    QStringList userIds;
    for (int i = 0; i <= c.users; ++i) {
        const QString id = makeId("005", i + 1);
        const bool integration = i == c.users;
        const QString first = integration ? u"Marketo"_qs : pick(kFirst, rng);
        const QString last = integration ? u"Integration"_qs : pick(kLast, rng);
        const QString email = integration ? u"integration@scaled.example"_qs
                                          : asciiFold(first) + u'.' + asciiFold(last) + QString::number(i) + u"@scaled.example"_qs;
        users.append(QJsonObject{{u"attributes"_qs, attributes(u"User"_qs, id)}, {u"Id"_qs, id}, {u"Username"_qs, email},
                                 {u"FirstName"_qs, first}, {u"LastName"_qs, last}, {u"Name"_qs, QString(first + u' ' + last)},
                                 {u"Email"_qs, email}, {u"IsActive"_qs, true},
                                 {u"Title"_qs, integration ? u"Integration User"_qs : u"Account Executive"_qs},
                                 {u"SystemModstamp"_qs, modstamp()}});
        if (!integration)
            userIds.append(id);
    }
    c.users = int(users.size());
    org->setRecords(u"User"_qs, users);

    QList<QJsonObject> accounts;
    QStringList accountIds, accountOwners, accountDomains;
    accounts.reserve(c.accounts);
    for (int i = 0; i < c.accounts; ++i) {
        const QString id = makeId("001", i + 1);
        const QString nameFirst = pick(kLast, rng); // one rng draw per statement: same N, same data
        const QString name = nameFirst + u' ' + pick(kIndustry, rng) + u" Group "_qs + QString::number(i + 1);
        const QString owner = userIds.at(rng.bounded(int(userIds.size())));
        const QString domain = u"acct"_qs + QString::number(i + 1) + u".example"_qs;
        accounts.append(QJsonObject{{u"attributes"_qs, attributes(u"Account"_qs, id)}, {u"Id"_qs, id}, {u"Name"_qs, name},
                                    {u"Industry"_qs, pick(kIndustry, rng)}, {u"Type"_qs, u"Prospect"_qs},
                                    {u"AnnualRevenue"_qs, double(rng.bounded(1, 500)) * 100000.0},
                                    {u"NumberOfEmployees"_qs, rng.bounded(5, 20000)},
                                    {u"BillingStreet"_qs, QString(QString::number(rng.bounded(1, 999)) + u" Main Street"_qs)},
                                    {u"BillingCity"_qs, u"Springfield"_qs}, {u"BillingState"_qs, u"IL"_qs},
                                    {u"BillingPostalCode"_qs, u"62701"_qs}, {u"BillingCountry"_qs, u"USA"_qs},
                                    {u"Phone"_qs, QString(u"(217) 555-"_qs + QString::number(1000 + i % 9000))},
                                    {u"Website"_qs, QString(u"https://"_qs + domain)}, {u"OwnerId"_qs, owner},
                                    {u"CreatedDate"_qs, sfTime(created)}, {u"SystemModstamp"_qs, modstamp()}});
        accountIds.append(id);
        accountOwners.append(owner);
        accountDomains.append(domain);
    }
    org->setRecords(u"Account"_qs, accounts);

    const QJsonValue nullValue;
    QList<QJsonObject> mkLeads;
    int marketoId = 1000;
    const qint64 mkBase = extract - qint64(90) * 24 * 3600 * 1000;
    auto maybeMarketoLead = [&](const QString &email, const QString &first, const QString &last) {
        if (rng.bounded(10) != 0)
            return;
        const qint64 t = mkBase + qint64(rng.bounded(80 * 24 * 3600)) * 1000;
        mkLeads.append(QJsonObject{{u"id"_qs, ++marketoId}, {u"email"_qs, email}, {u"firstName"_qs, first},
                                   {u"lastName"_qs, last}, {u"leadSource"_qs, u"Website"_qs},
                                   {u"externalPersonId"_qs, nullValue}, {u"externalCompanyId"_qs, nullValue},
                                   {u"externalSalesPersonId"_qs, nullValue},
                                   {u"msiLastInterestingMomentType"_qs, u"Web"_qs},
                                   {u"msiLastInterestingMomentDate"_qs, mkTime(t)},
                                   {u"msiLastInterestingMomentDesc"_qs, u"Filled out form: Request a Quote"_qs},
                                   {u"msiLastInterestingMomentSource"_qs, u"Web form fill"_qs},
                                   {u"priority"_qs, rng.bounded(0, 100)}, {u"relativeUrgency"_qs, rng.bounded(0, 4)},
                                   {u"relativeScoring"_qs, rng.bounded(0, 4)}, {u"createdAt"_qs, mkTime(t)},
                                   {u"updatedAt"_qs, mkTime(t)}});
    };

    QList<QJsonObject> contacts;
    contacts.reserve(c.contacts);
    QList<QStringList> contactsByAccount(c.accounts);
    for (int i = 0; i < c.contacts; ++i) {
        const QString id = makeId("003", i + 1);
        const int a = i % c.accounts;
        const QString first = pick(kFirst, rng);
        const QString last = pick(kLast, rng);
        const QString email = asciiFold(first) + u'.' + asciiFold(last) + QString::number(i) + u'@' + accountDomains.at(a);
        QJsonObject r{{u"attributes"_qs, attributes(u"Contact"_qs, id)}, {u"Id"_qs, id}, {u"FirstName"_qs, first},
                      {u"LastName"_qs, last}, {u"Name"_qs, QString(first + u' ' + last)}, {u"Email"_qs, email},
                      {u"Title"_qs, u"Facilities Manager"_qs}, {u"Phone"_qs, nullValue},
                      {u"AccountId"_qs, accountIds.at(a)}, {u"OwnerId"_qs, accountOwners.at(a)},
                      {u"LeadSource"_qs, pick(kSource, rng)}, {u"CreatedDate"_qs, sfTime(created)},
                      {u"SystemModstamp"_qs, modstamp()}, {u"mkto_si__Last_Interesting_Moment_Type__c"_qs, nullValue},
                      {u"mkto_si__Last_Interesting_Moment_Date__c"_qs, nullValue},
                      {u"mkto_si__Last_Interesting_Moment_Desc__c"_qs, nullValue},
                      {u"mkto_si__Last_Interesting_Moment_Source__c"_qs, nullValue},
                      {u"mkto_si__Priority__c"_qs, nullValue}, {u"mkto_si__Urgency_Value__c"_qs, nullValue},
                      {u"mkto_si__Relative_Score_Value__c"_qs, nullValue}};
        contacts.append(r);
        contactsByAccount[a].append(id);
        maybeMarketoLead(email, first, last);
    }
    org->setRecords(u"Contact"_qs, std::move(contacts));

    QList<QJsonObject> leads;
    leads.reserve(c.leads);
    for (int i = 0; i < c.leads; ++i) {
        const QString id = makeId("00Q", i + 1);
        const QString first = pick(kFirst, rng);
        const QString last = pick(kLast, rng);
        const QString email = asciiFold(first) + u'.' + asciiFold(last) + QString::number(i) + u"@lead"_qs
            + QString::number(i % 5000) + u".example"_qs;
        QJsonObject r{{u"attributes"_qs, attributes(u"Lead"_qs, id)}, {u"Id"_qs, id}, {u"FirstName"_qs, first},
                      {u"LastName"_qs, last}, {u"Name"_qs, QString(first + u' ' + last)}, {u"Email"_qs, email},
                      {u"Company"_qs, QString(last + u" Holdings"_qs)}, {u"Title"_qs, u"Operations Director"_qs},
                      {u"Status"_qs, pick(kLeadStatus, rng)}, {u"LeadSource"_qs, pick(kSource, rng)},
                      {u"OwnerId"_qs, userIds.at(rng.bounded(int(userIds.size())))}, {u"IsConverted"_qs, false},
                      {u"CreatedDate"_qs, sfTime(created)}, {u"SystemModstamp"_qs, modstamp()}, {u"mkto_si__Last_Interesting_Moment_Type__c"_qs, nullValue},
                      {u"mkto_si__Last_Interesting_Moment_Date__c"_qs, nullValue},
                      {u"mkto_si__Last_Interesting_Moment_Desc__c"_qs, nullValue},
                      {u"mkto_si__Last_Interesting_Moment_Source__c"_qs, nullValue},
                      {u"mkto_si__Priority__c"_qs, nullValue}, {u"mkto_si__Urgency_Value__c"_qs, nullValue},
                      {u"mkto_si__Relative_Score_Value__c"_qs, nullValue}};
        leads.append(r);
        maybeMarketoLead(email, first, last);
    }
    org->setRecords(u"Lead"_qs, std::move(leads));

    QList<QJsonObject> opps;
    QList<QJsonObject> roles;
    opps.reserve(c.opportunities);
    int roleSerial = 0;
    for (int i = 0; i < c.opportunities; ++i) {
        const QString id = makeId("006", i + 1);
        const int a = i % c.accounts;
        const int stage = rng.bounded(int(std::size(kStage)));
        const QString createdAt = sfTime(extract - qint64(rng.bounded(700 * 24 * 3600)) * 1000);
        opps.append(QJsonObject{{u"attributes"_qs, attributes(u"Opportunity"_qs, id)}, {u"Id"_qs, id},
                                {u"Name"_qs, QString(accounts.at(a).value(u"Name").toString() + u" Generators"_qs)},
                                {u"AccountId"_qs, accountIds.at(a)}, {u"OwnerId"_qs, accountOwners.at(a)},
                                {u"StageName"_qs, QString::fromUtf16(kStage[stage])},
                                {u"Amount"_qs, double(rng.bounded(5, 500)) * 1000.0},
                                {u"CloseDate"_qs, QDate(2023, 1, 1).addDays(rng.bounded(730)).toString(Qt::ISODate)},
                                {u"Probability"_qs, double(kProbability[stage])},
                                {u"Type"_qs, u"New Customer"_qs}, {u"LeadSource"_qs, nullValue},
                                {u"IsClosed"_qs, stage >= 8}, {u"IsWon"_qs, stage == 8},
                                {u"CreatedDate"_qs, createdAt}, {u"SystemModstamp"_qs, createdAt}});
        const QStringList &people = contactsByAccount.at(a);
        const int n = people.isEmpty() ? 0 : qMin(int(people.size()), rng.bounded(0, 4));
        for (int k = 0; k < n; ++k) {
            const QString rid = makeId("00K", ++roleSerial);
            roles.append(QJsonObject{{u"attributes"_qs, attributes(u"OpportunityContactRole"_qs, rid)}, {u"Id"_qs, rid},
                                     {u"OpportunityId"_qs, id}, {u"ContactId"_qs, people.at((i + k) % people.size())},
                                     {u"Role"_qs, pick(kRole, rng)}, {u"IsPrimary"_qs, k == 0},
                                     {u"CreatedDate"_qs, createdAt}, {u"SystemModstamp"_qs, createdAt}});
        }
    }
    c.roles = int(roles.size());
    org->setRecords(u"Opportunity"_qs, std::move(opps));
    org->setRecords(u"OpportunityContactRole"_qs, std::move(roles));

    // A pilot left one sales person and one company behind, as in the sample org.
    const QJsonObject pilotUser = users.first();
    marketo->setRecords(MarketoState::Entity::SalesPersons,
                        {QJsonObject{{u"id"_qs, 1}, {u"externalSalesPersonId"_qs, pilotUser.value(u"Id")},
                                     {u"email"_qs, pilotUser.value(u"Email")}, {u"firstName"_qs, pilotUser.value(u"FirstName")},
                                     {u"lastName"_qs, pilotUser.value(u"LastName")}, {u"createdAt"_qs, mkTime(mkBase)},
                                     {u"updatedAt"_qs, mkTime(mkBase)}}});
    marketo->setRecords(MarketoState::Entity::Companies,
                        {QJsonObject{{u"id"_qs, 1}, {u"externalCompanyId"_qs, accountIds.first()},
                                     {u"company"_qs, accounts.first().value(u"Name")},
                                     {u"externalSalesPersonId"_qs, accountOwners.first()},
                                     {u"createdAt"_qs, mkTime(mkBase)}, {u"updatedAt"_qs, mkTime(mkBase)}}});
    marketo->setRecords(MarketoState::Entity::Leads, mkLeads);
    c.marketoLeads = int(mkLeads.size());
    return c;
}

} // namespace msi::sandbox
