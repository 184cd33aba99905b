#pragma once

#include "creds/SecretKey.h"

#include <QHash>
#include <QList>

#include <functional>
#include <QObject>
#include <QString>

namespace QKeychain {
class Job;
}

namespace msi::creds {

// Client secrets and refresh tokens in the OS keychain through QtKeychain (Secret Service on
// Linux, Keychain on macOS, Credential Manager on Windows), never in a file: insecure
// fallback is off. Every call is asynchronous and answers with exactly one signal:
//   write  -> written  | failed        read   -> secretRead | failed (NotFound when absent)
//   remove -> removed  | failed        removeAll -> allRemoved | failed
// Calls run one after the other in the order they were made.
//
// When no keychain is available, failed() carries Error::Unavailable and a message the admin
// can act on; the admin may then choose setSessionOnly(true): secrets are kept in this
// process's memory only and forgotten at exit.
//
// The names (not the values) of the secrets written are listed per workspace in QSettings
// (group "keychainEntries"), so that removeAll() can find them; keychains cannot be listed.
class SecretStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)
public:
    enum class Error { NotFound, Unavailable, AccessDenied, Other };
    Q_ENUM(Error)

    explicit SecretStore(QObject *parent = nullptr);
    ~SecretStore() override;

    // The keychain service name the entries are filed under.
    static QString serviceName();

    void write(const SecretKey &key, const QString &secret);
    void read(const SecretKey &key);
    void remove(const SecretKey &key);
    // Removes every secret of the workspace (all profiles and kinds).
    void removeAll(const QString &workspace);
    // Removes every secret of one profile of the workspace (all kinds) -> profileRemoved.
    void removeProfile(const QString &workspace, const QString &profile);
    // Answers availabilityChecked(): whether a keychain can be used at all.
    void checkAvailability();

    void setSessionOnly(bool sessionOnly);
    bool isSessionOnly() const { return m_sessionOnly; }

    // The secrets of a workspace this store knows of (from the entry index).
    static QList<SecretKey> knownKeys(const QString &workspace);

signals:
    void written(const msi::creds::SecretKey &key);
    void secretRead(const msi::creds::SecretKey &key, const QString &secret);
    void removed(const msi::creds::SecretKey &key);
    void allRemoved(const QString &workspace);
    void profileRemoved(const QString &workspace, const QString &profile);
    void failed(const msi::creds::SecretKey &key, msi::creds::SecretStore::Error error,
                const QString &message);
    void availabilityChecked(bool available, const QString &message);

private:
    enum class Operation { Write, Read, Remove };
    void startJob(QKeychain::Job *job, Operation operation, const SecretKey &key);
    void jobFinished(QKeychain::Job *job, Operation operation, const SecretKey &key);
    void removeNext(QList<SecretKey> remaining, const std::function<void()> &done);
    Error classify(int keychainError, const QString &detail) const;
    QString message(Operation operation, const SecretKey &key, Error error, const QString &detail) const;

    static void addToIndex(const SecretKey &key);
    static void removeFromIndex(const SecretKey &key);

    bool m_sessionOnly = false;
    QHash<QString, QString> m_sessionSecrets; // entry name -> secret (session-only mode)
};

} // namespace msi::creds
