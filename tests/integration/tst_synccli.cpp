// The workspace verbs of msi-bridge-cli against the in-process sandbox: exit codes, JSON keys
// (contracts), dry run, runs, failures and check emails.
#include "cli/CliApplication.h"
#include "sandbox/Sandbox.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace msi;

class TestSyncCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void usageErrors_data();
    void usageErrors();
    void connectionRefused();
    void connectSwappedUrls();
    void connectUnresolvableHost();
    void checkEmailsBeforeSync();
    void dryRunWritesNothing();
    void laterStageAloneIsBlocked();
    void syncJson();
    void runsAndFailures();
    void failedConnectLeavesNoFile_data();
    void failedConnectLeavesNoFile();
    void quotaEstimateSaysWhenItDoesNotFit_data();
    void quotaEstimateSaysWhenItDoesNotFit();

private:
    struct Result
    {
        int code = -1;
        QString out;
        QString err;
    };
    Result cli(const QStringList &arguments) const;
    sandbox::Sandbox m_sandbox;
    QTemporaryDir m_dir;
    QString m_workspace;
};

TestSyncCli::Result TestSyncCli::cli(const QStringList &arguments) const
{
    Result result;
    QTextStream out(&result.out);
    QTextStream err(&result.err);
    cli::CliApplication application;
    result.code = application.run(QStringList{QStringLiteral("msi-bridge-cli")} + arguments,
                                  {out, err});
    out.flush();
    err.flush();
    return result;
}

void TestSyncCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(m_sandbox.start(sandbox::SandboxOptions{}, &error), qPrintable(error));
    qputenv("MSI_BRIDGE_SF_CLIENT_ID", sandbox::Sandbox::clientId().toUtf8());
    qputenv("MSI_BRIDGE_SF_CLIENT_SECRET", sandbox::Sandbox::clientSecret().toUtf8());
    qputenv("MSI_BRIDGE_MARKETO_CLIENT_ID", sandbox::Sandbox::clientId().toUtf8());
    qputenv("MSI_BRIDGE_MARKETO_CLIENT_SECRET", sandbox::Sandbox::clientSecret().toUtf8());
    m_workspace = m_dir.filePath(QStringLiteral("cli.sqlite"));
    const Result connected = cli({QStringLiteral("--workspace"), m_workspace, QStringLiteral("connect"),
                                  QStringLiteral("--salesforce-url"), m_sandbox.salesforceUrl().toString(),
                                  QStringLiteral("--marketo-url"), m_sandbox.marketoUrl().toString(),
                                  QStringLiteral("--json")});
    QVERIFY2(connected.code == 0, qPrintable(connected.err));
    QCOMPARE(QJsonDocument::fromJson(connected.out.toUtf8()).object().value(u"connected").toBool(),
             true);
}

void TestSyncCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("unknown stage") << QStringList{u"sync"_qs, u"--stages"_qs, u"1,9"_qs};
    QTest::newRow("batch size too big") << QStringList{u"sync"_qs, u"--batch-size"_qs, u"301"_qs};
    QTest::newRow("stray argument") << QStringList{u"sync"_qs, u"now"_qs};
    QTest::newRow("failures without run") << QStringList{u"failures"_qs};
    QTest::newRow("failures of unknown run") << QStringList{u"failures"_qs, u"999"_qs};
    QTest::newRow("connect without urls") << QStringList{u"connect"_qs};
    QTest::newRow("workspace never connected")
        << QStringList{u"--workspace"_qs, u"/nonexistent-dir/never/x.sqlite"_qs, u"sync"_qs};
}

void TestSyncCli::usageErrors()
{
    QFETCH(QStringList, arguments);
    if (!arguments.contains(u"--workspace"_qs))
        arguments << QStringLiteral("--workspace") << m_workspace;
    const Result result = cli(arguments);
    QCOMPARE(result.code, 2);
    QVERIFY(!result.err.isEmpty());
    QVERIFY(result.out.isEmpty());
}

void TestSyncCli::connectionRefused()
{
    const QByteArray saved = qgetenv("MSI_BRIDGE_SF_CLIENT_SECRET");
    qputenv("MSI_BRIDGE_SF_CLIENT_SECRET", "wrong-secret");
    const Result result = cli({QStringLiteral("sync"), QStringLiteral("--json"),
                               QStringLiteral("--workspace"), m_workspace});
    qputenv("MSI_BRIDGE_SF_CLIENT_SECRET", saved);
    QCOMPARE(result.code, 3);
    QCOMPARE(QJsonDocument::fromJson(result.out.toUtf8()).object().value(u"status").toString(),
             u"connection"_qs);
}

