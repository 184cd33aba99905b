#include "sync/SyncEngine.h"

#include "sync/Logging.h"
#include "sync/RunLock.h"

#include "marketo/MarketoClient.h"
#include "salesforce/SalesforceClient.h"
#include "store/MarketoReadCache.h"
#include "store/RunRepository.h"
#include "store/UsageLedger.h"
#include "store/Workspace.h"

#include <QDateTime>

namespace msi::sync {

SyncEngine::SyncEngine(QString workspacePath, EngineConnection connection, RunOptions options,
                       QObject *parent)
    : QObject(parent)
    , m_workspacePath(std::move(workspacePath))
    , m_connection(std::move(connection))
    , m_options(std::move(options))
{
}

SyncEngine::~SyncEngine() = default;

void SyncEngine::start()
{
    m_clock.start();
    m_result = {};
    m_result.dryRun = m_options.dryRun;
    for (Stage stage : std::as_const(m_options.stages))
        m_result.stages.append(StageResult{stage});
    if (!openWorkspace())
        return;
    signIn();
}

void SyncEngine::abortWaits()
{
    if (!m_cancel.load())
        return;
    int aborted = 0;
    if (m_marketo)
        aborted += net::HttpJob::cancelWaiting(m_marketo);
    if (m_salesforce)
        aborted += net::HttpJob::cancelWaiting(m_salesforce);
    if (aborted > 0)
        qCInfo(lcSync) << "cancel: ended" << aborted << "waiting call(s)";
}

bool SyncEngine::cancelled()
{
    if (!m_cancel.load())
        return false;
    stop(RunResult::Status::Cancelled,
         tr("Cancelled. The next run continues where this one stopped."));
    return true;
}

void SyncEngine::journal(Stage stage, const QList<store::RecordOutcome> &outcomes)
{
    if (m_result.runId == 0 || outcomes.isEmpty())
        return;
    QString error;
    if (!store::RunRepository(*m_workspace).recordOutcomes(m_result.runId, outcomes, &error))
        qCWarning(lcSync) << "journal:" << SyncTypes::stageKey(stage) << error;
}

void SyncEngine::journalCall(std::optional<Stage> stage, bool marketo, const QString &endpoint,
                             int requests, const QString &errorCode)
{
    if (m_result.runId == 0 || requests <= 0)
        return;
    store::ApiCall call;
    if (stage)
        call.stage = SyncTypes::stageKey(*stage);
    call.system = marketo ? store::System::Marketo : store::System::Salesforce;
    call.endpoint = endpoint;
    call.httpStatus = 200;
    call.errorCode = errorCode;
    call.requestCount = requests;
    store::RunRepository(*m_workspace).recordCall(m_result.runId, call);
    // The usage ledger (status bar, quota estimate) counts what each system counts against its
    // daily limit: Marketo not the call it refuses with 607; Salesforce every REST call (query
    // pages, composite updates), not the sign-in.
    const int counted = requests - (marketo && errorCode == u"607" ? 1 : 0);
    if (counted > 0)
        store::UsageLedger(*m_workspace)
            .addCalls(marketo ? store::System::Marketo : store::System::Salesforce, counted);
}

void SyncEngine::emitProgress(Stage stage)
{
    m_meter.advance(m_stageDone, m_stageClock.elapsed());
    emit stageProgress(stage, m_meter.done(), m_meter.total(), m_meter.ratePerSecond(),
                       m_meter.etaMs());
}

void SyncEngine::stop(RunResult::Status status, QString message)
{
    if (m_done)
        return;
    m_done = true;
    if (m_cancel.load()
        && (status == RunResult::Status::Connection || status == RunResult::Status::Usage)
        && m_result.runId > 0) {
        // The error is the cancelled call itself (or met while stopping): the run was cancelled.
        qCInfo(lcSync).noquote() << "cancelled while:" << message;
        status = RunResult::Status::Cancelled;
    }
    if (status == RunResult::Status::Cancelled)
        message = tr("Cancelled. The next run continues where this one stopped.");
    m_result.status = status;
    m_result.message = message;
    m_result.elapsedMs = m_clock.elapsed();
    if (m_result.runId > 0 && m_workspace) {
        store::RunStatus runStatus = store::RunStatus::Failed;
        switch (status) {
        case RunResult::Status::Succeeded:
        case RunResult::Status::Findings:
            runStatus = store::RunStatus::Succeeded;
            break;
        case RunResult::Status::QuotaExhausted:
            runStatus = store::RunStatus::QuotaExhausted;
            break;
        case RunResult::Status::Cancelled:
            runStatus = store::RunStatus::Cancelled;
            break;
        case RunResult::Status::Usage:
        case RunResult::Status::Connection:
            runStatus = store::RunStatus::Failed;
            break;
        }
        store::RunRepository runs(*m_workspace);
        runs.finishRun(m_result.runId, runStatus, message);
        runs.setResult(m_result.runId, RunResult::statusKey(status));
    }
    qCInfo(lcSync) << "run" << m_result.runId << "ended:" << RunResult::statusKey(status);
    m_lock.reset(); // the journal says how it ended: the next run may start
    emit finished(m_result);
}

void SyncEngine::complete()
{
    // A run that ended normally resumes nothing: what stopped runs read of Marketo is stale now.
    if (!m_options.dryRun && m_workspace)
        store::MarketoReadCache(*m_workspace).clear();
    int problems = 0;
    for (const StageResult &stage : std::as_const(m_result.stages))
        problems += stage.problems();
    // Plain words that fit the GUI and the CLI alike; each says where its list of them is.
    stop(problems > 0 ? RunResult::Status::Findings : RunResult::Status::Succeeded,
         m_options.dryRun ? tr("Dry run: nothing was written.")
         : problems > 0   ? tr("%n record(s) were not synced (failed, blocked, skipped, deferred or "
                               "not sent).", nullptr, problems)
                          : m_onlyIds.isEmpty()
                          ? tr("Every record is in sync.")
                          : tr("The %n record(s) asked for are in sync.", nullptr,
                               int(m_onlyIds.size())));
}

} // namespace msi::sync
