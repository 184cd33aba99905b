#include "creds/SecretKey.h"

#include <QUrl>

namespace msi::creds {

namespace {

QString encoded(const QString &name)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(name, QByteArrayLiteral(" ")));
}

} // namespace

QString SecretKey::kindName(SecretKind kind)
{
    switch (kind) {
    case SecretKind::ClientSecret:
        return QStringLiteral("client-secret");
    case SecretKind::RefreshToken:
        return QStringLiteral("refresh-token");
    case SecretKind::AccessToken:
        return QStringLiteral("access-token");
    }
    return QString();
}

std::optional<SecretKind> SecretKey::kindFromName(const QString &name)
{
    for (SecretKind kind : {SecretKind::ClientSecret, SecretKind::RefreshToken, SecretKind::AccessToken}) {
        if (kindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

QString SecretKey::entryName() const
{
    return encoded(workspace) + QLatin1Char('/') + encoded(profile) + QLatin1Char('/') + kindName(kind);
}

} // namespace msi::creds
