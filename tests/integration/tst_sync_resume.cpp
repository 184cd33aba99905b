// A 606 storm, a token expiry and a 607 each end in the same final state
// as an undisturbed run (compared through the sandbox's own APIs).
#include "SyncTestKit.h"

#include "store/RunRepository.h"
#include "store/Workspace.h"
#include "sync/RecordMapper.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTemporaryDir>

using namespace msi;
using namespace msi::sync;

class TestSyncResume : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void stormOf606();
    void tokenExpiresMidRun();
    void dailyQuotaStopsAndResumes();

private:
    static QStringList withoutMsi(const QStringList &digest);
    static void checkMsiMatchesMarketo(const sandbox::Sandbox &sandbox);

    QTemporaryDir m_dir;
    QStringList m_reference;
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

QTEST_GUILESS_MAIN(TestSyncResume)
#include "tst_sync_resume.moc"
