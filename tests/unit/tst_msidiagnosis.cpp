// MsiDiagnosis: each kind of break seeded into the sample org (every MANIFEST imperfection and
// more), asserting the verdict, the problem and the cause of the broken link.
#include "checks/MsiDiagnosis.h"
#include "checks/SeedReader.h"

#include <QJsonArray>
#include <QTest>
#include <functional>

using namespace msi::checks;

namespace {

// Sample org facts (MANIFEST.md, salesforce/*.json, marketo/*.json).
const QString kRose = u"0037F000009XkPUQA0"_qs;      // Contact Rose Gonzalez, Edge
const QString kEdge = u"0017F000007y8FFQAY"_qs;      // Account Edge Communications (company 8)
const QString kMaria = u"0057F00000Bq3LmQAJ"_qs;     // owner of Edge and Rose
const QString kArthur = u"0037F000009XkPgQAK"_qs;    // Contact Arthur Song, lead 1049 (M-02)
const QString kStella = u"0037F000009XkPbQAK"_qs;    // Contact Stella Pavlova (M-03)
const QString kSean = u"0037F000009XkPVQA0"_qs;      // Contact Sean Forbes (M-04)
const QString kBertha = u"00Q7F000006QwAbUAK"_qs;    // Lead Bertha Boxer (M-05)
const QString kPhyllis = u"00Q7F000006QwAcUAK"_qs;   // Lead owned by the integration user (M-09)
const QString kPatLead = u"00Q7F000006QwAnUAK"_qs;   // Lead sharing pat@pyramid.net (M-06)
const QString kAndyLead = u"00Q7F000006QwAoUAK"_qs;  // Lead sharing a_young@dickenson.com (M-06)
const QString kBabara = u"0037F000009XkPdQAK"_qs;    // Contact with an invalid e-mail (M-08)
const QString kUog = u"0017F000007y8FKQAY"_qs;       // Account United Oil & Gas Corp. (company 7)
const QString kOppEdge = u"0067F000004dRt1QAE"_qs;   // an Edge opportunity with Rose's role
const QString kRoleRose = u"00K7F00000Bz1QaUAJ"_qs;  // Rose, Decision Maker on kOppEdge

const char *kMsiSuffixes[] = {"Last_Interesting_Moment_Type__c", "Last_Interesting_Moment_Date__c",
                              "Last_Interesting_Moment_Desc__c", "Last_Interesting_Moment_Source__c",
                              "Priority__c", "Urgency_Value__c", "Relative_Score_Value__c"};
const char *kMktoNames[] = {"msiLastInterestingMomentType", "msiLastInterestingMomentDate",
                            "msiLastInterestingMomentDesc", "msiLastInterestingMomentSource",
                            "priority", "relativeUrgency", "relativeScoring"};

SystemState sample()
{
    SystemState state;
    QString error;
    if (!SeedReader::read(QStringLiteral(MSI_SAMPLE_ORG_DIR), &state, &error))
        qFatal("%s", qPrintable(error));
    return state;
}

QJsonObject &byKey(QList<QJsonObject> &list, const QString &key, const QJsonValue &value)
{
    for (QJsonObject &o : list) {
        if (o.value(key) == value)
            return o;
    }
    qFatal("fixture record %s=%s missing", qPrintable(key), qPrintable(value.toVariant().toString()));
    return list.first();
}

QJsonObject describe(const QString &object)
{
    QJsonArray fields;
    for (const char *suffix : kMsiSuffixes)
        fields.append(QJsonObject{{u"name"_qs, QString(u"mkto_si__"_qs + QString::fromLatin1(suffix))},
                                  {u"updateable"_qs, true}});
    return QJsonObject{{u"name"_qs, object}, {u"fields"_qs, fields}};
}

// What a correct first sync leaves behind for Rose Gonzalez and her account: María as sales
// person, company 8 owned by her, lead 1045 adopted with the three external IDs, every Edge
// opportunity with its roles, the MSI values written back, and full field access.
SystemState syncedRose()
{
    SystemState s = sample();
    const QJsonObject &maria = byKey(s.sfUsers, u"Id"_qs, kMaria);
    s.mktoSalesPersons.append(QJsonObject{{u"id"_qs, 5}, {u"externalSalesPersonId"_qs, kMaria},
                                          {u"email"_qs, maria.value(u"Email"_qs)}});
    byKey(s.mktoCompanies, u"id"_qs, 8)[u"externalSalesPersonId"_qs] = kMaria;
    QJsonObject &lead = byKey(s.mktoLeads, u"id"_qs, 1045);
    lead[u"externalPersonId"_qs] = kRose;
    lead[u"externalCompanyId"_qs] = kEdge;
    lead[u"externalSalesPersonId"_qs] = kMaria;
    QJsonObject &rose = byKey(s.sfContacts, u"Id"_qs, kRose);
    for (int i = 0; i < 7; ++i)
        rose[u"mkto_si__"_qs + QString::fromLatin1(kMsiSuffixes[i])] =
            lead.value(QString::fromLatin1(kMktoNames[i]));
    // Salesforce writes datetimes in its own format.
    rose[u"mkto_si__Last_Interesting_Moment_Date__c"_qs] = u"2024-05-27T21:47:55.000+0000"_qs;
    int guid = 0;
    for (const QJsonObject &opp : std::as_const(s.sfOpportunities)) {
        if (opp.value(u"AccountId"_qs) != kEdge)
            continue;
        s.mktoOpportunities.append(QJsonObject{
            {u"marketoGUID"_qs, u"opp-%1"_qs.arg(++guid)},
            {u"externalOpportunityId"_qs, opp.value(u"Id"_qs)},
            {u"name"_qs, opp.value(u"Name"_qs)},
            {u"externalCompanyId"_qs, kEdge},
            {u"externalSalesPersonId"_qs, opp.value(u"OwnerId"_qs)}});
    }
    for (const QJsonObject &role : std::as_const(s.sfContactRoles)) {
        if (role.value(u"ContactId"_qs) != kRose)
            continue;
        s.mktoOpportunityRoles.append(QJsonObject{{u"marketoGUID"_qs, u"role-%1"_qs.arg(++guid)},
                                                  {u"externalOpportunityId"_qs, role.value(u"OpportunityId"_qs)},
                                                  {u"leadId"_qs, 1045},
                                                  {u"role"_qs, role.value(u"Role"_qs)}});
    }
    s.sfContactDescribe = describe(u"Contact"_qs);
    s.sfLeadDescribe = describe(u"Lead"_qs);
    return s;
}

const DiagnosisLink *findLink(const Diagnosis &d, const QString &link, const QString &subject)
{
    for (const DiagnosisLink &l : d.links) {
        if (l.link == link && (subject.isEmpty() || l.subject == subject))
            return &l;
    }
    return nullptr;
}

} // namespace

