// The checks against the bundled sample org: every finding documented in faults.json must be found
// with the same code, records and severity, nothing undocumented may appear, and malformed input
// yields findings instead of crashes.
#include "checks/CheckSuite.h"
#include "checks/RecordIndex.h"
#include "checks/SeedReader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace msi::checks;

namespace {

QString sampleOrg() { return QStringLiteral(MSI_SAMPLE_ORG_DIR); }

QJsonArray expectedFindings()
{
    QFile file(sampleOrg() + u"/faults.json"_qs);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll())
        .object()
        .value(u"expected_findings"_qs)
        .toArray();
}

QString severityOf(const QString &faultsSeverity)
{
    if (faultsSeverity == u"ERROR")
        return u"error"_qs;
    if (faultsSeverity == u"WARN")
        return u"warning"_qs;
    if (faultsSeverity == u"INFO")
        return u"info"_qs;
    return faultsSeverity.toLower();
}

QString key(const QString &code, QStringList ids, const QString &severity)
{
    ids.sort();
    return code + u'|' + ids.join(u',') + u'|' + severity;
}

QString key(const Finding &f)
{
    return key(f.code, f.records, Finding::severityName(f.severity));
}

SystemState loadSample()
{
    SystemState state;
    QString error;
    if (!SeedReader::read(sampleOrg(), &state, &error))
        qWarning("%s", qPrintable(error));
    return state;
}

QJsonObject *find(QList<QJsonObject> &list, const QString &key, const QJsonValue &value)
{
    for (QJsonObject &o : list) {
        if (o.value(key) == value)
            return &o;
    }
    return nullptr;
}

QJsonObject describeWithAllMsiFields()
{
    QJsonArray fields{QJsonObject{{u"name"_qs, u"Id"_qs}, {u"updateable"_qs, false}}};
    for (const char *name : {"Last_Interesting_Moment_Type__c", "Last_Interesting_Moment_Date__c",
                             "Last_Interesting_Moment_Desc__c", "Last_Interesting_Moment_Source__c",
                             "Priority__c", "Urgency_Value__c", "Relative_Score_Value__c"})
        fields.append(QJsonObject{{u"name"_qs, QString(u"mkto_si__"_qs + QString::fromLatin1(name))},
                                  {u"updateable"_qs, true}});
    return QJsonObject{{u"name"_qs, u"Lead"_qs}, {u"fields"_qs, fields}};
}

} // namespace

using Mutation = std::function<void(SystemState &)>;
Q_DECLARE_METATYPE(Mutation)

class TestCheckSuite : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void documentedFinding_data();
    void documentedFinding();
    void nothingUndocumented();
    void caseCollisionKeptApart();
    void seededBreak_data();
    void seededBreak();
    void seedReaderErrors_data();
    void seedReaderErrors();
    void bundledResourceMatchesFolder();

private:
    Findings m_sampleFindings;
};

void TestCheckSuite::initTestCase()
{
    QVERIFY2(!expectedFindings().isEmpty(), "faults.json missing or empty");
    m_sampleFindings = CheckSuite::run(loadSample());
}

void TestCheckSuite::documentedFinding_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QString>("severity");
    const QJsonArray faults = expectedFindings();
    for (qsizetype i = 0; i < faults.size(); ++i) {
        const QJsonObject f = faults.at(i).toObject();
        if (f.value(u"severity"_qs).toString() == u"TEST")
            continue; // correctness traps without a message: see caseCollisionKeptApart
        QStringList ids;
        for (const QJsonValue &v : f.value(u"ids"_qs).toArray())
            ids.append(v.toString());
        QTest::addRow("%s #%d %s", qPrintable(f.value(u"ref"_qs).toString()), int(i),
                      qPrintable(f.value(u"code"_qs).toString()))
            << f.value(u"code"_qs).toString() << ids
            << severityOf(f.value(u"severity"_qs).toString());
    }
}

void TestCheckSuite::documentedFinding()
{
    QFETCH(QString, code);
    QFETCH(QStringList, ids);
    QFETCH(QString, severity);
    const QString wanted = key(code, ids, severity);
    QStringList sameCode;
    for (const Finding &f : std::as_const(m_sampleFindings)) {
        if (key(f) == wanted) {
            QVERIFY(!f.cause.isEmpty());
            return;
        }
        if (f.code == code)
            sameCode.append(key(f));
    }
    QFAIL(qPrintable(u"not found: "_qs + wanted + u"; same code: "_qs
                     + sameCode.join(u"; "_qs)));
}

