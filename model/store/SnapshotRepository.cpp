#include "store/SnapshotRepository.h"

#include "core/SalesforceId.h"
#include "store/Logging.h"
#include "store/Transaction.h"
#include "store/Workspace.h"

#include <QHash>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace msi::store {

namespace {

struct KeyFields
{
    const char16_t *column;
    const char16_t *salesforceField;
    const char16_t *marketoField;
};

// Order matches the KeyColumn enum.
constexpr KeyFields kKeyFields[] = {
    {u"email", u"Email", u"email"},
    {u"owner_id", u"OwnerId", nullptr},
    {u"account_id", u"AccountId", nullptr},
    {u"contact_id", u"ContactId", nullptr},
    {u"opportunity_id", u"OpportunityId", nullptr},
    {u"external_person_id", nullptr, u"externalPersonId"},
    {u"external_company_id", nullptr, u"externalCompanyId"},
    {u"external_sales_person_id", nullptr, u"externalSalesPersonId"},
    {u"external_opportunity_id", nullptr, u"externalOpportunityId"},
};
constexpr int kKeyCount = int(std::size(kKeyFields));

QVariant textOrNull(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().isEmpty() ? QVariant() : QVariant(value.toString());
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    return {};
}

// The e-mail key column holds the address trimmed and case-folded, so that lookups find
// "Sean@Edge.COM " for sean@edge.com; the record keeps what the system returned.
QString normalizedEmail(const QString &email)
{
    return email.trimmed().toCaseFolded();
}

QString modstampOf(System system, const QJsonObject &record)
{
    const QString text = system == System::Salesforce
                             ? record.value(u"SystemModstamp").toString(
                                   record.value(u"LastModifiedDate").toString())
                             : record.value(u"updatedAt").toString();
    return storedTimestamp(parseApiTimestamp(text));
}

QString columnList()
{
    QStringList columns;
    for (const KeyFields &k : kKeyFields)
        columns << QString::fromUtf16(k.column);
    return columns.join(QStringLiteral(", "));
}

QString likePattern(QString text)
{
    text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('%'), QStringLiteral("\\%"))
        .replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + text + QLatin1Char('%');
}

// The sort expression of a field (one bound value: the JSON path).
QString sortExpression(const SnapshotSort &sort, QVariantList &values)
{
    if (sort.field.isEmpty())
        return QStringLiteral("record_key");
    QString field = sort.field;
    values << QString(QStringLiteral("$.\"") + field.replace(QLatin1Char('"'), QStringLiteral("\\\""))
                      + QLatin1Char('"'));
    return QStringLiteral("(coalesce(json_extract(record, ?), '') COLLATE NOCASE)");
}

// WHERE clause after "system = ? AND object_type = ?"; binds appended to values.
QString filterSql(const SnapshotFilter &filter, QVariantList &values)
{
    QString sql;
    for (const auto &[column, value] : filter.equals) {
        const QString name = SnapshotRepository::columnName(column);
        sql += QStringLiteral(" AND ") + name + QStringLiteral(" = ?");
        values << (column == KeyColumn::Email ? normalizedEmail(value) : value);
    }
    for (KeyColumn column : filter.missing) {
        const QString name = SnapshotRepository::columnName(column);
        sql += QStringLiteral(" AND (") + name + QStringLiteral(" IS NULL OR ") + name
               + QStringLiteral(" = '')");
    }
    if (!filter.contains.isEmpty()) {
        sql += QStringLiteral(" AND record LIKE ? ESCAPE '\\'");
        values << likePattern(filter.contains);
    }
    if (!filter.valueContains.isEmpty()) {
        // A plain text scan first (cheap) drops most rows; json_each then checks the values
        // only, not the field names. Text that JSON escapes (quotes, backslashes, control
        // characters) skips the pre-filter.
        const bool plain = std::none_of(filter.valueContains.cbegin(), filter.valueContains.cend(), [](QChar c) {
            return c == u'"' || c == u'\\' || c.unicode() < 0x20;
        });
        if (plain) {
            sql += QStringLiteral(" AND record LIKE ? ESCAPE '\\'");
            values << likePattern(filter.valueContains);
        }
        sql += QStringLiteral(" AND EXISTS (SELECT 1 FROM json_each(record) AS f "
                              "WHERE f.type NOT IN ('object', 'array') "
                              "AND f.value LIKE ? ESCAPE '\\')");
        values << likePattern(filter.valueContains);
    }
    if (filter.modifiedAfter.isValid()) {
        sql += QStringLiteral(" AND modstamp > ?");
        values << storedTimestamp(filter.modifiedAfter);
    }
    return sql;
}

