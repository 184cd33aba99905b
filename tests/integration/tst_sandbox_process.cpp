// The msi-bridge-sandbox executable (startup lines, options), --state persistence, --seed and
// --scale determinism.
#include "SandboxHttp.h"

#include "sandbox/Sandbox.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using msi::sandbox::Sandbox;
using msi::sandbox::SandboxOptions;

class TestSandboxProcess : public QObject
{
    Q_OBJECT
private slots:
    void executablePrintsFourLines();
    void executableRejectsBadOptions_data();
    void executableRejectsBadOptions();
    void stateSurvivesRestart();
    void seedFolder();
    void scaleIsDeterministicAndProportional();
};

static QString executable()
{
    return QStringLiteral(MSI_BINARY_DIR "/app/sandbox/msi-bridge-sandbox");
}

void TestSandboxProcess::executablePrintsFourLines()
{
    QProcess process;
    process.start(executable(), {u"--salesforce-port"_qs, u"0"_qs, u"--marketo-port"_qs, u"0"_qs});
    QVERIFY(process.waitForStarted());
    QStringList lines;
    while (lines.size() < 4 && process.waitForReadyRead(15000)) {
        while (process.canReadLine())
            lines.append(QString::fromUtf8(process.readLine()).chopped(1));
    }
    QCOMPARE(lines.size(), 4);
    const QRegularExpression sf(u"^salesforce (http://127\\.0\\.0\\.1:\\d+)$"_qs);
    const QRegularExpression mk(u"^marketo (http://127\\.0\\.0\\.1:\\d+)$"_qs);
    QVERIFY2(sf.match(lines.at(0)).hasMatch(), qPrintable(lines.at(0)));
    QVERIFY2(mk.match(lines.at(1)).hasMatch(), qPrintable(lines.at(1)));
    QCOMPARE(lines.at(2), u"client_id sandbox-client"_qs);
    QCOMPARE(lines.at(3), u"client_secret sandbox-secret"_qs);
    // The printed URL answers.
    SandboxHttp http;
    const QUrl base(sf.match(lines.at(0)).captured(1));
    QUrlQuery form(u"grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-secret"_qs);
    const HttpResult token = http.postForm(SandboxHttp::url(base, u"/services/oauth2/token"_qs), form);
    QCOMPARE(token.status, 200);
    QCOMPARE(token.object().value(u"instance_url").toString(), base.toString());
    process.terminate();
    QVERIFY(process.waitForFinished(5000));
}

void TestSandboxProcess::executableRejectsBadOptions_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mention");
    QTest::newRow("rate") << QStringList{u"--marketo-rate"_qs, u"100"_qs} << u"CALLS/SECONDS"_qs;
    QTest::newRow("port") << QStringList{u"--salesforce-port"_qs, u"70000"_qs} << u"--salesforce-port"_qs;
    QTest::newRow("faults") << QStringList{u"--faults"_qs, u"mkto:banana"_qs} << u"banana"_qs;
    QTest::newRow("seed") << QStringList{u"--seed"_qs, u"/nonexistent/folder"_qs} << u"/nonexistent/folder"_qs;
}

void TestSandboxProcess::executableRejectsBadOptions()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mention);
    QProcess process;
    process.start(executable(), arguments);
    QVERIFY(process.waitForFinished(15000));
    QCOMPARE(process.exitCode(), 2);
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(err.contains(mention), qPrintable(err));
}

