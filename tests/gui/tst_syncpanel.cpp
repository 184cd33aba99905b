// The Sync panel against the in-process sandbox with the bundled sample org: a dry run fills the
// stage counts, a run syncs the stages (the sample org's documented first run, MANIFEST.md
// "Expected first run"), a cancelled run shows a resumable state and the next run finishes it,
// a record Marketo refuses is shown with its name and cause, the results export to CSV, and the
// History panel lists the runs.
#include "sandbox/Sandbox.h"
#include "sandbox/SandboxOptions.h"
#include "store/Workspace.h"
#include "sync/SyncController.h"
#include "tables/CsvExport.h"
#include "tables/RunOutcomesModel.h"
#include "tables/RunsModel.h"
#include "tables/StagePipelineModel.h"
#include "ui/history/HistoryPanel.h"
#include "ui/sync/RunResultsView.h"
#include "ui/sync/SyncPanel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using msi::sandbox::Sandbox;
using msi::sandbox::SandboxOptions;
using msi::store::Outcome;
using msi::sync::RunResult;
using msi::sync::Stage;
using msi::tables::RunOutcomesModel;
using msi::tables::StagePipelineModel;
using msi::ui::RunResultsView;
using msi::ui::SyncPanel;


namespace {

constexpr int RunTimeoutMs = 120000;

struct Counts
{
    int create = 0, update = 0, unchanged = 0, blocked = 0, failed = 0, skipped = 0, deferred = 0;
};

int cell(const StagePipelineModel &model, Stage stage, int column)
{
    return model.index(int(stage) - 1, column).data().toInt();
}

} // namespace

class TestSyncPanel : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void dryRunFillsStageCounts_data();
    void dryRunFillsStageCounts();
    void runSyncsTheSampleOrg_data();
    void runSyncsTheSampleOrg();
    void resultsFilterAndExport();
    void cancelLeavesAResumableRun();
    void refusedRecordIsNamedWithItsCause();
    void historyShowsTheRuns();

private:
    bool startSandbox(const SandboxOptions &options);
    SyncPanel *makePanel();
    RunResult finish(SyncPanel *panel, QPushButton *button);
    void runDryRunOnce();
    void runSyncOnce();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<SyncPanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_pipelineTester;
    std::unique_ptr<QAbstractItemModelTester> m_resultsTester;
};

void TestSyncPanel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestSyncPanel::cleanup()
{
    m_resultsTester.reset();
    m_pipelineTester.reset();
    m_panel.reset();
    m_sandbox.reset();
    m_dir.reset();
}

bool TestSyncPanel::startSandbox(const SandboxOptions &options)
{
    m_sandbox = std::make_unique<Sandbox>();
    QString error;
    if (!m_sandbox->start(options, &error)) {
        qWarning("sandbox: %s", qPrintable(error));
        return false;
    }
    return true;
}

