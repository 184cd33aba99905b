#pragma once

#include "store/StoreTypes.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

namespace msi::store {

class Workspace;

// The indexed key columns of a snapshot, taken from the record when it is stored.
//   Salesforce: Email, OwnerId, AccountId, ContactId, OpportunityId
//   Marketo:    email, externalPersonId, externalCompanyId, externalSalesPersonId,
//               externalOpportunityId
enum class KeyColumn {
    Email,
    Owner,
    Account,
    Contact,
    Opportunity,
    ExternalPersonId,
    ExternalCompanyId,
    ExternalSalesPersonId,
    ExternalOpportunityId,
};

struct SnapshotFilter
{
    // Column equals value. E-mail addresses are compared trimmed and case-folded.
    QList<QPair<KeyColumn, QString>> equals;
    // Column is NULL or empty, e.g. Marketo leads without externalPersonId.
    QList<KeyColumn> missing;
    // Case-insensitive (ASCII) substring of the stored record text.
    QString contains;
    // Case-insensitive (ASCII) substring of any top-level field value (not of the field names),
    // e.g. what a table's filter box matches.
    QString valueContains;
    // Only records whose SystemModstamp / updatedAt is later than this.
    QDateTime modifiedAfter;
};

// The order of a sorted page: by one top-level field of the record, ties broken by record key.
// Text compares case-insensitively (ASCII), numbers numerically; a null or missing value sorts as
// an empty text (after every number, before every other text). An empty field = record key.
struct SnapshotSort
{
    QString field;
    Qt::SortOrder order = Qt::AscendingOrder;
};

// Where a sorted page continues: after the row with this sort value and record key.
struct SnapshotCursor
{
    QVariant sortValue;
    QString key; // empty = from the first row
};

struct SnapshotRow
{
    QString recordKey;
    QDateTime modstamp;
    QJsonObject record;
};

struct SnapshotPage
{
    QList<SnapshotRow> rows;
    QString lastKey; // pass as afterKey for the next page
    QVariant lastSortValue; // with lastKey: the cursor of the next sorted page
    bool hasMore = false;
    SnapshotCursor next() const { return {lastSortValue, lastKey}; }
};

struct UpsertResult
{
    int inserted = 0;
    int updated = 0;
    int unchanged = 0;
    // One sentence per record that was not stored (no or invalid key), naming the record.
    QStringList rejected;
    // Empty unless a batch failed; batches before it stay committed.
    QString error;
    bool ok() const { return error.isEmpty(); }
};

// Table `snapshots`: the last seen state of every record of both systems, keyed by
// (system, object type, record key). The record key is the 18-character Salesforce Id, or the
// Marketo id (integer "id", or "marketoGUID" for opportunities and roles) as text. Pages are
// ordered by record key as text.
class SnapshotRepository final
{
    Q_DECLARE_TR_FUNCTIONS(msi::store::SnapshotRepository)
public:
    static constexpr int DefaultBatchSize = 2000;

    explicit SnapshotRepository(Workspace &workspace);

    void setBatchSize(int records) { m_batchSize = qMax(1, records); }
    int batchSize() const { return m_batchSize; }

    // Stores records in transactions of batchSize() records each; an identical record counts
    // as unchanged and is not rewritten.
    UpsertResult upsertRecords(System system, const QString &objectType,
                               const QList<QJsonObject> &records);

    std::optional<QJsonObject> record(System system, const QString &objectType,
                                      const QString &recordKey) const;
    // Keyset paging: rows with record key > afterKey (all when empty), at most limit.
    SnapshotPage page(System system, const QString &objectType, const QString &afterKey, int limit,
                      const SnapshotFilter &filter = {}) const;
    // Keyset paging in any order: rows after the cursor in sort order, at most limit.
    SnapshotPage page(System system, const QString &objectType, const SnapshotSort &sort,
                      const SnapshotCursor &after, int limit,
                      const SnapshotFilter &filter = {}) const;
    // How many rows come before the record in this order among those matching the filter;
    // -1 when the record does not exist or does not match the filter.
    qint64 position(System system, const QString &objectType, const QString &recordKey,
                    const SnapshotSort &sort, const SnapshotFilter &filter = {}) const;
    // The record keys of every row matching the filter, in sort order (one scan): a sorted table
    // pages through this list with rows() instead of sorting again for every page.
    QStringList orderedKeys(System system, const QString &objectType, const SnapshotSort &sort,
                            const SnapshotFilter &filter = {}) const;
    // The rows with these record keys, in the order given; keys not stored are left out.
    QList<SnapshotRow> rows(System system, const QString &objectType, const QStringList &recordKeys) const;
    qint64 count(System system, const QString &objectType, const SnapshotFilter &filter = {}) const;
    // Object types of the stored records (documents are not records: left out).
    QStringList objectTypes(System system) const;
    // Documents that are not records (a Salesforce sObject describe, keyed by the object name),
    // stored beside the snapshots and replaced when read again.
    bool storeDocument(System system, const QString &kind, const QString &key,
                       const QJsonObject &document, QString *error = nullptr);
    std::optional<QJsonObject> document(System system, const QString &kind, const QString &key) const;
    bool remove(System system, const QString &objectType, const QStringList &recordKeys,
                QString *error = nullptr);
    bool clear(System system, const QString &objectType, QString *error = nullptr);

    // The key this repository stores a record under; empty (with a reason) when it has none.
    static QString recordKey(System system, const QJsonObject &record, QString *problem = nullptr);
    static QString columnName(KeyColumn column);

private:
    Workspace &m_workspace;
    int m_batchSize = DefaultBatchSize;
};

} // namespace msi::store
