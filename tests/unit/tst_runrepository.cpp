#include "store/RunRepository.h"
#include "store/Workspace.h"

#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace msi::store;

class TestRunRepository : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void runLifecycle();
    void outcomesAndFailures_data();
    void outcomesAndFailures();
    void retriesAddAttempts();
    void apiCalls();
    void interruptedRuns();
    void journalSurvivesReopen();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_ws;
};

void TestRunRepository::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_ws = std::make_unique<Workspace>(m_dir->filePath(u"ws.sqlite"_qs));
    QVERIFY(m_ws->open());
}

void TestRunRepository::cleanup()
{
    m_ws.reset();
    m_dir.reset();
}

void TestRunRepository::runLifecycle()
{
    RunRepository runs(*m_ws);
    const qint64 first = runs.beginRun(RunMode::Full);
    const qint64 second = runs.beginRun(RunMode::DryRun);
    QVERIFY(first > 0);
    QVERIFY(second > first);
    QCOMPARE(runs.run(first)->status, RunStatus::Running);
    QVERIFY(!runs.run(first)->finishedAt.isValid());

    QVERIFY(runs.recordOutcomes(first, {
        {u"salesPersons"_qs, u"0057F000009Zt4AQAS"_qs, Outcome::Updated, {}, 3, 1, {}},
        {u"salesPersons"_qs, u"0057F00000Bq3LmQAJ"_qs, Outcome::Created, {}, 5, 1, {}},
        {u"companies"_qs, u"0017F000007y8FFQAY"_qs, Outcome::Created, {}, 8, 1, {}},
        {u"companies"_qs, u"0017F000007y8FKQAY"_qs, Outcome::Blocked,
         u"Sales person 0057F000009Zt4AQAS is not in Marketo yet"_qs, 0, 1, {}},
    }));
    QString error;
    QVERIFY2(runs.finishRun(first, RunStatus::Failed, u"1 record blocked"_qs, &error), qPrintable(error));

    const RunInfo info = *runs.run(first);
    QCOMPARE(info.status, RunStatus::Failed);
    QCOMPARE(info.mode, RunMode::Full);
    QCOMPARE(info.message, u"1 record blocked"_qs);
    QVERIFY(info.finishedAt.isValid());
    QVERIFY(info.finishedAt >= info.startedAt);
    const QJsonObject expected{
        {u"salesPersons"_qs, QJsonObject{{u"created"_qs, 1}, {u"updated"_qs, 1}}},
        {u"companies"_qs, QJsonObject{{u"created"_qs, 1}, {u"blocked"_qs, 1}}}};
    QCOMPARE(info.stageCounts, expected);

    const QList<RunInfo> all = runs.runs();
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.at(0).id, second); // newest first
    QVERIFY(!runs.finishRun(9999, RunStatus::Succeeded));
}

void TestRunRepository::outcomesAndFailures_data()
{
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<bool>("isFailure");
    QTest::newRow("created") << Outcome::Created << false;
    QTest::newRow("updated") << Outcome::Updated << false;
    QTest::newRow("unchanged") << Outcome::Unchanged << false;
    QTest::newRow("skipped") << Outcome::Skipped << true;
    QTest::newRow("blocked") << Outcome::Blocked << true;
    QTest::newRow("failed") << Outcome::Failed << true;
    QTest::newRow("deferred") << Outcome::Deferred << false;
}

void TestRunRepository::outcomesAndFailures()
{
    QFETCH(Outcome, outcome);
    QFETCH(bool, isFailure);
    RunRepository runs(*m_ws);
    const qint64 run = runs.beginRun(RunMode::Incremental);
    const QDateTime tried(QDate(2024, 6, 3), QTime(8, 1, 2, 345), QTimeZone::utc());
    RecordOutcome o{u"leads"_qs, u"00Q7F000006QwAaUAK"_qs, outcome, u"reason text"_qs, 1041, 2, tried};
    QVERIFY(runs.recordOutcomes(run, {o}));

    const QList<RecordOutcome> stored = runs.outcomes(run);
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.at(0), o);
    QCOMPARE(runs.outcomes(run, outcome).size(), 1);
    QCOMPARE(runs.failures(run).size(), isFailure ? 1 : 0);
}

