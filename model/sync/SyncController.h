#pragma once

#include "sync/SyncEngine.h"

#include <QObject>
#include <QPointer>

class QThread;

namespace msi::sync {

// Runs one SyncEngine in its own QThread (own clients, own store connection) and relays its
// signals, queued, to the thread that owns the controller (the GUI or the CLI's main thread).
class SyncController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncController)
public:
    explicit SyncController(QObject *parent = nullptr);
    ~SyncController() override;

    bool isRunning() const { return m_thread != nullptr; }
    // Starts a run; false when one is already running.
    bool start(const QString &workspacePath, const EngineConnection &connection,
               const RunOptions &options);
    // Stops between calls, leaving a resumable state; finished() follows.
    void cancel();

signals:
    void phaseChanged(const QString &text);
    void estimateReady(const msi::sync::QuotaEstimate &estimate);
    void stageStarted(msi::sync::Stage stage, int total);
    void stageProgress(msi::sync::Stage stage, int done, int total, double ratePerSecond,
                       qint64 etaMs);
    void finished(const msi::sync::RunResult &result);

private:
    void cleanUp();
    QThread *m_thread = nullptr;
    SyncEngine *m_engine = nullptr;
};

} // namespace msi::sync
