#include "store/MarketoReadCache.h"

#include "store/Logging.h"
#include "store/StoreTypes.h"
#include "store/Workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace msi::store {

namespace {

bool fail(const QSqlQuery &query, QString *error)
{
    qCWarning(lcStore) << "marketo reads:" << query.lastError().text();
    if (error)
        *error = query.lastError().text();
    return false;
}

// The filter name under which written records are kept (no Marketo filter has this name).
QString writtenFilter()
{
    return QStringLiteral("(written)");
}

} // namespace

MarketoReadCache::MarketoReadCache(Workspace &workspace)
    : m_workspace(workspace)
{
}

QString MarketoReadCache::valueKey(const QString &value)
{
    return value.trimmed().toCaseFolded();
}

QString MarketoReadCache::valueKey(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::number(value.toInteger());
    return valueKey(value.toString());
}

bool MarketoReadCache::save(qint64 runId, const QString &object, const QString &filter,
                            const QStringList &values, const QList<QJsonObject> &records,
                            QString *error)
{
    if (values.isEmpty())
        return true;
    QJsonArray recordArray;
    for (const QJsonObject &record : records)
        recordArray.append(record);
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral("INSERT INTO marketo_reads (run_id, object, filter, vals, records, "
                                 "read_at) VALUES (?, ?, ?, ?, ?, ?)"));
    query.addBindValue(runId);
    query.addBindValue(object);
    query.addBindValue(filter);
    query.addBindValue(QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact)));
    query.addBindValue(QString::fromUtf8(QJsonDocument(recordArray).toJson(QJsonDocument::Compact)));
    query.addBindValue(nowTimestamp());
    return query.exec() || fail(query, error);
}

MarketoReadCache::Reads MarketoReadCache::load(const QString &object, const QString &filter) const
{
    Reads reads;
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral(
        "SELECT vals, records FROM marketo_reads WHERE object = ? AND filter = ? ORDER BY id"));
    query.addBindValue(object);
    query.addBindValue(filter);
    if (!query.exec()) {
        fail(query, nullptr);
        return reads;
    }
    while (query.next()) {
        const QJsonArray values = QJsonDocument::fromJson(query.value(0).toString().toUtf8()).array();
        for (const QJsonValue &value : values)
            reads.values.insert(valueKey(value));
        const QJsonArray records = QJsonDocument::fromJson(query.value(1).toString().toUtf8()).array();
        for (const QJsonValue &record : records)
            reads.records.append(record.toObject());
    }
    return reads;
}

bool MarketoReadCache::saveWritten(qint64 runId, const QString &object,
                                   const QList<QJsonObject> &records, QString *error)
{
    QStringList keys;
    for (const QJsonObject &record : records)
        keys.append(recordKey(record));
    return save(runId, object, writtenFilter(), keys, records, error);
}

QHash<QString, QJsonObject> MarketoReadCache::written(const QString &object) const
{
    QHash<QString, QJsonObject> merged;
    for (const QJsonObject &record : load(object, writtenFilter()).records) {
        QJsonObject &overlay = merged[recordKey(record)];
        for (auto it = record.constBegin(); it != record.constEnd(); ++it)
            overlay.insert(it.key(), it.value());
    }
    return merged;
}

QString MarketoReadCache::recordKey(const QJsonObject &record)
{
    const QJsonValue id = record.value(u"id");
    if (id.isDouble())
        return QString::number(id.toInteger());
    if (id.isString() && !id.toString().isEmpty())
        return id.toString();
    return record.value(u"marketoGUID").toString();
}

qint64 MarketoReadCache::rowCount() const
{
    QSqlQuery query(m_workspace.connection());
    if (query.exec(QStringLiteral("SELECT COUNT(*) FROM marketo_reads")) && query.next())
        return query.value(0).toLongLong();
    return 0;
}

bool MarketoReadCache::clear(QString *error)
{
    QSqlQuery query(m_workspace.connection());
    return query.exec(QStringLiteral("DELETE FROM marketo_reads")) || fail(query, error);
}

} // namespace msi::store
