#pragma once

#include "creds/SecretKey.h"
#include "sync/SyncEngine.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>

namespace msi::cli {

// The client credentials of one workspace for a CLI verb that connects. Each secret comes from
// its environment variable when that is set, else from the OS keychain under the keys the GUI and
// the setup wizard use: workspace name = the workspace file's complete base name, profiles
// "salesforce" and "marketo", kinds ClientSecret (and, for Salesforce, RefreshToken from a
// browser sign-in). Client IDs come from the environment, else from the workspace's profiles
// (filled in by the caller). Synchronous: keychain calls run in a local event loop, each bounded
// by a timeout. Secrets are never logged or printed.
class CliSecrets final
{
    Q_DECLARE_TR_FUNCTIONS(msi::cli::CliSecrets)
public:
    explicit CliSecrets(const QString &workspacePath,
                        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment());

    // The keychain's name of a workspace: QFileInfo(path).completeBaseName().
    static QString workspaceName(const QString &workspacePath);

    // Fills the client ids (when the environment has them) and the secrets of connection. The
    // client ids already in connection (from the profiles) are kept unless the environment
    // overrides them. False + error naming the missing secret and both ways to provide it.
    bool fill(sync::EngineConnection *connection, QString *error);

    // True when a secret came from the environment (connect then saves it in the keychain).
    bool anyFromEnvironment() const { return m_fromEnvironment; }
    // True when a secret came from the keychain.
    bool anyFromKeychain() const { return m_fromKeychain; }

    // Saves the secrets that came from the environment in the keychain (and drops a Salesforce
    // refresh token left there, so later runs sign in the way connect checked). Returns false
    // with a plain sentence in message when the keychain cannot take them; true with a sentence
    // saying what was saved otherwise (empty when there was nothing to save).
    bool saveEnvironmentSecrets(const sync::EngineConnection &connection, QString *message);

    // How long (ms) a keychain call may take before the keychain counts as unavailable.
    static constexpr int KeychainTimeoutMs = 30000;

private:
    struct Answer
    {
        bool ok = false;
        bool notFound = false;
        QString secret;
        QString message;
    };
    enum class Call { Read, Write, Remove };
    Answer keychain(Call call, const creds::SecretKey &key, const QString &secret = {});
    QString missingSecret(const QString &what, const QString &idVariable,
                          const QString &secretVariable) const;
    QString missingClientId(const QString &what, const QString &idVariable) const;

    QString m_workspacePath;
    QString m_workspace;
    QProcessEnvironment m_environment;
    QString m_keychainProblem; // set when the keychain is unavailable: no further calls
    QString m_keychainError;   // the last keychain failure other than "not found"
    bool m_fromEnvironment = false;
    bool m_fromKeychain = false;
    bool m_salesforceSecretFromEnvironment = false;
    bool m_marketoSecretFromEnvironment = false;
};

} // namespace msi::cli
