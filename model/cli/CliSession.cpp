#include "cli/CliSession.h"

#include "cli/CliSecrets.h"
#include "store/ProfileRepository.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace msi::cli {

QCommandLineOption CliSession::workspaceOption()
{
    return QCommandLineOption(QStringLiteral("workspace"),
                              tr("The workspace database (default: the user's default workspace)."),
                              tr("path"));
}

QString CliSession::workspacePath(const QCommandLineParser &parser)
{
    const QString path = parser.value(QStringLiteral("workspace"));
    return path.isEmpty() ? store::Workspace::defaultPath(QStringLiteral("default")) : path;
}

QString CliSession::missingWorkspace(const QString &workspacePath)
{
    const QFileInfo file(workspacePath);
    if (file.isFile())
        return {};
    if (file.exists())
        return tr("%1 is not a workspace file; give --workspace PATH of a workspace").arg(workspacePath);
    return tr("no workspace at %1; run `msi-bridge-cli connect` first").arg(workspacePath);
}

bool CliSession::loadProfiles(store::Workspace &workspace, sync::EngineConnection *connection)
{
    const store::ProfileRepository profiles(workspace);
    const auto salesforce = profiles.profile(QString::fromLatin1(SalesforceProfile));
    const auto marketo = profiles.profile(QString::fromLatin1(MarketoProfile));
    if (!salesforce || !marketo)
        return false;
    connection->salesforce.loginUrl = salesforce->loginUrl;
    connection->salesforce.clientId = salesforce->clientId;
    // As the GUI reads a workspace the setup wizard made: the REST URL when it is known.
    connection->marketo.baseUrl = marketo->apiUrl.isEmpty() ? marketo->loginUrl : marketo->apiUrl;
    connection->marketo.clientId = marketo->clientId;
    return true;
}

bool CliSession::loadConnection(store::Workspace &workspace, sync::EngineConnection *connection,
                                QString *error)
{
    if (!loadProfiles(workspace, connection)) {
        *error = tr("workspace %1 is not connected: run 'msi-bridge-cli connect --salesforce-url "
                    "URL --marketo-url URL' first").arg(workspace.path());
        return false;
    }
    return CliSecrets(workspace.path()).fill(connection, error);
}

bool CliSession::saveConnection(store::Workspace &workspace,
                                const sync::EngineConnection &connection, QString *error)
{
    store::ProfileRepository profiles(workspace);
    store::ConnectionProfile salesforce;
    salesforce.name = QString::fromLatin1(SalesforceProfile);
    salesforce.kind = store::System::Salesforce;
    salesforce.loginUrl = connection.salesforce.loginUrl;
    salesforce.clientId = connection.salesforce.clientId;
    store::ConnectionProfile marketo;
    marketo.name = QString::fromLatin1(MarketoProfile);
    marketo.kind = store::System::Marketo;
    marketo.loginUrl = connection.marketo.baseUrl;
    marketo.apiUrl = connection.marketo.baseUrl;
    marketo.clientId = connection.marketo.clientId;
    return profiles.save(salesforce, error) && profiles.save(marketo, error);
}

} // namespace msi::cli
