#pragma once

#include <QDate>
#include <QList>

namespace msi::sandbox {

class SandboxClock;

// Marketo's shared limits on the sandbox clock: calls per sliding window (606), calls in flight
// (615) and calls per day, reset at midnight US Central (607).
class MarketoLimiter final
{
public:
    enum class Verdict { Admitted, RateLimited, ConcurrencyLimited, QuotaReached };

    MarketoLimiter(const SandboxClock &clock, int calls, int windowSeconds, int concurrency, int dailyQuota);

    // Decides one REST call. Admitted calls are in flight until release().
    Verdict admit();
    void release();

    int rateCalls() const { return m_calls; }
    int rateWindowSeconds() const { return m_windowSeconds; }
    int inFlight() const { return m_inFlight; }
    int usedToday();
    void setUsedToday(int used) { m_usedToday = used; }
    int dailyQuota() const { return m_dailyQuota; }
    void setDailyQuota(int calls) { m_dailyQuota = calls; }

private:
    void rollDay();
    const SandboxClock &m_clock;
    int m_calls;
    int m_windowSeconds;
    int m_concurrency;
    int m_dailyQuota;
    QList<qint64> m_window; // admission times (ms) inside the current window
    int m_inFlight = 0;
    int m_usedToday = 0;
    QDate m_day;
};

} // namespace msi::sandbox