// The sandbox's two servers given the wrong way round: each URL is asked, without credentials,
// which system answers there.
void TestSyncCli::connectSwappedUrls()
{
    const QString workspace = m_dir.filePath(QStringLiteral("swapped.sqlite"));
    const QString sf = m_sandbox.salesforceUrl().toString();
    const QString mk = m_sandbox.marketoUrl().toString();
    const Result result = cli({QStringLiteral("--workspace"), workspace, QStringLiteral("connect"),
                               QStringLiteral("--salesforce-url"), mk,
                               QStringLiteral("--marketo-url"), sf});
    QCOMPARE(result.code, 2);
    QVERIFY2(result.err.contains(u"--salesforce-url "_qs + QUrl(mk).toDisplayString()
                                 + u" answered like a Marketo instance, not Salesforce: did you "
                                   "swap --salesforce-url and --marketo-url?"_qs),
             qPrintable(result.err));
    QVERIFY2(result.err.contains(u"--marketo-url "_qs + QUrl(sf).toDisplayString()
                                 + u" answered like a Salesforce instance, not Marketo"_qs),
             qPrintable(result.err));
    // Nothing was kept: no workspace was made.
    QVERIFY(!QFileInfo::exists(workspace));
    const Result sync = cli({QStringLiteral("sync"), QStringLiteral("--dry-run"),
                             QStringLiteral("--workspace"), workspace});
    QCOMPARE(sync.code, 2);
    QVERIFY2(sync.err.contains(u"no workspace at "_qs + workspace), qPrintable(sync.err));

    // Only one of them wrong: the Marketo URL given for both.
    const Result both = cli({QStringLiteral("--workspace"), workspace, QStringLiteral("connect"),
                             QStringLiteral("--salesforce-url"), mk,
                             QStringLiteral("--marketo-url"), mk});
    QCOMPARE(both.code, 2);
    QVERIFY2(both.err.contains(u"answered like a Marketo instance, not Salesforce"_qs),
             qPrintable(both.err));
    QVERIFY2(!both.err.contains(u"answered like a Salesforce instance"_qs), qPrintable(both.err));
}

// RFC 6761: .invalid never resolves. The sign-in fails at once (the network layer does not retry
// a name DNS says does not exist) with the host named.
void TestSyncCli::connectUnresolvableHost()
{
    const Result result = cli({QStringLiteral("--workspace"),
                               m_dir.filePath(QStringLiteral("nohost.sqlite")),
                               QStringLiteral("connect"), QStringLiteral("--salesforce-url"),
                               QStringLiteral("https://msi-bridge-test.invalid"),
                               QStringLiteral("--marketo-url"), m_sandbox.marketoUrl().toString()});
    QCOMPARE(result.code, 3);
    QVERIFY2(result.err.contains(u"the host msi-bridge-test.invalid was not found"_qs),
             qPrintable(result.err));
    QVERIFY2(!result.err.contains(u"Marketo:"_qs), qPrintable(result.err)); // Marketo signed in
}

// M-01 as the live systems show it before any sync.
void TestSyncCli::checkEmailsBeforeSync()
{
    const Result result = cli({QStringLiteral("check"), QStringLiteral("emails"),
                               QStringLiteral("--json"), QStringLiteral("--workspace"), m_workspace});
    QCOMPARE(result.code, 1);
    const QJsonArray findings = QJsonDocument::fromJson(result.out.toUtf8()).array();
    QCOMPARE(findings.size(), 1);
    QCOMPARE(findings.at(0).toObject().value(u"code").toString(), u"MKTO_SP_EMAIL_MISMATCH"_qs);
}

