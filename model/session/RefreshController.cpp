#include "session/RefreshController.h"

#include <QThread>

namespace msi::session {

RefreshController::RefreshController(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<msi::session::SnapshotRefresher::Result>();
}

RefreshController::~RefreshController()
{
    if (m_thread) {
        cancel();
        m_thread->quit();
        m_thread->wait();
        cleanUp();
    }
}

bool RefreshController::start(const QString &workspacePath, const sync::EngineConnection &connection,
                              const QSet<QString> &onlyRecords)
{
    if (m_thread)
        return false;
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("msi-refresh"));
    m_refresher = new SnapshotRefresher(workspacePath, connection, onlyRecords);
    m_refresher->moveToThread(m_thread);
    connect(m_thread, &QThread::started, m_refresher, &SnapshotRefresher::start);
    connect(m_thread, &QThread::finished, m_refresher, &QObject::deleteLater);
    connect(m_refresher, &SnapshotRefresher::phaseChanged, this, &RefreshController::phaseChanged);
    connect(m_refresher, &SnapshotRefresher::finished, this,
            [this](const SnapshotRefresher::Result &result) {
                m_thread->quit();
                m_thread->wait();
                cleanUp();
                emit finished(result);
            });
    m_thread->start();
    return true;
}

void RefreshController::cancel()
{
    if (m_refresher)
        m_refresher->requestCancel();
}

void RefreshController::cleanUp()
{
    delete m_thread;
    m_thread = nullptr;
    m_refresher = nullptr;
}

} // namespace msi::session