bool logFailure(const QSqlQuery &query, QString *error)
{
    qCWarning(lcStore) << "snapshots:" << query.lastError().text();
    if (error)
        *error = query.lastError().text();
    return false;
}

// Reads the rows of a page query (record_key, modstamp, record[, sort value]) that asked for
// limit + 1 rows: the extra row only says that there is more.
void readPage(QSqlQuery &query, int limit, bool withSortValue, SnapshotPage *page)
{
    while (query.next()) {
        if (page->rows.size() == limit) {
            page->hasMore = true;
            break;
        }
        SnapshotRow row;
        row.recordKey = query.value(0).toString();
        row.modstamp = parseApiTimestamp(query.value(1).toString());
        row.record = QJsonDocument::fromJson(query.value(2).toString().toUtf8()).object();
        page->rows << row;
        if (withSortValue)
            page->lastSortValue = query.value(3);
    }
    if (!page->rows.isEmpty())
        page->lastKey = page->rows.constLast().recordKey;
}

} // namespace

SnapshotRepository::SnapshotRepository(Workspace &workspace)
    : m_workspace(workspace)
{
}

QString SnapshotRepository::columnName(KeyColumn column)
{
    return QString::fromUtf16(kKeyFields[int(column)].column);
}

QString SnapshotRepository::recordKey(System system, const QJsonObject &record, QString *problem)
{
    if (system == System::Salesforce) {
        const QString raw = record.value(u"Id").toString();
        const core::SalesforceId id(raw);
        if (raw.isEmpty()) {
            if (problem)
                *problem = tr("a Salesforce record without an Id");
            return {};
        }
        if (!id.isValid()) {
            if (problem)
                *problem = tr("Salesforce record %1: the Id is not valid (%2)").arg(raw, id.explanation());
            return {};
        }
        return id.id18();
    }
    const QJsonValue id = record.value(u"id");
    if (id.isDouble())
        return QString::number(id.toInteger());
    if (id.isString() && !id.toString().isEmpty())
        return id.toString();
    const QString guid = record.value(u"marketoGUID").toString();
    if (!guid.isEmpty())
        return guid;
    if (problem)
        *problem = tr("a Marketo record without an id or marketoGUID");
    return {};
}

