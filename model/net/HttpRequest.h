#pragma once

#include "net/ApiError.h"
#include "net/ErrorClassifier.h"

#include <QByteArray>
#include <QList>
#include <QNetworkRequest>
#include <QPair>
#include <QUrl>

#include <functional>
#include <memory>

namespace msi::net {

class RateLimiter;
class UsageCounter;

// Retries for transient failures only (5xx, Marketo 604/608/611/713, 615, dropped connections),
// with jittered exponential back-off; 606 waits out the rate window instead.
struct RetryPolicy final
{
    int maxAttempts = 5;            // attempts in total for transient / network / 615 failures
    qint64 baseDelayMs = 1'000;     // first back-off ceiling; doubles per attempt
    qint64 maxDelayMs = 30'000;     // back-off cap
    int maxRateLimitWaits = 6;      // 606 waits for one request before giving up
    qint64 rateLimitWaitMs = 0;     // 0 = what the error asks for (Marketo: its 20 s window)
};

// Both are longer than the servers' own limits (Marketo sync leads may take 90 s).
struct Timeouts final
{
    qint64 inactivityMs = 120'000;  // no byte moved for this long -> abort and retry
    qint64 totalMs = 300'000;       // one attempt may not take longer than this
};

// Everything one HTTP call needs. Secrets only enter through `authorize` (a header set just
// before sending) or the body; neither is ever logged.
struct HttpRequest final
{
    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    ErrorClassifier::Api api = ErrorClassifier::Api::Generic;
    Timeouts timeouts;
    RetryPolicy retry;
    int maxRedirects = 5;
    std::shared_ptr<RateLimiter> limiter;   // optional: waits for a slot before every attempt
    std::shared_ptr<UsageCounter> usage;    // optional: counts calls that reached the server
    bool countsTowardUsage = true;          // false for identity/token calls
    // Sets the Authorization header with the current token (called before every attempt, so a
    // replay after a refresh carries the new token).
    std::function<void(QNetworkRequest &)> authorize;
    // Runs before every attempt, after the rate-limiter slot (e.g. renews a token that expired
    // while the request waited); calls back with ApiError() to go on.
    std::function<void(std::function<void(const ApiError &)>)> prepare;
    // Gets a new token after AuthExpired; calls back with ApiError() on success. Used once.
    std::function<void(std::function<void(const ApiError &)>)> reauthenticate;
};

} // namespace msi::net
