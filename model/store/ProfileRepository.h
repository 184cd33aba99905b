#pragma once

#include "store/StoreTypes.h"

#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace msi::store {

class Workspace;

// A connection profile: where and as whom to connect. Never holds a secret (client secrets and
// refresh tokens live in the OS keychain, see msi::creds::SecretStore).
struct ConnectionProfile
{
    QString name;
    System kind = System::Salesforce;
    Environment environment = Environment::Production;
    QUrl loginUrl;    // Salesforce login host / My Domain; Marketo REST endpoint
    QUrl apiUrl;      // Salesforce instance_url; Marketo REST base (…/rest)
    QUrl identityUrl; // Marketo identity endpoint (…/identity); unused for Salesforce
    QString clientId;
    QString userName;

    bool operator==(const ConnectionProfile &) const = default;
};

// Table `profiles`.
class ProfileRepository final
{
public:
    explicit ProfileRepository(Workspace &workspace);

    // Inserts or replaces the profile with the same name.
    bool save(const ConnectionProfile &profile, QString *error = nullptr);
    std::optional<ConnectionProfile> profile(const QString &name) const;
    QList<ConnectionProfile> profiles() const;
    bool remove(const QString &name, QString *error = nullptr);

private:
    Workspace &m_workspace;
};

} // namespace msi::store
