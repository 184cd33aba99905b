#pragma once

#include "sync/QuotaEstimate.h"
#include "sync/SyncPolicy.h"
#include "sync/SyncTypes.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QMetaType>
#include <QSet>
#include <QString>

namespace msi::sync {

// What one run is asked to do.
struct RunOptions
{
    QList<Stage> stages = SyncTypes::allStages();
    bool dryRun = false;        // plan and estimate only; nothing is written anywhere
    bool full = false;          // read every Salesforce record, not only those changed
    bool retryFailed = false;   // only the records the last run failed, blocked or deferred
    // Only these Salesforce records (18-char IDs of users, accounts, people, opportunities,
    // roles), e.g. the chain a diagnosis found broken; empty means every record.
    QSet<QString> onlyRecords;
    SyncPolicy policy;          // leadLookup is overridden by the instance's describe2
    int batchSize = 300;        // Marketo records per call (its maximum)
    qint64 overlapMs = 5 * 60 * 1000; // incremental reads start this long before the watermark
    qint64 dailyQuota = 50000;  // Marketo calls per day of this instance
};

// Per stage: what happened to the records, and the calls it cost.
struct StageResult
{
    Stage stage = Stage::SalesPersons;
    int total = 0;
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    int blocked = 0;
    int failed = 0;      // Marketo/Salesforce refused it, or the record is invalid
    int skipped = 0;
    int deferred = 0;
    int notSent = 0;     // left for the next run (quota, cancel)
    int writeCalls = 0;  // Marketo write calls (Salesforce composite calls in stage 6)
    int readCalls = 0;   // Marketo reads made for this stage
    qint64 elapsedMs = 0;

    int problems() const { return blocked + failed + skipped + deferred + notSent; }
    QJsonObject toJson() const;
};

// How a run ended (drives the CLI's exit code).
struct RunResult
{
    enum class Status {
        Succeeded,        // every record synced or unchanged
        Findings,         // some records failed, were blocked, skipped or deferred
        Usage,            // configuration problem (no profile, bad option)
        Connection,       // connection or authentication failure
        QuotaExhausted,   // Marketo's daily quota stopped the run; resumable
        Cancelled,        // stopped on request; resumable
    };
    Status status = Status::Succeeded;
    qint64 runId = 0;
    bool dryRun = false;
    bool incremental = false;
    QString message;            // plain words, for people
    QDateTime quotaResetsAt;    // QuotaExhausted
    QList<StageResult> stages;
    QuotaEstimate estimate;
    QJsonObject plan;           // dry run: the plan (SyncPlan::toJson)
    QList<PlanFinding> findings; // what the planner reported about the data (codes of faults.json)
    qint64 elapsedMs = 0;
    int rateLimitWaits = 0;     // 606 waits the Marketo client took (reads and writes)
    int concurrencyWaits = 0;   // 615 back-offs the Marketo client took (reads and writes)

    StageResult *stage(Stage stage);
    const StageResult *stage(Stage stage) const;
    static QString statusKey(Status status);
    QJsonObject toJson() const;
};

} // namespace msi::sync

Q_DECLARE_METATYPE(msi::sync::Stage)
Q_DECLARE_METATYPE(msi::sync::RunResult)
Q_DECLARE_METATYPE(msi::sync::QuotaEstimate)