SyncPanel *TestSyncPanel::makePanel()
{
    msi::sync::EngineConnection connection;
    connection.salesforce.loginUrl = m_sandbox->salesforceUrl();
    connection.salesforce.clientId = Sandbox::clientId();
    connection.salesforce.clientSecret = Sandbox::clientSecret();
    connection.salesforce.flow = msi::salesforce::AuthFlow::ClientCredentials;
    connection.marketo.baseUrl = m_sandbox->marketoUrl();
    connection.marketo.clientId = Sandbox::clientId();
    connection.marketo.clientSecret = Sandbox::clientSecret();
    m_panel = std::make_unique<SyncPanel>(m_dir->filePath(u"workspace.sqlite"_qs), connection,
                                          new msi::sync::SyncController);
    m_panel->resize(1024, 700);
    m_panel->show();
    m_pipelineTester = std::make_unique<QAbstractItemModelTester>(
        m_panel->pipelineModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_resultsTester = std::make_unique<QAbstractItemModelTester>(
        m_panel->results()->filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    return m_panel.get();
}

RunResult TestSyncPanel::finish(SyncPanel *panel, QPushButton *button)
{
    QSignalSpy finished(panel, &SyncPanel::runFinished);
    button->click();
    RunResult result;
    [&] {
        QVERIFY(panel->isRunning());
        QVERIFY(!button->isEnabled());
        QVERIFY(finished.wait(RunTimeoutMs));
        result = finished.first().first().value<RunResult>();
        // The results table then shows this run.
        const RunOutcomesModel *results = panel->results()->model();
        QTRY_VERIFY_WITH_TIMEOUT(results->runId() == result.runId && !results->isLoading(), 20000);
    }();
    return result;
}

void TestSyncPanel::dryRunFillsStageCounts_data()
{
    // MANIFEST.md "Expected first run": what the first run must do with each stage.
    QTest::addColumn<Stage>("stage");
    QTest::addColumn<int>("create");
    QTest::addColumn<int>("update");
    QTest::addColumn<int>("unchanged");
    QTest::addColumn<int>("skipped");
    QTest::addColumn<int>("deferred");
    QTest::newRow("sales persons") << Stage::SalesPersons << 3 << 1 << 1 << 0 << 0;
    QTest::newRow("companies") << Stage::Companies << 11 << 1 << 0 << 0 << 0;
    QTest::newRow("leads and contacts") << Stage::Leads << 31 << 9 << 0 << 3 << 0;
    QTest::newRow("opportunities") << Stage::Opportunities << 32 << 0 << 0 << 0 << 0;
    QTest::newRow("opportunity roles") << Stage::OpportunityRoles << 30 << 0 << 0 << 0 << 5;
}

void TestSyncPanel::dryRunFillsStageCounts()
{
    QFETCH(Stage, stage);
    QFETCH(int, create);
    QFETCH(int, update);
    QFETCH(int, unchanged);
    QFETCH(int, skipped);
    QFETCH(int, deferred);
    QVERIFY(startSandbox(SandboxOptions()));
    SyncPanel *panel = makePanel();
    auto *dryRun = panel->findChild<QPushButton *>(u"dryRunButton"_qs);
    QVERIFY(dryRun);
    QVERIFY2(panel->quotaText().contains(u"dry run"_qs), qPrintable(panel->quotaText()));
    const RunResult result = finish(panel, dryRun);
    QVERIFY(result.dryRun);
    QVERIFY2(result.status == RunResult::Status::Findings, qPrintable(result.message));

    const StagePipelineModel &model = *panel->pipelineModel();
    QCOMPARE(model.headerData(StagePipelineModel::CreateColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
             u"To create"_qs);
    QCOMPARE(cell(model, stage, StagePipelineModel::CreateColumn), create);
    QCOMPARE(cell(model, stage, StagePipelineModel::UpdateColumn), update);
    QCOMPARE(cell(model, stage, StagePipelineModel::UnchangedColumn), unchanged);
    QCOMPARE(cell(model, stage, StagePipelineModel::SkippedColumn), skipped);
    QCOMPARE(cell(model, stage, StagePipelineModel::DeferredColumn), deferred);
    QCOMPARE(cell(model, stage, StagePipelineModel::FailedColumn), 0);
    QCOMPARE(model.stateAt(int(stage) - 1), StagePipelineModel::State::Planned);

    // Nothing was written: Marketo still holds its 2 pilot sales persons.
    QCOMPARE(m_sandbox->marketoRecords(u"salespersons"_qs).size(), 2);
    // The estimate is shown against today's quota before a run is started.
    QVERIFY2(panel->quotaText().contains(u"Marketo call"_qs), qPrintable(panel->quotaText()));
    QVERIFY2(panel->quotaText().contains(u"50,000"_qs), qPrintable(panel->quotaText()));
    // The plan is in the results table: one row per planned record of the stage.
    const RunOutcomesModel &results = *panel->results()->model();
    int rows = 0;
    for (int r = 0; r < results.rowCount(); ++r)
        rows += results.recordAt(r).stageNumber == int(stage) ? 1 : 0;
    QCOMPARE(rows, create + update + unchanged + skipped + deferred);
}

void TestSyncPanel::runSyncsTheSampleOrg_data()
{
    dryRunFillsStageCounts_data();
}

void TestSyncPanel::runSyncsTheSampleOrg()
{
    QFETCH(Stage, stage);
    QFETCH(int, create);
    QFETCH(int, update);
    QFETCH(int, unchanged);
    QFETCH(int, skipped);
    QFETCH(int, deferred);
    QVERIFY(startSandbox(SandboxOptions()));
    SyncPanel *panel = makePanel();
    auto *progress = panel->findChild<QProgressBar *>(u"progressBar"_qs);
    QSignalSpy progressSpy(panel->pipelineModel(), &QAbstractItemModel::dataChanged);
    const RunResult result = finish(panel, panel->findChild<QPushButton *>(u"runButton"_qs));
    QVERIFY2(result.status == RunResult::Status::Findings, qPrintable(result.message));
    QVERIFY(!result.dryRun);
    QVERIFY(progressSpy.count() > 0);
    QCOMPARE(progress->value(), progress->maximum());

    const StagePipelineModel &model = *panel->pipelineModel();
    QCOMPARE(model.headerData(StagePipelineModel::CreateColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
             u"Created"_qs);
    QCOMPARE(cell(model, stage, StagePipelineModel::CreateColumn), create);
    QCOMPARE(cell(model, stage, StagePipelineModel::UpdateColumn), update);
    QCOMPARE(cell(model, stage, StagePipelineModel::UnchangedColumn), unchanged);
    QCOMPARE(cell(model, stage, StagePipelineModel::SkippedColumn), skipped);
    QCOMPARE(cell(model, stage, StagePipelineModel::DeferredColumn), deferred);
    QCOMPARE(cell(model, stage, StagePipelineModel::FailedColumn), 0);
    QCOMPARE(model.stateAt(int(stage) - 1), StagePipelineModel::State::Done);

    // The results table holds the journal of the run: one row per record of the stage.
    const RunOutcomesModel &results = *panel->results()->model();
    QCOMPARE(results.runId(), result.runId);
    QHash<Outcome, int> byOutcome;
    const QString key = msi::sync::SyncTypes::stageKey(stage);
    for (int r = 0; r < results.rowCount(); ++r) {
        if (results.recordAt(r).stage == key)
            ++byOutcome[results.recordAt(r).outcome];
    }
    QCOMPARE(byOutcome.value(Outcome::Created), create);
    QCOMPARE(byOutcome.value(Outcome::Updated), update);
    QCOMPARE(byOutcome.value(Outcome::Skipped), skipped);
    QCOMPARE(byOutcome.value(Outcome::Deferred), deferred);
    // Marketo now holds what the stage created.
    if (stage == Stage::SalesPersons)
        QCOMPARE(m_sandbox->marketoRecords(u"salespersons"_qs).size(), 2 + create);
    // The run is finished with findings: the panel says so where the admin is looking.
    QVERIFY2(panel->messageText().contains(u"not synced"_qs), qPrintable(panel->messageText()));
}

void TestSyncPanel::resultsFilterAndExport()
{
    QVERIFY(startSandbox(SandboxOptions()));
    SyncPanel *panel = makePanel();
    const RunResult result = finish(panel, panel->findChild<QPushButton *>(u"runButton"_qs));
    QVERIFY2(result.status == RunResult::Status::Findings, qPrintable(result.message));
    RunResultsView *view = panel->results();

    // Findings: the table opens on the records that were not synced (3 skipped + 5 deferred in
    // stages 3 and 5, plus whatever stage 6 could not write back).
    QCOMPARE(view->findChild<QComboBox *>(u"outcomeFilter"_qs)->currentData().toInt(),
             int(RunResultsView::Show::Problems));
    view->showOutcomes(RunResultsView::Show::Skipped);
    QStringList skipped;
    for (int r = 0; r < view->filterModel()->rowCount(); ++r) {
        if (view->filterModel()->index(r, RunOutcomesModel::StageColumn).data(RunOutcomesModel::StageNumberRole).toInt() == 3)
            skipped << view->filterModel()->index(r, RunOutcomesModel::IdColumn).data().toString();
    }
    skipped.sort();
    // MANIFEST: skipped Stella Pavlova, Lead Pat Stumuller, Lead Andy Young.
    QCOMPARE(skipped, (QStringList{u"0037F000009XkPbQAK"_qs, u"00Q7F000006QwAnUAK"_qs, u"00Q7F000006QwAoUAK"_qs}));

    // Open Stella Pavlova's outcome: the detail names her and says why.
    QVERIFY(view->selectRecord(u"0037F000009XkPbQAK"_qs));
    const QString detail = view->detailText();
    QVERIFY2(detail.contains(u"Stella Pavlova"_qs), qPrintable(detail));
    QVERIFY2(detail.contains(u"0037F000009XkPbQAK"_qs), qPrintable(detail));
    QVERIFY2(detail.size() > 60, qPrintable(detail)); // a cause in words, not a bare code

    // Text filter on top of the outcome filter.
    view->showOutcomes(RunResultsView::Show::Created);
    view->findChild<QLineEdit *>(u"resultsFilter"_qs)->setText(u"Sales persons"_qs);
    QCOMPARE(view->filterModel()->rowCount(), 3);

    // Export what is shown.
    const QString path = m_dir->filePath(u"created-sales-persons.csv"_qs);
    QString error;
    QVERIFY2(view->exportCsv(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u"\r\n"_qs, Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 3);
    QCOMPARE(lines.first(), u"Stage,Record,Salesforce ID,Outcome,Reason,Marketo id"_qs);
    QStringList ids;
    for (int i = 1; i < lines.size(); ++i) {
        QVERIFY2(lines.at(i).startsWith(u"Sales persons,User "_qs), qPrintable(lines.at(i)));
        QVERIFY2(lines.at(i).contains(u",Created,"_qs), qPrintable(lines.at(i)));
        ids << lines.at(i).section(u',', 2, 2);
    }
    ids.sort();
    // The three sales persons Marketo did not have (María José Álvarez, Kenji Sato, the
    // integration user); Sophie Lindqvist is in Marketo from the pilot (unchanged) and Daniel
    // Okafor is updated (e-mail corrected).
    QCOMPARE(ids, (QStringList{u"0057F00000Bq3LmQAJ"_qs, u"0057F00000DaW1eQAF"_qs, u"0057F00000DfR2xQAF"_qs}));
}

void TestSyncPanel::cancelLeavesAResumableRun()
{
    SandboxOptions options;
    options.marketoLatencyMs = 300; // each Marketo call takes a while: time to cancel mid-run
    QVERIFY(startSandbox(options));
    SyncPanel *panel = makePanel();
    auto *run = panel->findChild<QPushButton *>(u"runButton"_qs);
    auto *cancel = panel->findChild<QPushButton *>(u"cancelButton"_qs);
    QVERIFY(!cancel->isEnabled());
    QSignalSpy finished(panel, &SyncPanel::runFinished);
    QSignalSpy started(panel->pipelineModel(), &QAbstractItemModel::dataChanged);
    run->click();
    QVERIFY(cancel->isEnabled());
    // Cancel as soon as the companies stage is running.
    QTRY_VERIFY_WITH_TIMEOUT(panel->pipelineModel()->stateAt(int(Stage::Companies) - 1)
                                 == StagePipelineModel::State::Running,
                             RunTimeoutMs);
    QTest::keyClick(cancel, Qt::Key_Space);
    QVERIFY(!cancel->isEnabled());
    QVERIFY(finished.wait(RunTimeoutMs));
    const RunResult result = finished.first().first().value<RunResult>();
    QCOMPARE(result.status, RunResult::Status::Cancelled);
    // The admin sees that the run can be resumed, and which stages are left.
    QVERIFY2(panel->messageText().contains(u"continues where this one stopped"_qs), qPrintable(panel->messageText()));
    const StagePipelineModel &model = *panel->pipelineModel();
    QCOMPARE(model.stateAt(int(Stage::SalesPersons) - 1), StagePipelineModel::State::Done);
    for (Stage later : {Stage::Opportunities, Stage::OpportunityRoles, Stage::MsiWriteBack}) {
        QCOMPARE(model.stateAt(int(later) - 1), StagePipelineModel::State::Stopped);
        QCOMPARE(model.index(int(later) - 1, StagePipelineModel::StateColumn).data().toString(),
                 u"Stopped, resumable"_qs);
    }
    QVERIFY(m_sandbox->marketoRecords(u"opportunities"_qs).isEmpty());

    // The next run continues: the opportunities and roles the cancelled run never sent go now.
    const RunResult resumed = finish(panel, run);
    QVERIFY2(resumed.status == RunResult::Status::Findings, qPrintable(resumed.message));
    QCOMPARE(cell(model, Stage::Opportunities, StagePipelineModel::CreateColumn), 32);
    QCOMPARE(cell(model, Stage::OpportunityRoles, StagePipelineModel::CreateColumn), 30);
    QCOMPARE(m_sandbox->marketoRecords(u"opportunities"_qs).size(), 32);
}

void TestSyncPanel::refusedRecordIsNamedWithItsCause()
{
    QVERIFY(startSandbox(SandboxOptions()));
    // Zoë Müller's e-mail typed with her name's umlauts: Marketo refuses the address.
    const QString zoe = u"0037F00001fTq3BQAS"_qs;
    QVERIFY(m_sandbox->editSalesforceRecord(zoe, {{u"Email"_qs, u"zoë.müller@unitedoilgas-uk.example"_qs}}));
    SyncPanel *panel = makePanel();
    const RunResult result = finish(panel, panel->findChild<QPushButton *>(u"runButton"_qs));
    QVERIFY2(result.status == RunResult::Status::Findings, qPrintable(result.message));
    QCOMPARE(cell(*panel->pipelineModel(), Stage::Leads, StagePipelineModel::FailedColumn), 1);

    RunResultsView *view = panel->results();
    view->showOutcomes(RunResultsView::Show::Failed);
    QCOMPARE(view->filterModel()->rowCount(), 1);
    // Open the failure with the keyboard, as an admin would.
    view->view()->setFocus();
    QTest::keyClick(view->view(), Qt::Key_Down);
    const QString detail = view->detailText();
    QVERIFY2(detail.contains(u"Zoë Müller"_qs), qPrintable(detail));
    QVERIFY2(detail.contains(zoe), qPrintable(detail));
    QVERIFY2(detail.contains(u"zoë.müller@unitedoilgas-uk.example"_qs), qPrintable(detail));
    QVERIFY2(detail.contains(u"Leads and contacts"_qs), qPrintable(detail));
    // Her opportunity roles could not go either, and they say why.
    view->showOutcomes(RunResultsView::Show::Problems);
    int roles = 0;
    for (int r = 0; r < view->filterModel()->rowCount(); ++r) {
        const QModelIndex index = view->filterModel()->index(r, RunOutcomesModel::ReasonColumn);
        if (index.data(RunOutcomesModel::StageNumberRole).toInt() == int(Stage::OpportunityRoles)
            && (index.data().toString().contains(zoe) || index.data().toString().contains(u"Zoë Müller"_qs)))
            ++roles;
    }
    QVERIFY(roles > 0);

    // Fixed in Salesforce, Retry failed sends only what did not make it.
    QVERIFY(m_sandbox->editSalesforceRecord(zoe, {{u"Email"_qs, u"zoe.mueller@unitedoilgas-uk.example"_qs}}));
    auto *retry = panel->findChild<QPushButton *>(u"retryButton"_qs);
    QVERIFY(retry->isEnabled());
    const RunResult retried = finish(panel, retry);
    QVERIFY2(retried.status == RunResult::Status::Succeeded || retried.status == RunResult::Status::Findings,
             qPrintable(retried.message));
    QCOMPARE(cell(*panel->pipelineModel(), Stage::Leads, StagePipelineModel::FailedColumn), 0);
    const QModelIndex zoeRow = panel->results()->model()->indexOf(zoe, u"leads"_qs);
    QVERIFY(zoeRow.isValid());
    QCOMPARE(panel->results()->model()->recordAt(zoeRow.row()).outcome, Outcome::Created);
}

void TestSyncPanel::historyShowsTheRuns()
{
    QVERIFY(startSandbox(SandboxOptions()));
    SyncPanel *panel = makePanel();
    const RunResult dry = finish(panel, panel->findChild<QPushButton *>(u"dryRunButton"_qs));
    const RunResult run = finish(panel, panel->findChild<QPushButton *>(u"runButton"_qs));
    QVERIFY(dry.runId > 0);
    QVERIFY(run.runId > dry.runId);

    msi::store::Workspace workspace(m_dir->filePath(u"workspace.sqlite"_qs));
    QVERIFY(workspace.open());
    msi::ui::HistoryPanel history(workspace);
    QAbstractItemModelTester tester(history.runsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reloaded(&history, &msi::ui::HistoryPanel::reloaded);
    history.resize(1024, 700);
    history.show();
    QVERIFY(reloaded.wait(20000));
    QCOMPARE(history.runsModel()->rowCount(), 2);
    QCOMPARE(history.runsModel()->recordAt(0).id, run.runId);
    QCOMPARE(history.runsModel()->index(1, msi::tables::RunsModel::ModeColumn).data().toString(), u"Dry run"_qs);
    QCOMPARE(history.selectedRun(), run.runId);
    // Synced = created + updated over the stages.
    int synced = 0;
    for (const auto &stage : run.stages)
        synced += stage.created + stage.updated;
    QCOMPARE(history.runsModel()->index(0, msi::tables::RunsModel::SyncedColumn).data().toInt(), synced);
}

QTEST_MAIN(TestSyncPanel)
#include "tst_syncpanel.moc"
