#include "ui/ConsoleSession.h"

#include "ui/EnvironmentBanner.h"
#include "ui/MainWindow.h"
#include "ui/checks/ChecksPanel.h"
#include "ui/diagnosis/DiagnosisWidget.h"
#include "ui/history/HistoryPanel.h"
#include "ui/mapping/MappingPanel.h"
#include "ui/records/RecordsPanel.h"
#include "ui/wizard/FirstStart.h"
#include "ui/sync/SyncPanel.h"

#include "checks/CheckSuite.h"
#include "creds/SecretStore.h"
#include "sandbox/Sandbox.h"
#include "session/RefreshController.h"
#include "session/WorkspaceState.h"
#include "store/ProfileRepository.h"
#include "store/RunRepository.h"
#include "store/SnapshotRepository.h"
#include "store/UsageLedger.h"
#include "store/Workspace.h"
#include "sync/SyncController.h"
#include "tables/FieldCatalog.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHostAddress>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>

namespace msi::ui {

namespace {

struct LoadedState
{
    DiagnosisWidget::Prepared prepared; // the state and its diagnosis lookups
    checks::Findings findings;
    QString error;
};

// One sentence on what a Fix run did, for the Diagnosis panel: the records sent to Marketo
// (stages 1-5) and, apart, the MSI values written back to Salesforce (stage 6).
QString fixSummary(const sync::RunResult &result)
{
    int sent = 0;
    int unchanged = 0;
    int notSynced = 0;
    int writtenBack = 0;
    for (const sync::StageResult &stage : result.stages) {
        if (stage.stage == sync::Stage::MsiWriteBack) {
            writtenBack += stage.updated;
            notSynced += stage.failed + stage.notSent;
            continue;
        }
        sent += stage.created + stage.updated;
        unchanged += stage.unchanged;
        notSynced += stage.failed + stage.blocked + stage.skipped + stage.deferred + stage.notSent;
    }
    const QString counts =
        ConsoleSession::tr("run %1 sent %2 record(s) to Marketo (%3 already right, %4 not synced) "
                           "and wrote MSI values of %5 person(s) to Salesforce.")
            .arg(result.runId)
            .arg(sent)
            .arg(unchanged)
            .arg(notSynced)
            .arg(writtenBack);
    if (result.status == sync::RunResult::Status::Succeeded
        || result.status == sync::RunResult::Status::Findings)
        return counts;
    return counts + u' ' + result.message;
}

QLabel *placeholder(const QString &text)
{
    auto *label = new QLabel(text);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    return label;
}

} // namespace

ConsoleSession::ConsoleSession(MainWindow *window, QObject *parent)
    : QObject(parent)
    , m_window(window)
{
}

ConsoleSession::~ConsoleSession()
{
    delete m_refresh; // stops and joins its worker thread before the sandbox goes away
    m_refresh = nullptr;
    // The panels read this session's workspace (some in worker threads) and the sync controller
    // talks to its sandbox: both go before the workspace and the sandbox do.
    if (m_window)
        m_window->removePanels();
    const QList<QObject *> owned = children();
    qDeleteAll(owned);
}

QString ConsoleSession::workspacePath() const
{
    return m_workspace ? m_workspace->path() : QString();
}

bool ConsoleSession::openWorkspace(const QString &path, QString *error)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    m_workspace = std::make_unique<store::Workspace>(path);
    if (!m_workspace->open(error))
        return false;
    QSettings().setValue(QStringLiteral("session/lastWorkspace"), path);
    return true;
}

bool ConsoleSession::start(const Options &options, QString *error)
{
    QString path = options.workspacePath;
    if (path.isEmpty())
        path = store::Workspace::defaultPath(options.sandbox ? QStringLiteral("sandbox")
                                                             : QStringLiteral("default"));
    if (!openWorkspace(path, error))
        return false;
    if (options.sandbox) {
        if (!startSandbox(options, error))
            return false;
    }
    begin();
    if (!options.sandbox)
        loadSavedConnection();
    return true;
}

bool ConsoleSession::startFromSetup(FirstStartOutcome &&outcome, QString *error)
{
    const setup::SetupResult &result = outcome.result;
    if (!openWorkspace(result.workspacePath, error))
        return false;
    if (outcome.sandbox) {
        useSandbox(std::move(outcome.sandbox));
    } else {
        m_connection.salesforce = result.salesforceCredentials;
        m_connection.marketo = result.marketoCredentials;
        if (m_window) {
            m_window->banner()->setEnvironment(
                result.salesforceIsSandbox ? EnvironmentBanner::Environment::SalesforceSandbox
                                           : EnvironmentBanner::Environment::Production,
                tr("%1 · %2").arg(result.salesforceProfile.apiUrl.host(),
                                  result.marketoProfile.apiUrl.host()));
        }
    }
    begin();
    return true;
}

