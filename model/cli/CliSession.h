#pragma once

#include "sync/SyncEngine.h"

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QString>

class QCommandLineParser;

namespace msi::store { class Workspace; }

namespace msi::cli {

// What the workspace verbs share: the --workspace option, the connection profiles kept in the
// workspace (URLs and client IDs, no secrets), and the secrets: from the environment
// (MSI_BRIDGE_SF_CLIENT_ID, MSI_BRIDGE_SF_CLIENT_SECRET, MSI_BRIDGE_MARKETO_CLIENT_ID,
// MSI_BRIDGE_MARKETO_CLIENT_SECRET) when set, else from the keychain (CliSecrets).
class CliSession final
{
    Q_DECLARE_TR_FUNCTIONS(msi::cli::CliSession)
public:
    static QCommandLineOption workspaceOption();
    // The --workspace value, or the user's default workspace.
    static QString workspacePath(const QCommandLineParser &parser);
    // Only `connect` (and the GUI's setup wizard) creates a workspace: every other verb that needs
    // one asks this first. Empty when workspacePath is an existing file; otherwise "no workspace
    // at PATH; run `msi-bridge-cli connect` first" (PATH the default workspace when none was given).
    static QString missingWorkspace(const QString &workspacePath);

    static constexpr const char *SalesforceProfile = "salesforce";
    static constexpr const char *MarketoProfile = "marketo";

    // URLs and client IDs from the workspace's profiles; false when it has none.
    static bool loadProfiles(store::Workspace &workspace, sync::EngineConnection *connection);
    // URLs and client IDs from the workspace's profiles, secrets from the environment or the
    // keychain. False + error when the workspace was never connected or a secret is missing.
    static bool loadConnection(store::Workspace &workspace, sync::EngineConnection *connection,
                               QString *error);
    static bool saveConnection(store::Workspace &workspace, const sync::EngineConnection &connection,
                               QString *error);
};

} // namespace msi::cli
