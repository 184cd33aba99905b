#pragma once

#include <QCoreApplication>
#include <QLockFile>
#include <QString>

namespace msi::sync {

// One sync run at a time per workspace, across processes (CLI, GUI) and within one: an exclusive
// QLockFile next to the workspace file (<workspace>.lock, holding the pid, the process name and
// the host), taken by SyncEngine before it touches the journal and released when the run ends.
// A lock left by a process that is gone (killed, crashed, a reboot since) is stale and taken over
// at once, so a killed run never blocks the next one; a lock has no age limit, since a run may
// last hours. A lock held from another host (a workspace on a network share) is never taken over.
class RunLock final
{
    Q_DECLARE_TR_FUNCTIONS(msi::sync::RunLock)
    Q_DISABLE_COPY_MOVE(RunLock)
public:
    explicit RunLock(const QString &workspacePath);
    ~RunLock();

    static QString lockPath(const QString &workspacePath);

    // Takes the lock without waiting. False + a sentence naming the process that holds it (pid,
    // name, host) or why the lock file could not be written.
    bool tryLock(QString *error);
    bool isLocked() const { return m_file.isLocked(); }
    // Whether a live process holds the workspace's lock now, without taking it: false when no
    // lock file is there or its process is gone (a killed run). A lock of another host counts as
    // held (it cannot be told from here).
    static bool heldByLiveProcess(const QString &workspacePath);
    void unlock() { m_file.unlock(); }

private:
    QString m_workspacePath;
    QLockFile m_file;
};

} // namespace msi::sync
