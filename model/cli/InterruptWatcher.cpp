#include "cli/InterruptWatcher.h"

#include <QLoggingCategory>
#include <QSocketNotifier>

#ifdef Q_OS_UNIX
#include <atomic>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#endif

Q_LOGGING_CATEGORY(lcCliSignals, "msibridge.cli.signals")

namespace msi::cli {

#ifdef Q_OS_UNIX
namespace {

// Shared with the async-signal handler: only lock-free atomics and plain descriptors.
int g_fds[2] = {-1, -1};            // [0] written by the handler, [1] read by the notifier
std::atomic<int> g_count{0};
std::atomic<bool> g_installed{false};
struct sigaction g_previousInt;
struct sigaction g_previousTerm;

constexpr int kInterruptedExit = 130;

void onSignal(int signalNumber)
{
    if (g_count.fetch_add(1) >= 1)
        ::_exit(kInterruptedExit); // the second one: stop waiting for the cancel
    const char byte = char(signalNumber);
    [[maybe_unused]] const ssize_t written = ::write(g_fds[0], &byte, 1);
}

} // namespace
#endif

InterruptWatcher::InterruptWatcher(QObject *parent)
    : QObject(parent)
{
#ifdef Q_OS_UNIX
    if (g_installed.exchange(true)) {
        qCWarning(lcCliSignals) << "another InterruptWatcher is active";
        return;
    }
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_fds) != 0) {
        qCWarning(lcCliSignals) << "socketpair failed; SIGINT/SIGTERM end the process";
        g_installed.store(false);
        return;
    }
    g_count.store(0);
    m_notifier = new QSocketNotifier(g_fds[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &InterruptWatcher::readSignal);
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, &g_previousInt);
    ::sigaction(SIGTERM, &action, &g_previousTerm);
    m_active = true;
#endif
}

InterruptWatcher::~InterruptWatcher()
{
#ifdef Q_OS_UNIX
    if (!m_active)
        return;
    ::sigaction(SIGINT, &g_previousInt, nullptr);
    ::sigaction(SIGTERM, &g_previousTerm, nullptr);
    delete m_notifier;
    m_notifier = nullptr;
    ::close(g_fds[0]);
    ::close(g_fds[1]);
    g_fds[0] = g_fds[1] = -1;
    g_installed.store(false);
#endif
}

void InterruptWatcher::readSignal()
{
#ifdef Q_OS_UNIX
    m_notifier->setEnabled(false);
    char byte = 0;
    [[maybe_unused]] const ssize_t read = ::read(g_fds[1], &byte, 1);
    qCInfo(lcCliSignals) << "signal" << int(byte) << "received: cancelling";
    emit interrupted(int(byte));
#endif
}

} // namespace msi::cli
