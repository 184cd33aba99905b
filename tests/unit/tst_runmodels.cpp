// The item models of the Sync and History panels (model/tables): the stage pipeline, a run's
// results (journal and dry-run plan), the runs list and the CSV export, each under
// QAbstractItemModelTester. Records and reasons are the sample org's (MANIFEST.md).
#include "../support/SampleWorkspace.h"

#include "store/RunRepository.h"
#include "tables/CsvExport.h"
#include "tables/RunOutcomesModel.h"
#include "tables/RunsModel.h"
#include "tables/StagePipelineModel.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QColor>
#include <QJsonArray>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>

using msi::store::Outcome;
using msi::store::RecordOutcome;
using msi::store::RunMode;
using msi::store::RunRepository;
using msi::store::RunStatus;
using msi::sync::RunResult;
using msi::sync::Stage;
using msi::sync::StageResult;
using msi::tables::RunOutcomesFilterModel;
using msi::tables::RunOutcomesModel;
using msi::tables::RunsModel;
using msi::tables::StagePipelineModel;


namespace {

RecordOutcome outcome(const char *stage, const char *key, Outcome o, const QString &reason = {})
{
    RecordOutcome r;
    r.stage = QString::fromLatin1(stage);
    r.recordKey = QString::fromLatin1(key);
    r.outcome = o;
    r.reason = reason;
    return r;
}

// MANIFEST.md "Expected first run" as a RunResult.
RunResult firstRun(bool dryRun)
{
    RunResult result;
    result.dryRun = dryRun;
    result.runId = 7;
    result.status = RunResult::Status::Findings;
    const struct { Stage stage; int total, created, updated, unchanged, skipped, deferred; } rows[] = {
        {Stage::SalesPersons, 5, 3, 1, 1, 0, 0},   {Stage::Companies, 12, 11, 1, 0, 0, 0},
        {Stage::Leads, 43, 31, 9, 0, 3, 0},        {Stage::Opportunities, 32, 32, 0, 0, 0, 0},
        {Stage::OpportunityRoles, 35, 30, 0, 0, 0, 5},
    };
    for (const auto &row : rows) {
        StageResult s;
        s.stage = row.stage;
        s.total = row.total;
        s.created = row.created;
        s.updated = row.updated;
        s.unchanged = row.unchanged;
        s.skipped = row.skipped;
        s.deferred = row.deferred;
        result.stages << s;
    }
    return result;
}

} // namespace

class TestRunModels : public QObject
{
    Q_OBJECT
private slots:
    void pipelineFollowsARun();
    void pipelineCancelledRunIsResumable();
    void outcomesFromTheJournalNameTheRecords();
    void outcomesFilter_data();
    void outcomesFilter();
    void outcomesFromADryRunPlan();
    void runsList();
    void runStatus_data();
    void runStatus();
    void csvFields_data();
    void csvFields();
    void csvWritesWhatIsShown();
};

