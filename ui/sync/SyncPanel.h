#pragma once

#include "sync/SyncEngine.h"

#include <QWidget>

#include <functional>
#include <memory>

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace msi::store { class Workspace; }
namespace msi::sync { class SyncController; }
namespace msi::tables { class StagePipelineModel; }

namespace msi::ui {

class RunResultsView;

// The Sync panel: the six stages as a pipeline with their counts, Dry run / Run / Cancel / Retry
// failed, a progress bar with rate and time left while a run goes, the Marketo calls a run needs
// against what is left of today's quota, and the results table of the last run. The run itself
// goes through a SyncController (its own thread); the panel only reacts to its queued signals, so
// the GUI thread never waits on the network.
class SyncPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncPanel)
public:
    // Called on each start for the connection to use (URLs and secrets); false + a message for
    // the admin when there is none.
    using ConnectionProvider = std::function<bool(sync::EngineConnection *connection, QString *error)>;

    // The controller is not owned unless it has no parent (then the panel adopts it).
    SyncPanel(const QString &workspacePath, ConnectionProvider connection,
              sync::SyncController *controller, QWidget *parent = nullptr);
    SyncPanel(const QString &workspacePath, const sync::EngineConnection &connection,
              sync::SyncController *controller, QWidget *parent = nullptr);
    ~SyncPanel() override;

    // Policy, daily quota, batch size, stages... used for every run (dryRun/full/retryFailed
    // are set by the buttons).
    void setRunOptions(const sync::RunOptions &options);
    const sync::RunOptions &runOptions() const { return m_options; }

    // What the buttons do; false (and a message in the panel) when a run cannot start.
    bool startDryRun();
    bool startRun();
    bool startRetryFailed();
    // A run of only these Salesforce records (18-char IDs) and the parents they need, in stage
    // order: what a diagnosis' Fix button asks for.
    bool startForRecords(const QSet<QString> &records);
    void cancel();
    bool isRunning() const;

    tables::StagePipelineModel *pipelineModel() const { return m_pipeline; }
    RunResultsView *results() const { return m_results; }
    // The message shown above the pipeline (errors, how the last run ended); empty when hidden.
    QString messageText() const;
    QString quotaText() const;
    const sync::RunResult &lastResult() const { return m_lastResult; }

signals:
    void runStarted(bool dryRun);
    void runFinished(const msi::sync::RunResult &result);

private:
    enum class Tone { Info, Success, Warning, Error };
    void build();
    bool start(bool dryRun, bool retryFailed, const QSet<QString> &onlyRecords = {});
    void setRunning(bool running);
    void showMessage(Tone tone, const QString &text);
    void refreshUsage();
    void showQuota();
    void phaseChanged(const QString &text);
    void estimateReady(const sync::QuotaEstimate &estimate);
    void stageStarted(sync::Stage stage, int total);
    void stageProgress(sync::Stage stage, int done, int total, double rate, qint64 etaMs);
    void runEnded(const sync::RunResult &result);

    QString m_workspacePath;
    ConnectionProvider m_connection;
    sync::SyncController *m_controller;
    std::unique_ptr<store::Workspace> m_workspace;
    sync::RunOptions m_options;
    sync::RunResult m_lastResult;
    std::optional<sync::QuotaEstimate> m_estimate;
    qint64 m_usedToday = -1;
    qsizetype m_pending = 0; // records whose latest outcome left them unsynced (any run)
    bool m_starting = false;
    bool m_lastWasDryRun = false;

    tables::StagePipelineModel *m_pipeline = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_quota = nullptr;
    QCheckBox *m_full = nullptr;
    QPushButton *m_dryRun = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_retry = nullptr;
    QTableView *m_stages = nullptr;
    QLabel *m_phase = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_rate = nullptr;
    RunResultsView *m_results = nullptr;
};

} // namespace msi::ui
