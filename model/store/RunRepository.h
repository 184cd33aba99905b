#pragma once

#include "store/StoreTypes.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace msi::store {

class Workspace;

// One API call of a run (table `api_calls`).
struct ApiCall
{
    QString stage;        // e.g. "salesPersons"; empty for calls outside a stage (auth, describe)
    System system = System::Marketo;
    QString endpoint;     // path without query string or tokens, e.g. "/rest/v1/leads/push.json"
    int httpStatus = 0;   // 0 when no HTTP answer (timeout, connection refused)
    QString errorCode;    // Marketo "606", Salesforce "INVALID_SESSION_ID"; empty on success
    int requestCount = 1; // requests this entry stands for (retries included)
    qint64 durationMs = 0;
    QDateTime at;         // when the call started; now when invalid
};

// The outcome of one record in one stage of a run (table `record_outcomes`). A run keeps one
// row per (stage, record key): writing the same record again replaces the outcome and adds the
// attempts, so retries are counted durably.
struct RecordOutcome
{
    QString stage;
    QString recordKey;    // the Salesforce ID (or Marketo id in the write-back stage)
    Outcome outcome = Outcome::Created;
    QString reason;       // plain words for skipped/blocked/failed/deferred
    qint64 marketoId = 0; // 0 when none
    int attempts = 1;
    QDateTime lastTry;    // now when invalid

    bool operator==(const RecordOutcome &) const = default;
};

struct RunInfo
{
    qint64 id = 0;
    QDateTime startedAt;
    QDateTime finishedAt;
    RunMode mode = RunMode::Full;
    RunStatus status = RunStatus::Running;
    // {"<stage>": {"created": n, "failed": n, ...}, ...}; filled by finishRun().
    QJsonObject stageCounts;
    QString message;
    // How the sync engine named the end of the run (RunResult::statusKey: succeeded, findings,
    // usage, connection, quota, cancelled); empty for runs still running, killed, or journaled
    // before schema version 3.
    QString result;
};

// Tables `runs`, `api_calls`, `record_outcomes`: the run journal.
class RunRepository final
{
public:
    explicit RunRepository(Workspace &workspace);

    // The new run id, or 0 on failure.
    qint64 beginRun(RunMode mode, QString *error = nullptr);
    bool recordCall(qint64 runId, const ApiCall &call, QString *error = nullptr);
    bool recordCalls(qint64 runId, const QList<ApiCall> &calls, QString *error = nullptr);
    // All outcomes in one transaction.
    bool recordOutcomes(qint64 runId, const QList<RecordOutcome> &outcomes, QString *error = nullptr);
    // Sets the status, the finish time, and the stage counts computed from the journal.
    bool finishRun(qint64 runId, RunStatus status, const QString &message = {},
                   QString *error = nullptr);
    // Keeps how the sync engine named the end of the run (RunInfo::result).
    bool setResult(qint64 runId, const QString &result, QString *error = nullptr);
    // Runs still "running" (their process died) become "interrupted"; returns how many.
    int markInterruptedRuns();

    std::optional<RunInfo> run(qint64 runId) const;
    QList<RunInfo> runs() const; // newest first
    QJsonObject stageCounts(qint64 runId) const;
    QList<ApiCall> calls(qint64 runId) const;
    // Outcomes of a run in journal order, all or only those with the given outcome.
    QList<RecordOutcome> outcomes(qint64 runId, std::optional<Outcome> only = std::nullopt) const;
    // Skipped, blocked and failed records of a run, ordered by stage then record key.
    QList<RecordOutcome> failures(qint64 runId) const;
    // The records still waiting to be synced: those whose latest outcome in a stage, over every
    // run that wrote (dry runs left out), is skipped, blocked, failed or deferred. A later run that
    // synced the record (a full run, a retry, a Fix of one chain) clears it; a run that did not
    // touch it leaves it pending. Ordered by stage then record key.
    QList<RecordOutcome> pendingOutcomes() const;

private:
    Workspace &m_workspace;
};

} // namespace msi::store