void TestCheckSuite::nothingUndocumented()
{
    QSet<QString> documented;
    for (const QJsonValue &v : expectedFindings()) {
        const QJsonObject f = v.toObject();
        QStringList ids;
        for (const QJsonValue &id : f.value(u"ids"_qs).toArray())
            ids.append(id.toString());
        documented.insert(key(f.value(u"code"_qs).toString(), ids,
                              severityOf(f.value(u"severity"_qs).toString())));
    }
    QStringList extra;
    for (const Finding &f : std::as_const(m_sampleFindings)) {
        if (!documented.contains(key(f)))
            extra.append(key(f) + u" — "_qs + f.cause);
    }
    QVERIFY2(extra.isEmpty(), qPrintable(extra.join(u'\n')));
    QCOMPARE(m_sampleFindings.size(), documented.size() - 1); // minus the one TEST row
}

// M-07: 0037F000009XkPa and 0037F000009XkpA are equal ignoring case. No message, but the two
// contacts must stay two records (a tool keyed on lower-cased 15-char IDs merges them).
void TestCheckSuite::caseCollisionKeptApart()
{
    const SystemState state = loadSample();
    const RecordIndex index(state);
    const QJsonObject *john = index.salesforce(u"0037F000009XkPa"_qs);
    const QJsonObject *chloe = index.salesforce(u"0037F000009XkpA"_qs);
    QVERIFY(john && chloe);
    QVERIFY(john != chloe);
    QCOMPARE(john->value(u"Name"_qs).toString(), u"John Bond"_qs);
    QCOMPARE(chloe->value(u"Name"_qs).toString(), QString::fromUtf8("Chloé Lefèvre"));
    for (const Finding &f : std::as_const(m_sampleFindings)) {
        QVERIFY2(!f.records.contains(u"0037F000009XkPaQAK"_qs), qPrintable(f.code));
        QVERIFY2(!f.records.contains(u"0037F000009XkpAQAS"_qs), qPrintable(f.code));
    }
}