void ConsoleSession::begin()
{
    buildPanels();
    m_refresh = new session::RefreshController(this);
    connect(m_refresh, &session::RefreshController::phaseChanged, this, [this](const QString &text) {
        if (m_window)
            m_window->setUsage(text);
    });
    connect(m_refresh, &session::RefreshController::finished, this,
            [this](const session::SnapshotRefresher::Result &result) {
                if (m_window) {
                    const QString state = result.ok ? tr("connected") : tr("refresh failed");
                    m_window->setConnectionState(MainWindow::System::Salesforce, state, result.ok);
                    m_window->setConnectionState(MainWindow::System::Marketo, state, result.ok);
                    m_window->statusBar()->showMessage(result.message, 15000);
                }
                if (m_queuedRefresh) {
                    // Another read was asked for meanwhile: the panels wait for its data.
                    refreshRecords(*std::exchange(m_queuedRefresh, std::nullopt));
                    return;
                }
                reloadState();
                emit refreshed(result.ok, result.message);
            });
    const store::SnapshotRepository snapshots(*m_workspace);
    const bool empty = snapshots.count(store::System::Salesforce, QStringLiteral("User")) == 0;
    if (empty && !m_connection.salesforce.loginUrl.isEmpty())
        refresh();
    else
        reloadState();
    updateUsage();
}

void ConsoleSession::loadSavedConnection()
{
    const store::ProfileRepository profiles(*m_workspace);
    const std::optional<store::ConnectionProfile> sf = profiles.profile(QStringLiteral("salesforce"));
    const std::optional<store::ConnectionProfile> mk = profiles.profile(QStringLiteral("marketo"));
    if (!sf || !mk) {
        if (m_window)
            m_window->statusBar()->showMessage(
                tr("This workspace has no saved connection; run File → New workspace."));
        return;
    }
    if (QHostAddress(sf->loginUrl.host()).isLoopback()) {
        // A workspace the wizard made on the bundled sandbox: play it again with a sandbox whose
        // state is kept next to the workspace from now on.
        QString error;
        if (!startSandbox(Options{}, &error) && m_window)
            m_window->statusBar()->showMessage(error);
        else
            refresh();
        return;
    }
    const QString workspaceName = QFileInfo(m_workspace->path()).completeBaseName();
    salesforce::SalesforceCredentials salesforce;
    salesforce.loginUrl = sf->loginUrl;
    salesforce.clientId = sf->clientId;
    marketo::MarketoCredentials marketo;
    marketo.baseUrl = mk->apiUrl.isEmpty() ? mk->loginUrl : mk->apiUrl;
    marketo.clientId = mk->clientId;
    if (m_window) {
        m_window->banner()->setEnvironment(
            sf->environment == store::Environment::Sandbox
                ? EnvironmentBanner::Environment::SalesforceSandbox
                : EnvironmentBanner::Environment::Production,
            tr("%1 · %2").arg(sf->apiUrl.host(), marketo.baseUrl.host()));
    }
    // Secrets come from the keychain only; the connection is usable once all have arrived.
    m_secrets = new creds::SecretStore(this);
    m_secretsPending = 3;
    auto pending = std::make_shared<sync::EngineConnection>();
    pending->salesforce = salesforce;
    pending->marketo = marketo;
    auto arrived = [this, pending] {
        if (--m_secretsPending > 0)
            return;
        if (!pending->salesforce.refreshToken.isEmpty())
            pending->salesforce.flow = salesforce::AuthFlow::RefreshToken;
        m_connection = *pending;
        if (m_connection.marketo.clientSecret.isEmpty()) {
            if (m_window)
                m_window->statusBar()->showMessage(
                    tr("The Marketo client secret is not in the keychain; run File → New workspace."));
            return;
        }
        refresh();
    };
    connect(m_secrets, &creds::SecretStore::secretRead, this,
            [pending, arrived](const creds::SecretKey &key, const QString &secret) {
                if (key.profile == u"marketo")
                    pending->marketo.clientSecret = secret;
                else if (key.kind == creds::SecretKind::RefreshToken)
                    pending->salesforce.refreshToken = secret;
                else
                    pending->salesforce.clientSecret = secret;
                arrived();
            });
    connect(m_secrets, &creds::SecretStore::failed, this,
            [this, arrived](const creds::SecretKey &key, creds::SecretStore::Error error,
                            const QString &message) {
                if (error != creds::SecretStore::Error::NotFound && m_window)
                    m_window->statusBar()->showMessage(message);
                Q_UNUSED(key)
                arrived();
            });
    m_secrets->read({workspaceName, QStringLiteral("salesforce"), creds::SecretKind::ClientSecret});
    m_secrets->read({workspaceName, QStringLiteral("salesforce"), creds::SecretKind::RefreshToken});
    m_secrets->read({workspaceName, QStringLiteral("marketo"), creds::SecretKind::ClientSecret});
}

