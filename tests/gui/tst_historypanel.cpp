// The History panel over a workspace journal: runs newest first, the selected run's records per
// stage and outcome (chart and results), and Marketo calls per day against the quota.
#include "../support/SampleWorkspace.h"

#include "store/RunRepository.h"
#include "store/UsageLedger.h"
#include "tables/RunOutcomesModel.h"
#include "tables/RunsModel.h"
#include "ui/history/HistoryPanel.h"
#include "ui/history/StageOutcomeChart.h"
#include "ui/history/UsageChart.h"
#include "ui/sync/RunResultsView.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QHeaderView>
#include <QSettings>
#include <QStandardPaths>
#include <QChart>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using msi::store::Outcome;
using msi::store::RecordOutcome;
using msi::store::RunMode;
using msi::store::RunRepository;
using msi::store::RunStatus;
using msi::store::System;
using msi::ui::HistoryPanel;

namespace {

RecordOutcome outcome(const char *stage, const char *key, Outcome o, const char *reason = "")
{
    RecordOutcome r;
    r.stage = QString::fromLatin1(stage);
    r.recordKey = QString::fromLatin1(key);
    r.outcome = o;
    r.reason = QString::fromUtf8(reason);
    return r;
}

} // namespace

class TestHistoryPanel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void listsRunsNewestFirst();
    void chartsTheSelectedRun_data();
    void chartsTheSelectedRun();
    void dryRunHasNothingToChart();
    void usagePerDayAgainstQuota();
    void keyboardMovesBetweenRuns();
    void resultColumnChoicePersists();

private:
    SampleWorkspace m_sample;
    qint64 m_dryRun = 0;
    qint64 m_run = 0;
    qint64 m_cancelled = 0;
    qint64 m_today = 0;
};

void TestHistoryPanel::initTestCase()
{
    QVERIFY2(m_sample.fill(), qPrintable(m_sample.error()));
    RunRepository runs(m_sample.workspace());
    m_dryRun = runs.beginRun(RunMode::DryRun);
    QVERIFY(runs.finishRun(m_dryRun, RunStatus::Succeeded, u"Dry run: nothing was written."_qs));
    m_run = runs.beginRun(RunMode::Full);
    // Stage 1 as the sample org's first run does it (MANIFEST.md): 3 created, 1 updated, 1 unchanged.
    QVERIFY(runs.recordOutcomes(m_run, {
        outcome("sales-persons", "0057F00000Bq3LmQAJ", Outcome::Created),
        outcome("sales-persons", "0057F00000DaW1eQAF", Outcome::Created),
        outcome("sales-persons", "0057F00000DfR2xQAF", Outcome::Created),
        outcome("sales-persons", "0057F000009Zt4AQAS", Outcome::Updated),
        outcome("sales-persons", "0057F00000CkP8sQAF", Outcome::Unchanged),
        outcome("leads", "0037F000009XkPbQAK", Outcome::Skipped,
                "Marketo holds 2 leads with spavlova@uog.com (1047, 1052)"),
        outcome("opportunity-roles", "00K7F00000Bz1iGUAR", Outcome::Deferred,
                "waits for Contact Stella Pavlova 0037F000009XkPbQAK"),
    }));
    QVERIFY(runs.finishRun(m_run, RunStatus::Succeeded, u"Some records were not synced."_qs));
    m_cancelled = runs.beginRun(RunMode::Incremental);
    QVERIFY(runs.finishRun(m_cancelled, RunStatus::Cancelled,
                           u"Cancelled. The next run continues where this one stopped."_qs));

    msi::store::UsageLedger ledger(m_sample.workspace());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(ledger.addCalls(System::Marketo, 17, now));
    QVERIFY(ledger.addCalls(System::Marketo, 1200, now.addDays(-2)));
    m_today = ledger.callsToday(System::Marketo);
}

