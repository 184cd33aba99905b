// A run killed mid-stage, a 606 storm, a token expiry and a 607 each end in the same final state
// as an undisturbed run (compared through the sandbox's own APIs).
#include "SyncTestKit.h"

#include "store/RunRepository.h"
#include "store/Workspace.h"
#include "sync/RecordMapper.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QSysInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>

#include <csignal>
#include <sys/types.h>

using namespace msi;
using namespace msi::sync;

class TestSyncResume : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void killedRunResumes();
    void interruptedRunIsCancelledAndResumes_data();
    void interruptedRunIsCancelledAndResumes();
    void secondSyncOnTheWorkspaceIsRefused();
    void cancelEndsA606Wait();
    void stormOf606();
    void tokenExpiresMidRun();
    void dailyQuotaStopsAndResumes();
    void tinyDailyQuotaProgresses_data();
    void tinyDailyQuotaProgresses();
    void limitAnswersAreCounted_data();
    void limitAnswersAreCounted();

private:
    static QStringList withoutMsi(const QStringList &digest);
    static void checkMsiMatchesMarketo(const sandbox::Sandbox &sandbox);
    int runCli(const QStringList &arguments, const QString &workspace, QString *out = nullptr,
               QString *err = nullptr);
    // Starts msi-bridge-cli sync on a slow sandbox and returns once it is writing stage 3.
    bool startSyncInStage3(QProcess *child, const QString &workspace, const QStringList &extra,
                           QString *progress);
    QProcessEnvironment cliEnvironment() const;
    // `connect` of the workspace to the sandbox's two systems; the CLI's exit code.
    int connectCli(const sandbox::Sandbox &sandbox, const QString &workspace);
    // `runs --json` of the workspace (newest first); empty when the command fails.
    QJsonArray runsJson(const QString &workspace);

    QTemporaryDir m_dir;
    QStringList m_reference;
    int m_referenceCalls = 0; // Marketo calls of the undisturbed run
};

void TestSyncResume::initTestCase()
{
    QVERIFY(m_dir.isValid());
    sandbox::Sandbox sandbox;
    QString error;
    QVERIFY2(sandbox.start(sandbox::SandboxOptions{}, &error), qPrintable(error));
    const RunResult result = synctest::runSync(m_dir.filePath(QStringLiteral("reference.sqlite")),
                                               synctest::connectionFor(sandbox));
    QCOMPARE(result.status, RunResult::Status::Findings);
    m_reference = synctest::stateDigest(sandbox);
    QVERIFY(m_reference.size() > 100);
    m_referenceCalls = sandbox.marketoCallsToday();
    QVERIFY(m_referenceCalls > 0);
}

QStringList TestSyncResume::withoutMsi(const QStringList &digest)
{
    QStringList result;
    for (const QString &line : digest) {
        if (!line.startsWith(u"msi|"))
            result.append(line);
    }
    return result;
}

void TestSyncResume::checkMsiMatchesMarketo(const sandbox::Sandbox &sandbox)
{
    for (const QJsonValue &value : sandbox.marketoRecords(QStringLiteral("leads"))) {
        const QJsonObject lead = value.toObject();
        const QString person = lead.value(u"externalPersonId").toString();
        if (person.isEmpty())
            continue;
        QCOMPARE(RecordMapper::msiUpdate(sandbox.salesforceRecord(person), lead,
                                         SyncPolicy::defaultMsiFields()),
                 QJsonObject{});
    }
}

QProcessEnvironment TestSyncResume::cliEnvironment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("MSI_BRIDGE_SF_CLIENT_ID"), sandbox::Sandbox::clientId());
    environment.insert(QStringLiteral("MSI_BRIDGE_SF_CLIENT_SECRET"), sandbox::Sandbox::clientSecret());
    environment.insert(QStringLiteral("MSI_BRIDGE_MARKETO_CLIENT_ID"), sandbox::Sandbox::clientId());
    environment.insert(QStringLiteral("MSI_BRIDGE_MARKETO_CLIENT_SECRET"),
                       sandbox::Sandbox::clientSecret());
    environment.insert(QStringLiteral("HOME"), m_dir.path());
    return environment;
}

