#pragma once

#include "setup/MappingProposal.h"
#include "setup/MarketoConnector.h"
#include "setup/ReadinessChecker.h"
#include "setup/SalesforceConnector.h"
#include "setup/SetupResult.h"
#include "sync/RunOptions.h"

#include <QObject>

namespace msi::creds {
class SecretStore;
}
namespace msi::sync {
class SyncController;
}

namespace msi::setup {

// Everything the setup wizard checks and saves, with no widgets: the pages only show what this
// controller says (style rule 9). Order of use:
//   checkKeychain(); setWorkspaceName(); useSandbox() or useRealSystems();
//   salesforce()->signIn(); marketo()->connectTo(); runReadiness() (also proposes the mapping);
//   saveWorkspace() (profiles in the workspace, secrets in the keychain); runDryRun();
//   takeResult().
class SetupController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SetupController)
public:
    explicit SetupController(QObject *parent = nullptr);
    ~SetupController() override;

    SalesforceConnector *salesforce() const { return m_salesforce; }
    MarketoConnector *marketo() const { return m_marketo; }

    // ---- Start ----
    // Empty when the name can be a workspace; otherwise why not.
    static QString workspaceNameProblem(const QString &name);
    void setWorkspaceName(const QString &name) { m_workspaceName = name.trimmed(); }
    const QString &workspaceName() const { return m_workspaceName; }
    QString workspacePath() const;
    // The bundled sandbox plays both systems: the pages are filled in and connect by themselves.
    void useSandbox(const SandboxEndpoints &sandbox);
    void useRealSystems();
    bool isSandbox() const { return m_useSandbox; }
    const SandboxEndpoints &sandbox() const { return m_sandbox; }
    // The sign-in the Salesforce page starts with (sandbox: client credentials on its URL).
    SalesforceSignIn proposedSalesforceSignIn() const;

    // ---- Keychain ----
    void checkKeychain();
    bool isKeychainChecked() const { return m_keychainChecked; }
    bool isKeychainAvailable() const { return m_keychainAvailable; }
    const QString &keychainMessage() const { return m_keychainMessage; }
    // The admin accepts that secrets are kept for this session only (no keychain).
    void setSessionOnlySecrets(bool sessionOnly);
    bool isSessionOnlySecrets() const { return m_sessionOnly; }

    // ---- Readiness and mapping ----
    void setMarketoDailyQuota(int quota) { m_marketoQuota = quota; }
    void runReadiness();
    bool isReadinessRunning() const;
    const ReadinessReport &readinessReport() const;
    ReadinessChecker *readinessChecker() const { return m_readiness; }
    MappingProposal &mapping() { return m_mapping; }
    bool hasMapping() const { return m_mappingReady; }

    // ---- Saving ----
    // Creates the workspace, saves both connection profiles (no secrets) and writes the secrets
    // to the keychain (or keeps them for this session); answers with saved().
    void saveWorkspace();
    bool isSaved() const { return m_saved; }

    // ---- First dry run ----
    // A full dry run of all six stages on freshly read data (sync::SyncEngine in a worker
    // thread, Planner on the snapshots it reads); needs the saved workspace.
    void runDryRun();
    bool isDryRunning() const;
    bool hasDryRun() const { return m_dryRunDone; }
    const sync::RunResult &dryRunResult() const { return m_dryRun; }

    SetupResult result() const;
    SetupResult takeResult();

signals:
    void keychainChecked(bool available, const QString &message);
    void readinessFinished(const msi::setup::ReadinessReport &report);
    void mappingProposed();
    void saved(bool ok, const QString &message);
    void dryRunPhase(const QString &text);
    void dryRunFinished(const msi::sync::RunResult &result);

private:
    void readinessDone();
    void saveSecrets();
    void secretsDone();

    SalesforceConnector *m_salesforce;
    MarketoConnector *m_marketo;
    ReadinessChecker *m_readiness = nullptr;
    creds::SecretStore *m_secrets;
    QString m_workspaceName;
    bool m_useSandbox = false;
    SandboxEndpoints m_sandbox;
    bool m_keychainChecked = false;
    bool m_keychainAvailable = false;
    QString m_keychainMessage;
    bool m_sessionOnly = false;
    int m_marketoQuota = 50000;
    bool m_readinessDone = false;
    bool m_usersDone = false;
    QList<QJsonObject> m_activeUsers;
    MappingProposal m_mapping;
    bool m_mappingReady = false;
    bool m_saved = false;
    int m_secretWrites = 0;
    QStringList m_secretErrors;
    SetupResult m_result;
    sync::SyncController *m_sync = nullptr;
    sync::RunResult m_dryRun;
    bool m_dryRunDone = false;
};

} // namespace msi::setup
