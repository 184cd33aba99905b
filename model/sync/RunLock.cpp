#include "sync/RunLock.h"

#include "sync/Logging.h"

#include <QDir>
#include <QFileInfo>
#include <QSysInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#include <sys/types.h>
#endif

namespace msi::sync {

RunLock::RunLock(const QString &workspacePath)
    : m_workspacePath(workspacePath)
    , m_file(lockPath(workspacePath))
{
    m_file.setStaleLockTime(0); // stale only when its process is gone, never by age
}

bool RunLock::heldByLiveProcess(const QString &workspacePath)
{
    QLockFile file(lockPath(workspacePath));
    qint64 pid = 0;
    QString host;
    QString application;
    if (!file.getLockInfo(&pid, &host, &application))
        return false;
    if (!host.isEmpty() && host != QSysInfo::machineHostName())
        return true;
#ifdef Q_OS_UNIX
    return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM);
#else
    return true;
#endif
}

RunLock::~RunLock() = default;

QString RunLock::lockPath(const QString &workspacePath)
{
    return QFileInfo(workspacePath).absoluteFilePath() + QStringLiteral(".lock");
}

bool RunLock::tryLock(QString *error)
{
    QDir().mkpath(QFileInfo(lockPath(m_workspacePath)).absolutePath());
    if (m_file.tryLock(0))
        return true;
    switch (m_file.error()) {
    case QLockFile::LockFailedError: {
        qint64 pid = 0;
        QString host;
        QString application;
        if (m_file.getLockInfo(&pid, &host, &application)) {
            *error = tr("another sync is running on workspace %1: process %2 (%3) on host %4 holds "
                        "%5; wait for it to end, or stop it (a run that is stopped or killed frees "
                        "the workspace)")
                         .arg(m_workspacePath)
                         .arg(pid)
                         .arg(application.isEmpty() ? tr("unknown program") : application,
                              host.isEmpty() ? tr("unknown") : host, lockPath(m_workspacePath));
        } else {
            *error = tr("another sync is running on workspace %1 (it holds %2)")
                         .arg(m_workspacePath, lockPath(m_workspacePath));
        }
        break;
    }
    case QLockFile::PermissionError:
        *error = tr("cannot lock workspace %1: no permission to write %2")
                     .arg(m_workspacePath, lockPath(m_workspacePath));
        break;
    case QLockFile::NoError:
    case QLockFile::UnknownError:
        *error = tr("cannot lock workspace %1: writing %2 failed")
                     .arg(m_workspacePath, lockPath(m_workspacePath));
        break;
    }
    qCInfo(lcSync).noquote() << *error;
    return false;
}

} // namespace msi::sync
