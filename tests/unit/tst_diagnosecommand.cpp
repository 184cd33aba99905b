// `msi-bridge-cli diagnose`: the JSON contract (record + links with link, verdict, cause and the
// values on each side) and the exit codes (0 all pass, 1 otherwise, 2 usage).
#include "cli/CliApplication.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace msi::cli;

namespace {

struct Result
{
    int code;
    QString out;
    QString err;
};

Result run(const QStringList &arguments)
{
    QString out;
    QString err;
    QTextStream outStream(&out);
    QTextStream errStream(&err);
    CliApplication cli;
    const int code = cli.run(QStringList{u"msi-bridge-cli"_qs} + arguments, {outStream, errStream});
    outStream.flush();
    errStream.flush();
    return {code, out, err};
}

void write(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(content);
}

} // namespace

class TestDiagnoseCommand : public QObject
{
    Q_OBJECT
private slots:
    void exitCodes_data();
    void exitCodes();
    void jsonDocument();
    void allLinksPassExitZero();
    void bulkJson();
};

void TestDiagnoseCommand::exitCodes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("code");
    QTest::newRow("broken chain (M-01, M-02)") << QStringList{u"diagnose"_qs, u"0037F000009XkPgQAK"_qs} << 1;
    QTest::newRow("by e-mail") << QStringList{u"diagnose"_qs, u"asong@uog.com"_qs} << 1;
    QTest::newRow("by 15-char id") << QStringList{u"diagnose"_qs, u"0037F000009XkPg"_qs} << 1;
    QTest::newRow("ambiguous e-mail (M-06)") << QStringList{u"diagnose"_qs, u"pat@pyramid.net"_qs} << 2;
    QTest::newRow("not found") << QStringList{u"diagnose"_qs, u"nobody@example.com"_qs} << 2;
    QTest::newRow("no argument") << QStringList{u"diagnose"_qs} << 2;
    QTest::newRow("two arguments") << QStringList{u"diagnose"_qs, u"a"_qs, u"b"_qs} << 2;
    QTest::newRow("--all with a record") << QStringList{u"diagnose"_qs, u"--all"_qs, u"a"_qs} << 2;
    QTest::newRow("bad seed") << QStringList{u"diagnose"_qs, u"x"_qs, u"--seed"_qs, u"/nonexistent"_qs} << 2;
    QTest::newRow("bulk on the sample org") << QStringList{u"diagnose"_qs, u"--all"_qs} << 1;
    QTest::newRow("--live without URLs") << QStringList{u"diagnose"_qs, u"x"_qs, u"--live"_qs} << 2;
    QTest::newRow("--live with --all") << QStringList{u"diagnose"_qs, u"--all"_qs, u"--live"_qs} << 2;
    QTest::newRow("--live without credentials")
        << QStringList{u"diagnose"_qs, u"x"_qs, u"--live"_qs, u"--salesforce-url"_qs,
                       u"https://exampleco.my.salesforce.com"_qs, u"--marketo-url"_qs,
                       u"https://123-ABC-456.mktorest.com"_qs}
        << 2;
}

void TestDiagnoseCommand::exitCodes()
{
    for (const char *name : {"MSI_BRIDGE_SF_CLIENT_ID", "MSI_BRIDGE_SF_CLIENT_SECRET",
                             "MSI_BRIDGE_MARKETO_CLIENT_ID", "MSI_BRIDGE_MARKETO_CLIENT_SECRET"})
        qunsetenv(name);
    QFETCH(QStringList, arguments);
    QFETCH(int, code);
    const Result r = run(arguments);
    QVERIFY2(r.code == code, qPrintable(r.err + r.out.left(400)));
    if (code == 2)
        QVERIFY(!r.err.isEmpty());
}

