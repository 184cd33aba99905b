#include "store/WatermarkRepository.h"

#include "store/Logging.h"
#include "store/Workspace.h"

#include <QSqlError>
#include <QSqlQuery>

namespace msi::store {

namespace {

bool fail(const QSqlQuery &query, QString *error)
{
    qCWarning(lcStore) << "watermarks:" << query.lastError().text();
    if (error)
        *error = query.lastError().text();
    return false;
}

} // namespace

WatermarkRepository::WatermarkRepository(Workspace &workspace)
    : m_workspace(workspace)
{
}

QDateTime WatermarkRepository::watermark(System system, const QString &objectType) const
{
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral("SELECT modstamp FROM watermarks WHERE system = ? AND object_type = ?"));
    query.addBindValue(nameOf(system));
    query.addBindValue(objectType);
    if (query.exec() && query.next())
        return parseApiTimestamp(query.value(0).toString());
    return {};
}

bool WatermarkRepository::advance(System system, const QString &objectType,
                                  const QDateTime &modstamp, qint64 runId, QString *error)
{
    if (!modstamp.isValid())
        return true;
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral(
        "INSERT INTO watermarks (system, object_type, modstamp, run_id, updated_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (system, object_type) DO UPDATE SET modstamp = excluded.modstamp, "
        "run_id = excluded.run_id, updated_at = excluded.updated_at "
        "WHERE excluded.modstamp > watermarks.modstamp"));
    query.addBindValue(nameOf(system));
    query.addBindValue(objectType);
    query.addBindValue(storedTimestamp(modstamp));
    query.addBindValue(runId > 0 ? QVariant(runId) : QVariant());
    query.addBindValue(nowTimestamp());
    return query.exec() || fail(query, error);
}

bool WatermarkRepository::reset(System system, const QString &objectType, QString *error)
{
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral("DELETE FROM watermarks WHERE system = ? AND object_type = ?"));
    query.addBindValue(nameOf(system));
    query.addBindValue(objectType);
    return query.exec() || fail(query, error);
}

} // namespace msi::store
