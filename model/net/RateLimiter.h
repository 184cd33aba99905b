#pragma once

#include <QMutex>
#include <QString>

#include <deque>
#include <functional>
#include <memory>

namespace msi::net {

// A call budget: calls started per sliding window, and calls running at once.
struct RateBudget final
{
    int callsPerWindow = 80;
    qint64 windowMs = 20'000;
    int maxInFlight = 4;
};

// Keeps one API instance within its budget by construction: at most callsPerWindow calls started
// in any sliding window of windowMs, and at most maxInFlight calls running at once. Thread-safe,
// shared by every client of one instance (forInstance), so workers on several threads share one
// budget. Defaults leave headroom under Marketo's 100 calls / 20 s and 10 in flight for other
// integrations on the same instance.
class RateLimiter final
{
public:
    using Budget = RateBudget;
    using Clock = std::function<qint64()>; // monotonic milliseconds

    explicit RateLimiter(Budget budget = Budget(), Clock clock = Clock());

    // One limiter per instance key (e.g. the Marketo base URL); created with `budget` if new.
    static std::shared_ptr<RateLimiter> forInstance(const QString &key,
                                                    const Budget &budget = Budget());

    Budget budget() const;
    void setBudget(const Budget &budget);

    // 0: a slot was taken (call release() when the call ends). Otherwise the milliseconds to wait
    // before asking again.
    qint64 tryAcquire();
    void release();
    // Blocks new calls for ms (after the server said 606: its window is full).
    void holdOff(qint64 ms);

    int inFlight() const;
    int callsInWindow() const;

private:
    void expire(qint64 now) const;

    mutable QMutex m_mutex;
    Budget m_budget;
    Clock m_clock;
    mutable std::deque<qint64> m_starts;
    int m_inFlight = 0;
    qint64 m_holdUntil = 0;
};

} // namespace msi::net
