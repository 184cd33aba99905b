#include "store/MappingRepository.h"

#include "store/Logging.h"
#include "store/StoreTypes.h"
#include "store/Workspace.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace msi::store {

namespace {

MappingVersion fromQuery(const QSqlQuery &query)
{
    MappingVersion v;
    v.version = query.value(0).toInt();
    v.document = QJsonDocument::fromJson(query.value(1).toString().toUtf8()).object();
    v.note = query.value(2).toString();
    v.createdAt = parseApiTimestamp(query.value(3).toString());
    return v;
}

} // namespace

MappingRepository::MappingRepository(Workspace &workspace)
    : m_workspace(workspace)
{
}

int MappingRepository::save(const QJsonObject &document, const QString &note, QString *error)
{
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral(
        "INSERT INTO mapping_versions (document, note, created_at) VALUES (?, ?, ?)"));
    query.addBindValue(QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Compact)));
    query.addBindValue(note);
    query.addBindValue(nowTimestamp());
    if (!query.exec()) {
        qCWarning(lcStore) << "mapping:" << query.lastError().text();
        if (error)
            *error = query.lastError().text();
        return 0;
    }
    return query.lastInsertId().toInt();
}

std::optional<MappingVersion> MappingRepository::fetch(const QString &where, const QVariant &value) const
{
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral("SELECT version, document, note, created_at FROM mapping_versions ")
                  + where);
    if (value.isValid())
        query.addBindValue(value);
    if (!query.exec()) {
        qCWarning(lcStore) << "mapping:" << query.lastError().text();
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return fromQuery(query);
}

std::optional<MappingVersion> MappingRepository::current() const
{
    return fetch(QStringLiteral("ORDER BY version DESC LIMIT 1"), {});
}

std::optional<MappingVersion> MappingRepository::version(int version) const
{
    return fetch(QStringLiteral("WHERE version = ?"), version);
}

QList<MappingVersion> MappingRepository::versions() const
{
    QList<MappingVersion> result;
    QSqlQuery query(m_workspace.connection());
    if (!query.exec(QStringLiteral(
            "SELECT version, document, note, created_at FROM mapping_versions ORDER BY version DESC"))) {
        qCWarning(lcStore) << "mapping:" << query.lastError().text();
        return result;
    }
    while (query.next())
        result << fromQuery(query);
    return result;
}

} // namespace msi::store
