#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace msi::net {

// What went wrong with one API call, classified once (see ErrorClassifier) so every caller reacts
// the same way. A default-constructed ApiError means "no error".
struct ApiError final
{
    Q_DECLARE_TR_FUNCTIONS(msi::net::ApiError)
public:
    enum class Kind {
        None,
        Transient,          // 5xx, Marketo 604/608/611/713: back off and retry
        RateLimited,        // Marketo 606: wait out the rate window, then retry
        ConcurrencyLimited, // Marketo 615, Salesforce concurrent-request limit: back off
        QuotaExhausted,     // Marketo 607, Salesforce daily allocation: stop now, resumable
        AuthExpired,        // Marketo 601/602, Salesforce 401 INVALID_SESSION_ID: refresh once
        Fatal,              // everything a retry cannot fix (603/609/610/612, OAuth errors, 4xx)
        Network,            // no usable HTTP answer: refused, reset, timed out, TLS
        BadResponse,        // an answer that is not the JSON the endpoint promises
    };

    Kind kind = Kind::None;
    QString code;          // "606", "INVALID_SESSION_ID", "invalid_grant", "HTTP 503", ...
    QString serverMessage; // the server's own words (already redacted)
    QString endpoint;      // "GET /rest/v1/leads.json" (no query string, so no secrets)
    int httpStatus = 0;
    qint64 retryAfterMs = 0; // a wait the server or the rules ask for (606 window)
    QDateTime resetsAt;      // QuotaExhausted: when the quota comes back (UTC)

    bool isError() const { return kind != Kind::None; }
    // Worth another attempt of the same request after a wait.
    // Transient, rate and concurrency limits, and network failures, except a host name that
    // does not resolve (code hostNotFoundCode()): DNS answered, a retry gets the same answer.
    bool isRetryable() const;
    static QString hostNotFoundCode() { return QStringLiteral("host not found"); }
    // A sentence for people: the cause, the endpoint and what to do.
    QString message() const;
    static QString kindName(Kind kind);
};

} // namespace msi::net

Q_DECLARE_METATYPE(msi::net::ApiError)
