#pragma once

#include "sync/LinkMap.h"
#include "sync/QuotaEstimate.h"
#include "sync/RunOptions.h"
#include "sync/SalesforceSnapshot.h"
#include "sync/SyncPlan.h"

#include "marketo/MarketoClient.h"
#include "marketo/MarketoCredentials.h"
#include "salesforce/SalesforceCredentials.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace msi::salesforce { class SalesforceClient; struct QueryResult; }
namespace msi::store { class Workspace; struct RecordOutcome; struct RunInfo; }

namespace msi::sync {

// Where the engine connects (credentials come from the keychain or the environment).
struct EngineConnection
{
    salesforce::SalesforceCredentials salesforce;
    salesforce::SalesforceSettings salesforceSettings;
    marketo::MarketoCredentials marketo;
    marketo::MarketoSettings marketoSettings;
};

// Runs the six stages: reads Salesforce (incremental by SystemModstamp with an overlap unless
// full), reads what Marketo holds for the records not linked yet, plans (Planner), then writes
// stage by stage in batches of at most 300, journaling every call and every record's outcome and
// keeping the ID map, so a run killed at any moment is resumed by the next run without sending
// anything twice that changes the result. Lives in a worker thread (SyncController) with its own
// clients and its own store connection; everything it tells the world goes through queued
// signals.
class RunLock;

class SyncEngine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncEngine)
public:
    SyncEngine(QString workspacePath, EngineConnection connection, RunOptions options,
               QObject *parent = nullptr);
    ~SyncEngine() override;

    // Starts the run in this object's thread; finished() is emitted exactly once.
    void start();
    // Thread-safe: stops between calls, leaving a resumable state.
    void requestCancel() { m_cancel.store(true); }
    // In the engine's thread, after requestCancel(): calls that only wait (a 606 window, a
    // back-off, the rate limiter) end now; a request on the wire is let finish, so its outcome
    // is journaled.
    void abortWaits();

    // The Salesforce objects a run reads, in stage order, and the fields it reads of each
    // (without the MSI fields, which come from the mapping). Anything else that stores Salesforce
    // snapshots reads the same, so the two never make each other's records look changed.
    static QStringList salesforceObjects();
    static QStringList salesforceFields(const QString &object);

signals:
    void phaseChanged(const QString &text);
    void estimateReady(const msi::sync::QuotaEstimate &estimate);
    void stageStarted(msi::sync::Stage stage, int total);
    void stageProgress(msi::sync::Stage stage, int done, int total, double ratePerSecond,
                       qint64 etaMs);
    void finished(const msi::sync::RunResult &result);

private:
    struct Batch
    {
        QList<int> recordIndices; // into the stage plan's records
        QList<QJsonObject> inputs;
        marketo::SyncOptions options;
    };

    // Set-up and reads (SyncEngineReads.cpp)
    bool openWorkspace();
    void findResumedRuns(const QList<store::RunInfo> &history);
    void signIn();
    void describeLeads();
    void applyLeadSchema(const QJsonObject &learned);
    void readSalesforce(int step);
    void addPreviousFailures();
    void readMarketo(int step);
    void planRun();
    void alignWriteBackPlan();
    QJsonObject personRecord(const QString &personId) const;
    void dryRunWriteBackRead();
    void finishDryRun();

    // Writes (SyncEngineWrites.cpp)
    void runStage(int index);
    void sendNextBatch();
    void batchDone(const marketo::SyncReport &report);
    void finishStage();
    void blockOrphans(StagePlan &plan);
    // "Account GenePoint (0017F000007y8FPQAY)" for a record of this run's plan, else the ID.
    QString plannedName(Stage stage, const QString &salesforceId) const;
    void runWriteBack();
    void writeBackRead(int offset);
    void writeBackFlush(bool all, std::function<void()> next);
    void writeBackStop(RunResult::Status status, const QString &message);

    // Journal and end (SyncEngine.cpp)
    void journal(Stage stage, const QList<store::RecordOutcome> &outcomes);
    // stage: none for calls outside a stage (describe)
    void journalCall(std::optional<Stage> stage, bool marketo, const QString &endpoint,
                     int requests, const QString &errorCode);
    void journalNotSent(Stage stage);
    bool cancelled();
    void stop(RunResult::Status status, QString message);
    void complete();
    void emitProgress(Stage stage);

    QString m_workspacePath;
    EngineConnection m_connection;
    RunOptions m_options;
    std::atomic<bool> m_cancel{false};
    bool m_done = false;

    std::unique_ptr<RunLock> m_lock; // one run per workspace, held until stop()
    std::unique_ptr<store::Workspace> m_workspace;
    salesforce::SalesforceClient *m_salesforce = nullptr;
    marketo::MarketoClient *m_marketo = nullptr;

    RunResult m_result;
    QElapsedTimer m_clock;
    LinkMap m_links;
    SalesforceSnapshot m_snapshot;
    MarketoState m_marketoState;
    SyncPlan m_plan;
    QSet<QString> m_onlyIds;                 // retry failed: the records to retry
    // A run resumes the runs that stopped since the last one that ended normally (daily quota,
    // cancel, crash, connection): it reuses what they read from Marketo (MarketoReadCache),
    // re-plans what they left failed, and skips the write-backs they finished.
    bool m_resuming = false;
    QList<qint64> m_resumedRuns;             // newest first
    QSet<QString> m_writtenBack;             // people whose stage 6 a resumed run finished
    QHash<QString, QDateTime> m_maxModstamp; // per Salesforce object read
    QHash<QString, qint64> m_personLeadIds;  // person -> Marketo lead id (plan, links, stage 3)
    QHash<Stage, QSet<QString>> m_refused;   // records Marketo refused in this run
    QStringList m_leadFields;                // lead fields this instance has
    // People of m_snapshot by 18-character ID (built on first use, after the reads)
    mutable QHash<QString, const QJsonObject *> m_personIndex;

    // The stage being written
    int m_stageIndex = -1;
    QList<Batch> m_batches;
    int m_batchIndex = 0;
    int m_stageDone = 0;
    ProgressMeter m_meter;
    QElapsedTimer m_stageClock;
    QList<QPair<QString, qint64>> m_writeBackPeople; // person -> Marketo lead id, to read
    QList<QJsonObject> m_writeBackUpdates;           // differences read, not written yet
    QList<QString> m_writeBackIds;
};

} // namespace msi::sync
