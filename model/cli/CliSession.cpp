#include "cli/CliSession.h"

#include "creds/EnvironmentSecrets.h"
#include "store/ProfileRepository.h"
#include "store/Workspace.h"

#include <QCommandLineParser>

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

bool CliSession::credentialsFromEnvironment(sync::EngineConnection *connection, QString *error)
{
    using Service = creds::EnvironmentSecrets::Service;
    const creds::EnvironmentSecrets environment;
    QStringList missing;
    for (Service service : {Service::Salesforce, Service::Marketo}) {
        if (environment.clientId(service).isEmpty())
            missing.append(creds::EnvironmentSecrets::clientIdVariable(service));
        if (environment.clientSecret(service).isEmpty())
            missing.append(creds::EnvironmentSecrets::clientSecretVariable(service));
    }
    if (!missing.isEmpty()) {
        *error = tr("missing credentials: set %1").arg(missing.join(QStringLiteral(", ")));
        return false;
    }
    connection->salesforce.clientId = environment.clientId(Service::Salesforce);
    connection->salesforce.clientSecret = environment.clientSecret(Service::Salesforce);
    connection->salesforce.flow = salesforce::AuthFlow::ClientCredentials;
    connection->marketo.clientId = environment.clientId(Service::Marketo);
    connection->marketo.clientSecret = environment.clientSecret(Service::Marketo);
    return true;
}

bool CliSession::loadConnection(store::Workspace &workspace, sync::EngineConnection *connection,
                                QString *error)
{
    const store::ProfileRepository profiles(workspace);
    const auto salesforce = profiles.profile(QString::fromLatin1(SalesforceProfile));
    const auto marketo = profiles.profile(QString::fromLatin1(MarketoProfile));
    if (!salesforce || !marketo) {
        *error = tr("workspace %1 is not connected: run 'msi-bridge-cli connect --salesforce-url "
                    "URL --marketo-url URL' first").arg(workspace.path());
        return false;
    }
    connection->salesforce.loginUrl = salesforce->loginUrl;
    connection->marketo.baseUrl = marketo->loginUrl;
    return credentialsFromEnvironment(connection, error);
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
