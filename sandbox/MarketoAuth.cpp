#include "sandbox/MarketoAuth.h"

#include "sandbox/Sandbox.h"
#include "sandbox/SandboxClock.h"

#include <QUuid>

namespace msi::sandbox {

HttpReply MarketoAuth::token(const HttpRequest &request)
{
    // The spec defines the parameters in the query string (GET or POST); a form body is accepted too.
    QUrlQuery params = request.query;
    if (request.method == "POST") {
        const QUrlQuery form = request.formBody();
        for (const auto &item : form.queryItems(QUrl::FullyDecoded)) {
            if (!params.hasQueryItem(item.first))
                params.addQueryItem(item.first, item.second);
        }
    }
    auto value = [&](const char16_t *key) { return params.queryItemValue(QString::fromUtf16(key), QUrl::FullyDecoded); };
    if (value(u"grant_type") != u"client_credentials") {
        return HttpReply::json(QJsonObject{{u"error"_qs, u"unsupported_grant_type"_qs},
                                           {u"error_description"_qs, u"Unsupported grant type"_qs}},
                               400);
    }
    if (value(u"client_id") != Sandbox::clientId() || value(u"client_secret") != Sandbox::clientSecret()) {
        return HttpReply::json(QJsonObject{{u"error"_qs, u"unauthorized"_qs},
                                           {u"error_description"_qs, u"Bad client credentials"_qs}},
                               401);
    }
    const qint64 now = m_clock.nowMs();
    if (m_current.value.isEmpty() || m_current.expiresMs <= now) {
        m_current.value = QUuid::createUuid().toString(QUuid::WithoutBraces) + u":sb"_qs;
        m_current.expiresMs = now + qint64(m_ttlSeconds) * 1000;
        m_issued.insert(m_current.value, m_current.expiresMs);
    }
    // Same token until it expires, with its remaining life (can be 0 seconds, as field case C10 saw).
    const qint64 remaining = qMax<qint64>(0, (m_current.expiresMs - now) / 1000);
    return HttpReply::json(QJsonObject{{u"access_token"_qs, m_current.value},
                                       {u"token_type"_qs, u"bearer"_qs},
                                       {u"expires_in"_qs, remaining},
                                       {u"scope"_qs, u"msi-integration@aurora-power.example"_qs}});
}

MarketoAuth::TokenStatus MarketoAuth::check(const HttpRequest &request) const
{
    const QByteArray authorization = request.header("Authorization");
    if (!authorization.startsWith("Bearer ") && !authorization.startsWith("bearer ")) {
        // The access_token query/form parameter has been retired: answered as an invalid token.
        if (request.hasQueryItem(u"access_token"_qs) || request.body.contains("access_token="))
            return TokenStatus::QueryParameter;
        return TokenStatus::Missing;
    }
    const QString token = QString::fromLatin1(authorization.mid(7).trimmed());
    const auto it = m_issued.constFind(token);
    if (it == m_issued.constEnd())
        return TokenStatus::Invalid;
    if (it.value() <= m_clock.nowMs())
        return TokenStatus::Expired;
    return TokenStatus::Valid;
}

void MarketoAuth::expireAll()
{
    const qint64 now = m_clock.nowMs();
    for (auto it = m_issued.begin(); it != m_issued.end(); ++it)
        it.value() = qMin(it.value(), now);
    m_current.expiresMs = qMin(m_current.expiresMs, now);
}

} // namespace msi::sandbox
