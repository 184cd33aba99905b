#include "ui/ConsoleSession.h"

#include "ui/EnvironmentBanner.h"
#include "ui/MainWindow.h"
#include "ui/checks/ChecksPanel.h"
#include "ui/diagnosis/DiagnosisWidget.h"
#include "ui/mapping/MappingPanel.h"
#include "ui/records/RecordsPanel.h"

#include "checks/CheckSuite.h"
#include "sandbox/Sandbox.h"
#include "session/RefreshController.h"
#include "session/WorkspaceState.h"
#include "store/SnapshotRepository.h"
#include "store/UsageLedger.h"
#include "store/Workspace.h"
#include "tables/FieldCatalog.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLabel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>

namespace msi::ui {

namespace {

struct LoadedState
{
    checks::SystemState state;
    checks::Findings findings;
    QString error;
};

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
}

QString ConsoleSession::workspacePath() const
{
    return m_workspace ? m_workspace->path() : QString();
}

bool ConsoleSession::start(const Options &options, QString *error)
{
    QString path = options.workspacePath;
    if (path.isEmpty())
        path = store::Workspace::defaultPath(options.sandbox ? QStringLiteral("sandbox")
                                                             : QStringLiteral("default"));
    QDir().mkpath(QFileInfo(path).absolutePath());
    m_workspace = std::make_unique<store::Workspace>(path);
    if (!m_workspace->open(error))
        return false;
    if (options.sandbox && !startSandbox(options, error))
        return false;
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
                reloadState();
                emit refreshed(result.ok, result.message);
            });
    const store::SnapshotRepository snapshots(*m_workspace);
    if (snapshots.count(store::System::Salesforce, QStringLiteral("User")) == 0)
        refresh();
    else
        reloadState();
    updateUsage();
    return true;
}

bool ConsoleSession::startSandbox(const Options &options, QString *error)
{
    sandbox::SandboxOptions sandboxOptions;
    sandboxOptions.stateFile = options.sandboxStateFile.isEmpty()
        ? QFileInfo(m_workspace->path()).absolutePath() + QStringLiteral("/sandbox-state.json")
        : options.sandboxStateFile;
    m_sandbox = std::make_unique<sandbox::Sandbox>();
    if (!m_sandbox->start(sandboxOptions, error))
        return false;
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
    return true;
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
    m_window->addPanel(QStringLiteral("syncPanel"), tr("Sync"),
                       placeholder(tr("The staged sync is run from the CLI in this build.")));
    m_window->addPanel(QStringLiteral("diagnosisPanel"), tr("Diagnosis"), new DiagnosisWidget);
    m_window->addPanel(QStringLiteral("historyPanel"), tr("History"),
                       placeholder(tr("Run history appears here after a sync.")));
}

void ConsoleSession::refresh()
{
    if (!m_refresh || m_refresh->isRunning())
        return;
    if (m_window) {
        m_window->setConnectionState(MainWindow::System::Salesforce, tr("reading…"), true);
        m_window->setConnectionState(MainWindow::System::Marketo, tr("reading…"), true);
    }
    m_refresh->start(m_workspace->path(), m_connection);
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
            diagnosis->setState(loaded.state);
        if (!qobject_cast<MappingPanel *>(m_window->panel(u"mappingPanel"_qs))) {
            m_window->replacePanel(QStringLiteral("mappingPanel"),
                                   new MappingPanel(tables::FieldCatalog::fromState(loaded.state),
                                                    m_workspace.get()));
        }
        updateUsage();
        emit stateReloaded();
    });
    watcher->setFuture(QtConcurrent::run([path] {
        LoadedState loaded;
        if (session::WorkspaceState::load(path, &loaded.state, &loaded.error))
            loaded.findings = checks::CheckSuite::run(loaded.state);
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