bool ConsoleSession::startSandbox(const Options &options, QString *error)
{
    sandbox::SandboxOptions sandboxOptions;
    sandboxOptions.stateFile = options.sandboxStateFile.isEmpty()
        ? QFileInfo(m_workspace->path()).absolutePath() + QStringLiteral("/sandbox-state.json")
        : options.sandboxStateFile;
    auto sandbox = std::make_unique<sandbox::Sandbox>();
    if (!sandbox->start(sandboxOptions, error))
        return false;
    useSandbox(std::move(sandbox));
    return true;
}

void ConsoleSession::useSandbox(std::unique_ptr<sandbox::Sandbox> sandbox)
{
    m_sandbox = std::move(sandbox);
    m_sandbox->setParent(nullptr);
    m_connection.salesforce.loginUrl = m_sandbox->salesforceUrl();
    m_connection.salesforce.clientId = sandbox::Sandbox::clientId();
    m_connection.salesforce.clientSecret = sandbox::Sandbox::clientSecret();
    m_connection.salesforce.flow = salesforce::AuthFlow::ClientCredentials;
    m_connection.marketo.baseUrl = m_sandbox->marketoUrl();
    m_connection.marketo.clientId = sandbox::Sandbox::clientId();
    m_connection.marketo.clientSecret = sandbox::Sandbox::clientSecret();
    if (m_window) {
        m_window->banner()->setEnvironment(
            EnvironmentBanner::Environment::BundledSandbox,
            tr("Salesforce %1 · Marketo %2")
                .arg(m_sandbox->salesforceUrl().toDisplayString(),
                     m_sandbox->marketoUrl().toDisplayString()));
    }
}

void ConsoleSession::buildPanels()
{
    if (!m_window)
        return;
    auto *records = new RecordsPanel(*m_workspace);
    m_window->addPanel(QStringLiteral("recordsPanel"), tr("Records"), records);
    m_window->addPanel(QStringLiteral("mappingPanel"), tr("Field mapping"),
                       placeholder(tr("Reading both systems' fields…")));
    auto *checksPanel = new ChecksPanel;
    m_window->addPanel(QStringLiteral("checksPanel"), tr("Checks"), checksPanel);
    connect(checksPanel, &ChecksPanel::recordActivated, this,
            [this, records](store::System system, const QString &objectType, const QString &key) {
                m_window->showPanel(QStringLiteral("recordsPanel"));
                records->showRecord(system, objectType, key);
            });
    auto *controller = new sync::SyncController(this);
    auto *syncPanel = new SyncPanel(
        m_workspace->path(),
        [this](sync::EngineConnection *connection, QString *error) {
            if (m_connection.salesforce.loginUrl.isEmpty() || m_connection.marketo.baseUrl.isEmpty()) {
                *error = tr("No connection: run the setup wizard (File → New workspace) first.");
                return false;
            }
            *connection = m_connection;
            return true;
        },
        controller);
    m_window->addPanel(QStringLiteral("syncPanel"), tr("Sync"), syncPanel);
    auto *diagnosis = new DiagnosisWidget;
    diagnosis->setFixAvailable(true);
    m_window->addPanel(QStringLiteral("diagnosisPanel"), tr("Diagnosis"), diagnosis);
    // The Fix button: a run of just the chain's records through the Sync panel (which shows its
    // progress); the refresh after the run brings the new state and the diagnosis re-checks.
    connect(diagnosis, &DiagnosisWidget::fixRequested, this,
            [this, syncPanel, diagnosis](const QSet<QString> &records, const QString &) {
                if (!syncPanel->startForRecords(records)) {
                    diagnosis->fixFailed(syncPanel->messageText());
                    return;
                }
                m_fixRunning = true;
                m_fixRecords = records;
            });
    connect(syncPanel, &SyncPanel::runStarted, diagnosis, [diagnosis] {
        diagnosis->setFixBlocked(tr("A sync is running; fix when it has ended."));
    });
    connect(syncPanel, &SyncPanel::runFinished, diagnosis, [diagnosis] {
        diagnosis->setFixBlocked({});
    });
    auto *history = new HistoryPanel(*m_workspace);
    m_window->addPanel(QStringLiteral("historyPanel"), tr("History"), history);
    // After a run, show what it did everywhere: history, usage, and fresh snapshots of both
    // systems (a dry run reads only, so the snapshots it stored are already current).
    connect(controller, &sync::SyncController::finished, this,
            [this, history, diagnosis](const sync::RunResult &result) {
                const bool fix = m_fixRunning;
                m_fixRunning = false;
                if (fix)
                    diagnosis->fixRunFinished(fixSummary(result));
                history->reload();
                updateUsage();
                if (result.dryRun)
                    reloadState();
                else if (fix)
                    refreshRecords(std::exchange(m_fixRecords, {})); // the chain, not the org
                else
                    refreshAfterRun(result.runId);
            });
}

