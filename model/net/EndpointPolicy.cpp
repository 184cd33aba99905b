#include "net/EndpointPolicy.h"

#include <QHostAddress>

namespace msi::net {

bool EndpointPolicy::isLoopback(const QUrl &url)
{
    const QString host = url.host();
    if (host.compare(u"localhost", Qt::CaseInsensitive) == 0)
        return true;
    QHostAddress address;
    return address.setAddress(host) && address.isLoopback();
}

bool EndpointPolicy::isAllowed(const QUrl &url, QString *why)
{
    if (!url.isValid() || url.host().isEmpty()) {
        if (why)
            *why = tr("\"%1\" is not a valid URL").arg(url.toString(QUrl::RemoveQuery));
        return false;
    }
    const QString scheme = url.scheme().toLower();
    if (scheme == u"https")
        return true;
    if (scheme == u"http" && isLoopback(url))
        return true;
    if (why)
        *why = tr("only https:// addresses are allowed (plain http only on this computer); "
                  "refused %1").arg(url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo));
    return false;
}

bool EndpointPolicy::isAllowedRedirect(const QUrl &from, const QUrl &to, QString *why)
{
    if (from.scheme().compare(u"https", Qt::CaseInsensitive) == 0
        && to.scheme().compare(u"https", Qt::CaseInsensitive) != 0) {
        if (why)
            *why = tr("the server redirected from https to an insecure address (%1); refused")
                           .arg(to.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo));
        return false;
    }
    return isAllowed(to, why);
}

} // namespace msi::net
