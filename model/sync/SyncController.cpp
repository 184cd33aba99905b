#include "sync/SyncController.h"

#include <QThread>

namespace msi::sync {

SyncController::SyncController(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<msi::sync::Stage>();
    qRegisterMetaType<msi::sync::RunResult>();
    qRegisterMetaType<msi::sync::QuotaEstimate>();
}

SyncController::~SyncController()
{
    if (m_thread) {
        cancel();
        m_thread->quit();
        m_thread->wait();
        cleanUp();
    }
}

bool SyncController::start(const QString &workspacePath, const EngineConnection &connection,
                           const RunOptions &options)
{
    if (m_thread)
        return false;
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("msi-sync"));
    m_engine = new SyncEngine(workspacePath, connection, options);
    m_engine->moveToThread(m_thread);
    connect(m_thread, &QThread::started, m_engine, &SyncEngine::start);
    // The engine (its clients and its store connection) dies in its own thread, as it ends.
    connect(m_thread, &QThread::finished, m_engine, &QObject::deleteLater);
    connect(m_engine, &SyncEngine::phaseChanged, this, &SyncController::phaseChanged);
    connect(m_engine, &SyncEngine::estimateReady, this, &SyncController::estimateReady);
    connect(m_engine, &SyncEngine::stageStarted, this, &SyncController::stageStarted);
    connect(m_engine, &SyncEngine::stageProgress, this, &SyncController::stageProgress);
    connect(m_engine, &SyncEngine::finished, this, [this](const RunResult &result) {
        m_thread->quit();
        m_thread->wait();
        cleanUp();
        emit finished(result);
    });
    m_thread->start();
    return true;
}

void SyncController::cancel()
{
    if (m_engine) {
        m_engine->requestCancel();
        QMetaObject::invokeMethod(m_engine, &SyncEngine::abortWaits, Qt::QueuedConnection);
    }
}

void SyncController::cleanUp()
{
    delete m_thread;
    m_thread = nullptr;
    m_engine = nullptr;
}

} // namespace msi::sync
