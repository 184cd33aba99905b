#pragma once

#include "net/HttpRequest.h"
#include "net/RateLimiter.h"

#include <QString>
#include <QUrl>

namespace msi::marketo {

// What the caller passes in (from the keychain or the environment); never stored or logged here.
struct MarketoCredentials final
{
    QUrl baseUrl;          // https://123-ABC-456.mktorest.com (a trailing /rest or /identity is fine)
    QString clientId;
    QString clientSecret;
};

// Defaults leave headroom under Marketo's limits (100 calls / 20 s, 10 in flight, 300 records,
// 1 MB bodies, 8 KB URLs) for other integrations on the same instance.
struct MarketoSettings final
{
    net::RateBudget budget;                  // 80 calls / 20 s, 4 in flight
    net::RetryPolicy retry;                  // 5 attempts, 1 s .. 30 s back-off, 6 waits for 606
    net::Timeouts timeouts;                  // 120 s inactivity (sync leads may take 90 s), 300 s total
    qint64 tokenRenewMarginMs = 60'000;      // renew a token with less than this left
    int maxBatchRecords = 300;
    qsizetype maxBatchBytes = 1'000'000;
    int maxFilterValues = 300;
    int maxUrlBytes = 7'900;
    int pageSize = 300;                      // batchSize for get-by-filter
};

} // namespace msi::marketo