using Mutation = std::function<void(SystemState &)>;
Q_DECLARE_METATYPE(Mutation)

class TestMsiDiagnosis : public QObject
{
    Q_OBJECT
private slots:
    void syncedChainPasses();
    void brokenLink_data();
    void brokenLink();
    void lookup_data();
    void lookup();
    void bulkGroupsByKind();
    void duplicatesKeepEveryRecord();
    void queueOwnerUsesTheFallback_data();
    void queueOwnerUsesTheFallback();
    void jsonContract();
};

void TestMsiDiagnosis::syncedChainPasses()
{
    const SystemState state = syncedRose();
    const MsiDiagnosis diagnosis(state);
    const MsiDiagnosis::Lookup found = diagnosis.find(kRose);
    QCOMPARE(found.candidates.size(), 1);
    const Diagnosis d = diagnosis.diagnose(*found.candidates.first());
    QStringList notPassing;
    for (const DiagnosisLink &l : d.links) {
        if (l.verdict != DiagnosisLink::Verdict::Pass)
            notPassing.append(l.link + u": "_qs + l.cause);
    }
    QVERIFY2(notPassing.isEmpty(), qPrintable(notPassing.join(u'\n')));
    QVERIFY(d.allPass());
    // The chain in order: person, its owner, its company, opportunities and roles, the scores.
    QStringList order;
    for (const DiagnosisLink &l : d.links) {
        if (order.isEmpty() || order.last() != l.link)
            order.append(l.link);
    }
    QCOMPARE(order, (QStringList{u"person"_qs, u"person.email"_qs, u"salesperson.link"_qs,
                                 u"salesperson"_qs, u"salesperson.email"_qs, u"company.link"_qs,
                                 u"company"_qs, u"company.owner"_qs, u"opportunity"_qs, u"role"_qs,
                                 u"scores.marketo"_qs, u"scores.salesforce"_qs,
                                 u"scores.access"_qs}));
}

