#pragma once

#include "store/SnapshotRepository.h"
#include "store/StoreTypes.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QThreadPool>

#include <optional>

namespace msi::store {
class Workspace;
}

namespace msi::tables {

// The snapshot of one object type of one system, as a table that pages through the workspace
// store: the first page loads when the source is set, later pages on fetchMore() (keyset paging,
// so a million rows open at once). Filtering (any field value contains the text) and sorting (by
// any field) are pushed down into the store query; every query runs on the model's own thread
// pool, never on the GUI thread, and results of an older query are dropped.
//
// Columns are the record's fields (API names, in the order of the first record; "attributes" left
// out), so this model has no fixed Column enum; the header shows a readable label with the API
// name as tooltip. Roles follow the project's table pattern: RecordRole = Qt::UserRole.
class SnapshotTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SnapshotTableModel)
public:
    enum Role {
        RecordRole = Qt::UserRole, // the whole record (QJsonObject)
        RecordKeyRole,             // the store's record key (18-char ID, Marketo id)
        FieldRole,                 // the column's API name (also on the header)
    };
    static constexpr int DefaultPageSize = 250;
    // reveal() loads at most this many rows ahead to reach a record.
    static constexpr int RevealLimit = 20000;

    explicit SnapshotTableModel(store::Workspace &workspace, QObject *parent = nullptr);
    ~SnapshotTableModel() override;

    // Each of these starts over (model reset, count and first page queried in the background).
    void setSource(store::System system, const QString &objectType);
    void setFilterText(const QString &text);
    void setPageSize(int rows) { m_pageSize = qMax(1, rows); }

    store::System system() const { return m_system; }
    const QString &objectType() const { return m_objectType; }
    const QString &filterText() const { return m_filter.valueContains; }
    const store::SnapshotSort &sortOrder() const { return m_sort; }

    const QStringList &fields() const { return m_fields; }
    QString fieldAt(int column) const { return m_fields.value(column); }
    int columnOf(const QString &field) const { return int(m_fields.indexOf(field)); }

    QJsonObject recordAt(int row) const;
    QString recordKeyAt(int row) const;
    // The loaded row of a record (invalid when not loaded yet).
    QModelIndex indexOf(const QString &recordKey, int column = 0) const;

    // Rows matching the filter in the store; -1 while counting.
    qint64 totalCount() const { return m_total; }
    bool isLoading() const { return m_loading; }

    // Loads rows until the record is loaded, then emits recordRevealed(); emits
    // recordNotRevealed() with the reason when it is filtered out, absent or too far down.
    void reveal(const QString &recordKey);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

signals:
    void totalCountChanged(qint64 count);
    void loadingChanged(bool loading);
    void pageLoaded(int rows);
    void recordRevealed(const QString &recordKey, int row);
    void recordNotRevealed(const QString &recordKey, const QString &reason);

private:
    struct Query
    {
        store::System system;
        QString objectType;
        store::SnapshotFilter filter;
        store::SnapshotSort sort;
        // Sorted by a field: the worker lists the matching keys in order once (one scan), later
        // pages are slices of that list instead of a new sort per page.
        bool byKeyList() const { return !sort.field.isEmpty() || sort.order == Qt::DescendingOrder; }
    };
    struct PageResult
    {
        store::SnapshotPage page;
        qint64 position = -2; // reveal: row of the record, -1 absent; -2 = page loaded
        std::optional<QStringList> keys;
    };
    Query currentQuery() const;
    void restart();
    void requestPage(int limit, const QString &revealKey);
    void appendPage(const store::SnapshotPage &page);
    void setLoading(bool loading);
    void finishReveal(const QString &recordKey);

    store::Workspace &m_workspace;
    QThreadPool m_pool;
    store::System m_system = store::System::Salesforce;
    QString m_objectType;
    store::SnapshotFilter m_filter;
    store::SnapshotSort m_sort;
    int m_pageSize = DefaultPageSize;

    QStringList m_fields;
    QList<store::SnapshotRow> m_rows;
    store::SnapshotCursor m_cursor;
    bool m_hasMore = false;
    bool m_loading = false;
    qint64 m_total = -1;
    quint64 m_generation = 0;
    QString m_pendingReveal;
    std::optional<QStringList> m_keys; // the ordered keys of a sorted table, once known
};

} // namespace msi::tables
