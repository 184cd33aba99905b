#include "cli/CliSecrets.h"

#include "creds/EnvironmentSecrets.h"
#include "creds/SecretStore.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QTimer>

namespace msi::cli {

namespace {

using Service = creds::EnvironmentSecrets::Service;
const QString kSalesforceProfile = QStringLiteral("salesforce");
const QString kMarketoProfile = QStringLiteral("marketo");

} // namespace

CliSecrets::CliSecrets(const QString &workspacePath, QProcessEnvironment environment)
    : m_workspacePath(workspacePath),
      m_workspace(workspaceName(workspacePath)),
      m_environment(std::move(environment))
{
}

QString CliSecrets::workspaceName(const QString &workspacePath)
{
    return QFileInfo(workspacePath).completeBaseName();
}

CliSecrets::Answer CliSecrets::keychain(Call call, const creds::SecretKey &key, const QString &secret)
{
    Answer answer;
    if (!m_keychainProblem.isEmpty()) {
        // One unavailable keychain answers every call the same way; ask it once.
        answer.message = m_keychainProblem;
        return answer;
    }
    creds::SecretStore store;
    QEventLoop loop;
    bool done = false;
    const auto finish = [&] {
        done = true;
        loop.quit();
    };
    QObject::connect(&store, &creds::SecretStore::secretRead, &loop,
                     [&](const creds::SecretKey &, const QString &value) {
                         answer.ok = true;
                         answer.secret = value;
                         finish();
                     });
    QObject::connect(&store, &creds::SecretStore::written, &loop,
                     [&](const creds::SecretKey &) {
                         answer.ok = true;
                         finish();
                     });
    QObject::connect(&store, &creds::SecretStore::removed, &loop,
                     [&](const creds::SecretKey &) {
                         answer.ok = true;
                         finish();
                     });
    QObject::connect(&store, &creds::SecretStore::failed, &loop,
                     [&](const creds::SecretKey &, creds::SecretStore::Error error,
                         const QString &message) {
                         answer.notFound = error == creds::SecretStore::Error::NotFound;
                         answer.message = message;
                         if (!answer.notFound)
                             m_keychainError = message;
                         if (error == creds::SecretStore::Error::Unavailable)
                             m_keychainProblem = message;
                         finish();
                     });
    QTimer::singleShot(KeychainTimeoutMs, &loop, [&] {
        answer.message = tr("The keychain did not answer within %1 seconds (is it locked and "
                            "waiting for a password?).")
                             .arg(KeychainTimeoutMs / 1000);
        m_keychainProblem = m_keychainError = answer.message;
        loop.quit();
    });
    switch (call) {
    case Call::Read: store.read(key); break;
    case Call::Write: store.write(key, secret); break;
    case Call::Remove: store.remove(key); break;
    }
    if (!done)
        loop.exec();
    return answer;
}

QString CliSecrets::missingSecret(const QString &what, const QString &idVariable,
                                  const QString &secretVariable) const
{
    QString text = tr("no %1 for workspace \"%2\": set %3 (with %4), or save it in the keychain "
                      "by running 'msi-bridge-cli --workspace %5 connect --salesforce-url URL "
                      "--marketo-url URL' once with the variables set (or the setup wizard of the "
                      "MSI Bridge app).")
                       .arg(what, m_workspace, secretVariable, idVariable, m_workspacePath);
    if (!m_keychainError.isEmpty())
        text += u' ' + tr("The keychain could not be read: %1").arg(m_keychainError);
    return text;
}

QString CliSecrets::missingClientId(const QString &what, const QString &idVariable) const
{
    return tr("no %1 for workspace \"%2\": set %3, or run 'msi-bridge-cli --workspace %4 connect "
              "--salesforce-url URL --marketo-url URL' once with the variables set, which keeps "
              "it in the workspace.")
        .arg(what, m_workspace, idVariable, m_workspacePath);
}

bool CliSecrets::fill(sync::EngineConnection *connection, QString *error)
{
    const creds::EnvironmentSecrets environment(m_environment);
    const QString sfIdVariable = creds::EnvironmentSecrets::clientIdVariable(Service::Salesforce);
    const QString sfSecretVariable = creds::EnvironmentSecrets::clientSecretVariable(Service::Salesforce);
    const QString mkIdVariable = creds::EnvironmentSecrets::clientIdVariable(Service::Marketo);
    const QString mkSecretVariable = creds::EnvironmentSecrets::clientSecretVariable(Service::Marketo);

    salesforce::SalesforceCredentials &sf = connection->salesforce;
    marketo::MarketoCredentials &mk = connection->marketo;
    if (!environment.clientId(Service::Salesforce).isEmpty())
        sf.clientId = environment.clientId(Service::Salesforce);
    if (!environment.clientId(Service::Marketo).isEmpty())
        mk.clientId = environment.clientId(Service::Marketo);

    // Salesforce: the environment's client secret, else the keychain's client secret, else a
    // refresh token the setup wizard kept from a browser sign-in.
    sf.flow = salesforce::AuthFlow::ClientCredentials;
    sf.refreshToken.clear();
    if (!environment.clientSecret(Service::Salesforce).isEmpty()) {
        sf.clientSecret = environment.clientSecret(Service::Salesforce);
        m_salesforceSecretFromEnvironment = m_fromEnvironment = true;
    } else {
        const Answer secret = keychain(Call::Read, {m_workspace, kSalesforceProfile,
                                                    creds::SecretKind::ClientSecret});
        const Answer refresh = keychain(Call::Read, {m_workspace, kSalesforceProfile,
                                                     creds::SecretKind::RefreshToken});
        if (secret.ok)
            sf.clientSecret = secret.secret;
        if (refresh.ok && !secret.ok) {
            sf.refreshToken = refresh.secret;
            sf.flow = salesforce::AuthFlow::RefreshToken;
        }
        if (!secret.ok && !refresh.ok) {
            *error = missingSecret(tr("Salesforce client secret"), sfIdVariable, sfSecretVariable);
            return false;
        }
        m_fromKeychain = true;
    }
    if (sf.clientId.isEmpty()) {
        *error = missingClientId(tr("Salesforce client ID"), sfIdVariable);
        return false;
    }

    if (!environment.clientSecret(Service::Marketo).isEmpty()) {
        mk.clientSecret = environment.clientSecret(Service::Marketo);
        m_marketoSecretFromEnvironment = m_fromEnvironment = true;
    } else {
        const Answer secret = keychain(Call::Read, {m_workspace, kMarketoProfile,
                                                    creds::SecretKind::ClientSecret});
        if (!secret.ok) {
            *error = missingSecret(tr("Marketo client secret"), mkIdVariable, mkSecretVariable);
            return false;
        }
        mk.clientSecret = secret.secret;
        m_fromKeychain = true;
    }
    if (mk.clientId.isEmpty()) {
        *error = missingClientId(tr("Marketo client ID"), mkIdVariable);
        return false;
    }
    return true;
}

bool CliSecrets::saveEnvironmentSecrets(const sync::EngineConnection &connection, QString *message)
{
    QStringList saved;
    QStringList problems;
    if (m_salesforceSecretFromEnvironment) {
        const Answer written = keychain(Call::Write, {m_workspace, kSalesforceProfile,
                                                      creds::SecretKind::ClientSecret},
                                        connection.salesforce.clientSecret);
        if (written.ok) {
            saved << tr("the Salesforce client secret");
            keychain(Call::Remove, {m_workspace, kSalesforceProfile, creds::SecretKind::RefreshToken});
        } else {
            problems << written.message;
        }
    }
    if (m_marketoSecretFromEnvironment) {
        const Answer written = keychain(Call::Write, {m_workspace, kMarketoProfile,
                                                      creds::SecretKind::ClientSecret},
                                        connection.marketo.clientSecret);
        if (written.ok)
            saved << tr("the Marketo client secret");
        else
            problems << written.message;
    }
    if (!problems.isEmpty()) {
        problems.removeDuplicates();
        *message = tr("The secrets were not saved in the keychain, so later commands need the "
                      "environment variables again. %1")
                       .arg(problems.join(u' '));
        return false;
    }
    *message = saved.isEmpty()
                   ? QString()
                   : tr("Saved %1 in the keychain (workspace \"%2\"); later commands on this "
                        "workspace need no environment variables.")
                         .arg(saved.join(tr(" and ")), m_workspace);
    return true;
}

} // namespace msi::cli