void TestMsiDiagnosis::brokenLink_data()
{
    QTest::addColumn<bool>("synced");
    QTest::addColumn<Mutation>("mutate");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("link");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QString>("inCause");
    const Mutation none = [](SystemState &) {};

    // --- the sample org as shipped (MANIFEST imperfections) ---
    QTest::newRow("M-01 sales person e-mail mismatch")
        << false << none << kArthur << u"salesperson.email"_qs << QString() << u"fail"_qs
        << u"salesperson-email-mismatch"_qs << u"dokafor@aurora-power.example"_qs;
    QTest::newRow("M-02 lead points at the 15-char company")
        << false << none << kArthur << u"company.link"_qs << QString() << u"fail"_qs
        << u"company-link-15char"_qs << u"0017F000007y8FK"_qs;
    QTest::newRow("M-02 company only under its 15-char id")
        << false << none << kArthur << u"company"_qs << QString() << u"fail"_qs
        << u"company-15char"_qs << u"company 7"_qs;
    QTest::newRow("M-03 duplicate Marketo leads by e-mail")
        << false << none << kStella << u"person"_qs << QString() << u"fail"_qs
        << u"person-email-duplicate"_qs << u"1047, 1052"_qs;
    QTest::newRow("M-03 roles of a skipped person stay deferred")
        << false << none << kStella << u"role"_qs << u"00K7F00000Bz1iGUAR"_qs << u"fail"_qs
        << u"blocked"_qs << u"deferred"_qs;
    QTest::newRow("M-04 lead known only by a differently cased e-mail")
        << false << none << kSean << u"person"_qs << QString() << u"fail"_qs
        << u"person-email-only"_qs << u"lead 1048"_qs;
    QTest::newRow("M-04 the lead to adopt differs only by case/whitespace")
        << false << none << kSean << u"person.email"_qs << QString() << u"warn"_qs
        << u"email-case"_qs << u"'Sean@Edge.COM '"_qs;
    QTest::newRow("M-04 the cause quotes Marketo's own spelling")
        << false << none << kSean << u"person"_qs << QString() << u"fail"_qs
        << u"person-email-only"_qs << u"'Sean@Edge.COM '"_qs;
    QTest::newRow("M-08 invalid e-mail syntax before any sync")
        << false << none << kBabara << u"person.email"_qs << QString() << u"warn"_qs
        << u"email-invalid"_qs << u"invalid e-mail syntax"_qs;
    QTest::newRow("M-05 web-form lead known only by e-mail")
        << false << none << kBertha << u"person"_qs << QString() << u"fail"_qs
        << u"person-email-only"_qs << u"lead 1041"_qs;
    QTest::newRow("M-06 Lead loses its e-mail to the Contact (Pat)")
        << false << none << kPatLead << u"person"_qs << QString() << u"fail"_qs
        << u"person-email-taken"_qs << u"0037F000009XkPXQA0"_qs;
    QTest::newRow("M-06 Lead loses its e-mail to the Contact (Andy)")
        << false << none << kAndyLead << u"person"_qs << QString() << u"fail"_qs
        << u"person-email-taken"_qs << u"0037F000009XkPYQA0"_qs;
    QTest::newRow("M-08 contact with an invalid e-mail was never synced")
        << false << none << kBabara << u"person"_qs << QString() << u"fail"_qs
        << u"person-missing"_qs << u"b.levy@expressl&t.net"_qs;
    QTest::newRow("M-09 integration user is not a sales person")
        << false << none << kPhyllis << u"salesperson"_qs << QString() << u"fail"_qs
        << u"salesperson-missing"_qs << u"0057F00000DfR2xQAF"_qs;
    QTest::newRow("M-10 company without owner")
        << false << none << kEdge << u"company.owner"_qs << QString() << u"fail"_qs
        << u"company-owner-missing"_qs << u"company 8"_qs;
    QTest::newRow("account whose contacts are not tied to the company")
        << false << none << kEdge << u"company.people"_qs << QString() << u"fail"_qs
        << u"people-not-linked"_qs << u"Rose Gonzalez"_qs;
    QTest::newRow("scores of an adopted lead not written back")
        << false << none << kArthur << u"scores.salesforce"_qs << QString() << u"fail"_qs
        << u"scores-not-written"_qs << u"mkto_si__Priority__c"_qs;
    QTest::newRow("no describe read")
        << false << none << kArthur << u"scores.access"_qs << QString() << u"warn"_qs
        << u"describe-not-read"_qs << u"describe"_qs;

    // --- a correctly synced chain (Rose Gonzalez) with one break each ---
    QTest::newRow("lead known only by e-mail")
        << true << Mutation([](SystemState &s) {
               byKey(s.mktoLeads, u"id"_qs, 1045)[u"externalPersonId"_qs] = QJsonValue();
           })
        << kRose << u"person"_qs << QString() << u"fail"_qs << u"person-email-only"_qs
        << u"no externalPersonId"_qs;
    QTest::newRow("invalid e-mail, the same in both systems")
        << true << Mutation([](SystemState &s) {
               byKey(s.sfContacts, u"Id"_qs, kRose)[u"Email"_qs] = u"rose@edge&co.com"_qs;
               byKey(s.mktoLeads, u"id"_qs, 1045)[u"email"_qs] = u"rose@edge&co.com"_qs;
           })
        << kRose << u"person.email"_qs << QString() << u"warn"_qs << u"email-invalid"_qs
        << u"'rose@edge&co.com'"_qs;
    QTest::newRow("person e-mail differs")
        << true << Mutation([](SystemState &s) {
               byKey(s.mktoLeads, u"id"_qs, 1045)[u"email"_qs] = u"rose.g@edge.com"_qs;
           })
        << kRose << u"person.email"_qs << QString() << u"warn"_qs << u"email-different"_qs
        << u"'rose.g@edge.com'"_qs;
    QTest::newRow("person e-mail differs only by case")
        << true << Mutation([](SystemState &s) {
               byKey(s.mktoLeads, u"id"_qs, 1045)[u"email"_qs] = u"Rose@Edge.com"_qs;
           })
        << kRose << u"person.email"_qs << QString() << u"warn"_qs << u"email-case"_qs
        << u"'Rose@Edge.com'"_qs;
    QTest::newRow("M-02 after the fix: legacy company 7 left to delete")
        << false << Mutation([](SystemState &s) {
               s.mktoCompanies.append(QJsonObject{{u"id"_qs, 20}, {u"externalCompanyId"_qs, kUog},
                                                  {u"company"_qs, u"United Oil & Gas Corp."_qs}});
           })
        << kArthur << u"company"_qs << QString() << u"warn"_qs << u"company-legacy"_qs
        << u"delete company 7"_qs;
    QTest::newRow("15-char externalPersonId")
        << true << Mutation([](SystemState &s) {
               byKey(s.mktoLeads, u"id"_qs, 1045)[u"externalPersonId"_qs] = kRose.left(15);
           })
        << kRose << u"person"_qs << QString() << u"fail"_qs << u"person-id-15char"_qs
        << u"'0037F000009XkPU'"_qs;
    QTest::newRow("case-damaged externalPersonId")
        << true << Mutation([](SystemState &s) {
               byKey(s.mktoLeads, u"id"_qs, 1045)[u"externalPersonId"_qs] = kRose.toUpper();
           })
        << kRose << u"person"_qs << QString() << u"warn"_qs << u"person-id-case"_qs
        << u"0037F000009XKPUQA0"_qs;
    QTest::newRow("case-damaged externalCompanyId")
        << true << Mutation([](SystemState &s) {
               byKey(s.mktoLeads, u"id"_qs, 1045)[u"externalCompanyId"_qs] = kEdge.toLower();
           })
        << kRose << u"company.link"_qs << QString() << u"warn"_qs << u"company-link-case"_qs
        << u"ignoring case"_qs;
    QTest::newRow("two leads with the same externalPersonId")
        << true << Mutation([](SystemState &s) {
               byKey(s.mktoLeads, u"id"_qs, 1050)[u"externalPersonId"_qs] = kRose;
           })
        << kRose << u"person"_qs << QString() << u"fail"_qs << u"person-duplicate"_qs
        << u"1045, 1050"_qs;
    QTest::newRow("person never synced")
        << true << Mutation([](SystemState &s) {
               s.mktoLeads.removeIf([](const QJsonObject &l) { return l.value(u"id"_qs) == 1045; });
           })
        << kRose << u"person"_qs << QString() << u"fail"_qs << u"person-missing"_qs
        << u"rose@edge.com"_qs;
    QTest::newRow("person never synced blocks its scores")
        << true << Mutation([](SystemState &s) {
               s.mktoLeads.removeIf([](const QJsonObject &l) { return l.value(u"id"_qs) == 1045; });
           })
        << kRose << u"scores.salesforce"_qs << QString() << u"fail"_qs << u"blocked"_qs
        << u"not in Marketo"_qs;
    QTest::newRow("lead without externalSalesPersonId")
        << true << Mutation([](SystemState &s) {
               byKey(s.mktoLeads, u"id"_qs, 1045)[u"externalSalesPersonId"_qs] = QJsonValue();
           })
        << kRose << u"salesperson.link"_qs << QString() << u"fail"_qs << u"owner-link-missing"_qs
        << kMaria;
    QTest::newRow("lead owned by the wrong sales person")
        << true << Mutation([](SystemState &s) {
               byKey(s.mktoLeads, u"id"_qs, 1045)[u"externalSalesPersonId"_qs] = u"0057F00000CkP8sQAF"_qs;
           })
        << kRose << u"salesperson.link"_qs << QString() << u"fail"_qs << u"owner-link-wrong"_qs
        << u"0057F00000CkP8sQAF"_qs;
    QTest::newRow("lead with a 15-char externalSalesPersonId")
        << true << Mutation([](SystemState &s) {
               byKey(s.mktoLeads, u"id"_qs, 1045)[u"externalSalesPersonId"_qs] = kMaria.left(15);
           })
        << kRose << u"salesperson.link"_qs << QString() << u"fail"_qs << u"owner-link-15char"_qs
        << u"'0057F00000Bq3Lm'"_qs;
    QTest::newRow("sales person missing")
        << true << Mutation([](SystemState &s) {
               s.mktoSalesPersons.removeIf([](const QJsonObject &p) { return p.value(u"id"_qs) == 5; });
           })
        << kRose << u"salesperson"_qs << QString() << u"fail"_qs << u"salesperson-missing"_qs
        << u"sync the sales person first"_qs;
    QTest::newRow("sales person missing blocks the e-mail check")
        << true << Mutation([](SystemState &s) {
               s.mktoSalesPersons.removeIf([](const QJsonObject &p) { return p.value(u"id"_qs) == 5; });
           })
        << kRose << u"salesperson.email"_qs << QString() << u"fail"_qs << u"blocked"_qs
        << u"no e-mail to compare"_qs;
    QTest::newRow("sales person e-mail mismatch")
        << true << Mutation([](SystemState &s) {
               byKey(s.mktoSalesPersons, u"id"_qs, 5)[u"email"_qs] = u"malvarez@aurora-power.example"_qs;
           })
        << kRose << u"salesperson.email"_qs << QString() << u"fail"_qs
        << u"salesperson-email-mismatch"_qs << u"malvarez@aurora-power.example"_qs;
    QTest::newRow("sales person e-mail differs only by case (C02)")
        << true << Mutation([](SystemState &s) {
               byKey(s.mktoSalesPersons, u"id"_qs, 5)[u"email"_qs] = u" Maria.Alvarez@aurora-power.example"_qs;
           })
        << kRose << u"salesperson.email"_qs << QString() << u"warn"_qs
        << u"salesperson-email-case"_qs << u"case"_qs;
    QTest::newRow("lead not tied to its company (C01)")
        << true << Mutation([](SystemState &s) {
               byKey(s.mktoLeads, u"id"_qs, 1045)[u"externalCompanyId"_qs] = QJsonValue();
           })
        << kRose << u"company.link"_qs << QString() << u"fail"_qs << u"company-link-missing"_qs
        << u"Account view"_qs;
    QTest::newRow("company missing")
        << true << Mutation([](SystemState &s) {
               s.mktoCompanies.removeIf([](const QJsonObject &c) { return c.value(u"id"_qs) == 8; });
           })
        << kRose << u"company"_qs << QString() << u"fail"_qs << u"company-never-synced"_qs
        << kEdge;
    QTest::newRow("company duplicated")
        << true << Mutation([](SystemState &s) {
               s.mktoCompanies.append(QJsonObject{{u"id"_qs, 9}, {u"externalCompanyId"_qs, kEdge},
                                                  {u"externalSalesPersonId"_qs, kMaria}});
           })
        << kRose << u"company"_qs << QString() << u"fail"_qs << u"company-duplicate"_qs
        << u"8, 9"_qs;
    QTest::newRow("company owned by someone else")
        << true << Mutation([](SystemState &s) {
               byKey(s.mktoCompanies, u"id"_qs, 8)[u"externalSalesPersonId"_qs] = u"0057F00000CkP8sQAF"_qs;
           })
        << kRose << u"company.owner"_qs << QString() << u"warn"_qs
        << u"company-owner-different"_qs << u"0057F00000CkP8sQAF"_qs;
    QTest::newRow("opportunity missing")
        << true << Mutation([](SystemState &s) {
               s.mktoOpportunities.removeIf([](const QJsonObject &o) {
                   return o.value(u"externalOpportunityId"_qs) == kOppEdge;
               });
           })
        << kRose << u"opportunity"_qs << kOppEdge << u"fail"_qs << u"opportunity-missing"_qs
        << u"never synced"_qs;
    QTest::newRow("opportunity missing leaves its role unsynced")
        << true << Mutation([](SystemState &s) {
               s.mktoOpportunities.removeIf([](const QJsonObject &o) {
                   return o.value(u"externalOpportunityId"_qs) == kOppEdge;
               });
               s.mktoOpportunityRoles.removeIf([](const QJsonObject &o) {
                   return o.value(u"externalOpportunityId"_qs) == kOppEdge;
               });
           })
        << kRose << u"role"_qs << kRoleRose << u"fail"_qs << u"role-missing"_qs
        << u"never synced"_qs;
    QTest::newRow("opportunity tied to the wrong company")
        << true << Mutation([](SystemState &s) {
               for (QJsonObject &o : s.mktoOpportunities) {
                   if (o.value(u"externalOpportunityId"_qs) == kOppEdge)
                       o[u"externalCompanyId"_qs] = kUog;
               }
           })
        << kRose << u"opportunity"_qs << kOppEdge << u"fail"_qs
        << u"opportunity-company-wrong"_qs << kUog;
    QTest::newRow("role with the wrong lead id (C04)")
        << true << Mutation([](SystemState &s) {
               for (QJsonObject &r : s.mktoOpportunityRoles) {
                   if (r.value(u"externalOpportunityId"_qs) == kOppEdge)
                       r[u"leadId"_qs] = 1050;
               }
           })
        << kRose << u"role"_qs << kRoleRose << u"fail"_qs << u"role-wrong-lead"_qs
        << u"leadId 1050"_qs;
    QTest::newRow("role sent with the ContactId (C04)")
        << true << Mutation([](SystemState &s) {
               for (QJsonObject &r : s.mktoOpportunityRoles) {
                   if (r.value(u"externalOpportunityId"_qs) == kOppEdge)
                       r[u"leadId"_qs] = kRose;
               }
           })
        << kRose << u"role"_qs << kRoleRose << u"fail"_qs << u"role-wrong-lead"_qs
        << u"not the Salesforce ContactId"_qs;
    QTest::newRow("role missing")
        << true << Mutation([](SystemState &s) {
               s.mktoOpportunityRoles.removeIf([](const QJsonObject &o) {
                   return o.value(u"externalOpportunityId"_qs) == kOppEdge;
               });
           })
        << kRose << u"role"_qs << kRoleRose << u"fail"_qs << u"role-missing"_qs
        << u"has no role 'Decision Maker'"_qs;
    QTest::newRow("scores not written back")
        << true << Mutation([](SystemState &s) {
               for (const char *suffix : kMsiSuffixes)
                   byKey(s.sfContacts, u"Id"_qs, kRose)[u"mkto_si__"_qs + QString::fromLatin1(suffix)] = QJsonValue();
           })
        << kRose << u"scores.salesforce"_qs << QString() << u"fail"_qs << u"scores-not-written"_qs
        << u"were not written back"_qs;
    QTest::newRow("a 0 score left empty (M-04 lead 1048 kind)")
        << true << Mutation([](SystemState &s) {
               byKey(s.mktoLeads, u"id"_qs, 1045)[u"priority"_qs] = 0;
               byKey(s.sfContacts, u"Id"_qs, kRose)[u"mkto_si__Priority__c"_qs] = QJsonValue();
           })
        << kRose << u"scores.salesforce"_qs << QString() << u"fail"_qs << u"scores-not-written"_qs
        << u"mkto_si__Priority__c"_qs;
    QTest::newRow("scores out of date")
        << true << Mutation([](SystemState &s) {
               byKey(s.sfContacts, u"Id"_qs, kRose)[u"mkto_si__Priority__c"_qs] = 40.0;
           })
        << kRose << u"scores.salesforce"_qs << QString() << u"warn"_qs << u"scores-stale"_qs
        << u"mkto_si__Priority__c"_qs;
    QTest::newRow("Marketo has not scored the person")
        << true << Mutation([](SystemState &s) {
               for (const char *name : kMktoNames)
                   byKey(s.mktoLeads, u"id"_qs, 1045)[QString::fromLatin1(name)] = QJsonValue();
               for (const char *suffix : kMsiSuffixes)
                   byKey(s.sfContacts, u"Id"_qs, kRose)[u"mkto_si__"_qs + QString::fromLatin1(suffix)] = QJsonValue();
           })
        << kRose << u"scores.marketo"_qs << QString() << u"warn"_qs << u"no-scores"_qs
        << u"no MSI values"_qs;
    QTest::newRow("MSI fields hidden by FLS (C21)")
        << true << Mutation([](SystemState &s) {
               QJsonArray fields = s.sfContactDescribe.value(u"fields"_qs).toArray();
               fields.removeAt(1); // mkto_si__Last_Interesting_Moment_Date__c
               s.sfContactDescribe[u"fields"_qs] = fields;
           })
        << kRose << u"scores.access"_qs << QString() << u"fail"_qs << u"msi-field-hidden"_qs
        << u"mkto_si__Last_Interesting_Moment_Date__c"_qs;
    QTest::newRow("MSI fields read-only")
        << true << Mutation([](SystemState &s) {
               QJsonArray fields = s.sfContactDescribe.value(u"fields"_qs).toArray();
               QJsonObject f = fields.at(4).toObject();
               f[u"updateable"_qs] = false;
               fields[4] = f;
               s.sfContactDescribe[u"fields"_qs] = fields;
           })
        << kRose << u"scores.access"_qs << QString() << u"fail"_qs << u"msi-field-readonly"_qs
        << u"mkto_si__Priority__c"_qs;
    QTest::newRow("MSI fields absent from the record, no describe")
        << true << Mutation([](SystemState &s) {
               s.sfContactDescribe = {};
               byKey(s.sfContacts, u"Id"_qs, kRose).remove(u"mkto_si__Urgency_Value__c"_qs);
           })
        << kRose << u"scores.access"_qs << QString() << u"fail"_qs << u"msi-field-hidden"_qs
        << u"mkto_si__Urgency_Value__c"_qs;
    QTest::newRow("opportunity: role of a contact not in Marketo")
        << true << Mutation([](SystemState &s) {
               byKey(s.mktoLeads, u"id"_qs, 1045)[u"externalPersonId"_qs] = QJsonValue();
           })
        << kOppEdge << u"role"_qs << kRoleRose << u"fail"_qs << u"blocked"_qs
        << u"deferred"_qs;
}