void TestSandboxProcess::stateSurvivesRestart()
{
    QTemporaryDir dir;
    SandboxOptions options;
    options.stateFile = dir.filePath(u"state.json"_qs);
    {
        Sandbox first;
        QVERIFY(first.start(options));
        SandboxHttp http;
        const QByteArray token = http.marketoToken(first);
        const QJsonObject body{{u"input"_qs, QJsonArray{QJsonObject{{u"externalCompanyId"_qs, u"0017F000007y8FGQAY"_qs},
                                                                    {u"company"_qs, u"Burlington Textiles Corp of America"_qs}}}}};
        QCOMPARE(http.sendJson("POST", SandboxHttp::url(first.marketoUrl(), u"/rest/v1/companies.json"_qs), QJsonDocument(body), token)
                     .object().value(u"result").toArray().first().toObject().value(u"status").toString(), u"created"_qs);
        QVERIFY(first.editSalesforceRecord(u"0037F000009XkPUQA0"_qs, {{u"Title"_qs, u"Chief Procurement Officer"_qs}}));
        first.advanceClock(3600);
    } // the destructor writes pending changes
    Sandbox second;
    QVERIFY(second.start(options));
    bool found = false;
    for (const QJsonValue &v : second.marketoRecords(u"companies"_qs))
        found = found || v.toObject().value(u"externalCompanyId").toString() == u"0017F000007y8FGQAY";
    QVERIFY(found);
    QCOMPARE(second.salesforceRecord(u"0037F000009XkPUQA0"_qs).value(u"Title").toString(), u"Chief Procurement Officer"_qs);
    QVERIFY(second.now() >= QDateTime::currentDateTimeUtc().addSecs(3500)); // the clock offset persisted
}

void TestSandboxProcess::seedFolder()
{
    Sandbox sandbox;
    SandboxOptions options;
    options.seedDir = QStringLiteral(MSI_SAMPLE_ORG_DIR);
    QVERIFY(sandbox.start(options));
    // MANIFEST.md counts.
    QCOMPARE(sandbox.salesforceRecords(u"Contact"_qs).size(), 21);
    QCOMPARE(sandbox.salesforceRecords(u"OpportunityContactRole"_qs).size(), 35);
    QCOMPARE(sandbox.marketoRecords(u"leads"_qs).size(), 12);
    QCOMPARE(sandbox.marketoRecords(u"salespersons"_qs).size(), 2);
    Sandbox missing;
    SandboxOptions bad;
    bad.seedDir = u"/nonexistent/seed"_qs;
    QString error;
    QVERIFY(!missing.start(bad, &error));
    QVERIFY(error.contains(u"/nonexistent/seed"));
}

void TestSandboxProcess::scaleIsDeterministicAndProportional()
{
    SandboxOptions options;
    options.scale = 2000;
    Sandbox a;
    QVERIFY(a.start(options));
    Sandbox b;
    QVERIFY(b.start(options));
    const QJsonArray contacts = a.salesforceRecords(u"Contact"_qs);
    QCOMPARE(contacts.size(), 1000);
    QCOMPARE(a.salesforceRecords(u"Lead"_qs).size(), 1000);
    QCOMPARE(a.salesforceRecords(u"Account"_qs).size(), 200);
    QCOMPARE(a.salesforceRecords(u"Opportunity"_qs).size(), 300);
    QCOMPARE(contacts, b.salesforceRecords(u"Contact"_qs));
    QCOMPARE(a.salesforceRecords(u"OpportunityContactRole"_qs), b.salesforceRecords(u"OpportunityContactRole"_qs));
    QCOMPARE(a.marketoRecords(u"leads"_qs), b.marketoRecords(u"leads"_qs));
    // Served like the sample org: every id is 18 characters with the right prefix.
    SandboxHttp http;
    const QByteArray token = http.salesforceToken(a);
    const HttpResult r = http.get(SandboxHttp::soql(a, u"SELECT Id, AccountId, Account.Name FROM Contact"_qs), token);
    QCOMPARE(r.object().value(u"totalSize").toInt(), 1000);
    for (const QJsonValue &v : r.object().value(u"records").toArray()) {
        QVERIFY(v.toObject().value(u"Id").toString().startsWith(u"003"));
        QVERIFY(!v.toObject().value(u"Account").toObject().value(u"Name").toString().isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestSandboxProcess)
#include "tst_sandbox_process.moc"
