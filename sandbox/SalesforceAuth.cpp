#include "sandbox/SalesforceAuth.h"

#include "sandbox/Sandbox.h"
#include "sandbox/SandboxClock.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace msi::sandbox {

namespace {

QString randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), bytes / 4);
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString htmlEscape(const QString &s) { return s.toHtmlEscaped(); }

} // namespace

SalesforceAuth::SalesforceAuth(const SandboxClock &clock, QString orgId, QString userId)
    : m_clock(clock), m_orgId(std::move(orgId)), m_userId(std::move(userId))
{
}

QString SalesforceAuth::identityUrl() const
{
    return m_baseUrl.toString() + u"/id/"_qs + m_orgId + u'/' + m_userId;
}

HttpReply SalesforceAuth::oauthError(const QString &error, const QString &description, int status)
{
    return HttpReply::json(QJsonObject{{u"error"_qs, error}, {u"error_description"_qs, description}}, status);
}

bool SalesforceAuth::clientMatches(const HttpRequest &request, const QUrlQuery &form, bool requireSecret,
                                   HttpReply *error) const
{
    QString clientId = form.queryItemValue(u"client_id"_qs, QUrl::FullyDecoded);
    QString secret = form.queryItemValue(u"client_secret"_qs, QUrl::FullyDecoded);
    const QByteArray authorization = request.header("Authorization");
    if (authorization.startsWith("Basic ")) {
        const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
        const qsizetype colon = decoded.indexOf(':');
        if (colon > 0) {
            clientId = formDecode(decoded.left(colon));
            secret = formDecode(decoded.mid(colon + 1));
        }
    }
    if (clientId != Sandbox::clientId()) {
        *error = oauthError(u"invalid_client_id"_qs, u"client identifier invalid"_qs);
        return false;
    }
    if ((requireSecret || !secret.isEmpty()) && secret != Sandbox::clientSecret()) {
        *error = oauthError(u"invalid_client"_qs, u"invalid client credentials"_qs);
        return false;
    }
    return true;
}

HttpReply SalesforceAuth::issue(const QString &scope, bool withRefresh, const QString &existingRefresh,
                                bool clientCredentials)
{
    const QString access = m_orgId.left(15) + u"!AR"_qs + randomToken(72);
    const qint64 now = m_clock.nowMs();
    QString refresh = existingRefresh;
    if (withRefresh && refresh.isEmpty()) {
        refresh = u"5Aep861"_qs + randomToken(64);
        m_refreshTokens.insert(refresh, scope);
    }
    m_sessions.insert(access, Session{now + qint64(m_ttlSeconds) * 1000, refresh});
    const QString issuedAt = QString::number(now);
    const QString id = identityUrl();
    const QByteArray signature = QMessageAuthenticationCode::hash((id + issuedAt).toUtf8(),
                                                                  Sandbox::clientSecret().toUtf8(),
                                                                  QCryptographicHash::Sha256)
                                     .toBase64();
    QJsonObject body{{u"access_token"_qs, access},
                     {u"signature"_qs, QString::fromLatin1(signature)},
                     {u"scope"_qs, scope},
                     {u"instance_url"_qs, m_baseUrl.toString()},
                     {u"id"_qs, id},
                     {u"token_type"_qs, u"Bearer"_qs},
                     {u"issued_at"_qs, issuedAt}};
    if (withRefresh && existingRefresh.isEmpty())
        body.insert(u"refresh_token"_qs, refresh);
    if (clientCredentials) {
        body.insert(u"token_format"_qs, u"opaque"_qs);
        body.insert(u"api_instance_url"_qs, m_baseUrl.toString());
    }
    HttpReply reply = HttpReply::json(body);
    reply.setHeader("Cache-Control", "no-cache,must-revalidate,max-age=0,no-store,private");
    return reply;
}

