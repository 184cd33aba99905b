#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace msi::net {

// Which URLs the product may call: https:// only, except plain http:// on loopback (the sandbox
// and the OAuth redirect listener). Redirects may not downgrade https to http.
class EndpointPolicy final
{
    Q_DECLARE_TR_FUNCTIONS(msi::net::EndpointPolicy)
public:
    static bool isLoopback(const QUrl &url);
    static bool isAllowed(const QUrl &url, QString *why = nullptr);
    static bool isAllowedRedirect(const QUrl &from, const QUrl &to, QString *why = nullptr);
};

} // namespace msi::net
