#include "net/RateLimiter.h"

#include <QElapsedTimer>
#include <QHash>

#include <algorithm>

namespace msi::net {

namespace {
constexpr qint64 kInFlightPollMs = 25;

qint64 monotonicNow()
{
    static QElapsedTimer timer = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return timer.elapsed();
}
} // namespace

RateLimiter::RateLimiter(Budget budget, Clock clock)
    : m_budget(budget), m_clock(clock ? std::move(clock) : Clock(&monotonicNow))
{
}

std::shared_ptr<RateLimiter> RateLimiter::forInstance(const QString &key, const Budget &budget)
{
    static QMutex registryMutex;
    static QHash<QString, std::weak_ptr<RateLimiter>> registry;
    QMutexLocker lock(&registryMutex);
    if (auto existing = registry.value(key).lock())
        return existing;
    auto limiter = std::make_shared<RateLimiter>(budget);
    registry.insert(key, limiter);
    return limiter;
}

RateLimiter::Budget RateLimiter::budget() const
{
    QMutexLocker lock(&m_mutex);
    return m_budget;
}

void RateLimiter::setBudget(const Budget &budget)
{
    QMutexLocker lock(&m_mutex);
    m_budget = budget;
    m_budget.callsPerWindow = std::max(1, m_budget.callsPerWindow);
    m_budget.maxInFlight = std::max(1, m_budget.maxInFlight);
    m_budget.windowMs = std::max<qint64>(1, m_budget.windowMs);
}

void RateLimiter::expire(qint64 now) const
{
    while (!m_starts.empty() && m_starts.front() <= now - m_budget.windowMs)
        m_starts.pop_front();
}

qint64 RateLimiter::tryAcquire()
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = m_clock();
    if (now < m_holdUntil)
        return m_holdUntil - now;
    expire(now);
    if (int(m_starts.size()) >= m_budget.callsPerWindow)
        return std::max<qint64>(1, m_starts.front() + m_budget.windowMs - now);
    if (m_inFlight >= m_budget.maxInFlight)
        return kInFlightPollMs;
    m_starts.push_back(now);
    ++m_inFlight;
    return 0;
}

void RateLimiter::release()
{
    QMutexLocker lock(&m_mutex);
    m_inFlight = std::max(0, m_inFlight - 1);
}

void RateLimiter::holdOff(qint64 ms)
{
    QMutexLocker lock(&m_mutex);
    m_holdUntil = std::max(m_holdUntil, m_clock() + ms);
}

int RateLimiter::inFlight() const
{
    QMutexLocker lock(&m_mutex);
    return m_inFlight;
}

int RateLimiter::callsInWindow() const
{
    QMutexLocker lock(&m_mutex);
    expire(m_clock());
    return int(m_starts.size());
}

} // namespace msi::net