// Runs msi-bridge-cli to the end while this thread keeps serving the in-process sandbox.
int TestSyncResume::runCli(const QStringList &arguments, const QString &workspace, QString *out,
                           QString *err)
{
    QProcess process;
    process.setProcessEnvironment(cliEnvironment());
    process.start(QStringLiteral(MSI_BINARY_DIR "/app/cli/msi-bridge-cli"),
                  QStringList{QStringLiteral("--workspace"), workspace} + arguments);
    if (!process.waitForStarted())
        return -1;
    QElapsedTimer timer;
    timer.start();
    while (process.state() != QProcess::NotRunning && timer.elapsed() < 240'000)
        QTest::qWait(20);
    if (out)
        *out = QString::fromUtf8(process.readAllStandardOutput());
    if (err)
        *err = QString::fromUtf8(process.readAllStandardError());
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

int TestSyncResume::connectCli(const sandbox::Sandbox &sandbox, const QString &workspace)
{
    return runCli({QStringLiteral("connect"), QStringLiteral("--salesforce-url"),
                   sandbox.salesforceUrl().toString(), QStringLiteral("--marketo-url"),
                   sandbox.marketoUrl().toString()},
                  workspace);
}

QJsonArray TestSyncResume::runsJson(const QString &workspace)
{
    QString out;
    if (runCli({QStringLiteral("runs"), QStringLiteral("--json")}, workspace, &out) != 0)
        return {};
    return QJsonDocument::fromJson(out.toUtf8()).array();
}

bool TestSyncResume::startSyncInStage3(QProcess *child, const QString &workspace,
                                       const QStringList &extra, QString *progress)
{
    child->setProcessEnvironment(cliEnvironment());
    child->start(QStringLiteral(MSI_BINARY_DIR "/app/cli/msi-bridge-cli"),
                 QStringList{QStringLiteral("--workspace"), workspace, QStringLiteral("sync"),
                             QStringLiteral("--batch-size"), QStringLiteral("3")}
                     + extra);
    if (!child->waitForStarted())
        return false;
    QElapsedTimer timer;
    timer.start();
    while (child->state() != QProcess::NotRunning && timer.elapsed() < 120'000) {
        QTest::qWait(10);
        *progress += QString::fromUtf8(child->readAllStandardError());
        if (progress->contains(u"Leads: 9/"))
            return true;
    }
    return false;
}

void TestSyncResume::killedRunResumes()
{
    sandbox::SandboxOptions options;
    options.marketoLatencyMs = 120; // so that a stage takes long enough to be killed inside it
    sandbox::Sandbox sandbox;
    QString error;
    QVERIFY2(sandbox.start(options, &error), qPrintable(error));
    const QString workspace = m_dir.filePath(QStringLiteral("killed.sqlite"));
    QCOMPARE(connectCli(sandbox, workspace), 0);

    // Kill the child while it is writing stage 3, after some of its batches went through.
    QProcess child;
    child.setProcessEnvironment(cliEnvironment());
    child.start(QStringLiteral(MSI_BINARY_DIR "/app/cli/msi-bridge-cli"),
                {QStringLiteral("--workspace"), workspace, QStringLiteral("sync"),
                 QStringLiteral("--batch-size"), QStringLiteral("3")});
    QVERIFY(child.waitForStarted());
    QString progress;
    QElapsedTimer timer;
    timer.start();
    bool killed = false;
    while (child.state() != QProcess::NotRunning && timer.elapsed() < 120'000) {
        QTest::qWait(10);
        progress += QString::fromUtf8(child.readAllStandardError());
        if (progress.contains(u"Leads: 9/")) {
            child.kill();
            killed = true;
            break;
        }
    }
    QVERIFY2(killed, qPrintable(progress.right(500)));
    QVERIFY(child.waitForFinished());
    // The killed run's workspace lock is still there; the next run sees that its process is gone
    // and takes it over (a killed run never blocks the next one).
    QVERIFY(QFileInfo::exists(workspace + u".lock"_qs));
    // Part of the people are in Marketo; the rest is not.
    QVERIFY(withoutMsi(synctest::stateDigest(sandbox)) != withoutMsi(m_reference));
    // Before any other run, 'runs' already says the killed run is not running any more.
    QJsonArray history = runsJson(workspace);
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.at(0).toObject().value(u"status").toString(), u"interrupted"_qs);

    // The next run resumes: nothing duplicated, nothing lost.
    QCOMPARE(runCli({QStringLiteral("sync")}, workspace), 1); // 1: the sample org's findings
    QCOMPARE(synctest::stateDigest(sandbox), m_reference);

    history = runsJson(workspace);
    QCOMPARE(history.size(), 2);
    QCOMPARE(history.at(1).toObject().value(u"status").toString(), u"interrupted"_qs);
    QVERIFY(!QFileInfo::exists(workspace + u".lock"_qs));
}

// Ctrl+C (or a SIGTERM) in the middle of stage 3: the engine stops between calls, the run is
// journaled as cancelled, the result is still printed (one JSON document), the exit code is 130;
// the next sync resumes to the undisturbed run's state.
void TestSyncResume::interruptedRunIsCancelledAndResumes_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::addColumn<bool>("json");
    QTest::newRow("SIGINT, --json") << int(SIGINT) << true;
    QTest::newRow("SIGTERM, --json") << int(SIGTERM) << true;
    QTest::newRow("SIGINT, text") << int(SIGINT) << false;
}