HttpReply SalesforceAuth::token(const HttpRequest &request)
{
    if (request.method != "POST")
        return oauthError(u"invalid_request"_qs, u"must use HTTP POST"_qs);
    // Parameters come in the form body; some clients also put them in the query string.
    QUrlQuery form = request.formBody();
    for (const auto &item : request.query.queryItems(QUrl::FullyDecoded)) {
        if (!form.hasQueryItem(item.first))
            form.addQueryItem(item.first, item.second);
    }
    const QString grant = form.queryItemValue(u"grant_type"_qs, QUrl::FullyDecoded);
    HttpReply error;
    if (grant == u"client_credentials") {
        if (!clientMatches(request, form, true, &error))
            return error;
        return issue(u"api"_qs, false, QString(), true);
    }
    if (grant == u"authorization_code") {
        if (!clientMatches(request, form, false, &error))
            return error;
        const QString codeValue = form.queryItemValue(u"code"_qs, QUrl::FullyDecoded);
        const auto it = m_codes.constFind(codeValue);
        if (it == m_codes.constEnd() || it->expiresMs < m_clock.nowMs())
            return oauthError(u"invalid_grant"_qs, u"invalid authorization code"_qs);
        const Code code = it.value();
        m_codes.remove(codeValue); // single use
        if (form.queryItemValue(u"redirect_uri"_qs, QUrl::FullyDecoded) != code.redirectUri)
            return oauthError(u"redirect_uri_mismatch"_qs, u"redirect_uri must match configuration"_qs);
        const QString verifier = form.queryItemValue(u"code_verifier"_qs, QUrl::FullyDecoded);
        if (!code.challenge.isEmpty()) {
            if (verifier.isEmpty())
                return oauthError(u"invalid_request"_qs, u"code_verifier required"_qs);
            QString computed = verifier;
            if (code.method.compare(u"S256", Qt::CaseInsensitive) == 0) {
                computed = QString::fromLatin1(
                    QCryptographicHash::hash(verifier.toUtf8(), QCryptographicHash::Sha256)
                        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
            }
            if (computed != code.challenge)
                return oauthError(u"invalid_grant"_qs, u"invalid code verifier"_qs);
        }
        const bool refresh = code.scope.split(u' ').contains(u"refresh_token"_qs)
            || code.scope.split(u' ').contains(u"offline_access"_qs) || code.scope.isEmpty();
        return issue(code.scope.isEmpty() ? u"api refresh_token"_qs : code.scope, refresh, QString(), false);
    }
    if (grant == u"refresh_token") {
        if (!clientMatches(request, form, false, &error))
            return error;
        const QString refresh = form.queryItemValue(u"refresh_token"_qs, QUrl::FullyDecoded);
        const auto it = m_refreshTokens.constFind(refresh);
        if (it == m_refreshTokens.constEnd())
            return oauthError(u"invalid_grant"_qs, u"expired access/refresh token"_qs);
        return issue(it.value(), true, refresh, false);
    }
    if (grant.isEmpty())
        return oauthError(u"invalid_request"_qs, u"grant type not supported"_qs);
    return oauthError(u"unsupported_grant_type"_qs, u"grant type not supported"_qs);
}

HttpReply SalesforceAuth::authorize(const HttpRequest &request)
{
    QUrlQuery params = request.query;
    if (request.method == "POST") {
        const QUrlQuery form = request.formBody();
        for (const auto &item : form.queryItems(QUrl::FullyDecoded))
            params.addQueryItem(item.first, item.second);
    }
    auto value = [&](const char16_t *key) { return params.queryItemValue(QString::fromUtf16(key), QUrl::FullyDecoded); };
    const QString responseType = value(u"response_type");
    const QString clientId = value(u"client_id");
    const QString redirectUri = value(u"redirect_uri");
    const QUrl redirect(redirectUri);
    auto page = [](const QString &title, const QString &text, int status) {
        return HttpReply::text((u"<!DOCTYPE html><html><head><title>"_qs + title + u"</title></head><body><h1>"_qs
                                + title + u"</h1><p>"_qs + text + u"</p></body></html>"_qs)
                                   .toUtf8(),
                               "text/html;charset=UTF-8", status);
    };
    if (clientId != Sandbox::clientId())
        return page(u"error=invalid_client_id"_qs, u"client identifier invalid"_qs, 400);
    const QString host = redirect.host();
    const bool loopback = host == u"localhost" || host == u"127.0.0.1" || host == u"::1" || host == u"[::1]";
    if (!redirect.isValid() || redirect.scheme() != u"http" || !loopback)
        return page(u"error=redirect_uri_mismatch"_qs,
                    u"redirect_uri must be a loopback http URL (http://localhost:PORT/...)"_qs, 400);
    QUrl target = redirect;
    QUrlQuery back(redirect);
    const QString state = value(u"state");
    if (responseType != u"code") {
        back.addQueryItem(u"error"_qs, u"unsupported_response_type"_qs);
        back.addQueryItem(u"error_description"_qs, u"response type not supported"_qs);
        if (!state.isEmpty())
            back.addQueryItem(u"state"_qs, state);
        target.setQuery(back);
        return HttpReply::redirect(target);
    }
    const QString method = value(u"code_challenge_method").isEmpty() && !value(u"code_challenge").isEmpty()
        ? u"plain"_qs
        : value(u"code_challenge_method");
    const bool approved = request.method == "POST" ? !value(u"approve").isEmpty()
                                                   : value(u"sandbox_auto_approve") == u"true";
    const bool denied = request.method == "POST" && !value(u"deny").isEmpty();
    if (denied) {
        back.addQueryItem(u"error"_qs, u"access_denied"_qs);
        back.addQueryItem(u"error_description"_qs, u"end-user denied authorization"_qs);
        if (!state.isEmpty())
            back.addQueryItem(u"state"_qs, state);
        target.setQuery(back);
        return HttpReply::redirect(target);
    }
    if (!approved) {
        // The approve page: a plain HTML form, usable in any browser or by an HTTP client that
        // POSTs approve=Allow with the same parameters.
        QString hidden;
        for (const auto &item : params.queryItems(QUrl::FullyDecoded)) {
            hidden += u"<input type=\"hidden\" name=\""_qs + htmlEscape(item.first) + u"\" value=\""_qs
                + htmlEscape(item.second) + u"\">\n"_qs;
        }
        const QString html = u"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Allow Access?</title></head>"
                             u"<body><h1>MSI Bridge Sandbox</h1><p>Allow Access? The application <b>"_qs
            + htmlEscape(clientId) + u"</b> asks for access to the sandbox org as the integration user (scope: "_qs
            + htmlEscape(value(u"scope").isEmpty() ? u"api refresh_token"_qs : value(u"scope"))
            + u").</p><form method=\"post\" action=\"/services/oauth2/authorize\">\n"_qs + hidden
            + u"<button type=\"submit\" name=\"approve\" value=\"Allow\">Allow</button>\n"
              u"<button type=\"submit\" name=\"deny\" value=\"Deny\">Deny</button></form></body></html>"_qs;
        return HttpReply::text(html.toUtf8(), "text/html;charset=UTF-8");
    }
    if (!value(u"code_challenge").isEmpty() && method.compare(u"S256", Qt::CaseInsensitive) != 0
        && method.compare(u"plain", Qt::CaseInsensitive) != 0) {
        back.addQueryItem(u"error"_qs, u"invalid_request"_qs);
        back.addQueryItem(u"error_description"_qs, u"invalid code_challenge_method"_qs);
        target.setQuery(back);
        return HttpReply::redirect(target);
    }
    const QString code = u"aPrx"_qs + randomToken(48);
    m_codes.insert(code, Code{clientId, redirectUri, value(u"code_challenge"), method, value(u"scope"),
                              m_clock.nowMs() + 15 * 60 * 1000});
    back.addQueryItem(u"code"_qs, code);
    if (!state.isEmpty())
        back.addQueryItem(u"state"_qs, state);
    target.setQuery(back);
    return HttpReply::redirect(target);
}

HttpReply SalesforceAuth::revoke(const HttpRequest &request)
{
    QUrlQuery form = request.formBody();
    QString token = form.queryItemValue(u"token"_qs, QUrl::FullyDecoded);
    if (token.isEmpty())
        token = request.queryValue(u"token"_qs);
    if (m_refreshTokens.remove(token) > 0) {
        for (auto it = m_sessions.begin(); it != m_sessions.end();) {
            if (it->refreshToken == token)
                it = m_sessions.erase(it);
            else
                ++it;
        }
        return HttpReply::text(QByteArray(), "text/plain", 200);
    }
    if (m_sessions.remove(token) > 0)
        return HttpReply::text(QByteArray(), "text/plain", 200);
    return oauthError(u"invalid_token"_qs, u"invalid token"_qs);
}

SalesforceAuth::TokenStatus SalesforceAuth::check(const HttpRequest &request) const
{
    const QByteArray authorization = request.header("Authorization");
    QByteArray token;
    if (authorization.startsWith("Bearer ") || authorization.startsWith("OAuth "))
        token = authorization.mid(authorization.indexOf(' ') + 1).trimmed();
    if (token.isEmpty())
        return TokenStatus::Missing;
    const auto it = m_sessions.constFind(QString::fromLatin1(token));
    if (it == m_sessions.constEnd())
        return TokenStatus::Invalid;
    if (it->expiresMs <= m_clock.nowMs())
        return TokenStatus::Expired;
    return TokenStatus::Valid;
}

void SalesforceAuth::expireAll()
{
    const qint64 now = m_clock.nowMs();
    for (Session &s : m_sessions)
        s.expiresMs = qMin(s.expiresMs, now);
}

} // namespace msi::sandbox
