#include "net/ApiError.h"

#include <QLocale>

namespace msi::net {

bool ApiError::isRetryable() const
{
    switch (kind) {
    case Kind::Transient:
    case Kind::RateLimited:
    case Kind::ConcurrencyLimited:
        return true;
    case Kind::Network:
        return code != hostNotFoundCode();
    default:
        return false;
    }
}

QString ApiError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None: return QStringLiteral("none");
    case Kind::Transient: return QStringLiteral("transient");
    case Kind::RateLimited: return QStringLiteral("rate-limited");
    case Kind::ConcurrencyLimited: return QStringLiteral("concurrency-limited");
    case Kind::QuotaExhausted: return QStringLiteral("quota-exhausted");
    case Kind::AuthExpired: return QStringLiteral("auth-expired");
    case Kind::Fatal: return QStringLiteral("fatal");
    case Kind::Network: return QStringLiteral("network");
    case Kind::BadResponse: return QStringLiteral("bad-response");
    }
    return QString();
}

QString ApiError::message() const
{
    const QString where = endpoint.isEmpty() ? tr("the server") : endpoint;
    const QString said = serverMessage.isEmpty()
            ? QString()
            : tr(" The server said: %1").arg(serverMessage);
    const QString codeText = code.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(code);
    switch (kind) {
    case Kind::None:
        return QString();
    case Kind::Transient:
        return tr("%1 failed with a temporary server error%2; retried and gave up.%3")
                .arg(where, codeText, said);
    case Kind::RateLimited:
        return tr("%1 hit the API rate limit%2; waited for the rate window and gave up.%3")
                .arg(where, codeText, said);
    case Kind::ConcurrencyLimited:
        return tr("%1 hit the limit of calls running at once%2; lower the concurrency or try "
                  "later.%3").arg(where, codeText, said);
    case Kind::QuotaExhausted: {
        const QString reset = resetsAt.isValid()
                ? tr(" The quota resets at 00:00 US Central (%1 UTC).")
                          .arg(resetsAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")))
                : QString();
        return tr("%1: the daily API quota is exhausted%2; stopped without retrying, the remaining "
                  "work can be resumed.%3%4").arg(where, codeText, reset, said);
    }
    case Kind::AuthExpired:
        return tr("%1: the access token was refused%2 and signing in again did not help; check "
                  "the credentials.%3").arg(where, codeText, said);
    case Kind::Fatal:
        return tr("%1 failed%2.%3").arg(where, codeText, said);
    case Kind::Network:
        if (code == hostNotFoundCode())
            return tr("%1: %2").arg(where, serverMessage); // DNS, not the server, answered
        return tr("%1 could not be reached%2.%3").arg(where, codeText, said);
    case Kind::BadResponse:
        return tr("%1 answered with something that is not valid JSON%2.%3")
                .arg(where, codeText, said);
    }
    return QString();
}

} // namespace msi::net