void TestSyncCli::dryRunWritesNothing()
{
    const QJsonArray leadsBefore = m_sandbox.marketoRecords(QStringLiteral("leads"));
    const Result result = cli({QStringLiteral("sync"), QStringLiteral("--dry-run"),
                               QStringLiteral("--json"), QStringLiteral("--workspace"), m_workspace});
    QCOMPARE(result.code, 1); // the plan has skipped and deferred records
    const QJsonObject json = QJsonDocument::fromJson(result.out.toUtf8()).object();
    QCOMPARE(json.value(u"dryRun").toBool(), true);
    const QJsonArray stages = json.value(u"stages").toArray();
    QCOMPARE(stages.size(), 6);
    QCOMPARE(stages.at(2).toObject().value(u"created").toInt(), 31); // MANIFEST.md
    QCOMPARE(stages.at(2).toObject().value(u"updated").toInt(), 9);
    QVERIFY(json.value(u"plan").toObject().contains(u"stages"));
    QVERIFY(json.value(u"quota").toObject().value(u"totalCalls").toInt() > 0);
    QCOMPARE(m_sandbox.marketoRecords(QStringLiteral("leads")), leadsBefore);
    QCOMPARE(m_sandbox.marketoRecords(QStringLiteral("salespersons")).size(), 2);
}

// Each stage gates the next: run alone on a new workspace, stage 4 must not send opportunities
// whose sales person and company are not in Marketo yet (they would fail with 718 or dangle).
void TestSyncCli::laterStageAloneIsBlocked()
{
    const QString workspace = m_dir.filePath(QStringLiteral("stage4-alone.sqlite"));
    const Result connected = cli({QStringLiteral("--workspace"), workspace, QStringLiteral("connect"),
                                  QStringLiteral("--salesforce-url"), m_sandbox.salesforceUrl().toString(),
                                  QStringLiteral("--marketo-url"), m_sandbox.marketoUrl().toString()});
    QVERIFY2(connected.code == 0, qPrintable(connected.err));
    const Result result = cli({QStringLiteral("sync"), QStringLiteral("--stages"),
                               QStringLiteral("opportunities"), QStringLiteral("--json"),
                               QStringLiteral("--workspace"), workspace});
    QCOMPARE(result.code, 1);
    const QJsonArray stages =
        QJsonDocument::fromJson(result.out.toUtf8()).object().value(u"stages").toArray();
    QCOMPARE(stages.size(), 1);
    const QJsonObject opportunities = stages.at(0).toObject();
    QCOMPARE(opportunities.value(u"blocked").toInt(), 32); // MANIFEST.md: 32 opportunities
    QCOMPARE(opportunities.value(u"created").toInt(), 0);
    QCOMPARE(opportunities.value(u"failed").toInt(), 0);
    QVERIFY(m_sandbox.marketoRecords(QStringLiteral("opportunities")).isEmpty());
    const Result failures = cli({QStringLiteral("failures"), QStringLiteral("1"),
                                 QStringLiteral("--workspace"), workspace});
    // Opportunity "Edge Emergency Generator" of Account Edge Communications, owned by
    // María José Álvarez: blocked by her sales person, named.
    QVERIFY2(failures.out.contains(u"blocked by User María José Álvarez (0057F00000Bq3LmQAJ)"_qs), qPrintable(failures.out));
}

void TestSyncCli::syncJson()
{
    const Result result = cli({QStringLiteral("sync"), QStringLiteral("--json"),
                               QStringLiteral("--workspace"), m_workspace});
    QCOMPARE(result.code, 1); // Stella and the two Leads that lose to their Contact
    const QJsonDocument document = QJsonDocument::fromJson(result.out.toUtf8());
    QVERIFY(document.isObject()); // one JSON document on stdout, nothing else
    const QJsonObject json = document.object();
    QCOMPARE(json.value(u"status").toString(), u"findings"_qs);
    for (const QJsonValue &value : json.value(u"stages").toArray()) {
        const QJsonObject stage = value.toObject();
        for (const char *key : {"stage", "created", "updated", "unchanged", "blocked", "failed"})
            QVERIFY2(stage.contains(QLatin1String(key)), key);
    }
    QCOMPARE(json.value(u"stages").toArray().at(0).toObject().value(u"created").toInt(), 3);
    QVERIFY(!json.value(u"findings").toArray().isEmpty());
    QVERIFY(!result.err.isEmpty()); // progress
}