UpsertResult SnapshotRepository::upsertRecords(System system, const QString &objectType,
                                               const QList<QJsonObject> &records)
{
    UpsertResult result;
    QSqlDatabase db = m_workspace.connection();
    const QString systemName = nameOf(system);
    const QString now = nowTimestamp();

    for (qsizetype start = 0; start < records.size(); start += m_batchSize) {
        Transaction transaction(db);
        if (!transaction.isActive()) {
            result.error = tr("Could not store %1 records: %2").arg(objectType, transaction.error());
            return result;
        }
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral("INSERT INTO snapshots (system, object_type, record_key, ")
                       + columnList()
                       + QStringLiteral(", modstamp, record, stored_at) VALUES (?, ?, ?")
                       + QStringLiteral(", ?").repeated(kKeyCount)
                       + QStringLiteral(", ?, ?, ?) ON CONFLICT DO NOTHING"));
        QString assignments;
        for (const KeyFields &k : kKeyFields)
            assignments += QString::fromUtf16(k.column) + QStringLiteral(" = ?, ");
        QSqlQuery update(db);
        update.prepare(QStringLiteral("UPDATE snapshots SET ") + assignments
                       + QStringLiteral("modstamp = ?, record = ?, stored_at = ? "
                                        "WHERE system = ? AND object_type = ? AND record_key = ? "
                                        "AND record IS NOT ?"));
        int inserted = 0, updated = 0, unchanged = 0;
        QStringList rejected;
        const qsizetype end = qMin(records.size(), start + m_batchSize);
        for (qsizetype i = start; i < end; ++i) {
            const QJsonObject &record = records.at(i);
            QString problem;
            const QString key = recordKey(system, record, &problem);
            if (key.isEmpty()) {
                rejected << tr("%1 record %2 was not stored: %3").arg(objectType).arg(i + 1).arg(problem);
                continue;
            }
            QVariantList keyValues;
            for (const KeyFields &k : kKeyFields) {
                const char16_t *field = system == System::Salesforce ? k.salesforceField : k.marketoField;
                keyValues << (field ? textOrNull(record.value(QStringView(field))) : QVariant());
            }
            if (!keyValues.constFirst().isNull())
                keyValues.first() = normalizedEmail(keyValues.constFirst().toString());
            const QString json = QString::fromUtf8(QJsonDocument(record).toJson(QJsonDocument::Compact));
            const QString modstamp = modstampOf(system, record);

            insert.addBindValue(systemName);
            insert.addBindValue(objectType);
            insert.addBindValue(key);
            for (const QVariant &v : std::as_const(keyValues))
                insert.addBindValue(v);
            insert.addBindValue(modstamp.isEmpty() ? QVariant() : QVariant(modstamp));
            insert.addBindValue(json);
            insert.addBindValue(now);
            if (!insert.exec()) {
                logFailure(insert, &result.error);
                return result; // transaction rolls back this batch
            }
            if (insert.numRowsAffected() > 0) {
                ++inserted;
                continue;
            }
            for (const QVariant &v : std::as_const(keyValues))
                update.addBindValue(v);
            update.addBindValue(modstamp.isEmpty() ? QVariant() : QVariant(modstamp));
            update.addBindValue(json);
            update.addBindValue(now);
            update.addBindValue(systemName);
            update.addBindValue(objectType);
            update.addBindValue(key);
            update.addBindValue(json);
            if (!update.exec()) {
                logFailure(update, &result.error);
                return result;
            }
            if (update.numRowsAffected() > 0)
                ++updated;
            else
                ++unchanged;
        }
        insert.finish();
        update.finish();
        if (!transaction.commit(&result.error))
            return result;
        result.inserted += inserted;
        result.updated += updated;
        result.unchanged += unchanged;
        result.rejected += rejected;
    }
    return result;
}

std::optional<QJsonObject> SnapshotRepository::record(System system, const QString &objectType,
                                                      const QString &recordKey) const
{
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral(
        "SELECT record FROM snapshots WHERE system = ? AND object_type = ? AND record_key = ?"));
    query.addBindValue(nameOf(system));
    query.addBindValue(objectType);
    query.addBindValue(recordKey);
    if (!query.exec()) {
        logFailure(query, nullptr);
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object();
}

SnapshotPage SnapshotRepository::page(System system, const QString &objectType,
                                      const QString &afterKey, int limit,
                                      const SnapshotFilter &filter) const
{
    SnapshotPage page;
    QVariantList values{nameOf(system), objectType};
    QString sql = QStringLiteral("SELECT record_key, modstamp, record FROM snapshots "
                                 "WHERE system = ? AND object_type = ?");
    if (!afterKey.isEmpty()) {
        sql += QStringLiteral(" AND record_key > ?");
        values << afterKey;
    }
    sql += filterSql(filter, values);
    sql += QStringLiteral(" ORDER BY record_key LIMIT ?");
    values << qMax(0, limit) + 1;

    QSqlQuery query(m_workspace.connection());
    query.setForwardOnly(true);
    query.prepare(sql);
    for (const QVariant &v : std::as_const(values))
        query.addBindValue(v);
    if (!query.exec()) {
        logFailure(query, nullptr);
        return page;
    }
    readPage(query, limit, false, &page);
    return page;
}

