#pragma once

#include "sandbox/HttpExchange.h"

#include <QHash>
#include <QString>
#include <QUrl>

namespace msi::sandbox {

class SandboxClock;

// The emulated Salesforce OAuth 2.0 server: client_credentials, authorization_code with PKCE
// (S256 and plain), refresh_token, revoke, and access-token validation with a session lifetime.
class SalesforceAuth final
{
public:
    SalesforceAuth(const SandboxClock &clock, QString orgId, QString userId);

    void setTokenTtlSeconds(int seconds) { m_ttlSeconds = seconds; }
    void setBaseUrl(const QUrl &url) { m_baseUrl = url; }
    void setUserId(const QString &userId) { m_userId = userId; }

    // POST /services/oauth2/token
    HttpReply token(const HttpRequest &request);
    // GET/POST /services/oauth2/authorize (browser-less approve page + redirect with code and state)
    HttpReply authorize(const HttpRequest &request);
    // POST /services/oauth2/revoke
    HttpReply revoke(const HttpRequest &request);

    enum class TokenStatus { Valid, Missing, Invalid, Expired };
    TokenStatus check(const HttpRequest &request) const;
    void expireAll(); // fault "expire" and the admin endpoint

    QString identityUrl() const;
    QString orgId() const { return m_orgId; }
    QString userId() const { return m_userId; }

private:
    struct Code {
        QString clientId;
        QString redirectUri;
        QString challenge;
        QString method;
        QString scope;
        qint64 expiresMs = 0;
    };
    struct Session {
        qint64 expiresMs = 0;
        QString refreshToken; // the refresh token it came from, for revocation
    };
    HttpReply issue(const QString &scope, bool withRefresh, const QString &existingRefresh, bool clientCredentials);
    static HttpReply oauthError(const QString &error, const QString &description, int status = 400);
    bool clientMatches(const HttpRequest &request, const QUrlQuery &form, bool requireSecret, HttpReply *error) const;

    const SandboxClock &m_clock;
    QString m_orgId;
    QString m_userId;
    QUrl m_baseUrl;
    int m_ttlSeconds = 3600;
    QHash<QString, Code> m_codes;
    QHash<QString, Session> m_sessions;      // access token -> session
    QHash<QString, QString> m_refreshTokens; // refresh token -> scope
};

} // namespace msi::sandbox