void TestMsiDiagnosis::brokenLink()
{
    QFETCH(bool, synced);
    QFETCH(Mutation, mutate);
    QFETCH(QString, query);
    QFETCH(QString, link);
    QFETCH(QString, subject);
    QFETCH(QString, verdict);
    QFETCH(QString, problem);
    QFETCH(QString, inCause);
    SystemState state = synced ? syncedRose() : sample();
    mutate(state);
    const MsiDiagnosis diagnosis(state);
    const MsiDiagnosis::Lookup found = diagnosis.find(query);
    QVERIFY2(found.candidates.size() == 1, qPrintable(found.error));
    const Diagnosis d = diagnosis.diagnose(*found.candidates.first());
    const DiagnosisLink *l = findLink(d, link, subject);
    QVERIFY2(l, qPrintable(u"no link "_qs + link + u' ' + subject));
    QCOMPARE(DiagnosisLink::verdictName(l->verdict), verdict);
    QCOMPARE(l->problem, problem);
    QVERIFY2(l->cause.contains(inCause), qPrintable(l->cause));
    QVERIFY(!d.allPass());
}

void TestMsiDiagnosis::lookup_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QString>("inError");
    QTest::newRow("18-char") << kRose << QStringList{kRose} << QString();
    QTest::newRow("15-char") << kRose.left(15) << QStringList{kRose} << QString();
    QTest::newRow("case-damaged 18") << kRose.toLower() << QStringList{kRose} << QString();
    // M-07: the two 15-char IDs equal ignoring case find two different contacts.
    QTest::newRow("M-07 John Bond") << u"0037F000009XkPa"_qs << QStringList{u"0037F000009XkPaQAK"_qs}
                                    << QString();
    QTest::newRow("M-07 Chloé Lefèvre") << u"0037F000009XkpA"_qs
                                        << QStringList{u"0037F000009XkpAQAS"_qs} << QString();
    QTest::newRow("e-mail, other case") << u"ROSE@Edge.com "_qs << QStringList{kRose} << QString();
    QTest::newRow("e-mail on a Contact and a Lead")
        << u"pat@pyramid.net"_qs << QStringList{u"0037F000009XkPXQA0"_qs, kPatLead} << QString();
    QTest::newRow("name") << u"rose gonzalez"_qs << QStringList{kRose} << QString();
    QTest::newRow("account name") << u"Edge Communications"_qs << QStringList{kEdge} << QString();
    QTest::newRow("duplicate opportunity names")
        << u"Edge Emergency Generator"_qs
        << QStringList{u"0067F000004dRt0QAE"_qs, u"0067F000004dRt1QAE"_qs} << QString();
    QTest::newRow("M-11 Marketo-only person")
        << u"keiko.tanaka@kitsune-robotics.example"_qs << QStringList{}
        << u"Marketo lead 1050"_qs;
    QTest::newRow("a user is not diagnosable") << kMaria << QStringList{} << u"is a User"_qs;
    QTest::newRow("unknown ID") << u"0037F000009XkZZ"_qs << QStringList{} << u"no Salesforce record"_qs;
    QTest::newRow("empty") << u"  "_qs << QStringList{} << u"give a Salesforce ID"_qs;
}