void TestRunModels::pipelineFollowsARun()
{
    StagePipelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.index(2, StagePipelineModel::StageColumn).data().toString(), u"3. Leads and contacts"_qs);
    QCOMPARE(model.stateAt(0), StagePipelineModel::State::Idle);

    model.startRun(msi::sync::SyncTypes::allStages(), false);
    QCOMPARE(model.stateAt(0), StagePipelineModel::State::Waiting);
    model.setStageStarted(Stage::SalesPersons, 4);
    model.setStageProgress(Stage::SalesPersons, 2, 4);
    QCOMPARE(model.stateAt(0), StagePipelineModel::State::Running);
    QCOMPARE(model.index(0, StagePipelineModel::StateColumn).data().toString(), u"Running: 2 of 4"_qs);
    QCOMPARE(model.index(0, StagePipelineModel::StageColumn).data(StagePipelineModel::ProgressRole).toInt(), 2);
    model.setStageStarted(Stage::Companies, 12);
    QCOMPARE(model.stateAt(0), StagePipelineModel::State::Done);

    model.setResult(firstRun(false));
    QCOMPARE(model.headerData(StagePipelineModel::CreateColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
             u"Created"_qs);
    QCOMPARE(model.index(0, StagePipelineModel::CreateColumn).data().toInt(), 3);
    QCOMPARE(model.index(0, StagePipelineModel::UpdateColumn).data().toInt(), 1);
    QCOMPARE(model.index(0, StagePipelineModel::UnchangedColumn).data().toInt(), 1);
    QCOMPARE(model.index(2, StagePipelineModel::SkippedColumn).data().toInt(), 3);
    QCOMPARE(model.index(4, StagePipelineModel::DeferredColumn).data().toInt(), 5);
    QCOMPARE(model.stateAt(4), StagePipelineModel::State::Done);
    // Stage 6 was not in this result.
    QCOMPARE(model.stateAt(5), StagePipelineModel::State::NotSelected);
    QVERIFY(!model.index(5, StagePipelineModel::CreateColumn).data().isValid());

    model.setResult(firstRun(true));
    QCOMPARE(model.headerData(StagePipelineModel::CreateColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
             u"To create"_qs);
    QCOMPARE(model.stateAt(2), StagePipelineModel::State::Planned);
    QCOMPARE(model.index(2, 0).data(StagePipelineModel::RecordRole).toJsonObject().value(u"created").toInt(), 31);
}

void TestRunModels::pipelineCancelledRunIsResumable()
{
    StagePipelineModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.startRun(msi::sync::SyncTypes::allStages(), false);
    model.setStageStarted(Stage::SalesPersons, 4);
    model.setStageStarted(Stage::Companies, 12);
    RunResult result = firstRun(false);
    result.status = RunResult::Status::Cancelled;
    result.stages[1].created = 0;
    result.stages[1].updated = 0;
    result.stages[1].notSent = 12;
    for (int i = 2; i < result.stages.size(); ++i)
        result.stages[i] = StageResult{result.stages[i].stage};
    model.setResult(result);
    QCOMPARE(model.stateAt(0), StagePipelineModel::State::Done);
    QCOMPARE(model.stateAt(1), StagePipelineModel::State::Stopped);
    QCOMPARE(model.index(1, StagePipelineModel::NotSentColumn).data().toInt(), 12);
    QCOMPARE(model.stateAt(2), StagePipelineModel::State::Stopped);
    QCOMPARE(model.index(2, StagePipelineModel::StateColumn).data().toString(), u"Stopped, resumable"_qs);
    QVERIFY(model.index(1, StagePipelineModel::StateColumn).data(Qt::ToolTipRole).toString().contains(u"12"_qs));
}

void TestRunModels::outcomesFromTheJournalNameTheRecords()
{
    SampleWorkspace sample;
    QVERIFY2(sample.fill(), qPrintable(sample.error()));
    RunRepository runs(sample.workspace());
    const qint64 runId = runs.beginRun(RunMode::Full);
    QVERIFY(runId > 0);
    QVERIFY(runs.recordOutcomes(runId, {
        outcome("sales-persons", "0057F00000DaW1eQAF", Outcome::Created),
        outcome("leads", "0037F000009XkPbQAK", Outcome::Skipped,
                u"2 Marketo leads share spavlova@uog.com (1047, 1052)"_qs),
        outcome("leads", "0037F000009XkPdQAK", Outcome::Failed,
                u"Contact Babara Levy: Marketo refused the e-mail b.levy@expressl&t.net"_qs),
        outcome("opportunity-roles", "00K7F00000Bz1ZQUAZ", Outcome::Blocked,
                u"blocked by 0037F000009XkPdQAK: Marketo refused it in this run"_qs),
    }));
    QVERIFY(runs.finishRun(runId, RunStatus::Succeeded));

    RunOutcomesModel model(&sample.workspace());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&model, &RunOutcomesModel::loaded);
    model.loadRun(runId);
    QVERIFY(model.isLoading());
    QVERIFY(loaded.wait(10000));
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.runId(), runId);
    const QModelIndex babara = model.indexOf(u"0037F000009XkPdQAK"_qs);
    QVERIFY(babara.isValid());
    QCOMPARE(model.index(babara.row(), RunOutcomesModel::RecordColumn).data().toString(), u"Contact Babara Levy"_qs);
    QCOMPARE(model.index(babara.row(), RunOutcomesModel::StageColumn).data().toString(), u"Leads and contacts"_qs);
    QCOMPARE(model.index(babara.row(), RunOutcomesModel::OutcomeColumn).data().toString(), u"Failed"_qs);
    QCOMPARE(RunOutcomesModel::describe(model.recordAt(babara.row())),
             u"Contact Babara Levy (0037F000009XkPdQAK) in Leads and contacts, failed: "
             "Marketo refused the e-mail b.levy@expressl&t.net"_qs);
    QCOMPARE(model.index(model.indexOf(u"0057F00000DaW1eQAF"_qs).row(), RunOutcomesModel::RecordColumn).data().toString(),
             u"User Kenji Sato"_qs);
    // A 15-character ID finds the record too.
    QVERIFY(model.indexOf(u"0037F000009XkPd"_qs).isValid());
    QCOMPARE(model.count(Outcome::Blocked), 1);
}

