#pragma once

#include "sync/SyncEngine.h"

#include <QObject>
#include <QPointer>
#include <memory>
#include <optional>

namespace msi::sandbox { class Sandbox; }
namespace msi::creds { class SecretStore; }
namespace msi::session { class RefreshController; }
namespace msi::store { class Workspace; }

namespace msi::ui {

class MainWindow;
struct FirstStartOutcome;

// Wires one workspace into the main window: the connection (the embedded sandbox or a saved
// profile), the panels, snapshot refreshes in a worker thread and the status bar. Owns what it
// creates; the window shows, the model/ classes do the work.
class ConsoleSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleSession)
public:
    struct Options
    {
        bool sandbox = false;       // start the bundled sandbox in-process and connect to it
        QString workspacePath;      // empty: the default workspace of the mode
        QString sandboxStateFile;   // empty: next to the workspace
    };

    explicit ConsoleSession(MainWindow *window, QObject *parent = nullptr);
    ~ConsoleSession() override;

    // The bundled sandbox (options.sandbox) or a saved workspace (options.workspacePath).
    bool start(const Options &options, QString *error);
    // What the setup wizard left behind: its workspace, connection and (maybe) running sandbox.
    bool startFromSetup(FirstStartOutcome &&outcome, QString *error);
    // Reads both systems into the workspace snapshots (worker thread), then reloads the panels.
    void refresh();
    // Reads only these records (18-char IDs) and what Marketo holds for them: after a Fix.
    void refreshRecords(const QSet<QString> &records);
    bool isRefreshing() const;
    // Opens the Diagnosis panel on one record (ID, e-mail or name).
    void showDiagnosis(const QString &query);

    QString workspacePath() const;
    const sync::EngineConnection &connection() const { return m_connection; }
    sandbox::Sandbox *sandbox() const { return m_sandbox.get(); }

signals:
    void refreshed(bool ok, const QString &message);
    // The panels hold the newest snapshot (after a refresh or a sync).
    void stateReloaded();

private:
    bool openWorkspace(const QString &path, QString *error);
    bool startSandbox(const Options &options, QString *error);
    void useSandbox(std::unique_ptr<sandbox::Sandbox> sandbox);
    // A saved workspace of real systems: profiles from the store, secrets from the keychain.
    void loadSavedConnection();
    void begin();
    void buildPanels();
    void reloadState();
    // After a run: reads back what it created or updated (all of both systems when that is most
    // of them; nothing when it changed nothing).
    void refreshAfterRun(qint64 runId);
    void updateUsage();

    QPointer<MainWindow> m_window;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    std::unique_ptr<store::Workspace> m_workspace;
    sync::EngineConnection m_connection;
    session::RefreshController *m_refresh = nullptr;
    creds::SecretStore *m_secrets = nullptr;
    int m_secretsPending = 0;
    bool m_fixRunning = false; // the run going is a diagnosis' Fix
    QSet<QString> m_fixRecords; // what it re-syncs, read again after it
    std::optional<QSet<QString>> m_queuedRefresh; // asked for while a refresh ran
};

} // namespace msi::ui