void TestSyncCli::runsAndFailures()
{
    const Result runs = cli({QStringLiteral("runs"), QStringLiteral("--json"),
                             QStringLiteral("--workspace"), m_workspace});
    QCOMPARE(runs.code, 0);
    const QJsonArray history = QJsonDocument::fromJson(runs.out.toUtf8()).array();
    QVERIFY(history.size() >= 2);
    const QJsonObject last = history.at(0).toObject(); // newest first: the real run
    QCOMPARE(last.value(u"mode").toString(), u"full"_qs);
    // The same status `sync --json` gave (syncJson: "findings", MANIFEST.md's blocked and
    // skipped records), for the run and for the dry run before it.
    QCOMPARE(last.value(u"status").toString(), u"findings"_qs);
    QCOMPARE(last.value(u"journalStatus").toString(), u"succeeded"_qs);
    const QJsonObject dryRun = history.at(1).toObject();
    QCOMPARE(dryRun.value(u"mode").toString(), u"dry-run"_qs);
    QCOMPARE(dryRun.value(u"status").toString(), u"findings"_qs);
    // Stages in stage order, not alphabetical.
    const QStringList stageOrder{u"sales-persons"_qs, u"companies"_qs, u"leads"_qs,
                                 u"opportunities"_qs, u"opportunity-roles"_qs, u"msi-writeback"_qs};
    QStringList listed;
    for (const QJsonValue &stage : last.value(u"stageList").toArray())
        listed << stage.toObject().value(u"stage").toString();
    QCOMPARE(listed, stageOrder);
    QCOMPARE(last.value(u"stageList").toArray().at(2).toObject().value(u"created").toInt(),
             last.value(u"stages").toObject().value(u"leads").toObject().value(u"created").toInt());
    const Result text = cli({QStringLiteral("runs"), QStringLiteral("--workspace"), m_workspace});
    QCOMPARE(text.code, 0);
    const QString newest = text.out.section(u'\n', 0, 0);
    QVERIFY2(newest.section(u'\t', 3, 3) == u"findings", qPrintable(newest));
    qsizetype previous = -1;
    for (const QString &stage : stageOrder) {
        const qsizetype at = newest.indexOf(stage + u": "_qs);
        QVERIFY2(at > previous, qPrintable(stage + u" out of order in: "_qs + newest));
        previous = at;
    }
    const QString run = QString::number(last.value(u"run").toInteger());

    const QString csvPath = m_dir.filePath(QStringLiteral("failures.csv"));
    const Result failures = cli({QStringLiteral("failures"), run, QStringLiteral("--csv"), csvPath,
                                 QStringLiteral("--workspace"), m_workspace});
    QCOMPARE(failures.code, 1); // it lists records: findings, as for every verb
    QVERIFY(failures.out.contains(u"0037F000009XkPbQAK")); // Stella, skipped
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(csv.readAll()).split(u"\r\n"_qs, Qt::SkipEmptyParts);
    QCOMPARE(lines.first(), u"stage,record,outcome,reason,marketoId,attempts"_qs);
    // Stella, Pat's and Andy's Leads, and Stella's 5 roles at least.
    QVERIFY(lines.size() - 1 >= 8);
    const Result json = cli({QStringLiteral("failures"), run, QStringLiteral("--json"),
                             QStringLiteral("--workspace"), m_workspace});
    QCOMPARE(json.code, 1);
    QVERIFY(QJsonDocument::fromJson(json.out.toUtf8()).array().size() >= 8);

    // A run that left nothing behind: sales persons only, all in sync now.
    const Result clean = cli({QStringLiteral("sync"), QStringLiteral("--stages"), QStringLiteral("1"),
                              QStringLiteral("--json"), QStringLiteral("--workspace"), m_workspace});
    QVERIFY2(clean.code == 0, qPrintable(clean.err));
    const QString cleanRun =
        QString::number(QJsonDocument::fromJson(clean.out.toUtf8()).object().value(u"run").toInteger());
    const Result none = cli({QStringLiteral("failures"), cleanRun, QStringLiteral("--workspace"),
                             m_workspace});
    QCOMPARE(none.code, 0);
    QVERIFY2(none.out.contains(u"has no failed or blocked records"_qs), qPrintable(none.out));
    const Result noneJson = cli({QStringLiteral("failures"), cleanRun, QStringLiteral("--json"),
                                 QStringLiteral("--workspace"), m_workspace});
    QCOMPARE(noneJson.code, 0);
    QCOMPARE(QJsonDocument::fromJson(noneJson.out.toUtf8()).array().size(), 0);
}

// A connect that fails makes no workspace: wrong secret (3), a secret missing (2), a swapped URL
// (connectSwappedUrls). With --json, one document on stdout with the error.
void TestSyncCli::failedConnectLeavesNoFile_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QByteArray>("value"); // empty: unset
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("errorCode");
    QTest::newRow("wrong Salesforce secret") << u"MSI_BRIDGE_SF_CLIENT_SECRET"_qs
                                             << QByteArray("wrong") << 3 << u"connection"_qs;
    QTest::newRow("wrong Marketo secret") << u"MSI_BRIDGE_MARKETO_CLIENT_SECRET"_qs
                                          << QByteArray("wrong") << 3 << u"connection"_qs;
}