SnapshotPage SnapshotRepository::page(System system, const QString &objectType,
                                      const SnapshotSort &sort, const SnapshotCursor &after,
                                      int limit, const SnapshotFilter &filter) const
{
    if (sort.field.isEmpty() && sort.order == Qt::AscendingOrder)
        return page(system, objectType, after.key, limit, filter);

    SnapshotPage page;
    QVariantList values;
    QString sql = QStringLiteral("SELECT record_key, modstamp, record, ") + sortExpression(sort, values)
                  + QStringLiteral(" FROM snapshots WHERE system = ? AND object_type = ?");
    values << nameOf(system) << objectType;
    const bool descending = sort.order == Qt::DescendingOrder;
    if (!after.key.isEmpty()) {
        sql += QStringLiteral(" AND (") + sortExpression(sort, values) + QStringLiteral(", record_key) ")
               + (descending ? QStringLiteral("<") : QStringLiteral(">")) + QStringLiteral(" (?, ?)");
        values << (sort.field.isEmpty() ? QVariant(after.key) : after.sortValue) << after.key;
    }
    sql += filterSql(filter, values);
    const QString direction = descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    sql += QStringLiteral(" ORDER BY ") + sortExpression(sort, values) + direction
           + QStringLiteral(", record_key") + direction + QStringLiteral(" LIMIT ?");
    values << qMax(0, limit) + 1;

    QSqlQuery query(m_workspace.connection());
    query.setForwardOnly(true);
    query.prepare(sql);
    for (const QVariant &v : std::as_const(values))
        query.addBindValue(v);
    if (!query.exec()) {
        logFailure(query, nullptr);
        return page;
    }
    readPage(query, limit, true, &page);
    return page;
}

qint64 SnapshotRepository::position(System system, const QString &objectType,
                                    const QString &recordKey, const SnapshotSort &sort,
                                    const SnapshotFilter &filter) const
{
    QVariantList values;
    QString sql = QStringLiteral("SELECT ") + sortExpression(sort, values)
                  + QStringLiteral(" FROM snapshots WHERE system = ? AND object_type = ? "
                                   "AND record_key = ?");
    values << nameOf(system) << objectType << recordKey;
    sql += filterSql(filter, values);
    QSqlQuery query(m_workspace.connection());
    query.prepare(sql);
    for (const QVariant &v : std::as_const(values))
        query.addBindValue(v);
    if (!query.exec()) {
        logFailure(query, nullptr);
        return -1;
    }
    if (!query.next())
        return -1;
    const QVariant sortValue = query.value(0);
    query.finish();

    values.clear();
    sql = QStringLiteral("SELECT COUNT(*) FROM snapshots WHERE system = ? AND object_type = ?");
    values << nameOf(system) << objectType;
    sql += QStringLiteral(" AND (") + sortExpression(sort, values) + QStringLiteral(", record_key) ")
           + (sort.order == Qt::DescendingOrder ? QStringLiteral(">") : QStringLiteral("<"))
           + QStringLiteral(" (?, ?)");
    values << sortValue << recordKey;
    sql += filterSql(filter, values);
    QSqlQuery counter(m_workspace.connection());
    counter.prepare(sql);
    for (const QVariant &v : std::as_const(values))
        counter.addBindValue(v);
    if (!counter.exec() || !counter.next()) {
        logFailure(counter, nullptr);
        return -1;
    }
    return counter.value(0).toLongLong();
}

QStringList SnapshotRepository::orderedKeys(System system, const QString &objectType,
                                           const SnapshotSort &sort, const SnapshotFilter &filter) const
{
    QStringList keys;
    QVariantList values{nameOf(system), objectType};
    QString sql = QStringLiteral("SELECT record_key FROM snapshots WHERE system = ? AND object_type = ?")
                  + filterSql(filter, values);
    const QString direction = sort.order == Qt::DescendingOrder ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    sql += QStringLiteral(" ORDER BY ") + sortExpression(sort, values) + direction + QStringLiteral(", record_key")
           + direction;
    QSqlQuery query(m_workspace.connection());
    query.setForwardOnly(true);
    query.prepare(sql);
    for (const QVariant &v : std::as_const(values))
        query.addBindValue(v);
    if (!query.exec()) {
        logFailure(query, nullptr);
        return keys;
    }
    while (query.next())
        keys << query.value(0).toString();
    return keys;
}