void TestDiagnoseCommand::jsonDocument()
{
    const Result r = run({u"diagnose"_qs, u"0037F000009XkPgQAK"_qs, u"--json"_qs});
    QCOMPARE(r.code, 1);
    QJsonParseError error;
    const QJsonObject doc = QJsonDocument::fromJson(r.out.toUtf8(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(doc.value(u"record"_qs).toObject().value(u"name"_qs).toString(), u"Arthur Song"_qs);
    const QJsonArray links = doc.value(u"links"_qs).toArray();
    QJsonObject email;
    for (const QJsonValue &v : links) {
        const QJsonObject l = v.toObject();
        QVERIFY(l.contains(u"link"_qs) && l.contains(u"verdict"_qs) && l.contains(u"cause"_qs)
                && l.contains(u"salesforce"_qs) && l.contains(u"marketo"_qs));
        if (l.value(u"link"_qs).toString() == u"salesperson.email")
            email = l;
    }
    // M-01: the values on each side.
    QCOMPARE(email.value(u"verdict"_qs).toString(), u"fail"_qs);
    QCOMPARE(email.value(u"salesforce"_qs).toString(), u"daniel.okafor@aurora-power.example"_qs);
    QCOMPARE(email.value(u"marketo"_qs).toString(), u"dokafor@aurora-power.example"_qs);
}

// A seed with one lead whose whole chain is in place: exit 0.
void TestDiagnoseCommand::allLinksPassExitZero()
{
    QTemporaryDir dir;
    write(dir.filePath(u"salesforce/User.json"_qs), R"([{"attributes":{"type":"User"},
        "Id":"0057F00000CkP8sQAF","Name":"Sophie Lindqvist","Email":"sophie.lindqvist@aurora-power.example"}])");
    write(dir.filePath(u"salesforce/Lead.json"_qs), R"([{"attributes":{"type":"Lead"},
        "Id":"00Q7F000006QwAaUAK","Name":"Betty Bair","Email":"bblair@abankingco.com","IsConverted":false,
        "OwnerId":"0057F00000CkP8sQAF","mkto_si__Last_Interesting_Moment_Type__c":"Web",
        "mkto_si__Last_Interesting_Moment_Date__c":"2024-05-14T09:12:21.000+0000",
        "mkto_si__Last_Interesting_Moment_Desc__c":"Visited","mkto_si__Last_Interesting_Moment_Source__c":"Web",
        "mkto_si__Priority__c":0.0,"mkto_si__Urgency_Value__c":1.0,"mkto_si__Relative_Score_Value__c":2.0}])");
    write(dir.filePath(u"salesforce/describe/Lead.json"_qs), R"({"name":"Lead","fields":[
        {"name":"mkto_si__Last_Interesting_Moment_Type__c","updateable":true},
        {"name":"mkto_si__Last_Interesting_Moment_Date__c","updateable":true},
        {"name":"mkto_si__Last_Interesting_Moment_Desc__c","updateable":true},
        {"name":"mkto_si__Last_Interesting_Moment_Source__c","updateable":true},
        {"name":"mkto_si__Priority__c","updateable":true},
        {"name":"mkto_si__Urgency_Value__c","updateable":true},
        {"name":"mkto_si__Relative_Score_Value__c","updateable":true}]})");
    write(dir.filePath(u"marketo/salespersons.json"_qs), R"([{"id":3,
        "externalSalesPersonId":"0057F00000CkP8sQAF","email":"sophie.lindqvist@aurora-power.example"}])");
    write(dir.filePath(u"marketo/leads.json"_qs), R"([{"id":2001,"email":"bblair@abankingco.com",
        "externalPersonId":"00Q7F000006QwAaUAK","externalSalesPersonId":"0057F00000CkP8sQAF",
        "externalCompanyId":null,"msiLastInterestingMomentType":"Web",
        "msiLastInterestingMomentDate":"2024-05-14T09:12:21Z","msiLastInterestingMomentDesc":"Visited",
        "msiLastInterestingMomentSource":"Web","priority":0,"relativeUrgency":1,"relativeScoring":2}])");
    const Result r = run({u"diagnose"_qs, u"Betty Bair"_qs, u"--seed"_qs, dir.path(), u"--json"_qs});
    QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
    const QJsonObject doc = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(doc.value(u"verdict"_qs).toString(), u"pass"_qs);
    QCOMPARE(doc.value(u"links"_qs).toArray().size(), 8);

    // Breaking one link turns the exit code to 1.
    write(dir.filePath(u"marketo/salespersons.json"_qs), R"([{"id":3,
        "externalSalesPersonId":"0057F00000CkP8sQAF","email":"slindqvist@aurora-power.example"}])");
    QCOMPARE(run({u"diagnose"_qs, u"00Q7F000006QwAaUAK"_qs, u"--seed"_qs, dir.path()}).code, 1);
}

void TestDiagnoseCommand::bulkJson()
{
    const Result r = run({u"diagnose"_qs, u"--all"_qs, u"--json"_qs});
    QCOMPARE(r.code, 1);
    const QJsonObject doc = QJsonDocument::fromJson(r.out.toUtf8()).object();
    // MANIFEST counts: 21 contacts + 22 leads + 12 accounts + 32 opportunities.
    QCOMPARE(doc.value(u"records"_qs).toInt(), 87);
    const QJsonArray groups = doc.value(u"groups"_qs).toArray();
    QVERIFY(!groups.isEmpty());
    for (const QJsonValue &v : groups) {
        const QJsonObject g = v.toObject();
        QCOMPARE(g.value(u"count"_qs).toInt(), g.value(u"records"_qs).toArray().size());
        QVERIFY(g.value(u"summary"_qs).toString().startsWith(QString::number(g.value(u"count"_qs).toInt())));
    }
}

QTEST_GUILESS_MAIN(TestDiagnoseCommand)
#include "tst_diagnosecommand.moc"