void TestSyncCli::failedConnectLeavesNoFile()
{
    QFETCH(QString, variable);
    QFETCH(QByteArray, value);
    QFETCH(int, code);
    QFETCH(QString, errorCode);
    const QString workspace = m_dir.filePath(QStringLiteral("new/failed-connect.sqlite"));
    const QByteArray saved = qgetenv(qPrintable(variable));
    qputenv(qPrintable(variable), value);
    const Result result = cli({QStringLiteral("--workspace"), workspace, QStringLiteral("connect"),
                               QStringLiteral("--salesforce-url"), m_sandbox.salesforceUrl().toString(),
                               QStringLiteral("--marketo-url"), m_sandbox.marketoUrl().toString(),
                               QStringLiteral("--json")});
    qputenv(qPrintable(variable), saved);
    QCOMPARE(result.code, code);
    const QJsonObject json = QJsonDocument::fromJson(result.out.toUtf8()).object();
    QCOMPARE(json.value(u"connected").toBool(true), false);
    QCOMPARE(json.value(u"exitCode").toInt(), code);
    QCOMPARE(json.value(u"error").toObject().value(u"code").toString(), errorCode);
    QVERIFY(!QFileInfo::exists(workspace));
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("new"))));
}

// The estimate says plainly, before any write, when the run needs more Marketo calls than today
// leaves (the sample org's first run: 7 writes after 6 reads); the run goes on all the same.
void TestSyncCli::quotaEstimateSaysWhenItDoesNotFit_data()
{
    QTest::addColumn<QString>("quota");
    QTest::addColumn<bool>("fits");
    QTest::newRow("8 a day") << u"8"_qs << false;
    QTest::newRow("50,000 a day") << u"50000"_qs << true;
}

void TestSyncCli::quotaEstimateSaysWhenItDoesNotFit()
{
    QFETCH(QString, quota);
    QFETCH(bool, fits);
    sandbox::Sandbox sandbox; // the sample org as it is before any sync
    QString error;
    QVERIFY2(sandbox.start(sandbox::SandboxOptions{}, &error), qPrintable(error));
    const QString workspace = m_dir.filePath(u"quota-"_qs + quota + u".sqlite"_qs);
    const Result connected = cli({QStringLiteral("--workspace"), workspace, QStringLiteral("connect"),
                                  QStringLiteral("--salesforce-url"), sandbox.salesforceUrl().toString(),
                                  QStringLiteral("--marketo-url"), sandbox.marketoUrl().toString()});
    QVERIFY2(connected.code == 0, qPrintable(connected.err));
    const Result json = cli({QStringLiteral("--workspace"), workspace, QStringLiteral("sync"),
                             QStringLiteral("--dry-run"), QStringLiteral("--daily-quota"), quota,
                             QStringLiteral("--json")});
    QCOMPARE(json.code, 1);
    const QJsonObject document = QJsonDocument::fromJson(json.out.toUtf8()).object();
    QCOMPARE(document.value(u"quotaFits").toBool(!fits), fits);
    const QJsonObject estimate = document.value(u"quota").toObject();
    QCOMPARE(estimate.value(u"fits").toBool(!fits), fits);
    QCOMPARE(estimate.value(u"totalCalls").toInt() > estimate.value(u"remaining").toInt(), !fits);
    const QString warning = u"Warning: this run needs "_qs;
    QCOMPARE(json.err.contains(warning), !fits);
    const Result text = cli({QStringLiteral("--workspace"), workspace, QStringLiteral("sync"),
                             QStringLiteral("--dry-run"), QStringLiteral("--daily-quota"), quota});
    QCOMPARE(text.code, 1);
    QCOMPARE(text.err.contains(warning), !fits);
    if (!fits) {
        // Right after the estimate, naming what is needed and what is left.
        const QString line = text.err.section(u"Marketo calls needed: "_qs, 1).section(u'\n', 1, 1);
        QVERIFY2(line.startsWith(warning), qPrintable(text.err));
        QVERIFY2(line.contains(u" of today's 8 are left"_qs), qPrintable(line));
        QVERIFY2(line.contains(u"exit 4"_qs), qPrintable(line));
    }
}

QTEST_GUILESS_MAIN(TestSyncCli)
#include "tst_synccli.moc"