void TestSyncResume::interruptedRunIsCancelledAndResumes()
{
    QFETCH(int, signalNumber);
    QFETCH(bool, json);
    sandbox::SandboxOptions options;
    options.marketoLatencyMs = 120;
    sandbox::Sandbox sandbox;
    QString error;
    QVERIFY2(sandbox.start(options, &error), qPrintable(error));
    const QString workspace =
        m_dir.filePath(u"interrupted-%1-%2.sqlite"_qs.arg(signalNumber).arg(json));
    QCOMPARE(connectCli(sandbox, workspace), 0);

    QProcess child;
    QString progress;
    QVERIFY2(startSyncInStage3(&child, workspace,
                               json ? QStringList{QStringLiteral("--json")} : QStringList(),
                               &progress),
             qPrintable(progress.right(500)));
    QCOMPARE(::kill(pid_t(child.processId()), signalNumber), 0);
    QElapsedTimer timer;
    timer.start();
    while (child.state() != QProcess::NotRunning && timer.elapsed() < 60'000)
        QTest::qWait(10);
    QCOMPARE(child.state(), QProcess::NotRunning);
    progress += QString::fromUtf8(child.readAllStandardError());
    QCOMPARE(child.exitStatus(), QProcess::NormalExit);
    QCOMPARE(child.exitCode(), 130);
    QVERIFY2(progress.contains(u"Interrupted: stopping after the current call"_qs),
             qPrintable(progress.right(500)));
    const QByteArray out = child.readAllStandardOutput();
    if (json) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(out, &parseError);
        QVERIFY2(parseError.error == QJsonParseError::NoError && document.isObject(), out.constData());
        QCOMPARE(document.object().value(u"status").toString(), u"cancelled"_qs);
        QCOMPARE(document.object().value(u"exitCode").toInt(), 130);
        QVERIFY(document.object().value(u"run").toInteger() > 0);
    } else {
        QVERIFY2(out.contains("continues where this one stopped"), out.constData());
    }
    QVERIFY(!QFileInfo::exists(workspace + u".lock"_qs)); // released as the run ended
    // Part of the people are in Marketo; the rest is not.
    QVERIFY(withoutMsi(synctest::stateDigest(sandbox)) != withoutMsi(m_reference));

    QJsonArray history = runsJson(workspace);
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.at(0).toObject().value(u"status").toString(), u"cancelled"_qs);
    QCOMPARE(history.at(0).toObject().value(u"journalStatus").toString(), u"cancelled"_qs);

    // The next run resumes: nothing duplicated, nothing lost.
    QCOMPARE(runCli({QStringLiteral("sync")}, workspace), 1); // 1: the sample org's findings
    QCOMPARE(synctest::stateDigest(sandbox), m_reference);
    history = runsJson(workspace);
    QCOMPARE(history.size(), 2);
    QCOMPARE(history.at(0).toObject().value(u"status").toString(), u"findings"_qs);
    QCOMPARE(history.at(1).toObject().value(u"status").toString(), u"cancelled"_qs);
}

