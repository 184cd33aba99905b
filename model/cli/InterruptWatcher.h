#pragma once

#include <QObject>

class QSocketNotifier;

namespace msi::cli {

// Turns SIGINT and SIGTERM into a Qt signal while it lives (Unix; elsewhere it watches nothing),
// with the pattern the Qt documentation gives for calling Qt functions from Unix signal handlers:
// the handler only writes one byte to a socketpair, a QSocketNotifier reads it in the event loop
// and emits interrupted(). A second SIGINT or SIGTERM while the first is being handled ends the
// process at once with exit code 130 (nothing more is printed; the journal marks that run
// interrupted when the next one starts). The handlers that were installed before are restored on
// destruction. One instance at a time.
class InterruptWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InterruptWatcher)
public:
    explicit InterruptWatcher(QObject *parent = nullptr);
    ~InterruptWatcher() override;

    // False when the handlers could not be installed (another instance lives, or no socketpair).
    bool isActive() const { return m_active; }

signals:
    // The signal number (SIGINT or SIGTERM); emitted once, for the first signal.
    void interrupted(int signalNumber);

private:
    void readSignal();
    QSocketNotifier *m_notifier = nullptr;
    bool m_active = false;
};

} // namespace msi::cli
