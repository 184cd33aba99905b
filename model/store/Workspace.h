#pragma once

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace msi::store {

// One workspace = one SQLite database file (Qt Sql, QSQLITE driver).
//
// Each thread that touches the workspace gets its own named connection
// ("msi-store:<path>#<instance>@<thread>"), opened on first use with the same pragmas:
// journal_mode=WAL (readers never block the writer), synchronous=FULL (every commit is on disk
// before COMMIT returns; writes are batched, so this costs one fsync per batch, see README),
// foreign_keys=ON, a 32 MB page cache and a 10 s busy timeout. A connection made in a QThread is removed when that
// thread finishes; the one of the thread that destroys the Workspace is removed then.
//
// Repositories (SnapshotRepository, RunRepository, ...) take a Workspace& and call
// connection() on every operation, so one Workspace may be shared by the GUI thread and the sync
// worker thread.
class Workspace final
{
    Q_DECLARE_TR_FUNCTIONS(msi::store::Workspace)
public:
    explicit Workspace(QString path);
    ~Workspace();
    Q_DISABLE_COPY_MOVE(Workspace)

    // <AppDataLocation>/workspaces/<name>.sqlite
    static QString defaultPath(const QString &name);
    static QString workspacesFolder();
    // Names of the workspaces in workspacesFolder().
    static QStringList workspaceNames();
    // A name is usable as a file name: non-empty, no path separators, not "." or "..".
    static bool isValidName(const QString &name);
    // Deletes a closed workspace's files (the database and its -wal and -shm files). The
    // caller removes its secrets too (msi::creds::SecretStore::removeAll).
    static bool removeFiles(const QString &path, QString *error = nullptr);

    // Creates the folder and the file when missing and brings the schema to the current version.
    // False + a user-readable error (naming the file and the cause) on failure.
    bool open(QString *error = nullptr);
    bool isOpen() const { return m_open; }
    const QString &path() const { return m_path; }
    int schemaVersion() const;

    // The calling thread's connection, opened on demand. Invalid (with a warning) before open().
    QSqlDatabase connection() const;

    // "ok" or SQLite's list of problems.
    QString integrityCheck() const;

private:
    QString connectionName() const;
    QSqlDatabase threadConnection(QString *error) const;
    bool openConnection(QSqlDatabase &db, QString *error) const;

    QString m_path;
    int m_instance = 0;
    bool m_open = false;
};

} // namespace msi::store