void TestMsiDiagnosis::lookup()
{
    QFETCH(QString, query);
    QFETCH(QStringList, ids);
    QFETCH(QString, inError);
    const SystemState state = sample();
    const MsiDiagnosis diagnosis(state);
    const MsiDiagnosis::Lookup found = diagnosis.find(query);
    QStringList got;
    for (const QJsonObject *c : found.candidates)
        got.append(c->value(u"Id"_qs).toString());
    got.sort();
    ids.sort();
    QCOMPARE(got, ids);
    if (!inError.isEmpty())
        QVERIFY2(found.error.contains(inError), qPrintable(found.error));
}

// M-03: both of Stella Pavlova's Marketo leads are behind her person link, for the detail view.
void TestMsiDiagnosis::duplicatesKeepEveryRecord()
{
    const SystemState state = sample();
    const MsiDiagnosis diagnosis(state);
    const MsiDiagnosis::Lookup found = diagnosis.find(kStella);
    QCOMPARE(found.candidates.size(), 1);
    const Diagnosis d = diagnosis.diagnose(*found.candidates.first());
    const DiagnosisLink *person = findLink(d, u"person"_qs, QString());
    QVERIFY(person);
    QList<qint64> ids{person->marketoRecord.value(u"id"_qs).toInteger()};
    for (const QJsonObject &other : person->otherMarketoRecords)
        ids.append(other.value(u"id"_qs).toInteger());
    std::sort(ids.begin(), ids.end());
    QCOMPARE(ids, (QList<qint64>{1047, 1052}));
}

