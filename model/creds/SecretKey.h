#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>

#include <optional>

namespace msi::creds {

Q_NAMESPACE

enum class SecretKind { ClientSecret, RefreshToken, AccessToken };
Q_ENUM_NS(SecretKind)

// Names one secret in the OS keychain: workspace + connection profile + kind.
struct SecretKey
{
    QString workspace;
    QString profile;
    SecretKind kind = SecretKind::ClientSecret;

    // "client-secret", "refresh-token", "access-token"
    static QString kindName(SecretKind kind);
    static std::optional<SecretKind> kindFromName(const QString &name);

    // The keychain entry name: "<workspace>/<profile>/<kind>" with '/' and '%' in the names
    // percent-encoded, so two different keys never share an entry.
    QString entryName() const;

    bool operator==(const SecretKey &) const = default;
};

} // namespace msi::creds

Q_DECLARE_METATYPE(msi::creds::SecretKey)
