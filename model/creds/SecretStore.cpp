#include "creds/SecretStore.h"

#include "creds/Logging.h"

#include <QSettings>
#include <QTimer>
#include <QUrl>

#include <qt6keychain/keychain.h>

namespace msi::creds {

namespace {

const QString kIndexGroup = QStringLiteral("keychainEntries");

QString indexEntry(const SecretKey &key)
{
    return key.entryName().section(QLatin1Char('/'), 1);
}

QString indexKey(const QString &workspace)
{
    // QSettings keys must not contain '/' (group separator); the entry name encodes it.
    return kIndexGroup + QLatin1Char('/')
           + QString::fromLatin1(workspace.toUtf8().toBase64(QByteArray::Base64UrlEncoding));
}

bool mentionsDbus(const QString &detail)
{
    return detail.contains(QLatin1String("D-Bus"), Qt::CaseInsensitive)
           || detail.contains(QLatin1String("DBus"), Qt::CaseInsensitive)
           || detail.contains(QLatin1String("org.freedesktop"), Qt::CaseInsensitive)
           || detail.contains(QLatin1String("/collection/"), Qt::CaseInsensitive);
}

} // namespace

SecretStore::SecretStore(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<SecretKey>();
}

SecretStore::~SecretStore() = default;

QString SecretStore::serviceName()
{
    return QStringLiteral("MSI Bridge");
}

void SecretStore::setSessionOnly(bool sessionOnly)
{
    m_sessionOnly = sessionOnly;
    if (!sessionOnly)
        m_sessionSecrets.clear();
}

void SecretStore::write(const SecretKey &key, const QString &secret)
{
    if (m_sessionOnly) {
        m_sessionSecrets.insert(key.entryName(), secret);
        QTimer::singleShot(0, this, [this, key] { emit written(key); });
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(serviceName());
    job->setKey(key.entryName());
    job->setTextData(secret);
    startJob(job, Operation::Write, key);
}

void SecretStore::read(const SecretKey &key)
{
    if (m_sessionOnly) {
        const bool found = m_sessionSecrets.contains(key.entryName());
        const QString secret = m_sessionSecrets.value(key.entryName());
        QTimer::singleShot(0, this, [this, key, found, secret] {
            if (found)
                emit secretRead(key, secret);
            else
                emit failed(key, Error::NotFound, message(Operation::Read, key, Error::NotFound, {}));
        });
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(serviceName());
    job->setKey(key.entryName());
    startJob(job, Operation::Read, key);
}

void SecretStore::remove(const SecretKey &key)
{
    if (m_sessionOnly) {
        m_sessionSecrets.remove(key.entryName());
        QTimer::singleShot(0, this, [this, key] { emit removed(key); });
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(serviceName());
    job->setKey(key.entryName());
    startJob(job, Operation::Remove, key);
}

void SecretStore::removeAll(const QString &workspace)
{
    if (m_sessionOnly) {
        const QString prefix = SecretKey{workspace, QString(), SecretKind::ClientSecret}
                                   .entryName()
                                   .section(QLatin1Char('/'), 0, 0)
                               + QLatin1Char('/');
        m_sessionSecrets.removeIf([&prefix](const auto &it) { return it.key().startsWith(prefix); });
        QTimer::singleShot(0, this, [this, workspace] { emit allRemoved(workspace); });
        return;
    }
    removeNext(knownKeys(workspace), [this, workspace] {
        QSettings().remove(indexKey(workspace));
        emit allRemoved(workspace);
    });
}

void SecretStore::removeProfile(const QString &workspace, const QString &profile)
{
    QList<SecretKey> keys;
    if (m_sessionOnly) {
        for (SecretKind kind : {SecretKind::ClientSecret, SecretKind::RefreshToken, SecretKind::AccessToken})
            m_sessionSecrets.remove(SecretKey{workspace, profile, kind}.entryName());
    } else {
        for (const SecretKey &key : knownKeys(workspace)) {
            if (key.profile == profile)
                keys << key;
        }
    }
    QTimer::singleShot(0, this, [this, keys, workspace, profile] {
        removeNext(keys, [this, workspace, profile] { emit profileRemoved(workspace, profile); });
    });
}

void SecretStore::removeNext(QList<SecretKey> remaining, const std::function<void()> &done)
{
    if (remaining.isEmpty()) {
        done();
        return;
    }
    const SecretKey key = remaining.takeFirst();
    auto *job = new QKeychain::DeletePasswordJob(serviceName());
    job->setKey(key.entryName());
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [this, remaining, key, done](QKeychain::Job *finished) {
        const bool gone = finished->error() == QKeychain::NoError
                          || finished->error() == QKeychain::EntryNotFound;
        if (!gone) {
            const Error error = classify(finished->error(), finished->errorString());
            qCWarning(lcCreds) << "removing" << key.entryName() << "failed:" << finished->errorString();
            emit failed(key, error, message(Operation::Remove, key, error, finished->errorString()));
            return;
        }
        removeFromIndex(key);
        removeNext(remaining, done);
    });
    job->start();
}

void SecretStore::checkAvailability()
{
    auto *job = new QKeychain::ReadPasswordJob(serviceName());
    job->setKey(QStringLiteral("availability-check"));
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *done) {
        const bool available = done->error() == QKeychain::NoError || done->error() == QKeychain::EntryNotFound;
        const SecretKey none;
        emit availabilityChecked(available,
                                 available ? QString()
                                           : message(Operation::Read, none,
                                                     classify(done->error(), done->errorString()),
                                                     done->errorString()));
    });
    job->start();
}

void SecretStore::startJob(QKeychain::Job *job, Operation operation, const SecretKey &key)
{
    job->setInsecureFallback(false); // never a plaintext file
    job->setAutoDelete(true);
    connect(job, &QKeychain::Job::finished, this,
            [this, operation, key](QKeychain::Job *done) { jobFinished(done, operation, key); });
    job->start();
}

void SecretStore::jobFinished(QKeychain::Job *job, Operation operation, const SecretKey &key)
{
    const QKeychain::Error keychainError = job->error();
    if (operation == Operation::Remove && keychainError == QKeychain::EntryNotFound) {
        removeFromIndex(key);
        emit removed(key);
        return;
    }
    if (keychainError != QKeychain::NoError) {
        const Error error = classify(keychainError, job->errorString());
        if (error != Error::NotFound)
            qCWarning(lcCreds) << "keychain" << key.entryName() << "failed:" << job->errorString();
        emit failed(key, error, message(operation, key, error, job->errorString()));
        return;
    }
    switch (operation) {
    case Operation::Write:
        addToIndex(key);
        emit written(key);
        break;
    case Operation::Read:
        emit secretRead(key, static_cast<QKeychain::ReadPasswordJob *>(job)->textData());
        break;
    case Operation::Remove:
        removeFromIndex(key);
        emit removed(key);
        break;
    }
}

SecretStore::Error SecretStore::classify(int keychainError, const QString &detail) const
{
    switch (keychainError) {
    case QKeychain::EntryNotFound:
        return Error::NotFound;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return Error::AccessDenied;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return Error::Unavailable;
    default:
        return mentionsDbus(detail) ? Error::Unavailable : Error::Other;
    }
}

QString SecretStore::message(Operation operation, const SecretKey &key, Error error,
                             const QString &detail) const
{
    const QString what = key.profile.isEmpty()
                             ? tr("secrets")
                             : tr("the %1 of profile \"%2\" (workspace \"%3\")")
                                   .arg(SecretKey::kindName(key.kind).replace(QLatin1Char('-'), QLatin1Char(' ')),
                                        key.profile, key.workspace);
    switch (error) {
    case Error::NotFound:
        return tr("The keychain holds no %1.").arg(what);
    case Error::Unavailable:
        return tr("No keychain is available, so MSI Bridge cannot save %1. On Linux it needs the "
                  "Secret Service (GNOME Keyring or KWallet) on a D-Bus session, and none could be "
                  "reached (%2). MSI Bridge never writes secrets to a file: you can continue without "
                  "saving them for this session and enter them again next time, or, for the "
                  "command line, set MSI_BRIDGE_SF_CLIENT_ID, MSI_BRIDGE_SF_CLIENT_SECRET, "
                  "MSI_BRIDGE_MARKETO_CLIENT_ID and MSI_BRIDGE_MARKETO_CLIENT_SECRET.")
            .arg(what, detail);
    case Error::AccessDenied:
        return tr("The keychain refused access to %1 (%2). Unlock the keychain or allow MSI Bridge "
                  "to use it, then try again.")
            .arg(what, detail);
    case Error::Other:
        break;
    }
    const QString verb = operation == Operation::Write  ? tr("save")
                         : operation == Operation::Read ? tr("read")
                                                        : tr("remove");
    return tr("Could not %1 %2 in the keychain: %3").arg(verb, what, detail);
}

QList<SecretKey> SecretStore::knownKeys(const QString &workspace)
{
    QList<SecretKey> keys;
    const QStringList entries = QSettings().value(indexKey(workspace)).toStringList();
    for (const QString &entry : entries) {
        const QString profile = QUrl::fromPercentEncoding(entry.section(QLatin1Char('/'), 0, 0).toLatin1());
        const auto kind = SecretKey::kindFromName(entry.section(QLatin1Char('/'), 1, 1));
        if (kind)
            keys << SecretKey{workspace, profile, *kind};
    }
    return keys;
}

void SecretStore::addToIndex(const SecretKey &key)
{
    QSettings settings;
    QStringList entries = settings.value(indexKey(key.workspace)).toStringList();
    if (!entries.contains(indexEntry(key))) {
        entries << indexEntry(key);
        settings.setValue(indexKey(key.workspace), entries);
    }
}

void SecretStore::removeFromIndex(const SecretKey &key)
{
    QSettings settings;
    QStringList entries = settings.value(indexKey(key.workspace)).toStringList();
    if (entries.removeAll(indexEntry(key)) > 0) {
        if (entries.isEmpty())
            settings.remove(indexKey(key.workspace));
        else
            settings.setValue(indexKey(key.workspace), entries);
    }
}

} // namespace msi::creds