// Cancel at any time: while the Marketo client waits out a 606 (Marketo names a 20 s window and
// every answer is 606 here), the run ends at once as cancelled, not after the waits as a
// connection failure; once the storm is over the next run ends in the undisturbed state.
void TestSyncResume::cancelEndsA606Wait()
{
    sandbox::SandboxOptions options;
    options.faults = QStringLiteral("mkto:606~/rest/v1/salespersons.json");
    sandbox::Sandbox sandbox;
    QString error;
    QVERIFY2(sandbox.start(options, &error), qPrintable(error));
    const QString workspace = m_dir.filePath(QStringLiteral("cancel-606.sqlite"));
    const EngineConnection connection = synctest::connectionFor(sandbox);

    SyncController controller;
    QSignalSpy finished(&controller, &SyncController::finished);
    controller.start(workspace, connection, RunOptions{});
    // The run reads Salesforce (well under a second on loopback), then asks Marketo for the
    // sales persons and meets the 606: it is waiting out the window now.
    QTest::qWait(2'500);
    QVERIFY(finished.isEmpty());
    QElapsedTimer timer;
    timer.start();
    controller.cancel();
    QVERIFY(finished.wait(5'000));
    QVERIFY2(timer.elapsed() < 5'000, qPrintable(QString::number(timer.elapsed())));
    const RunResult cancelled = finished.first().first().value<RunResult>();
    QCOMPARE(cancelled.status, RunResult::Status::Cancelled);
    QVERIFY2(cancelled.message.contains(u"continues where this one stopped"),
             qPrintable(cancelled.message));

    QVERIFY(sandbox.setFaults(QString(), 1));
    const RunResult resumed = synctest::runSync(workspace, connection);
    QCOMPARE(resumed.status, RunResult::Status::Findings);
    QCOMPARE(synctest::stateDigest(sandbox), m_reference);
}

// Two syncs on one workspace started a moment apart: the second fails fast (exit 2) naming the
// process that holds the workspace, journals nothing and sends nothing; the first runs to the
// undisturbed run's state.
void TestSyncResume::secondSyncOnTheWorkspaceIsRefused()
{
    sandbox::SandboxOptions options;
    options.marketoLatencyMs = 120;
    sandbox::Sandbox sandbox;
    QString error;
    QVERIFY2(sandbox.start(options, &error), qPrintable(error));
    const QString workspace = m_dir.filePath(QStringLiteral("two-syncs.sqlite"));
    QCOMPARE(connectCli(sandbox, workspace), 0);

    QProcess first;
    first.setProcessEnvironment(cliEnvironment());
    first.start(QStringLiteral(MSI_BINARY_DIR "/app/cli/msi-bridge-cli"),
                {QStringLiteral("--workspace"), workspace, QStringLiteral("sync")});
    QVERIFY(first.waitForStarted());
    // 0.3 s later, and not before the first one has begun its run (its first progress line).
    QString progress;
    QElapsedTimer timer;
    timer.start();
    while ((timer.elapsed() < 300 || progress.isEmpty()) && timer.elapsed() < 30'000
           && first.state() != QProcess::NotRunning) {
        QTest::qWait(10);
        progress += QString::fromUtf8(first.readAllStandardError());
    }
    QVERIFY2(first.state() == QProcess::Running, qPrintable(progress));
    QElapsedTimer secondTimer;
    secondTimer.start();
    QString out;
    QString err;
    QCOMPARE(runCli({QStringLiteral("sync"), QStringLiteral("--json")}, workspace, &out, &err), 2);
    QVERIFY2(secondTimer.elapsed() < 20'000, "the second sync did not fail fast");
    const QString pid = QString::number(first.processId());
    QVERIFY2(err.contains(u"another sync is running on workspace"_qs), qPrintable(err));
    QVERIFY2(err.contains(u"process "_qs + pid + u" (msi-bridge-cli)"_qs), qPrintable(err));
    QVERIFY2(err.contains(u"on host "_qs + QSysInfo::machineHostName()), qPrintable(err));
    const QJsonObject json = QJsonDocument::fromJson(out.toUtf8()).object();
    QCOMPARE(json.value(u"status").toString(), u"usage"_qs);
    QCOMPARE(json.value(u"exitCode").toInt(), 2);
    QCOMPARE(json.value(u"run").toInteger(-1), 0); // no run was journaled
    QCOMPARE(json.value(u"error").toObject().value(u"code").toString(), u"configuration"_qs);
    QVERIFY(json.value(u"error").toObject().value(u"message").toString().contains(pid));
    QVERIFY(first.state() == QProcess::Running); // not disturbed

    timer.restart();
    while (first.state() != QProcess::NotRunning && timer.elapsed() < 240'000)
        QTest::qWait(20);
    QCOMPARE(first.exitStatus(), QProcess::NormalExit);
    QCOMPARE(first.exitCode(), 1); // the sample org's findings
    QCOMPARE(synctest::stateDigest(sandbox), m_reference);
    const QJsonArray history = runsJson(workspace);
    QCOMPARE(history.size(), 1); // the refused sync journaled nothing, nor marked the first one
    QCOMPARE(history.at(0).toObject().value(u"status").toString(), u"findings"_qs);
}

void TestSyncResume::stormOf606()
{
    sandbox::SandboxOptions options;
    options.marketoRateCalls = 4; // a compressed window: 4 calls per 2 s
    options.marketoRateWindowSeconds = 2;
    sandbox::Sandbox sandbox;
    QString error;
    QVERIFY2(sandbox.start(options, &error), qPrintable(error));
    EngineConnection connection = synctest::connectionFor(sandbox);
    // A client that does not know the instance's real limit runs into it.
    connection.marketoSettings.budget.callsPerWindow = 40;
    connection.marketoSettings.budget.windowMs = 2000;
    connection.marketoSettings.retry.maxRateLimitWaits = 50;
    RunOptions runOptions;
    runOptions.batchSize = 10;
    const RunResult result =
        synctest::runSync(m_dir.filePath(QStringLiteral("storm.sqlite")), connection, runOptions);
    QCOMPARE(result.status, RunResult::Status::Findings);
    QVERIFY2(result.rateLimitWaits > 0, "no 606 was seen");
    QCOMPARE(synctest::stateDigest(sandbox), m_reference);
}

void TestSyncResume::tokenExpiresMidRun()
{
    sandbox::SandboxOptions options;
    // Both systems' tokens expire in the middle of the writes.
    options.faults = QStringLiteral("mkto:expire~/rest/v1/leads.json#2,sf:expire~/composite#1");
    sandbox::Sandbox sandbox;
    QString error;
    QVERIFY2(sandbox.start(options, &error), qPrintable(error));
    RunOptions runOptions;
    runOptions.batchSize = 10;
    const RunResult result = synctest::runSync(m_dir.filePath(QStringLiteral("token.sqlite")),
                                               synctest::connectionFor(sandbox), runOptions);
    QCOMPARE(result.status, RunResult::Status::Findings);
    QCOMPARE(synctest::stateDigest(sandbox), m_reference);
}

void TestSyncResume::dailyQuotaStopsAndResumes()
{
    sandbox::SandboxOptions options;
    options.marketoDailyQuota = 9; // the reads and the first stages fit; stage 3 does not
    sandbox::Sandbox sandbox;
    QString error;
    QVERIFY2(sandbox.start(options, &error), qPrintable(error));
    const QString workspace = m_dir.filePath(QStringLiteral("quota.sqlite"));
    const EngineConnection connection = synctest::connectionFor(sandbox);
    const RunResult stopped = synctest::runSync(workspace, connection);
    QCOMPARE(stopped.status, RunResult::Status::QuotaExhausted);
    QVERIFY(stopped.quotaResetsAt.isValid());
    QVERIFY(stopped.message.contains(u"607"));
    int pending = 0;
    for (const StageResult &stage : stopped.stages)
        pending += stage.notSent;
    QVERIFY(pending > 0);

    sandbox.advanceClock(24 * 3600); // the quota resets at midnight US Central
    const RunResult resumed = synctest::runSync(workspace, connection);
    QCOMPARE(resumed.status, RunResult::Status::Findings);
    // A day later Marketo's scores have moved: the links equal the undisturbed run's, and the
    // MSI fields equal Marketo's current values.
    QCOMPARE(withoutMsi(synctest::stateDigest(sandbox)), withoutMsi(m_reference));
    checkMsiMatchesMarketo(sandbox);
}

void TestSyncResume::tinyDailyQuotaProgresses_data()
{
    QTest::addColumn<int>("callsPerDay");
    QTest::newRow("1 call a day") << 1;
    QTest::newRow("3 calls a day") << 3;
}

// A daily quota smaller than the reads a run makes before writing: every resumed run reuses what
// the stopped runs read (and wrote), so each one moves on, and the chain ends in the undisturbed
// run's state. The sandbox's clock stands still (Marketo's scores do not move); each "day" the
// quota grows by callsPerDay instead.
void TestSyncResume::tinyDailyQuotaProgresses()
{
    QFETCH(int, callsPerDay);
    sandbox::SandboxOptions options;
    options.marketoDailyQuota = callsPerDay;
    sandbox::Sandbox sandbox;
    QString error;
    QVERIFY2(sandbox.start(options, &error), qPrintable(error));
    const QString workspace =
        m_dir.filePath(QStringLiteral("tiny-%1.sqlite").arg(callsPerDay));
    const EngineConnection connection = synctest::connectionFor(sandbox);
    // Every call a stopped run made is kept; the one call the undisturbed run does not make is
    // the read of the roles of opportunities a stopped run created (it knows there are none).
    const int callBound = m_referenceCalls + 1;
    const int runBound = (callBound + callsPerDay - 1) / callsPerDay;
    RunResult result;
    int runs = 0;
    while (runs < runBound + 2) {
        ++runs;
        result = synctest::runSync(workspace, connection);
        if (result.status != RunResult::Status::QuotaExhausted)
            break;
        QVERIFY2(result.message.contains(u"607"), qPrintable(result.message));
        sandbox.setMarketoDailyQuota(sandbox.marketoCallsToday() + callsPerDay);
    }
    QCOMPARE(result.status, RunResult::Status::Findings);
    QVERIFY2(runs > 1, "the quota never stopped a run");
    QVERIFY2(runs <= runBound, qPrintable(QStringLiteral("%1 runs").arg(runs)));
    QVERIFY2(sandbox.marketoCallsToday() <= callBound,
             qPrintable(QStringLiteral("%1 Marketo calls, the undisturbed run made %2")
                            .arg(sandbox.marketoCallsToday())
                            .arg(m_referenceCalls)));
    QCOMPARE(synctest::stateDigest(sandbox), m_reference);

    // Nothing was sent twice: every record was created or updated by one run at most.
    store::Workspace store(workspace);
    QVERIFY(store.open(&error));
    const store::RunRepository journal(store);
    const QList<store::RunInfo> history = journal.runs();
    QCOMPARE(history.size(), runs);
    QHash<QString, qint64> writtenBy;
    for (const store::RunInfo &run : history) {
        for (store::Outcome outcome : {store::Outcome::Created, store::Outcome::Updated}) {
            for (const store::RecordOutcome &row : journal.outcomes(run.id, outcome)) {
                const QString key = row.stage + u'|' + row.recordKey;
                QVERIFY2(!writtenBy.contains(key),
                         qPrintable(QStringLiteral("%1 written by runs %2 and %3")
                                        .arg(key)
                                        .arg(writtenBy.value(key))
                                        .arg(run.id)));
                writtenBy.insert(key, run.id);
            }
        }
    }
    QVERIFY(writtenBy.size() > 100);
}

void TestSyncResume::limitAnswersAreCounted_data()
{
    QTest::addColumn<QString>("faults");
    QTest::addColumn<int>("waits606");
    QTest::addColumn<int>("backoffs615");
    // companies.json: the first call is stage 2's read, the second its write; leads.json: the
    // reads by externalPersonId and e-mail come first.
    QTest::newRow("615 on a read") << u"mkto:615~/rest/v1/companies.json#1"_qs << 0 << 1;
    QTest::newRow("615 on a write") << u"mkto:615~/rest/v1/companies.json#2"_qs << 0 << 1;
    QTest::newRow("615 on a lead write") << u"mkto:615~/rest/v1/leads.json#3"_qs << 0 << 1;
    QTest::newRow("606 on a read") << u"mkto:606~/rest/v1/companies.json#1"_qs << 1 << 0;
    QTest::newRow("606 and 615") << u"mkto:606~/rest/v1/salespersons.json#2,mkto:615~/rest/v1/opportunities.json#1"_qs
                                 << 1 << 1;
}

// The Marketo client retries a 615 (too many calls in flight) after a back-off and waits out a
// 606: the run says how many of each it took, for reads and writes alike, and ends as usual.
void TestSyncResume::limitAnswersAreCounted()
{
    QFETCH(QString, faults);
    sandbox::SandboxOptions options;
    options.faults = faults;
    sandbox::Sandbox sandbox;
    QString error;
    QVERIFY2(sandbox.start(options, &error), qPrintable(error));
    EngineConnection connection = synctest::connectionFor(sandbox);
    connection.marketoSettings.retry.rateLimitWaitMs = 200; // not the 20 s window
    const RunResult result = synctest::runSync(
        m_dir.filePath(QStringLiteral("limits-%1.sqlite").arg(QLatin1String(QTest::currentDataTag()))),
        connection);
    QCOMPARE(result.status, RunResult::Status::Findings);
    QTEST(result.rateLimitWaits, "waits606");
    QTEST(result.concurrencyWaits, "backoffs615");
    QCOMPARE(result.toJson().value(u"concurrencyWaits").toInt(), result.concurrencyWaits);
    QCOMPARE(synctest::stateDigest(sandbox), m_reference);
}

QTEST_GUILESS_MAIN(TestSyncResume)
#include "tst_sync_resume.moc"