void TestRunRepository::retriesAddAttempts()
{
    RunRepository runs(*m_ws);
    const qint64 run = runs.beginRun(RunMode::Full);
    const QString key = u"0037F000009XkPUQA0"_qs;
    const QDateTime t1(QDate(2024, 6, 3), QTime(8, 0), QTimeZone::utc());
    const QDateTime t2 = t1.addSecs(20);
    QVERIFY(runs.recordOutcomes(run, {{u"leads"_qs, key, Outcome::Deferred, u"Marketo answered 606"_qs, 0, 1, t1}}));
    QVERIFY(runs.recordOutcomes(run, {{u"leads"_qs, key, Outcome::Created, {}, 1044, 1, t2}}));
    // The same key in another stage is a separate record.
    QVERIFY(runs.recordOutcomes(run, {{u"opportunityRoles"_qs, key, Outcome::Skipped, u"no role"_qs, 0, 1, t2}}));

    const QList<RecordOutcome> leads = runs.outcomes(run, Outcome::Created);
    QCOMPARE(leads.size(), 1);
    QCOMPARE(leads.at(0).attempts, 2);
    QCOMPARE(leads.at(0).lastTry, t2);
    QCOMPARE(leads.at(0).marketoId, 1044);
    QVERIFY(leads.at(0).reason.isEmpty());
    QCOMPARE(runs.outcomes(run).size(), 2);
    QCOMPARE(runs.failures(run).size(), 1);
    QCOMPARE(runs.failures(run).at(0).stage, u"opportunityRoles"_qs);
}

void TestRunRepository::apiCalls()
{
    RunRepository runs(*m_ws);
    const qint64 run = runs.beginRun(RunMode::Full);
    const QDateTime at(QDate(2024, 6, 3), QTime(8, 0, 1), QTimeZone::utc());
    QVERIFY(runs.recordCall(run, {u"leads"_qs, System::Marketo, u"/rest/v1/leads/push.json"_qs, 200,
                                  u"606"_qs, 3, 20412, at}));
    QVERIFY(runs.recordCalls(run, {{{}, System::Salesforce, u"/services/data/v62.0/query"_qs, 401,
                                    u"INVALID_SESSION_ID"_qs, 1, 95, at.addSecs(1)},
                                   {{}, System::Salesforce, u"/services/oauth2/token"_qs, 0, {}, 1, 30000, {}}}));
    const QList<ApiCall> calls = runs.calls(run);
    QCOMPARE(calls.size(), 3);
    QCOMPARE(calls.at(0).stage, u"leads"_qs);
    QCOMPARE(calls.at(0).errorCode, u"606"_qs);
    QCOMPARE(calls.at(0).requestCount, 3);
    QCOMPARE(calls.at(0).durationMs, 20412);
    QCOMPARE(calls.at(0).at, at);
    QCOMPARE(calls.at(1).system, System::Salesforce);
    QCOMPARE(calls.at(1).httpStatus, 401);
    QCOMPARE(calls.at(2).httpStatus, 0); // no HTTP answer
    QVERIFY(calls.at(2).at.isValid());   // defaulted to now
}

void TestRunRepository::interruptedRuns()
{
    RunRepository runs(*m_ws);
    const qint64 crashed = runs.beginRun(RunMode::Full);
    const qint64 done = runs.beginRun(RunMode::Full);
    QVERIFY(runs.finishRun(done, RunStatus::Succeeded));
    QCOMPARE(runs.markInterruptedRuns(), 1);
    QCOMPARE(runs.run(crashed)->status, RunStatus::Interrupted);
    QCOMPARE(runs.run(done)->status, RunStatus::Succeeded);
}

void TestRunRepository::journalSurvivesReopen()
{
    const QString path = m_ws->path();
    qint64 run = 0;
    {
        RunRepository runs(*m_ws);
        run = runs.beginRun(RunMode::Full);
        QVERIFY(runs.recordOutcomes(run, {{u"companies"_qs, u"0017F000007y8FFQAY"_qs, Outcome::Failed,
                                          u"Marketo error 1003: invalid externalSalesPersonId"_qs, 0, 1, {}}}));
    }
    m_ws.reset();
    Workspace reopened(path);
    QVERIFY(reopened.open());
    RunRepository runs(reopened);
    const QList<RecordOutcome> failures = runs.failures(run);
    QCOMPARE(failures.size(), 1);
    QCOMPARE(failures.at(0).reason, u"Marketo error 1003: invalid externalSalesPersonId"_qs);
}

QTEST_GUILESS_MAIN(TestRunRepository)
#include "tst_runrepository.moc"