void TestRunModels::outcomesFilter_data()
{
    QTest::addColumn<QList<Outcome>>("outcomes");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("hideWaits");
    QTest::addColumn<QStringList>("keys");
    QTest::newRow("all") << QList<Outcome>{} << QString() << false
                         << QStringList{u"0057F00000DaW1eQAF"_qs, u"0037F000009XkPbQAK"_qs, u"0037F000009XkPdQAK"_qs,
                                        u"0037F000009XkPWQA0"_qs};
    QTest::newRow("failed") << QList<Outcome>{Outcome::Failed} << QString() << false
                            << QStringList{u"0037F000009XkPdQAK"_qs};
    QTest::newRow("problems") << QList<Outcome>{Outcome::Failed, Outcome::Skipped, Outcome::Deferred} << QString()
                              << false
                              << QStringList{u"0037F000009XkPbQAK"_qs, u"0037F000009XkPdQAK"_qs, u"0037F000009XkPWQA0"_qs};
    QTest::newRow("problems without write-back waits")
        << QList<Outcome>{Outcome::Failed, Outcome::Skipped, Outcome::Deferred} << QString() << true
        << QStringList{u"0037F000009XkPbQAK"_qs, u"0037F000009XkPdQAK"_qs};
    QTest::newRow("reason text") << QList<Outcome>{} << u"SPAVLOVA"_qs << false << QStringList{u"0037F000009XkPbQAK"_qs};
    QTest::newRow("name text") << QList<Outcome>{} << u"SATO"_qs << false << QStringList{u"0057F00000DaW1eQAF"_qs};
    QTest::newRow("outcome and text") << QList<Outcome>{Outcome::Created} << u"levy"_qs << false << QStringList{};
}

