#include "store/IdMapRepository.h"

#include "core/SalesforceId.h"
#include "store/Logging.h"
#include "store/Transaction.h"
#include "store/Workspace.h"

#include <QSqlError>
#include <QSqlQuery>

namespace msi::store {

namespace {

QString canonical(const QString &salesforceId)
{
    return core::SalesforceId(salesforceId).id18();
}

} // namespace

IdMapRepository::IdMapRepository(Workspace &workspace)
    : m_workspace(workspace)
{
}

bool IdMapRepository::put(const QList<IdMapping> &mappings, QString *error)
{
    QSqlDatabase db = m_workspace.connection();
    Transaction transaction(db);
    if (!transaction.isActive()) {
        if (error)
            *error = transaction.error();
        return false;
    }
    QSqlQuery owner(db);
    owner.prepare(QStringLiteral(
        "SELECT salesforce_id FROM id_map WHERE entity = ? AND marketo_id = ? AND salesforce_id <> ?"));
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "INSERT INTO id_map (entity, salesforce_id, marketo_id, run_id, updated_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (entity, salesforce_id) DO UPDATE SET marketo_id = excluded.marketo_id, "
        "run_id = excluded.run_id, updated_at = excluded.updated_at"));
    const QString now = nowTimestamp();
    for (const IdMapping &m : mappings) {
        const core::SalesforceId id(m.salesforceId);
        if (!id.isValid()) {
            if (error)
                *error = tr("Salesforce ID %1 cannot be mapped to Marketo id %2: %3")
                             .arg(m.salesforceId)
                             .arg(m.marketoId)
                             .arg(id.explanation());
            return false;
        }
        owner.addBindValue(nameOf(m.entity));
        owner.addBindValue(m.marketoId);
        owner.addBindValue(id.id18());
        if (owner.exec() && owner.next()) {
            if (error)
                *error = tr("Marketo %1 id %2 is already mapped to Salesforce ID %3, so it cannot "
                            "also be mapped to %4.")
                             .arg(nameOf(m.entity))
                             .arg(m.marketoId)
                             .arg(owner.value(0).toString(), id.id18());
            return false;
        }
        owner.finish();
        query.addBindValue(nameOf(m.entity));
        query.addBindValue(id.id18());
        query.addBindValue(m.marketoId);
        query.addBindValue(m.runId > 0 ? QVariant(m.runId) : QVariant());
        query.addBindValue(now);
        if (!query.exec()) {
            qCWarning(lcStore) << "id map:" << query.lastError().text();
            if (error)
                *error = query.lastError().text();
            return false;
        }
    }
    query.finish();
    return transaction.commit(error);
}

std::optional<qint64> IdMapRepository::marketoId(Entity entity, const QString &salesforceId) const
{
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral("SELECT marketo_id FROM id_map WHERE entity = ? AND salesforce_id = ?"));
    query.addBindValue(nameOf(entity));
    query.addBindValue(canonical(salesforceId));
    if (query.exec() && query.next())
        return query.value(0).toLongLong();
    return std::nullopt;
}

std::optional<QString> IdMapRepository::salesforceId(Entity entity, qint64 marketoId) const
{
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral("SELECT salesforce_id FROM id_map WHERE entity = ? AND marketo_id = ?"));
    query.addBindValue(nameOf(entity));
    query.addBindValue(marketoId);
    if (query.exec() && query.next())
        return query.value(0).toString();
    return std::nullopt;
}

QHash<QString, qint64> IdMapRepository::marketoIds(Entity entity, const QStringList &salesforceIds) const
{
    QHash<QString, qint64> result;
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral("SELECT marketo_id FROM id_map WHERE entity = ? AND salesforce_id = ?"));
    for (const QString &raw : salesforceIds) {
        const QString id = canonical(raw);
        if (id.isEmpty())
            continue;
        query.addBindValue(nameOf(entity));
        query.addBindValue(id);
        if (query.exec() && query.next())
            result.insert(id, query.value(0).toLongLong());
    }
    return result;
}

qint64 IdMapRepository::count(Entity entity) const
{
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM id_map WHERE entity = ?"));
    query.addBindValue(nameOf(entity));
    if (query.exec() && query.next())
        return query.value(0).toLongLong();
    return -1;
}

bool IdMapRepository::remove(Entity entity, const QString &salesforceId, QString *error)
{
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral("DELETE FROM id_map WHERE entity = ? AND salesforce_id = ?"));
    query.addBindValue(nameOf(entity));
    query.addBindValue(canonical(salesforceId));
    if (query.exec())
        return true;
    if (error)
        *error = query.lastError().text();
    return false;
}

} // namespace msi::store