// A queue owns Edge Communications (and so Rose's Contact): the sync sends the workspace's fallback
// sales person instead (María here, who owned it before), so the chain is checked against her;
// without a fallback the sync blocks the records, which no re-sync mends (the admin must act).
void TestMsiDiagnosis::queueOwnerUsesTheFallback_data()
{
    QTest::addColumn<QString>("fallback");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("link");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QString>("problem");
    QTest::newRow("account, no fallback: company owner")
        << QString() << kEdge << u"company.owner"_qs << u"fail"_qs << u"owner-not-user"_qs;
    QTest::newRow("account, no fallback: sales person")
        << QString() << kEdge << u"salesperson"_qs << u"fail"_qs << u"owner-not-user"_qs;
    QTest::newRow("account, fallback María: company owner")
        << kMaria << kEdge << u"company.owner"_qs << u"pass"_qs << QString();
    QTest::newRow("account, fallback María: sales person")
        << kMaria << kEdge << u"salesperson"_qs << u"pass"_qs << QString();
    QTest::newRow("contact, fallback María: owner link")
        << kMaria << kRose << u"salesperson.link"_qs << u"pass"_qs << QString();
    QTest::newRow("contact, no fallback: owner link")
        << QString() << kRose << u"salesperson.link"_qs << u"fail"_qs << u"owner-not-user"_qs;
}

