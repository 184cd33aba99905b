#include "creds/EnvironmentSecrets.h"

namespace msi::creds {

EnvironmentSecrets::EnvironmentSecrets(QProcessEnvironment environment)
    : m_environment(std::move(environment))
{
}

QString EnvironmentSecrets::clientIdVariable(Service service)
{
    return service == Service::Salesforce ? QStringLiteral("MSI_BRIDGE_SF_CLIENT_ID")
                                          : QStringLiteral("MSI_BRIDGE_MARKETO_CLIENT_ID");
}

QString EnvironmentSecrets::clientSecretVariable(Service service)
{
    return service == Service::Salesforce ? QStringLiteral("MSI_BRIDGE_SF_CLIENT_SECRET")
                                          : QStringLiteral("MSI_BRIDGE_MARKETO_CLIENT_SECRET");
}

QString EnvironmentSecrets::clientId(Service service) const
{
    return m_environment.value(clientIdVariable(service)).trimmed();
}

QString EnvironmentSecrets::clientSecret(Service service) const
{
    // Not trimmed: a secret is used exactly as given.
    return m_environment.value(clientSecretVariable(service));
}

bool EnvironmentSecrets::hasClient(Service service) const
{
    return !clientId(service).isEmpty() && !clientSecret(service).isEmpty();
}

QString EnvironmentSecrets::problem(Service service) const
{
    const bool id = !clientId(service).isEmpty();
    const bool secret = !clientSecret(service).isEmpty();
    if (id == secret)
        return QString();
    const QString set = id ? clientIdVariable(service) : clientSecretVariable(service);
    const QString missing = id ? clientSecretVariable(service) : clientIdVariable(service);
    return tr("%1 is set but %2 is not; set both to sign in from the environment.").arg(set, missing);
}

} // namespace msi::creds