void TestHistoryPanel::listsRunsNewestFirst()
{
    HistoryPanel panel(m_sample.workspace());
    QAbstractItemModelTester tester(panel.runsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reloaded(&panel, &HistoryPanel::reloaded);
    panel.resize(1024, 700);
    panel.show();
    QVERIFY(reloaded.count() > 0 || reloaded.wait(30000));
    QCOMPARE(panel.runsModel()->rowCount(), 3);
    QCOMPARE(panel.runsModel()->recordAt(0).id, m_cancelled);
    QCOMPARE(panel.runsModel()->index(0, msi::tables::RunsModel::StatusColumn).data().toString(),
             u"Cancelled, resumable"_qs);
    // The full run skipped and deferred records (journaled without the engine's key): it did not
    // simply succeed. The dry run planned without findings.
    QCOMPARE(panel.runsModel()->index(1, msi::tables::RunsModel::StatusColumn).data().toString(),
             u"Finished with findings"_qs);
    QCOMPARE(panel.runsModel()->index(2, msi::tables::RunsModel::StatusColumn).data().toString(),
             u"Succeeded"_qs);
    QCOMPARE(panel.selectedRun(), m_cancelled);
}

void TestHistoryPanel::chartsTheSelectedRun_data()
{
    QTest::addColumn<int>("stage");
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<int>("records");
    QTest::newRow("sales persons created") << 1 << u"created"_qs << 3;
    QTest::newRow("sales persons updated") << 1 << u"updated"_qs << 1;
    QTest::newRow("sales persons unchanged") << 1 << u"unchanged"_qs << 1;
    QTest::newRow("leads skipped") << 3 << u"skipped"_qs << 1;
    QTest::newRow("roles deferred") << 5 << u"deferred"_qs << 1;
    QTest::newRow("companies none") << 2 << u"created"_qs << 0;
}

void TestHistoryPanel::chartsTheSelectedRun()
{
    QFETCH(int, stage);
    QFETCH(QString, outcome);
    QFETCH(int, records);
    HistoryPanel panel(m_sample.workspace());
    QSignalSpy reloaded(&panel, &HistoryPanel::reloaded);
    QVERIFY(reloaded.count() > 0 || reloaded.wait(30000));
    QVERIFY(panel.selectRun(m_run));
    QCOMPARE(panel.stageChart()->value(stage, outcome), records);
    QCOMPARE(panel.stageChart()->outcomeNames(),
             (QStringList{u"Created"_qs, u"Updated"_qs, u"Unchanged"_qs, u"Skipped"_qs, u"Deferred"_qs}));
    QVERIFY(panel.stageChart()->chart()->title().contains(u"Run %1"_qs.arg(m_run)));
    // The results tab holds the same run, with the records named.
    QTRY_VERIFY_WITH_TIMEOUT(!panel.results()->model()->isLoading()
                                 && panel.results()->model()->runId() == m_run, 10000);
    QCOMPARE(panel.results()->model()->rowCount(), 7);
    QVERIFY(panel.results()->selectRecord(u"0037F000009XkPbQAK"_qs));
    QVERIFY2(panel.results()->detailText().contains(u"Contact Stella Pavlova"_qs),
             qPrintable(panel.results()->detailText()));
}

void TestHistoryPanel::dryRunHasNothingToChart()
{
    HistoryPanel panel(m_sample.workspace());
    QSignalSpy reloaded(&panel, &HistoryPanel::reloaded);
    QVERIFY(reloaded.count() > 0 || reloaded.wait(30000));
    QVERIFY(panel.selectRun(m_dryRun));
    QVERIFY(panel.stageChart()->chart()->series().isEmpty());
    QVERIFY2(panel.stageChart()->chart()->title().contains(u"dry run"_qs),
             qPrintable(panel.stageChart()->chart()->title()));
}

void TestHistoryPanel::usagePerDayAgainstQuota()
{
    HistoryPanel panel(m_sample.workspace());
    QSignalSpy reloaded(&panel, &HistoryPanel::reloaded);
    QVERIFY(reloaded.count() > 0 || reloaded.wait(30000));
    panel.setDailyQuota(10000);
    panel.setUsageDays(7);
    QTRY_VERIFY_WITH_TIMEOUT(panel.usageChart()->days().size() == 7 && panel.usageChart()->dailyQuota() == 10000,
                             30000);
    const auto &days = panel.usageChart()->days();
    QCOMPARE(days.last().calls, m_today);
    QCOMPARE(days.at(4).calls, 1200);
    QCOMPARE(panel.usageChart()->dailyQuota(), 10000);
    QVERIFY2(panel.usageChart()->chart()->title().contains(u"10,000"_qs),
             qPrintable(panel.usageChart()->chart()->title()));
    QCOMPARE(panel.usageChart()->chart()->series().size(), 2); // calls and the quota line
}

void TestHistoryPanel::keyboardMovesBetweenRuns()
{
    HistoryPanel panel(m_sample.workspace());
    QSignalSpy reloaded(&panel, &HistoryPanel::reloaded);
    panel.show();
    panel.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    QVERIFY(reloaded.count() > 0 || reloaded.wait(30000));
    panel.runsView()->setFocus();
    QCOMPARE(panel.selectedRun(), m_cancelled);
    QTest::keyClick(panel.runsView(), Qt::Key_Down);
    QCOMPARE(panel.selectedRun(), m_run);
    QTest::keyClick(panel.runsView(), Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(panel.selectedRun(), m_dryRun);
    // Alt+C opens the usage tab (its mnemonic).
    QTest::keyClick(&panel, Qt::Key_C, Qt::AltModifier);
    QCOMPARE(panel.tabs()->currentWidget(), panel.usageChart());
}

void TestHistoryPanel::resultColumnChoicePersists()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().remove(u"runResults/hiddenColumns"_qs);
    const int marketoId = msi::tables::RunOutcomesModel::MarketoIdColumn;
    {
        msi::ui::RunResultsView view(nullptr);
        QVERIFY(view.view()->isColumnHidden(marketoId)); // starts hidden; the CSV has it anyway
        QAction *choice = view.view()->horizontalHeader()->actions().at(marketoId);
        QCOMPARE(choice->text(), u"Marketo id"_qs);
        choice->trigger();
        QVERIFY(!view.view()->isColumnHidden(marketoId));
    }
    msi::ui::RunResultsView again(nullptr);
    QVERIFY(!again.view()->isColumnHidden(marketoId));
    QSettings().remove(u"runResults/hiddenColumns"_qs);
}

QTEST_MAIN(TestHistoryPanel)
#include "tst_historypanel.moc"
