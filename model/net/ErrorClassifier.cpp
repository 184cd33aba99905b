#include "net/ErrorClassifier.h"

#include "net/Redactor.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>

namespace msi::net {

namespace {

constexpr qint64 kMarketoRateWindowMs = 20'000;

ApiError make(ApiError::Kind kind, const QString &code, const QString &message,
              const QString &endpoint, int httpStatus = 0)
{
    ApiError e;
    e.kind = kind;
    e.code = code;
    e.serverMessage = Redactor::text(message);
    e.endpoint = endpoint;
    e.httpStatus = httpStatus;
    return e;
}

ApiError::Kind kindForHttpStatus(int status)
{
    if (status == 429)
        return ApiError::Kind::RateLimited;
    if (status == 408 || status >= 500)
        return ApiError::Kind::Transient;
    return ApiError::Kind::Fatal;
}

ApiError classifyOAuth(int httpStatus, const QJsonObject &o, const QString &endpoint)
{
    const QString code = o.value(QStringLiteral("error")).toString();
    const QString description = o.value(QStringLiteral("error_description")).toString();
    if (httpStatus >= 500)
        return make(ApiError::Kind::Transient, code.isEmpty() ? QStringLiteral("HTTP %1").arg(httpStatus) : code,
                    description, endpoint, httpStatus);
    return make(ApiError::Kind::Fatal, code, description, endpoint, httpStatus);
}

ApiError classifySalesforce(int httpStatus, const QJsonDocument &json, const QString &endpoint)
{
    QString code;
    QString message;
    if (json.isArray() && !json.array().isEmpty()) {
        const QJsonObject first = json.array().first().toObject();
        code = first.value(QStringLiteral("errorCode")).toString();
        message = first.value(QStringLiteral("message")).toString();
    } else if (json.isObject()) {
        const QJsonObject o = json.object();
        if (o.contains(QStringLiteral("error")))
            return classifyOAuth(httpStatus, o, endpoint);
        code = o.value(QStringLiteral("errorCode")).toString();
        message = o.value(QStringLiteral("message")).toString();
    }
    if (code.isEmpty())
        code = QStringLiteral("HTTP %1").arg(httpStatus);

    if (httpStatus == 401 || code == u"INVALID_SESSION_ID")
        return make(ApiError::Kind::AuthExpired, code, message, endpoint, httpStatus);
    if (code == u"REQUEST_LIMIT_EXCEEDED") {
        // "TotalRequests Limit exceeded." is the rolling 24-hour allocation; the other variant
        // ("ConcurrentPerOrgLongTxn Limit exceeded.") is the long-request concurrency limit.
        const bool daily = message.contains(QStringLiteral("TotalRequests"), Qt::CaseInsensitive);
        return make(daily ? ApiError::Kind::QuotaExhausted : ApiError::Kind::ConcurrencyLimited,
                    code, message, endpoint, httpStatus);
    }
    if (code == u"SERVER_UNAVAILABLE" || code == u"UNABLE_TO_LOCK_ROW")
        return make(ApiError::Kind::Transient, code, message, endpoint, httpStatus);
    return make(kindForHttpStatus(httpStatus), code, message, endpoint, httpStatus);
}

} // namespace

ApiError ErrorClassifier::classifyMarketoCode(const QString &code, const QString &message,
                                              const QString &endpoint)
{
    const int n = code.toInt();
    switch (n) {
    case 601:
    case 602:
        return make(ApiError::Kind::AuthExpired, code, message, endpoint, 200);
    case 606: {
        // "Max rate limit '100' exceeded with in '20' secs": wait out the window it names.
        ApiError e = make(ApiError::Kind::RateLimited, code, message, endpoint, 200);
        static const QRegularExpression window(QStringLiteral("in\\s*'(\\d+)'\\s*sec"));
        const auto m = window.match(message);
        const qint64 seconds = m.hasMatch() ? m.captured(1).toLongLong() : 0;
        e.retryAfterMs = seconds > 0 ? seconds * 1000 : kMarketoRateWindowMs;
        return e;
    }
    case 615:
        return make(ApiError::Kind::ConcurrencyLimited, code, message, endpoint, 200);
    case 604: // request timed out
    case 608: // API temporarily unavailable
    case 611: // system error
    case 713: // transient error
    case 719: // lock wait timeout
        return make(ApiError::Kind::Transient, code, message, endpoint, 200);
    case 607: {
        ApiError e = make(ApiError::Kind::QuotaExhausted, code, message, endpoint, 200);
        e.resetsAt = marketoQuotaReset(QDateTime::currentDateTimeUtc());
        return e;
    }
    default: // 603 access denied, 609 invalid JSON, 610 not found, 612 content type, 7xx ...
        return make(ApiError::Kind::Fatal, code, message, endpoint, 200);
    }
}

ApiError ErrorClassifier::classify(Api api, int httpStatus, const QJsonDocument &json, bool jsonOk,
                                   const QString &endpoint)
{
    const bool httpOk = httpStatus >= 200 && httpStatus < 300;
    if (!jsonOk) {
        if (!httpOk)
            return make(kindForHttpStatus(httpStatus), QStringLiteral("HTTP %1").arg(httpStatus),
                        QString(), endpoint, httpStatus);
        return make(ApiError::Kind::BadResponse, QStringLiteral("malformed JSON"), QString(),
                    endpoint, httpStatus);
    }

    switch (api) {
    case Api::Generic:
        if (httpOk)
            return ApiError();
        return make(kindForHttpStatus(httpStatus), QStringLiteral("HTTP %1").arg(httpStatus),
                    QString(), endpoint, httpStatus);

    case Api::MarketoIdentity:
    case Api::SalesforceOAuth: {
        const QJsonObject o = json.object();
        if (!httpOk || o.contains(QStringLiteral("error")))
            return classifyOAuth(httpStatus, o, endpoint);
        if (o.value(QStringLiteral("access_token")).toString().isEmpty())
            return make(ApiError::Kind::BadResponse, QStringLiteral("no access_token"),
                        QString(), endpoint, httpStatus);
        return ApiError();
    }

    case Api::Marketo: {
        if (!httpOk) {
            // Real HTTP errors from Marketo: 413 (body > 1 MB), 414 (URI > 8 KB), 5xx.
            ApiError e = make(kindForHttpStatus(httpStatus), QStringLiteral("HTTP %1").arg(httpStatus),
                              QString(), endpoint, httpStatus);
            if (json.isObject()) {
                const QJsonArray errors = json.object().value(QStringLiteral("errors")).toArray();
                if (!errors.isEmpty())
                    e.serverMessage = Redactor::text(
                            errors.first().toObject().value(QStringLiteral("message")).toString());
            }
            return e;
        }
        if (!json.isObject())
            return make(ApiError::Kind::BadResponse, QStringLiteral("not a JSON object"),
                        QString(), endpoint, httpStatus);
        const QJsonObject o = json.object();
        if (o.value(QStringLiteral("success")).toBool(false))
            return ApiError();
        const QJsonArray errors = o.value(QStringLiteral("errors")).toArray();
        if (errors.isEmpty())
            return make(ApiError::Kind::BadResponse, QStringLiteral("success:false without errors"),
                        QString(), endpoint, httpStatus);
        const QJsonObject first = errors.first().toObject();
        const QJsonValue codeValue = first.value(QStringLiteral("code"));
        const QString code = codeValue.isString() ? codeValue.toString()
                                                  : QString::number(codeValue.toInt());
        return classifyMarketoCode(code, first.value(QStringLiteral("message")).toString(),
                                   endpoint);
    }

    case Api::Salesforce:
        if (httpOk)
            return ApiError();
        return classifySalesforce(httpStatus, json, endpoint);
    }
    return ApiError();
}

ApiError ErrorClassifier::classifyNetwork(QNetworkReply::NetworkError error,
                                          const QString &errorString, bool timedOut,
                                          const QString &endpoint, const QString &host)
{
    if (timedOut)
        return make(ApiError::Kind::Network, QStringLiteral("timeout"),
                    QCoreApplication::translate("msi::net::ErrorClassifier",
                                                "no answer within the time limit"),
                    endpoint);
    switch (error) {
    case QNetworkReply::HostNotFoundError:
        // The name service answered that the name does not exist: not transient, not retried.
        return make(ApiError::Kind::Network, ApiError::hostNotFoundCode(),
                    QCoreApplication::translate("msi::net::ErrorClassifier",
                                                "the host %1 was not found (its name does not "
                                                "resolve); check the URL")
                        .arg(host.isEmpty() ? errorString : host),
                    endpoint);
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::InsecureRedirectError:
    case QNetworkReply::ProtocolUnknownError:
        return make(ApiError::Kind::Fatal, QStringLiteral("network %1").arg(int(error)),
                    errorString, endpoint);
    default:
        return make(ApiError::Kind::Network, QStringLiteral("network %1").arg(int(error)),
                    errorString, endpoint);
    }
}

bool ErrorClassifier::countsTowardMarketoQuota(const ApiError &error)
{
    static const QStringList notCounted = {QStringLiteral("601"), QStringLiteral("602"),
                                           QStringLiteral("604"), QStringLiteral("605"),
                                           QStringLiteral("608"), QStringLiteral("611")};
    return !notCounted.contains(error.code);
}

QDateTime ErrorClassifier::marketoQuotaReset(const QDateTime &nowUtc)
{
    QTimeZone central(QByteArrayLiteral("America/Chicago"));
    if (!central.isValid())
        central = QTimeZone(-6 * 3600); // CST when no time-zone data is installed
    const QDateTime local = nowUtc.toTimeZone(central);
    const QDateTime midnight(local.date().addDays(1), QTime(0, 0), central);
    return midnight.toUTC();
}

} // namespace msi::net
