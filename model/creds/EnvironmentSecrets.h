#pragma once

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>

namespace msi::creds {

// Client credentials for headless runs, from environment variables:
//   MSI_BRIDGE_SF_CLIENT_ID, MSI_BRIDGE_SF_CLIENT_SECRET,
//   MSI_BRIDGE_MARKETO_CLIENT_ID, MSI_BRIDGE_MARKETO_CLIENT_SECRET.
// An empty variable counts as not set.
class EnvironmentSecrets final
{
    Q_DECLARE_TR_FUNCTIONS(msi::creds::EnvironmentSecrets)
public:
    enum class Service { Salesforce, Marketo };

    explicit EnvironmentSecrets(QProcessEnvironment environment = QProcessEnvironment::systemEnvironment());

    static QString clientIdVariable(Service service);
    static QString clientSecretVariable(Service service);

    QString clientId(Service service) const;
    QString clientSecret(Service service) const;
    // Both the client id and the secret are set.
    bool hasClient(Service service) const;
    // Empty when both or neither variable is set; otherwise names the one that is missing.
    QString problem(Service service) const;

private:
    QProcessEnvironment m_environment;
};

} // namespace msi::creds
