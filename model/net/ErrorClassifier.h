#pragma once

#include "net/ApiError.h"

#include <QJsonDocument>
#include <QNetworkReply>

namespace msi::net {

// The one place that turns an HTTP answer into an ApiError (issue 4 "errors classified once").
//  Marketo REST: request-level errors arrive as HTTP 200 with success:false and errors[].code;
//    601/602 -> AuthExpired (refresh once, replay); 606 -> RateLimited (wait the window);
//    615 -> ConcurrencyLimited; 604/608/611/713/719 and 5xx -> Transient; 607 -> QuotaExhausted
//    (resets 00:00 US Central); 603/609/610/612 and every other code -> Fatal.
//  Salesforce REST: errors are a JSON array of {errorCode, message}; 401 INVALID_SESSION_ID ->
//    AuthExpired; 403 REQUEST_LIMIT_EXCEEDED -> QuotaExhausted (TotalRequests) or
//    ConcurrencyLimited; 5xx -> Transient; other 4xx -> Fatal.
//  OAuth token endpoints (both vendors): {error, error_description} -> Fatal.
class ErrorClassifier final
{
public:
    enum class Api { Generic, Marketo, MarketoIdentity, Salesforce, SalesforceOAuth };

    // A parsed HTTP answer. jsonOk=false means the body could not be parsed (BadResponse unless
    // the status already says what happened).
    static ApiError classify(Api api, int httpStatus, const QJsonDocument &json, bool jsonOk,
                             const QString &endpoint);
    static ApiError classifyMarketoCode(const QString &code, const QString &message,
                                        const QString &endpoint);
    // host: the host called, named when it does not resolve (HostNotFoundError: not retried).
    static ApiError classifyNetwork(QNetworkReply::NetworkError error, const QString &errorString,
                                    bool timedOut, const QString &endpoint,
                                    const QString &host = QString());

    // Marketo does not count these against the daily quota or the rate window.
    static bool countsTowardMarketoQuota(const ApiError &error);

    // The next 00:00 in US Central time (America/Chicago) after nowUtc, as UTC.
    static QDateTime marketoQuotaReset(const QDateTime &nowUtc);
};

} // namespace msi::net
