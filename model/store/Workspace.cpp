#include "store/Workspace.h"

#include "store/Logging.h"
#include "store/Schema.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>

#include <atomic>

namespace msi::store {

namespace {

std::atomic_int s_nextInstance{1};

const QString kSuffix = QStringLiteral(".sqlite");

} // namespace

Workspace::Workspace(QString path)
    : m_path(QFileInfo(path).absoluteFilePath())
    , m_instance(s_nextInstance++)
{
}

Workspace::~Workspace()
{
    const QString name = connectionName();
    if (QSqlDatabase::contains(name)) {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
}

QString Workspace::workspacesFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/workspaces");
}

QString Workspace::defaultPath(const QString &name)
{
    return workspacesFolder() + QLatin1Char('/') + name + kSuffix;
}

QStringList Workspace::workspaceNames()
{
    QStringList names;
    const QDir folder(workspacesFolder());
    const QStringList files = folder.entryList({QStringLiteral("*.sqlite")}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        names << file.chopped(kSuffix.size());
    return names;
}

bool Workspace::isValidName(const QString &name)
{
    static const QString forbidden = QStringLiteral("/\\:*?\"<>|");
    if (name.trimmed().isEmpty() || name == QLatin1String(".") || name == QLatin1String(".."))
        return false;
    for (const QChar c : name) {
        if (forbidden.contains(c) || c.unicode() < 0x20)
            return false;
    }
    return true;
}

bool Workspace::removeFiles(const QString &path, QString *error)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"),
                                  QStringLiteral("-journal")}) {
        QFile file(path + suffix);
        if (file.exists() && !file.remove()) {
            if (error)
                *error = tr("Could not delete %1: %2").arg(file.fileName(), file.errorString());
            return false;
        }
    }
    return true;
}

QString Workspace::connectionName() const
{
    return QStringLiteral("msi-store:%1#%2@%3")
        .arg(m_path)
        .arg(m_instance)
        .arg(reinterpret_cast<quintptr>(QThread::currentThread()), 0, 16);
}

bool Workspace::openConnection(QSqlDatabase &db, QString *error) const
{
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!db.open()) {
        if (error)
            *error = tr("Could not open the workspace database %1: %2")
                         .arg(m_path, db.lastError().text());
        return false;
    }
    // WAL is persistent in the file; synchronous and foreign_keys are per connection.
    const QString pragmas[] = {QStringLiteral("PRAGMA journal_mode = WAL"),
                               QStringLiteral("PRAGMA synchronous = FULL"),
                               QStringLiteral("PRAGMA foreign_keys = ON"),
                               // 32 MB page cache: batches touch many index pages.
                               QStringLiteral("PRAGMA cache_size = -32768")};
    for (const QString &pragma : pragmas) {
        QSqlQuery query(db);
        if (!query.exec(pragma)) {
            if (error)
                *error = tr("Could not open the workspace database %1: %2")
                             .arg(m_path, query.lastError().text());
            db.close();
            return false;
        }
    }
    return true;
}

bool Workspace::open(QString *error)
{
    QString detail;
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath())) {
        if (error)
            *error = tr("Could not create the folder for the workspace database %1.").arg(m_path);
        return false;
    }
    m_open = true; // connection() needs it
    QSqlDatabase db = threadConnection(error);
    if (!db.isOpen()) {
        m_open = false;
        return false;
    }
    if (!Schema::ensure(db, error)) {
        m_open = false;
        return false;
    }
    return true;
}

QSqlDatabase Workspace::connection() const
{
    QString error;
    QSqlDatabase db = threadConnection(&error);
    if (!error.isEmpty())
        qCWarning(lcStore).noquote() << error;
    return db;
}

QSqlDatabase Workspace::threadConnection(QString *error) const
{
    if (!m_open) {
        qCWarning(lcStore) << "workspace used before open():" << m_path;
        return {};
    }
    const QString name = connectionName();
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            return db;
    }
    QSqlDatabase db = QSqlDatabase::contains(name)
                          ? QSqlDatabase::database(name, false)
                          : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    if (!openConnection(db, error))
        return db;
    QThread *thread = QThread::currentThread();
    const QCoreApplication *app = QCoreApplication::instance();
    if (!app || thread != app->thread()) {
        // Remove this thread's connection when the thread ends (finished is emitted from it).
        QObject::connect(
            thread, &QThread::finished, thread,
            [name] {
                {
                    QSqlDatabase db = QSqlDatabase::database(name, false);
                    db.close();
                }
                QSqlDatabase::removeDatabase(name);
            },
            Qt::DirectConnection);
    }
    return db;
}

int Workspace::schemaVersion() const
{
    return Schema::version(connection());
}

QString Workspace::integrityCheck() const
{
    QSqlQuery query(connection());
    if (!query.exec(QStringLiteral("PRAGMA integrity_check")))
        return query.lastError().text();
    QStringList problems;
    while (query.next())
        problems << query.value(0).toString();
    return problems.join(QLatin1Char('\n'));
}

} // namespace msi::store