void TestRunModels::outcomesFilter()
{
    QFETCH(QList<Outcome>, outcomes);
    QFETCH(QString, text);
    QFETCH(bool, hideWaits);
    QFETCH(QStringList, keys);
    RunOutcomesModel model;
    QList<msi::tables::RunOutcomeRow> rows;
    rows << msi::tables::RunOutcomeRow{u"sales-persons"_qs, 1, u"0057F00000DaW1eQAF"_qs, u"User Kenji Sato"_qs,
                                       Outcome::Created, {}, 5, 1};
    rows << msi::tables::RunOutcomeRow{u"leads"_qs, 3, u"0037F000009XkPbQAK"_qs, u"Contact Stella Pavlova"_qs,
                                       Outcome::Skipped, u"2 Marketo leads share spavlova@uog.com"_qs, 0, 1};
    rows << msi::tables::RunOutcomeRow{u"leads"_qs, 3, u"0037F000009XkPdQAK"_qs, u"Contact Babara Levy"_qs,
                                       Outcome::Failed, u"invalid e-mail"_qs, 0, 2};
    rows << msi::tables::RunOutcomeRow{u"msi-writeback"_qs, 6, u"0037F000009XkPWQA0"_qs, u"Contact Jack Rogers"_qs,
                                       Outcome::Deferred, u"no MSI values in Marketo yet"_qs, 0, 1};
    model.setRows(3, rows);
    RunOutcomesFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setOutcomes(QSet<Outcome>(outcomes.cbegin(), outcomes.cend()));
    filter.setFilterFixedString(text);
    filter.setHideWriteBackWaits(hideWaits);
    filter.sort(RunOutcomesModel::StageColumn);
    QStringList shown;
    for (int r = 0; r < filter.rowCount(); ++r)
        shown << filter.index(r, RunOutcomesModel::IdColumn).data().toString();
    QCOMPARE(shown, keys);
}

void TestRunModels::outcomesFromADryRunPlan()
{
    // The shape of SyncPlan::toJson(true) for two planned records of stage 3.
    const QJsonObject plan{{u"stages"_qs, QJsonArray{QJsonObject{
        {u"stage"_qs, u"leads"_qs},
        {u"records"_qs, QJsonArray{
            QJsonObject{{u"salesforceId"_qs, u"0037F000009XkPUQA0"_qs}, {u"name"_qs, u"Contact Rose Gonzalez"_qs},
                        {u"action"_qs, u"update"_qs}, {u"marketoId"_qs, 1045},
                        {u"notes"_qs, QJsonArray{u"adopted Marketo lead 1045"_qs}}},
            QJsonObject{{u"salesforceId"_qs, u"00Q7F000006QwAnUAK"_qs}, {u"name"_qs, u"Lead Pat Stumuller"_qs},
                        {u"action"_qs, u"skipped"_qs},
                        {u"reason"_qs, u"e-mail already used by Contact 0037F000009XkPXQA0"_qs}},
        }}}}}};
    RunOutcomesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPlan(9, plan);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.headerData(RunOutcomesModel::OutcomeColumn, Qt::Horizontal, Qt::DisplayRole).toString(), u"Plan"_qs);
    QCOMPARE(model.index(0, RunOutcomesModel::OutcomeColumn).data().toString(), u"To update"_qs);
    QCOMPARE(model.index(0, RunOutcomesModel::ReasonColumn).data().toString(), u"adopted Marketo lead 1045"_qs);
    QCOMPARE(model.index(0, RunOutcomesModel::MarketoIdColumn).data().toString(), u"1045"_qs);
    QCOMPARE(model.recordAt(1).outcome, Outcome::Skipped);
    QCOMPARE(model.recordAt(1).stageNumber, 3);
    QCOMPARE(model.index(1, RunOutcomesModel::RecordColumn).data().toString(), u"Lead Pat Stumuller"_qs);
}