void TestMsiDiagnosis::queueOwnerUsesTheFallback()
{
    QFETCH(QString, fallback);
    QFETCH(QString, query);
    QFETCH(QString, link);
    QFETCH(QString, verdict);
    QFETCH(QString, problem);
    const QString queue = u"00G7F000003AbCdUAK"_qs;
    SystemState state = syncedRose();
    byKey(state.sfAccounts, u"Id"_qs, kEdge)[u"OwnerId"_qs] = queue;
    byKey(state.sfContacts, u"Id"_qs, kRose)[u"OwnerId"_qs] = queue;
    state.fallbackSalesPersonId = fallback;
    const MsiDiagnosis diagnosis(state);
    const MsiDiagnosis::Lookup found = diagnosis.find(query);
    QCOMPARE(found.candidates.size(), 1);
    const Diagnosis d = diagnosis.diagnose(*found.candidates.first());
    const DiagnosisLink *l = findLink(d, link, QString());
    QVERIFY2(l, qPrintable(link));
    QCOMPARE(DiagnosisLink::verdictName(l->verdict), verdict);
    QCOMPARE(l->problem, problem);
    if (!problem.isEmpty()) {
        QVERIFY2(l->cause.contains(queue), qPrintable(l->cause));
        QVERIFY2(l->cause.contains(u"fallback sales person"), qPrintable(l->cause));
    }
}