void TestCheckSuite::seededBreak_data()
{
    QTest::addColumn<Mutation>("mutate");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("records");
    QTest::addColumn<QString>("severity");

    QTest::newRow("company id is a Contact id")
        << Mutation([](SystemState &s) {
               (*find(s.mktoCompanies, u"id"_qs, 8))[u"externalCompanyId"_qs] =
                   u"0037F000009XkPUQA0"_qs;
           })
        << u"MKTO_EXTID_WRONG_OBJECT"_qs
        << QStringList{u"0037F000009XkPUQA0"_qs, u"company:8"_qs} << u"error"_qs;
    QTest::newRow("externalPersonId upper-cased by a spreadsheet")
        << Mutation([](SystemState &s) {
               (*find(s.mktoLeads, u"id"_qs, 1049))[u"externalPersonId"_qs] =
                   u"0037F000009XKPGQAK"_qs;
           })
        << u"MKTO_EXTID_CASE_DAMAGED"_qs
        << QStringList{u"0037F000009XkPgQAK"_qs, u"lead:1049"_qs} << u"warning"_qs;
    QTest::newRow("externalSalesPersonId with a wrong suffix")
        << Mutation([](SystemState &s) {
               (*find(s.mktoSalesPersons, u"id"_qs, 3))[u"externalSalesPersonId"_qs] =
                   u"0057F00000CkP8sAAA"_qs;
           })
        << u"MKTO_EXTID_BAD_CHECKSUM"_qs << QStringList{u"salesperson:3"_qs} << u"error"_qs;
    QTest::newRow("externalPersonId too short")
        << Mutation([](SystemState &s) {
               (*find(s.mktoLeads, u"id"_qs, 1049))[u"externalPersonId"_qs] = u"0037F000009X"_qs;
           })
        << u"MKTO_EXTID_MALFORMED"_qs << QStringList{u"lead:1049"_qs} << u"error"_qs;
    QTest::newRow("externalCompanyId is a number")
        << Mutation([](SystemState &s) {
               (*find(s.mktoLeads, u"id"_qs, 1049))[u"externalCompanyId"_qs] = 17;
           })
        << u"MKTO_EXTID_MALFORMED"_qs << QStringList{u"lead:1049"_qs} << u"error"_qs;
    QTest::newRow("Salesforce AccountId 15-char")
        << Mutation([](SystemState &s) {
               (*find(s.sfContacts, u"Id"_qs, u"0037F000009XkPUQA0"_qs))[u"AccountId"_qs] =
                   u"0017F000007y8FF"_qs;
           })
        << u"SF_ID_15CHAR"_qs << QStringList{u"0037F000009XkPUQA0"_qs, u"0017F000007y8FFQAY"_qs}
        << u"info"_qs;
    QTest::newRow("Salesforce OwnerId is an Account id")
        << Mutation([](SystemState &s) {
               (*find(s.sfLeads, u"Id"_qs, u"00Q7F000006QwAaUAK"_qs))[u"OwnerId"_qs] =
                   u"0017F000007y8FFQAY"_qs;
           })
        << u"SF_ID_WRONG_OBJECT"_qs
        << QStringList{u"00Q7F000006QwAaUAK"_qs, u"0017F000007y8FFQAY"_qs} << u"error"_qs;
    QTest::newRow("Salesforce ContactId with a space")
        << Mutation([](SystemState &s) {
               (*find(s.sfContactRoles, u"Id"_qs, u"00K7F00000Bz1QaUAJ"_qs))[u"ContactId"_qs] =
                   u"0037F000009 kPUQA0"_qs;
           })
        << u"SF_ID_MALFORMED"_qs << QStringList{u"00K7F00000Bz1QaUAJ"_qs} << u"error"_qs;
    QTest::newRow("Salesforce record without Id")
        << Mutation([](SystemState &s) { s.sfAccounts.append(QJsonObject{{u"Name"_qs, u"X"_qs}}); })
        << u"SF_RECORD_NO_ID"_qs << QStringList{} << u"error"_qs;
    QTest::newRow("sales person e-mail differs only by case (C02 rep2)")
        << Mutation([](SystemState &s) {
               (*find(s.mktoSalesPersons, u"id"_qs, 3))[u"email"_qs] =
                   u" Sophie.Lindqvist@aurora-power.example"_qs;
           })
        << u"MKTO_SP_EMAIL_NORMALIZED_ONLY"_qs
        << QStringList{u"0057F00000CkP8sQAF"_qs, u"salesperson:3"_qs} << u"warning"_qs;
    QTest::newRow("sales person without Salesforce user")
        << Mutation([](SystemState &s) {
               s.sfUsers.removeIf([](const QJsonObject &u) {
                   return u.value(u"Id"_qs) == u"0057F00000CkP8sQAF"_qs;
               });
           })
        << u"MKTO_SP_NO_SF_USER"_qs
        << QStringList{u"0057F00000CkP8sQAF"_qs, u"salesperson:3"_qs} << u"warning"_qs;
    QTest::newRow("lead points at a missing sales person (C03)")
        << Mutation([](SystemState &s) {
               s.mktoSalesPersons.removeIf(
                   [](const QJsonObject &p) { return p.value(u"id"_qs) == 4; });
           })
        << u"MKTO_SALESPERSON_MISSING"_qs
        << QStringList{u"0057F000009Zt4AQAS"_qs, u"lead:1049"_qs} << u"error"_qs;
    QTest::newRow("lead points at a missing company (C01)")
        << Mutation([](SystemState &s) {
               (*find(s.mktoLeads, u"id"_qs, 1049))[u"externalCompanyId"_qs] =
                   u"0017F000007y8FHQAY"_qs;
           })
        << u"MKTO_COMPANY_MISSING"_qs << QStringList{u"0017F000007y8FHQAY"_qs, u"lead:1049"_qs}
        << u"error"_qs;
    QTest::newRow("role carries the ContactId as leadId (C04)")
        << Mutation([](SystemState &s) {
               s.mktoOpportunities.append(QJsonObject{
                   {u"marketoGUID"_qs, u"g-opp-1"_qs},
                   {u"externalOpportunityId"_qs, u"0067F000004dRt1QAE"_qs},
                   {u"externalCompanyId"_qs, u"0017F000007y8FFQAY"_qs},
                   {u"externalSalesPersonId"_qs, u"0057F000009Zt4AQAS"_qs}});
               s.mktoOpportunityRoles.append(QJsonObject{
                   {u"marketoGUID"_qs, u"g-role-1"_qs},
                   {u"externalOpportunityId"_qs, u"0067F000004dRt1QAE"_qs},
                   {u"leadId"_qs, u"0037F000009XkPUQA0"_qs},
                   {u"role"_qs, u"Decision Maker"_qs}});
           })
        << u"MKTO_ROLE_LEAD_MISSING"_qs << QStringList{u"role:g-role-1"_qs} << u"error"_qs;
    QTest::newRow("externalPersonId of a deleted contact")
        << Mutation([](SystemState &s) {
               s.sfContacts.removeIf([](const QJsonObject &c) {
                   return c.value(u"Id"_qs) == u"0037F000009XkPgQAK"_qs;
               });
           })
        << u"MKTO_PERSON_NOT_IN_SF"_qs << QStringList{u"0037F000009XkPgQAK"_qs, u"lead:1049"_qs}
        << u"warning"_qs;
    QTest::newRow("contact whose account is not in the extract")
        << Mutation([](SystemState &s) {
               s.sfAccounts.removeIf([](const QJsonObject &a) {
                   return a.value(u"Id"_qs) == u"0017F000007y8FQQAY"_qs; // sForce, no contacts
               });
               (*find(s.sfContacts, u"Id"_qs, u"0037F000009XkPUQA0"_qs))[u"AccountId"_qs] =
                   u"0017F000007y8FQQAY"_qs;
           })
        << u"SF_PARENT_MISSING"_qs << QStringList{u"0037F000009XkPUQA0"_qs, u"0017F000007y8FQQAY"_qs}
        << u"warning"_qs;
    QTest::newRow("two contacts share an e-mail")
        << Mutation([](SystemState &s) {
               (*find(s.sfContacts, u"Id"_qs, u"0037F000009XkPVQA0"_qs))[u"Email"_qs] =
                   u"ROSE@edge.com"_qs;
           })
        << u"SF_EMAIL_DUPLICATE"_qs << QStringList{u"0037F000009XkPUQA0"_qs, u"0037F000009XkPVQA0"_qs}
        << u"warning"_qs;
    QTest::newRow("MSI field hidden by FLS (C21)")
        << Mutation([](SystemState &s) {
               QJsonObject d = describeWithAllMsiFields();
               QJsonArray fields = d.value(u"fields"_qs).toArray();
               fields.removeAt(2); // mkto_si__Last_Interesting_Moment_Date__c
               d[u"fields"_qs] = fields;
               s.sfContactDescribe = d;
           })
        << u"SF_MSI_FIELD_MISSING"_qs
        << QStringList{u"Contact.mkto_si__Last_Interesting_Moment_Date__c"_qs} << u"error"_qs;
    QTest::newRow("MSI field read-only")
        << Mutation([](SystemState &s) {
               QJsonObject d = describeWithAllMsiFields();
               QJsonArray fields = d.value(u"fields"_qs).toArray();
               QJsonObject f = fields.at(5).toObject(); // Priority__c
               f[u"updateable"_qs] = false;
               fields[5] = f;
               d[u"fields"_qs] = fields;
               s.sfLeadDescribe = d;
           })
        << u"SF_MSI_FIELD_READONLY"_qs << QStringList{u"Lead.mkto_si__Priority__c"_qs}
        << u"error"_qs;
}