void TestRunModels::runsList()
{
    SampleWorkspace sample;
    QVERIFY2(sample.fill(), qPrintable(sample.error()));
    RunRepository runs(sample.workspace());
    const qint64 dry = runs.beginRun(RunMode::DryRun);
    QVERIFY(runs.finishRun(dry, RunStatus::Succeeded, u"Dry run: nothing was written."_qs));
    const qint64 full = runs.beginRun(RunMode::Full);
    QVERIFY(runs.recordOutcomes(full, {
        outcome("sales-persons", "0057F00000Bq3LmQAJ", Outcome::Created),
        outcome("sales-persons", "0057F000009Zt4AQAS", Outcome::Updated),
        outcome("sales-persons", "0057F00000CkP8sQAF", Outcome::Unchanged),
        outcome("leads", "0037F000009XkPbQAK", Outcome::Skipped, u"duplicates"_qs),
    }));
    QVERIFY(runs.finishRun(full, RunStatus::Cancelled, u"Cancelled."_qs));

    RunsModel model(sample.workspace());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&model, &RunsModel::loaded);
    model.reload();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.recordAt(0).id, full); // newest first
    QCOMPARE(model.indexOf(dry).row(), 1);
    QCOMPARE(model.index(0, RunsModel::StatusColumn).data().toString(), u"Cancelled, resumable"_qs);
    QCOMPARE(model.index(0, RunsModel::SyncedColumn).data().toInt(), 2);
    QCOMPARE(model.index(0, RunsModel::UnchangedColumn).data().toInt(), 1);
    QCOMPARE(model.index(0, RunsModel::ProblemsColumn).data().toInt(), 1);
    QCOMPARE(model.index(1, RunsModel::ModeColumn).data().toString(), u"Dry run"_qs);
    QVERIFY(!model.index(1, RunsModel::SyncedColumn).data().isValid());
    QCOMPARE(model.index(0, RunsModel::RunColumn).data(RunsModel::RecordRole).toLongLong(), full);
}

// The status column says how a run ended as the engine named it (runs.result, the keys of
// `sync --json`), and for runs journaled before the engine kept it, from the journal status and
// the outcome counts: a run that skipped or deferred records did not simply succeed.
void TestRunModels::runStatus_data()
{
    QTest::addColumn<int>("status");          // store::RunStatus the journal holds
    QTest::addColumn<QString>("result");      // runs.result, empty for older runs
    QTest::addColumn<bool>("problems");       // the run skipped and deferred records
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QColor>("color");
    const QColor green(0x2e, 0x7d, 0x32);
    const QColor amber(0xf9, 0xa8, 0x25);
    const QColor red(0xc6, 0x28, 0x28);
    const QColor orange(0xef, 0x6c, 0x00);
    const int ok = int(RunStatus::Succeeded);
    QTest::newRow("kept: succeeded") << ok << u"succeeded"_qs << false << u"succeeded"_qs
                                     << u"Succeeded"_qs << green;
    QTest::newRow("kept: findings") << ok << u"findings"_qs << true << u"findings"_qs
                                    << u"Finished with findings"_qs << amber;
    QTest::newRow("kept: usage") << int(RunStatus::Failed) << u"usage"_qs << false << u"usage"_qs
                                 << u"Configuration problem"_qs << red;
    QTest::newRow("kept: connection") << int(RunStatus::Failed) << u"connection"_qs << false
                                      << u"connection"_qs << u"Connection failed"_qs << red;
    QTest::newRow("kept: quota") << int(RunStatus::QuotaExhausted) << u"quota"_qs << true
                                 << u"quota"_qs << u"Out of quota, resumable"_qs << orange;
    QTest::newRow("kept: cancelled") << int(RunStatus::Cancelled) << u"cancelled"_qs << false
                                     << u"cancelled"_qs << u"Cancelled, resumable"_qs << orange;
    QTest::newRow("older: skipped and deferred") << ok << QString() << true << u"findings"_qs
                                                 << u"Finished with findings"_qs << amber;
    QTest::newRow("older: all synced") << ok << QString() << false << u"succeeded"_qs
                                       << u"Succeeded"_qs << green;
    QTest::newRow("older: failed") << int(RunStatus::Failed) << QString() << false
                                   << u"connection"_qs << u"Connection failed"_qs << red;
    QTest::newRow("killed") << int(RunStatus::Interrupted) << QString() << false
                            << u"interrupted"_qs << u"Interrupted, resumable"_qs << orange;
}

