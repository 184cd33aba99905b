#include "store/ProfileRepository.h"

#include "store/Logging.h"
#include "store/Workspace.h"

#include <QSqlError>
#include <QSqlQuery>

namespace msi::store {

namespace {

bool fail(const QSqlQuery &query, QString *error)
{
    qCWarning(lcStore) << "profiles:" << query.lastError().text();
    if (error)
        *error = query.lastError().text();
    return false;
}

ConnectionProfile fromQuery(const QSqlQuery &query)
{
    ConnectionProfile p;
    p.name = query.value(0).toString();
    p.kind = systemFromName(query.value(1).toString()).value_or(System::Salesforce);
    p.environment = environmentFromName(query.value(2).toString()).value_or(Environment::Production);
    p.loginUrl = QUrl(query.value(3).toString());
    p.apiUrl = QUrl(query.value(4).toString());
    p.identityUrl = QUrl(query.value(5).toString());
    p.clientId = query.value(6).toString();
    p.userName = query.value(7).toString();
    return p;
}

const QString kColumns = QStringLiteral(
    "name, kind, environment, login_url, api_url, identity_url, client_id, user_name");

} // namespace

ProfileRepository::ProfileRepository(Workspace &workspace)
    : m_workspace(workspace)
{
}

bool ProfileRepository::save(const ConnectionProfile &profile, QString *error)
{
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral(
        "INSERT INTO profiles (name, kind, environment, login_url, api_url, identity_url, "
        "client_id, user_name, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, environment = excluded.environment, "
        "login_url = excluded.login_url, api_url = excluded.api_url, "
        "identity_url = excluded.identity_url, client_id = excluded.client_id, "
        "user_name = excluded.user_name, updated_at = excluded.updated_at"));
    query.addBindValue(profile.name);
    query.addBindValue(nameOf(profile.kind));
    query.addBindValue(nameOf(profile.environment));
    query.addBindValue(profile.loginUrl.toString());
    query.addBindValue(profile.apiUrl.toString());
    query.addBindValue(profile.identityUrl.toString());
    query.addBindValue(profile.clientId);
    query.addBindValue(profile.userName);
    query.addBindValue(nowTimestamp());
    return query.exec() || fail(query, error);
}

std::optional<ConnectionProfile> ProfileRepository::profile(const QString &name) const
{
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM profiles WHERE name = ?"));
    query.addBindValue(name);
    if (!query.exec()) {
        fail(query, nullptr);
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return fromQuery(query);
}

QList<ConnectionProfile> ProfileRepository::profiles() const
{
    QList<ConnectionProfile> result;
    QSqlQuery query(m_workspace.connection());
    if (!query.exec(QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM profiles ORDER BY name"))) {
        fail(query, nullptr);
        return result;
    }
    while (query.next())
        result << fromQuery(query);
    return result;
}

bool ProfileRepository::remove(const QString &name, QString *error)
{
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral("DELETE FROM profiles WHERE name = ?"));
    query.addBindValue(name);
    return query.exec() || fail(query, error);
}

} // namespace msi::store