void TestCheckSuite::seededBreak()
{
    QFETCH(Mutation, mutate);
    QFETCH(QString, code);
    QFETCH(QStringList, records);
    QFETCH(QString, severity);
    SystemState state = loadSample();
    mutate(state);
    const Findings findings = CheckSuite::run(state);
    QStringList seen;
    for (const Finding &f : findings) {
        if (f.code != code)
            continue;
        seen.append(key(f));
        if (key(f) == key(code, records, severity)) {
            QVERIFY(!f.cause.isEmpty());
            QVERIFY(!f.fix.isEmpty());
            return;
        }
    }
    QFAIL(qPrintable(u"expected "_qs + key(code, records, severity) + u"; got "_qs
                     + seen.join(u"; "_qs)));
}

void TestCheckSuite::seedReaderErrors_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("inError");
    QTest::newRow("not JSON") << u"salesforce/Account.json"_qs << QByteArray("[{\"Id\":")
                              << u"Account.json is not valid JSON"_qs;
    QTest::newRow("object instead of array")
        << u"marketo/leads.json"_qs << QByteArray("{\"result\":[]}") << u"JSON array"_qs;
    QTest::newRow("element not an object")
        << u"salesforce/Contact.json"_qs << QByteArray("[{\"Id\":\"x\"}, 3]") << u"element 1"_qs;
    QTest::newRow("describe not an object")
        << u"salesforce/describe/Lead.json"_qs << QByteArray("[]") << u"describe"_qs;
}

void TestCheckSuite::seedReaderErrors()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QString, inError);
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(u"salesforce/describe"_qs));
    QVERIFY(QDir(dir.path()).mkpath(u"marketo"_qs));
    QFile f(dir.filePath(file));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();
    SystemState state;
    QString error;
    QVERIFY(!SeedReader::read(dir.path(), &state, &error));
    QVERIFY2(error.contains(inError), qPrintable(error));

    QVERIFY(!SeedReader::read(dir.filePath(u"nowhere"_qs), &state, &error));
    QVERIFY2(error.contains(u"not a seed folder"_qs), qPrintable(error));
}

void TestCheckSuite::bundledResourceMatchesFolder()
{
    Q_INIT_RESOURCE(msi_resources);
    SystemState fromResource;
    QString error;
    QVERIFY2(SeedReader::read(SeedReader::bundledSampleOrg(), &fromResource, &error),
             qPrintable(error));
    const SystemState fromFolder = loadSample();
    QCOMPARE(fromResource.sfContacts.size(), 21);
    QCOMPARE(fromResource.sfContacts, fromFolder.sfContacts);
    QCOMPARE(fromResource.mktoLeads.size(), 12);
}

QTEST_GUILESS_MAIN(TestCheckSuite)
#include "tst_checksuite.moc"
