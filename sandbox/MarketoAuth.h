#pragma once

#include "sandbox/HttpExchange.h"

#include <QHash>
#include <QString>

namespace msi::sandbox {

class SandboxClock;

// Marketo's Identity service: client-credentials tokens that stay the same until they expire
// (expires_in counts down), accepted only in the Authorization: Bearer header.
class MarketoAuth final
{
public:
    enum class TokenStatus { Valid, Missing, QueryParameter, Invalid, Expired };

    explicit MarketoAuth(const SandboxClock &clock) : m_clock(clock) {}
    void setTokenTtlSeconds(int seconds) { m_ttlSeconds = seconds; }

    // GET or POST /identity/oauth/token
    HttpReply token(const HttpRequest &request);
    TokenStatus check(const HttpRequest &request) const;
    void expireAll();

private:
    struct Token {
        QString value;
        qint64 expiresMs = 0;
    };
    const SandboxClock &m_clock;
    int m_ttlSeconds = 3600;
    Token m_current;                 // the one live token of the sandbox-client service
    QHash<QString, qint64> m_issued; // every token ever issued -> expiry (to tell 601 from 602)
};

} // namespace msi::sandbox
