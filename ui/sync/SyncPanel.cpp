#include "ui/sync/SyncPanel.h"

#include "ui/sync/RunResultsView.h"

#include "store/RunRepository.h"
#include "store/UsageLedger.h"
#include "store/Workspace.h"
#include "sync/SyncController.h"
#include "tables/RunOutcomesModel.h"
#include "tables/StagePipelineModel.h"

#include <QCheckBox>
#include <QFuture>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QThreadPool>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace msi::ui {

using sync::RunResult;
using sync::Stage;
using tables::StagePipelineModel;

namespace {

// A pool of its own per panel: usage look-ups hold a pointer to the panel's workspace.
QThreadPool &usagePool(QObject *owner)
{
    auto *pool = owner->findChild<QThreadPool *>(u"usagePool"_qs, Qt::FindDirectChildrenOnly);
    if (!pool) {
        pool = new QThreadPool(owner);
        pool->setObjectName(u"usagePool"_qs);
        pool->setMaxThreadCount(1);
    }
    return *pool;
}

QString formatDuration(qint64 ms)
{
    if (ms < 0)
        return SyncPanel::tr("unknown");
    const qint64 seconds = (ms + 999) / 1000;
    if (seconds < 60)
        return SyncPanel::tr("%n s", nullptr, int(seconds));
    if (seconds < 3600)
        return SyncPanel::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return SyncPanel::tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

} // namespace

SyncPanel::SyncPanel(const QString &workspacePath, ConnectionProvider connection,
                     sync::SyncController *controller, QWidget *parent)
    : QWidget(parent)
    , m_workspacePath(workspacePath)
    , m_connection(std::move(connection))
    , m_controller(controller)
    , m_workspace(std::make_unique<store::Workspace>(workspacePath))
{
    if (m_controller && !m_controller->parent())
        m_controller->setParent(this);
    QString error;
    const bool open = m_workspace->open(&error);
    build();
    if (!open)
        showMessage(Tone::Error, error);
    if (m_controller) {
        connect(m_controller, &sync::SyncController::phaseChanged, this, &SyncPanel::phaseChanged);
        connect(m_controller, &sync::SyncController::estimateReady, this, &SyncPanel::estimateReady);
        connect(m_controller, &sync::SyncController::stageStarted, this, &SyncPanel::stageStarted);
        connect(m_controller, &sync::SyncController::stageProgress, this, &SyncPanel::stageProgress);
        connect(m_controller, &sync::SyncController::finished, this, &SyncPanel::runEnded);
    } else {
        showMessage(Tone::Error, tr("Sync is not available: no sync controller."));
    }
    setRunning(m_controller && m_controller->isRunning());
    refreshUsage();
}

SyncPanel::SyncPanel(const QString &workspacePath, const sync::EngineConnection &connection,
                     sync::SyncController *controller, QWidget *parent)
    : SyncPanel(workspacePath,
                [connection](sync::EngineConnection *target, QString *) {
                    *target = connection;
                    return true;
                },
                controller, parent)
{
}

SyncPanel::~SyncPanel()
{
    if (m_controller && m_controller->parent() == this)
        m_controller->cancel();
    usagePool(this).waitForDone();
}

void SyncPanel::build()
{
    m_pipeline = new StagePipelineModel(this);

    m_message = new QLabel(this);
    m_message->setObjectName(u"syncMessage"_qs);
    m_message->setAccessibleName(tr("Sync message"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_message->setMargin(8);
    m_message->hide();

    m_quota = new QLabel(this);
    m_quota->setObjectName(u"quotaLabel"_qs);
    m_quota->setAccessibleName(tr("Marketo quota"));
    m_quota->setWordWrap(true);
    m_quota->setTextFormat(Qt::PlainText);

    m_full = new QCheckBox(tr("Read &every record"), this);
    m_full->setObjectName(u"fullRead"_qs);
    m_full->setAccessibleName(tr("Read every record, not only those changed since the last run"));
    m_full->setToolTip(tr("Read every Salesforce record, not only those changed since the last run"));

    m_dryRun = new QPushButton(tr("&Dry run"), this);
    m_dryRun->setObjectName(u"dryRunButton"_qs);
    m_dryRun->setAccessibleName(tr("Dry run"));
    m_dryRun->setToolTip(tr("Plan the run and estimate its API calls; nothing is written"));
    m_run = new QPushButton(tr("&Run"), this);
    m_run->setObjectName(u"runButton"_qs);
    m_run->setAccessibleName(tr("Run sync"));
    m_run->setToolTip(tr("Write the six stages to Marketo and the MSI fields back to Salesforce"));
    m_cancel = new QPushButton(tr("&Cancel"), this);
    m_cancel->setObjectName(u"cancelButton"_qs);
    m_cancel->setAccessibleName(tr("Cancel run"));
    m_cancel->setToolTip(tr("Stop after the call in progress; the next run continues from there"));
    m_retry = new QPushButton(tr("Retry &failed"), this);
    m_retry->setObjectName(u"retryButton"_qs);
    m_retry->setAccessibleName(tr("Retry failed records"));
    m_retry->setToolTip(tr("Send again only the records the last run did not sync"));

    m_stages = new QTableView(this);
    m_stages->setObjectName(u"stageTable"_qs);
    m_stages->setAccessibleName(tr("Sync stages"));
    m_stages->setModel(m_pipeline);
    m_stages->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_stages->setSelectionMode(QAbstractItemView::SingleSelection);
    m_stages->verticalHeader()->hide();
    m_stages->setTabKeyNavigation(false);
    m_stages->setWordWrap(false);
    m_stages->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_stages->horizontalHeader()->setStretchLastSection(true);
    m_stages->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // "Not sent" only matters after a run stopped early (cancel, quota): shown then.
    m_stages->setColumnHidden(StagePipelineModel::NotSentColumn, true);
    m_stages->resizeRowsToContents();
    const int rowsHeight = m_stages->verticalHeader()->length() + m_stages->horizontalHeader()->sizeHint().height()
                           + 2 * m_stages->frameWidth();
    m_stages->setMinimumHeight(rowsHeight);
    m_stages->setMaximumHeight(rowsHeight + m_stages->horizontalScrollBar()->sizeHint().height());
    m_stages->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);

    m_phase = new QLabel(tr("Ready."), this);
    m_phase->setObjectName(u"phaseLabel"_qs);
    m_phase->setAccessibleName(tr("What the run is doing"));
    m_phase->setTextFormat(Qt::PlainText);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"progressBar"_qs);
    m_progress->setAccessibleName(tr("Progress of the current stage"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v of %m records"));
    m_rate = new QLabel(this);
    m_rate->setObjectName(u"rateLabel"_qs);
    m_rate->setAccessibleName(tr("Rate and time left"));
    m_rate->setTextFormat(Qt::PlainText);

    m_results = new RunResultsView(m_workspace->isOpen() ? m_workspace.get() : nullptr, this);
    m_results->setObjectName(u"syncResults"_qs);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_quota, 1);
    buttons->addWidget(m_full);
    buttons->addWidget(m_dryRun);
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_retry);

    auto *progress = new QHBoxLayout;
    progress->addWidget(m_phase, 2);
    progress->addWidget(m_progress, 2);
    progress->addWidget(m_rate, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(buttons);
    layout->addWidget(m_stages);
    layout->addLayout(progress);
    layout->addWidget(m_results, 1);

    setTabOrder(m_full, m_dryRun);
    setTabOrder(m_dryRun, m_run);
    setTabOrder(m_run, m_cancel);
    setTabOrder(m_cancel, m_retry);
    setTabOrder(m_retry, m_stages);

    connect(m_dryRun, &QPushButton::clicked, this, [this] { startDryRun(); });
    connect(m_run, &QPushButton::clicked, this, [this] { startRun(); });
    connect(m_cancel, &QPushButton::clicked, this, &SyncPanel::cancel);
    connect(m_retry, &QPushButton::clicked, this, [this] { startRetryFailed(); });
    showQuota();
}

void SyncPanel::setRunOptions(const sync::RunOptions &options)
{
    m_options = options;
    m_full->setChecked(options.full);
    showQuota();
}

bool SyncPanel::isRunning() const
{
    return m_controller && m_controller->isRunning();
}

QString SyncPanel::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

QString SyncPanel::quotaText() const
{
    return m_quota->text();
}

bool SyncPanel::startDryRun()
{
    return start(true, false);
}

bool SyncPanel::startRun()
{
    return start(false, false);
}

bool SyncPanel::startRetryFailed()
{
    return start(false, true);
}

bool SyncPanel::startForRecords(const QSet<QString> &records)
{
    if (records.isEmpty()) {
        showMessage(Tone::Error, tr("Nothing to re-sync: no Salesforce records were named."));
        return false;
    }
    return start(false, false, records);
}

bool SyncPanel::start(bool dryRun, bool retryFailed, const QSet<QString> &onlyRecords)
{
    if (!m_controller)
        return false;
    if (isRunning()) {
        showMessage(Tone::Info, tr("A run is already going; start the next one when it has ended."));
        return false;
    }
    if (!m_workspace->isOpen()) {
        showMessage(Tone::Error, tr("The workspace %1 could not be opened.").arg(m_workspacePath));
        return false;
    }
    sync::EngineConnection connection;
    QString error;
    if (!m_connection || !m_connection(&connection, &error)) {
        showMessage(Tone::Error, error.isEmpty() ? tr("No connection to Salesforce and Marketo is set up.")
                                                 : error);
        return false;
    }
    sync::RunOptions options = m_options;
    options.dryRun = dryRun;
    options.retryFailed = retryFailed;
    options.onlyRecords = onlyRecords;
    options.full = m_full->isChecked();
    if (!m_controller->start(m_workspacePath, connection, options)) {
        showMessage(Tone::Error, tr("A run is already going."));
        return false;
    }
    m_lastWasDryRun = dryRun;
    m_pipeline->startRun(options.stages, dryRun);
    m_results->model()->clear();
    // The message stays in place (no jump of the buttons under the pointer) and says what goes on.
    showMessage(Tone::Info, dryRun ? tr("Dry run going: it reads and plans, nothing is written.")
                                   : tr("Run going: the results appear below when it ends."));
    m_phase->setText(dryRun                  ? tr("Dry run: starting…")
                     : onlyRecords.isEmpty() ? tr("Starting…")
                                             : tr("Re-syncing %n record(s) and their parents…",
                                                  nullptr, int(onlyRecords.size())));
    m_progress->setFormat(tr("%v of %m records"));
    m_progress->setRange(0, 0); // busy until a stage reports its size
    m_rate->clear();
    setRunning(true);
    emit runStarted(dryRun);
    return true;
}

void SyncPanel::cancel()
{
    if (!isRunning())
        return;
    m_controller->cancel();
    m_cancel->setEnabled(false);
    m_phase->setText(tr("Cancelling after the call in progress…"));
}

void SyncPanel::setRunning(bool running)
{
    m_dryRun->setEnabled(!running && m_controller);
    m_run->setEnabled(!running && m_controller);
    m_cancel->setEnabled(running);
    m_full->setEnabled(!running);
    // Whatever run left them: a Fix of one chain or a cancelled run after a run with failures
    // does not take the failures away.
    m_retry->setEnabled(!running && m_controller && m_pending > 0);
    m_retry->setToolTip(m_pending > 0
                            ? tr("Send again only the %n record(s) not synced yet", nullptr,
                                 int(m_pending))
                            : tr("No record is waiting to be retried"));
}

void SyncPanel::showMessage(Tone tone, const QString &text)
{
    static const char *const styles[] = {
        "QLabel { background: #e3f2fd; color: #0d47a1; border: 1px solid #90caf9; border-radius: 3px; }",
        "QLabel { background: #e8f5e9; color: #1b5e20; border: 1px solid #a5d6a7; border-radius: 3px; }",
        "QLabel { background: #fff8e1; color: #6d4c00; border: 1px solid #ffcc80; border-radius: 3px; }",
        "QLabel { background: #ffebee; color: #b71c1c; border: 1px solid #ef9a9a; border-radius: 3px; }",
    };
    m_message->setStyleSheet(QString::fromLatin1(styles[int(tone)]));
    m_message->setText(text);
    m_message->setAccessibleDescription(text);
    m_message->show();
}

void SyncPanel::refreshUsage()
{
    if (!m_workspace->isOpen())
        return;
    store::Workspace *workspace = m_workspace.get();
    QtConcurrent::run(&usagePool(this), [workspace] {
        return std::pair<qint64, qsizetype>(
            store::UsageLedger(*workspace).callsToday(store::System::Marketo),
            store::RunRepository(*workspace).pendingOutcomes().size());
    }).then(this, [this](const std::pair<qint64, qsizetype> &usage) {
        m_usedToday = usage.first;
        m_pending = usage.second;
        showQuota();
        setRunning(isRunning());
    });
}

void SyncPanel::showQuota()
{
    const QLocale locale;
    const qint64 quota = m_estimate ? m_estimate->dailyQuota : m_options.dailyQuota;
    const qint64 used = m_usedToday >= 0 ? m_usedToday : m_estimate ? m_estimate->usedToday : -1;
    const QString left = used < 0 ? QString()
                                  : tr("%1 of %2 Marketo calls left today.")
                                        .arg(locale.toString(qMax<qint64>(0, quota - used)),
                                             locale.toString(quota));
    if (!m_estimate) {
        m_quota->setText(left.isEmpty() ? tr("Start a dry run to estimate the calls a run needs.")
                                        : tr("%1 Start a dry run to estimate the calls a run needs.").arg(left));
        m_quota->setStyleSheet({});
        return;
    }
    const sync::QuotaEstimate &e = *m_estimate;
    QString text = tr("A run needs about %n Marketo call(s); ", nullptr, e.totalCalls) + left;
    if (!e.fits()) {
        text += u' '
            + tr("Not enough quota: the run would stop and continue after %1.")
                  .arg(QLocale().toString(e.resetsAt.toLocalTime(), QLocale::ShortFormat));
    }
    m_quota->setText(text);
    m_quota->setStyleSheet(e.fits() ? QString() : u"QLabel { color: #b71c1c; }"_qs);
    QStringList perStage;
    for (const auto &stage : e.stages)
        perStage << tr("%1: %2").arg(StagePipelineModel::stageTitle(stage.stage)).arg(stage.marketoCalls);
    m_quota->setToolTip(perStage.join(u'\n'));
}

void SyncPanel::phaseChanged(const QString &text)
{
    m_phase->setText(text);
}

void SyncPanel::estimateReady(const sync::QuotaEstimate &estimate)
{
    m_estimate = estimate;
    showQuota();
}

void SyncPanel::stageStarted(Stage stage, int total)
{
    m_pipeline->setStageStarted(stage, total);
    m_progress->setRange(0, qMax(1, total));
    m_progress->setValue(0);
    m_rate->setText(total == 0 ? tr("Nothing to send in this stage.") : QString());
}

void SyncPanel::stageProgress(Stage stage, int done, int total, double rate, qint64 etaMs)
{
    m_pipeline->setStageProgress(stage, done, total);
    m_progress->setRange(0, qMax(1, total));
    m_progress->setValue(qMin(done, qMax(1, total)));
    m_rate->setText(tr("%1 records/s, %2 left")
                        .arg(QLocale().toString(rate, 'f', 1), formatDuration(etaMs)));
}

void SyncPanel::runEnded(const RunResult &result)
{
    m_lastResult = result;
    m_lastWasDryRun = result.dryRun;
    m_pipeline->setResult(result);
    m_stages->setColumnHidden(StagePipelineModel::NotSentColumn,
                              std::none_of(result.stages.cbegin(), result.stages.cend(),
                                           [](const sync::StageResult &s) { return s.notSent > 0; }));
    // A dry run's estimate holds until the next run; a run used it up.
    if (result.dryRun && result.estimate.dailyQuota > 0)
        m_estimate = result.estimate;
    else if (!result.dryRun)
        m_estimate.reset();
    const bool completed = result.status == RunResult::Status::Succeeded
        || result.status == RunResult::Status::Findings;
    m_progress->setRange(0, 1);
    m_progress->setValue(completed ? 1 : 0);
    m_progress->setFormat(completed ? tr("Finished") : tr("Stopped"));
    m_rate->setText(tr("Took %1").arg(formatDuration(result.elapsedMs)));
    m_phase->setText(result.dryRun ? tr("Dry run finished.") : tr("Run %1 ended.").arg(result.runId));

    int notSynced = 0;
    int notSent = 0;
    for (const sync::StageResult &stage : result.stages) {
        // Stage 6 defers people Marketo has not scored yet: normal, not a problem to report.
        notSynced += stage.failed + stage.blocked + stage.skipped;
        if (stage.stage != Stage::MsiWriteBack)
            notSynced += stage.deferred;
        notSent += stage.notSent;
    }
    switch (result.status) {
    case RunResult::Status::Succeeded:
        showMessage(Tone::Success, result.message);
        break;
    case RunResult::Status::Findings:
        if (notSynced == 0 && notSent == 0) {
            showMessage(Tone::Success, result.dryRun ? tr("Dry run: every record can be synced.")
                                                     : tr("Every record is in sync."));
            break;
        }
        showMessage(Tone::Warning,
                    result.dryRun ? tr("Dry run: %n record(s) would not be synced; see the reasons below.",
                                       nullptr, notSynced)
                                  : tr("%n record(s) were not synced; see the reasons below.", nullptr,
                                       notSynced));
        break;
    case RunResult::Status::Cancelled:
    case RunResult::Status::QuotaExhausted:
        showMessage(Tone::Warning,
                    notSent > 0 ? tr("%1 %n record(s) were not sent yet.", nullptr, notSent).arg(result.message)
                                : result.message);
        break;
    case RunResult::Status::Usage:
    case RunResult::Status::Connection:
        showMessage(Tone::Error, result.message);
        break;
    }

    if (result.dryRun)
        m_results->model()->setPlan(result.runId, result.plan);
    else if (result.runId > 0)
        m_results->model()->loadRun(result.runId);
    if (result.status == RunResult::Status::Findings)
        m_results->showOutcomes(RunResultsView::Show::Problems);
    else
        m_results->showOutcomes(RunResultsView::Show::All);
    setRunning(false);
    refreshUsage();
    emit runFinished(result);
}

} // namespace msi::ui