void ConsoleSession::refreshAfterRun(qint64 runId)
{
    // Above this many records one read of everything costs fewer calls than reads by ID.
    constexpr qsizetype kMaxTargeted = 2000;
    const QString path = m_workspace->path();
    auto *watcher = new QFutureWatcher<QSet<QString>>(this);
    connect(watcher, &QFutureWatcher<QSet<QString>>::finished, this, [this, watcher] {
        const QSet<QString> touched = watcher->result();
        watcher->deleteLater();
        if (touched.isEmpty())
            reloadState(); // nothing changed in either system: no reads spent
        else if (touched.size() > kMaxTargeted)
            refresh();
        else
            refreshRecords(touched);
    });
    watcher->setFuture(QtConcurrent::run([path, runId] {
        QSet<QString> touched;
        store::Workspace workspace(path);
        if (runId <= 0 || !workspace.open(nullptr))
            return touched;
        const store::RunRepository runs(workspace);
        for (const store::Outcome outcome : {store::Outcome::Created, store::Outcome::Updated}) {
            for (const store::RecordOutcome &record : runs.outcomes(runId, outcome))
                touched.insert(record.recordKey);
        }
        return touched;
    }));
}

void ConsoleSession::refresh()
{
    refreshRecords({});
}

void ConsoleSession::refreshRecords(const QSet<QString> &records)
{
    if (!m_refresh)
        return;
    if (m_refresh->isRunning()) {
        // The running refresh may have read before a run wrote: read again when it ends (one
        // queued refresh covers all asks; an empty set means everything).
        if (!m_queuedRefresh)
            m_queuedRefresh = records;
        else if (!m_queuedRefresh->isEmpty() && !records.isEmpty())
            m_queuedRefresh->unite(records);
        else
            m_queuedRefresh = QSet<QString>();
        return;
    }
    if (m_window) {
        m_window->setConnectionState(MainWindow::System::Salesforce, tr("reading…"), true);
        m_window->setConnectionState(MainWindow::System::Marketo, tr("reading…"), true);
    }
    m_refresh->start(m_workspace->path(), m_connection, records);
}

void ConsoleSession::showDiagnosis(const QString &query)
{
    if (!m_window)
        return;
    m_window->showPanel(QStringLiteral("diagnosisPanel"));
    if (auto *diagnosis = qobject_cast<DiagnosisWidget *>(m_window->panel(u"diagnosisPanel"_qs)))
        diagnosis->diagnose(query);
}

bool ConsoleSession::isRefreshing() const
{
    return m_refresh && m_refresh->isRunning();
}

void ConsoleSession::reloadState()
{
    const QString path = m_workspace->path();
    auto *watcher = new QFutureWatcher<LoadedState>(this);
    connect(watcher, &QFutureWatcher<LoadedState>::finished, this, [this, watcher] {
        const LoadedState loaded = watcher->result();
        watcher->deleteLater();
        if (!m_window)
            return;
        if (!loaded.error.isEmpty()) {
            m_window->statusBar()->showMessage(loaded.error);
            return;
        }
        if (auto *records = qobject_cast<RecordsPanel *>(m_window->panel(u"recordsPanel"_qs)))
            records->reload();
        if (auto *checksPanel = qobject_cast<ChecksPanel *>(m_window->panel(u"checksPanel"_qs)))
            checksPanel->setFindings(loaded.findings);
        if (auto *diagnosis = qobject_cast<DiagnosisWidget *>(m_window->panel(u"diagnosisPanel"_qs)))
            diagnosis->setState(loaded.prepared);
        if (!qobject_cast<MappingPanel *>(m_window->panel(u"mappingPanel"_qs))) {
            m_window->replacePanel(QStringLiteral("mappingPanel"),
                                   new MappingPanel(tables::FieldCatalog::fromState(*loaded.prepared.state),
                                                    m_workspace.get()));
        }
        updateUsage();
        emit stateReloaded();
    });
    watcher->setFuture(QtConcurrent::run([path] {
        LoadedState loaded;
        checks::SystemState state;
        if (session::WorkspaceState::load(path, &state, &loaded.error)) {
            loaded.findings = checks::CheckSuite::run(state);
            loaded.prepared = DiagnosisWidget::Prepared::build(std::move(state));
        }
        return loaded;
    }));
}

void ConsoleSession::updateUsage()
{
    if (!m_window || !m_workspace)
        return;
    const store::UsageLedger ledger(*m_workspace);
    m_window->setUsage(tr("API calls today: Salesforce %L1 · Marketo %L2")
                           .arg(ledger.callsToday(store::System::Salesforce))
                           .arg(ledger.callsToday(store::System::Marketo)));
}

} // namespace msi::ui