void TestMsiDiagnosis::bulkGroupsByKind()
{
    const SystemState state = sample();
    // From the fixtures: Marketo has company 8 (Edge, 18-char) and company 7 (UOG Corp, 15-char
    // only), so every other account's contacts have a company that was never synced.
    int neverSynced = 0;
    for (const QJsonObject &c : state.sfContacts) {
        const QString account = c.value(u"AccountId"_qs).toString();
        if (account != kEdge && account != kUog)
            ++neverSynced;
    }
    QVERIFY(neverSynced > 0);
    const MsiDiagnosis diagnosis(state);
    const MsiDiagnosis::Bulk bulk = diagnosis.diagnoseAll();
    QCOMPARE(bulk.recordsDiagnosed, int(state.sfContacts.size() + state.sfLeads.size()
                                        + state.sfAccounts.size() + state.sfOpportunities.size()));
    QCOMPARE(bulk.recordsPassing, 0);
    auto group = [&](const QString &type, const QString &link, const QString &problem) {
        for (const MsiDiagnosis::Group &g : bulk.groups) {
            if (g.recordType == type && g.link == link && g.problem == problem)
                return g;
        }
        return MsiDiagnosis::Group{};
    };
    const MsiDiagnosis::Group contactsNoCompany =
        group(u"Contact"_qs, u"company"_qs, u"company-never-synced"_qs);
    QCOMPARE(contactsNoCompany.records.size(), neverSynced);
    QCOMPARE(contactsNoCompany.summary(),
             u"%1 contacts: company never synced"_qs.arg(neverSynced));
    // M-05: four web-form Leads are in Marketo only by e-mail; M-06: two Leads lose their e-mail.
    QCOMPARE(group(u"Lead"_qs, u"person"_qs, u"person-email-only"_qs).records,
             (QStringList{kBertha, kPhyllis, u"00Q7F000006QwAgUAK"_qs, u"00Q7F000006QwAmUAK"_qs}));
    QCOMPARE(group(u"Lead"_qs, u"person"_qs, u"person-email-taken"_qs).records,
             (QStringList{kPatLead, kAndyLead}));
    // M-02: the four UOG Corp contacts see their company only under the 15-char id.
    QCOMPARE(group(u"Contact"_qs, u"company"_qs, u"company-15char"_qs).records.size(), 4);
    for (const MsiDiagnosis::Group &g : bulk.groups)
        QVERIFY(g.problem != u"blocked"_qs);
}

void TestMsiDiagnosis::jsonContract()
{
    const SystemState state = sample();
    const MsiDiagnosis diagnosis(state);
    const QJsonObject doc = diagnosis.diagnose(*diagnosis.find(kArthur).candidates.first()).toJson();
    QCOMPARE(doc.value(u"record"_qs).toObject().value(u"id"_qs).toString(), kArthur);
    QCOMPARE(doc.value(u"record"_qs).toObject().value(u"type"_qs).toString(), u"Contact"_qs);
    QCOMPARE(doc.value(u"verdict"_qs).toString(), u"fail"_qs);
    const QJsonArray links = doc.value(u"links"_qs).toArray();
    QVERIFY(!links.isEmpty());
    for (const QJsonValue &v : links) {
        const QJsonObject l = v.toObject();
        for (const char *k : {"link", "verdict", "cause", "salesforce", "marketo"})
            QVERIFY2(l.contains(QString::fromLatin1(k)), k);
        QVERIFY((QStringList{u"pass"_qs, u"warn"_qs, u"fail"_qs}).contains(l.value(u"verdict"_qs).toString()));
    }
    const QJsonObject company = links.at(5).toObject();
    QCOMPARE(company.value(u"link"_qs).toString(), u"company.link"_qs);
    QCOMPARE(company.value(u"salesforce"_qs).toString(), kUog);
    QCOMPARE(company.value(u"marketo"_qs).toString(), u"0017F000007y8FK"_qs);
}

QTEST_GUILESS_MAIN(TestMsiDiagnosis)
#include "tst_msidiagnosis.moc"