void TestRunModels::runStatus()
{
    QFETCH(int, status);
    QFETCH(QString, result);
    QFETCH(bool, problems);
    QFETCH(QString, key);
    QFETCH(QString, label);
    QFETCH(QColor, color);
    SampleWorkspace sample;
    QVERIFY2(sample.fill(), qPrintable(sample.error()));
    RunRepository runs(sample.workspace());
    const qint64 run = runs.beginRun(RunMode::Full);
    QList<RecordOutcome> outcomes{
        outcome("sales-persons", "0057F00000Bq3LmQAJ", Outcome::Created),
    };
    if (problems) {
        // MANIFEST M-03: Stella Pavlova skipped (two Marketo leads), her role deferred.
        outcomes << outcome("leads", "0037F000009XkPbQAK", Outcome::Skipped, u"duplicates"_qs)
                 << outcome("opportunity-roles", "00K7F00000Bz1iGUAR", Outcome::Deferred,
                            u"waits for Contact Stella Pavlova"_qs);
    }
    QVERIFY(runs.recordOutcomes(run, outcomes));
    if (RunStatus(status) != RunStatus::Interrupted)
        QVERIFY(runs.finishRun(run, RunStatus(status), u"ended"_qs));
    else
        QCOMPARE(runs.markInterruptedRuns(), 1);
    if (!result.isEmpty())
        QVERIFY(runs.setResult(run, result));

    RunsModel model(sample.workspace());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&model, &RunsModel::loaded);
    model.reload();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex cell = model.index(0, RunsModel::StatusColumn);
    QCOMPARE(cell.data(RunsModel::StatusKeyRole).toString(), key);
    QCOMPARE(cell.data().toString(), label);
    QCOMPARE(cell.data(Qt::DecorationRole).value<QColor>(), color);
    QCOMPARE(model.index(0, RunsModel::ProblemsColumn).data().toInt(), problems ? 2 : 0);
}

void TestRunModels::csvFields_data()
{
    // RFC 4180: fields with a comma, a double quote or a line break are quoted, quotes doubled.
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("field");
    QTest::newRow("plain") << u"Created"_qs << u"Created"_qs;
    QTest::newRow("comma") << u"United Oil & Gas, UK"_qs << u"\"United Oil & Gas, UK\""_qs;
    QTest::newRow("quote") << u"Opportunity \"Edge\""_qs << u"\"Opportunity \"\"Edge\"\"\""_qs;
    QTest::newRow("line break") << u"312 Constitution Place\nAustin"_qs << u"\"312 Constitution Place\nAustin\""_qs;
    QTest::newRow("apostrophe") << u"Liz D'Cruz"_qs << u"Liz D'Cruz"_qs;
    QTest::newRow("empty") << QString() << QString();
}

void TestRunModels::csvFields()
{
    QFETCH(QString, text);
    QFETCH(QString, field);
    QCOMPARE(msi::tables::CsvExport::field(text), field);
}

void TestRunModels::csvWritesWhatIsShown()
{
    RunOutcomesModel model;
    model.setRows(3, {
        {u"companies"_qs, 2, u"0017F000007y8FOQAY"_qs, u"Account United Oil & Gas, UK"_qs, Outcome::Created, {}, 12, 1},
        {u"leads"_qs, 3, u"0037F000009XkPjQAK"_qs, u"Contact Liz D'Cruz"_qs, Outcome::Failed,
         u"Marketo said \"no\""_qs, 0, 1},
    });
    RunOutcomesFilterModel filter;
    filter.setSourceModel(&model);
    filter.setOutcomes({Outcome::Created});
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QVERIFY(msi::tables::CsvExport::write(filter, &buffer));
    QCOMPARE(QString::fromUtf8(buffer.data()),
             u"Stage,Record,Salesforce ID,Outcome,Reason,Marketo id\r\n"
             "Companies,\"Account United Oil & Gas, UK\",0017F000007y8FOQAY,Created,,12\r\n"_qs);
    QString error;
    QVERIFY(!msi::tables::CsvExport::writeFile(filter, u"/nonexistent-folder/x.csv"_qs, &error));
    QVERIFY2(error.contains(u"/nonexistent-folder/x.csv"_qs), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestRunModels)
#include "tst_runmodels.moc"
