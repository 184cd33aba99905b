#pragma once

#include "session/SnapshotRefresher.h"

#include <QObject>

class QThread;

namespace msi::session {

// Runs one SnapshotRefresher in its own thread and relays its signals, queued, to the owner's
// thread (the GUI), which never waits on the network.
class RefreshController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefreshController)
public:
    explicit RefreshController(QObject *parent = nullptr);
    ~RefreshController() override;

    bool isRunning() const { return m_thread != nullptr; }
    // Reads both systems into the workspace; only these records (18-char IDs) when given.
    bool start(const QString &workspacePath, const sync::EngineConnection &connection,
               const QSet<QString> &onlyRecords = {});
    void cancel();

signals:
    void phaseChanged(const QString &text);
    void finished(const msi::session::SnapshotRefresher::Result &result);

private:
    void cleanUp();
    QThread *m_thread = nullptr;
    SnapshotRefresher *m_refresher = nullptr;
};

} // namespace msi::session
