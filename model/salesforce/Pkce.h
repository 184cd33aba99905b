#pragma once

#include <QByteArray>

namespace msi::salesforce {

// Proof Key for Code Exchange (RFC 7636, S256): the verifier stays in memory for one sign-in.
class Pkce final
{
public:
    // 64 URL-safe random characters (43..128 allowed).
    static QByteArray makeVerifier();
    // base64url(SHA-256(verifier)) without '=' padding.
    static QByteArray challenge(const QByteArray &verifier);
};

} // namespace msi::salesforce