QList<SnapshotRow> SnapshotRepository::rows(System system, const QString &objectType,
                                            const QStringList &recordKeys) const
{
    QHash<QString, SnapshotRow> found;
    constexpr qsizetype chunk = 500;
    for (qsizetype start = 0; start < recordKeys.size(); start += chunk) {
        const QStringList part = recordKeys.mid(start, chunk);
        QSqlQuery query(m_workspace.connection());
        query.setForwardOnly(true);
        query.prepare(QStringLiteral("SELECT record_key, modstamp, record FROM snapshots "
                                     "WHERE system = ? AND object_type = ? AND record_key IN (")
                      + QStringLiteral("?, ").repeated(part.size() - 1) + QStringLiteral("?)"));
        query.addBindValue(nameOf(system));
        query.addBindValue(objectType);
        for (const QString &key : part)
            query.addBindValue(key);
        if (!query.exec()) {
            logFailure(query, nullptr);
            return {};
        }
        while (query.next()) {
            SnapshotRow row;
            row.recordKey = query.value(0).toString();
            row.modstamp = parseApiTimestamp(query.value(1).toString());
            row.record = QJsonDocument::fromJson(query.value(2).toString().toUtf8()).object();
            found.insert(row.recordKey, row);
        }
    }
    QList<SnapshotRow> out;
    out.reserve(recordKeys.size());
    for (const QString &key : recordKeys) {
        const auto it = found.constFind(key);
        if (it != found.constEnd())
            out << *it;
    }
    return out;
}

qint64 SnapshotRepository::count(System system, const QString &objectType,
                                 const SnapshotFilter &filter) const
{
    QVariantList values{nameOf(system), objectType};
    const QString sql = QStringLiteral("SELECT COUNT(*) FROM snapshots WHERE system = ? AND object_type = ?")
                        + filterSql(filter, values);
    QSqlQuery query(m_workspace.connection());
    query.prepare(sql);
    for (const QVariant &v : std::as_const(values))
        query.addBindValue(v);
    if (!query.exec() || !query.next()) {
        logFailure(query, nullptr);
        return -1;
    }
    return query.value(0).toLongLong();
}

QStringList SnapshotRepository::objectTypes(System system) const
{
    QStringList types;
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral(
        "SELECT DISTINCT object_type FROM snapshots WHERE system = ? AND object_type NOT LIKE '#%' "
        "ORDER BY object_type"));
    query.addBindValue(nameOf(system));
    if (!query.exec()) {
        logFailure(query, nullptr);
        return types;
    }
    while (query.next())
        types << query.value(0).toString();
    return types;
}

namespace {
// Documents live in the snapshots table under an object type no record type has.
QString documentType(const QString &kind)
{
    return u'#' + kind;
}
} // namespace

bool SnapshotRepository::storeDocument(System system, const QString &kind, const QString &key,
                                       const QJsonObject &document, QString *error)
{
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral(
        "INSERT INTO snapshots (system, object_type, record_key, record, stored_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (system, object_type, record_key) DO UPDATE SET "
        "record = excluded.record, stored_at = excluded.stored_at"));
    query.addBindValue(nameOf(system));
    query.addBindValue(documentType(kind));
    query.addBindValue(key);
    query.addBindValue(QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Compact)));
    query.addBindValue(nowTimestamp());
    if (query.exec())
        return true;
    logFailure(query, error);
    return false;
}

std::optional<QJsonObject> SnapshotRepository::document(System system, const QString &kind,
                                                        const QString &key) const
{
    return record(system, documentType(kind), key);
}

bool SnapshotRepository::remove(System system, const QString &objectType,
                                const QStringList &recordKeys, QString *error)
{
    QSqlDatabase db = m_workspace.connection();
    Transaction transaction(db);
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "DELETE FROM snapshots WHERE system = ? AND object_type = ? AND record_key = ?"));
    for (const QString &key : recordKeys) {
        query.addBindValue(nameOf(system));
        query.addBindValue(objectType);
        query.addBindValue(key);
        if (!query.exec())
            return logFailure(query, error);
    }
    query.finish();
    return transaction.commit(error);
}

bool SnapshotRepository::clear(System system, const QString &objectType, QString *error)
{
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral("DELETE FROM snapshots WHERE system = ? AND object_type = ?"));
    query.addBindValue(nameOf(system));
    query.addBindValue(objectType);
    return query.exec() || logFailure(query, error);
}

} // namespace msi::store
