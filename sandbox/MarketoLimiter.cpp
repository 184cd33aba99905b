#include "sandbox/MarketoLimiter.h"

#include "sandbox/SandboxClock.h"

#include <QTimeZone>

namespace msi::sandbox {

MarketoLimiter::MarketoLimiter(const SandboxClock &clock, int calls, int windowSeconds, int concurrency,
                               int dailyQuota)
    : m_clock(clock), m_calls(calls), m_windowSeconds(windowSeconds), m_concurrency(concurrency),
      m_dailyQuota(dailyQuota)
{
}

void MarketoLimiter::rollDay()
{
    // The quota resets at 00:00 US Central (CST/CDT) on the sandbox clock.
    static const QTimeZone central(QByteArrayLiteral("America/Chicago"));
    const QDateTime now = m_clock.now();
    const QDate today = central.isValid() ? now.toTimeZone(central).date() : now.addSecs(-6 * 3600).date();
    if (today != m_day) {
        m_day = today;
        m_usedToday = 0;
    }
}

int MarketoLimiter::usedToday()
{
    rollDay();
    return m_usedToday;
}

MarketoLimiter::Verdict MarketoLimiter::admit()
{
    rollDay();
    if (m_usedToday >= m_dailyQuota)
        return Verdict::QuotaReached; // 607 itself does not count
    const qint64 now = m_clock.nowMs();
    const qint64 windowStart = now - qint64(m_windowSeconds) * 1000;
    while (!m_window.isEmpty() && m_window.first() <= windowStart)
        m_window.removeFirst();
    // 606 and 615 answers count against the daily quota (only 601/602/604/605/608/611 are free).
    ++m_usedToday;
    if (m_window.size() >= m_calls)
        return Verdict::RateLimited;
    if (m_inFlight >= m_concurrency)
        return Verdict::ConcurrencyLimited;
    m_window.append(now);
    ++m_inFlight;
    return Verdict::Admitted;
}

void MarketoLimiter::release()
{
    if (m_inFlight > 0)
        --m_inFlight;
}

} // namespace msi::sandbox
