#include "tables/SnapshotTableModel.h"

#include "tables/FieldLabels.h"
#include "tables/Logging.h"
#include "tables/RecordKinds.h"

#include "store/Workspace.h"

#include <QFuture>
#include <QtConcurrent/QtConcurrentRun>

namespace msi::tables {

SnapshotTableModel::SnapshotTableModel(store::Workspace &workspace, QObject *parent)
    : QAbstractTableModel(parent)
    , m_workspace(workspace)
{
    // One thread for pages (they must arrive in order), one for counts.
    m_pool.setMaxThreadCount(2);
}

SnapshotTableModel::~SnapshotTableModel()
{
    // Queries hold a reference to the workspace; let them finish before it may go away.
    m_pool.waitForDone();
}

void SnapshotTableModel::setSource(store::System system, const QString &objectType)
{
    m_system = system;
    m_objectType = objectType;
    m_sort = {};
    restart();
}

void SnapshotTableModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_filter.valueContains)
        return;
    m_filter.valueContains = trimmed;
    restart();
}

void SnapshotTableModel::sort(int column, Qt::SortOrder order)
{
    store::SnapshotSort sort;
    sort.field = column >= 0 ? fieldAt(column) : QString();
    sort.order = order;
    if (sort.field == QStringLiteral("Id") && m_system == store::System::Salesforce)
        sort.field.clear(); // the record key is the 18-char Id: sort on the primary key
    if (sort.field == m_sort.field && sort.order == m_sort.order)
        return;
    m_sort = sort;
    restart();
}

SnapshotTableModel::Query SnapshotTableModel::currentQuery() const
{
    return {m_system, m_objectType, m_filter, m_sort};
}

void SnapshotTableModel::restart()
{
    beginResetModel();
    ++m_generation;
    m_rows.clear();
    m_cursor = {};
    m_keys.reset();
    m_hasMore = false;
    m_total = -1;
    m_pendingReveal.clear();
    endResetModel();
    emit totalCountChanged(m_total);
    if (m_objectType.isEmpty())
        return;

    const quint64 generation = m_generation;
    const Query query = currentQuery();
    if (!query.byKeyList()) { // a sorted table counts its key list
        store::Workspace *workspace = &m_workspace;
        QtConcurrent::run(&m_pool, [workspace, query] {
            return store::SnapshotRepository(*workspace).count(query.system, query.objectType, query.filter);
        }).then(this, [this, generation](qint64 count) {
            if (generation != m_generation)
                return;
            m_total = count;
            emit totalCountChanged(count);
        });
    }
    m_loading = false;
    requestPage(m_pageSize, {});
}

void SnapshotTableModel::requestPage(int limit, const QString &revealKey)
{
    setLoading(true);
    const quint64 generation = m_generation;
    const Query query = currentQuery();
    const store::SnapshotCursor cursor = m_cursor;
    const qsizetype loaded = m_rows.size();
    const std::optional<QStringList> knownKeys = m_keys;
    store::Workspace *workspace = &m_workspace;
    QtConcurrent::run(&m_pool, [workspace, query, cursor, limit, loaded, revealKey, knownKeys] {
        store::SnapshotRepository repository(*workspace);
        PageResult result;
        if (query.byKeyList()) {
            const QStringList keys = knownKeys ? *knownKeys
                                               : repository.orderedKeys(query.system, query.objectType,
                                                                        query.sort, query.filter);
            if (!knownKeys)
                result.keys = keys;
            qsizetype rows = limit;
            if (!revealKey.isEmpty()) {
                const qsizetype position = keys.indexOf(revealKey);
                if (position < loaded || position - loaded >= RevealLimit) {
                    result.position = position;
                    return result;
                }
                rows = position - loaded + limit;
            }
            const QStringList slice = keys.mid(loaded, rows);
            result.page.rows = repository.rows(query.system, query.objectType, slice);
            result.page.hasMore = loaded + slice.size() < keys.size();
            return result;
        }
        int rows = limit;
        if (!revealKey.isEmpty()) {
            // Load exactly far enough to include the record (plus a page), or nothing.
            const qint64 position = repository.position(query.system, query.objectType, revealKey,
                                                        query.sort, query.filter);
            if (position < loaded || position - loaded >= RevealLimit) {
                result.position = position;
                return result;
            }
            rows = int(position - loaded) + limit;
        }
        result.page = repository.page(query.system, query.objectType, query.sort, cursor, rows, query.filter);
        return result;
    }).then(this, [this, generation, revealKey](const PageResult &result) {
        if (generation != m_generation)
            return;
        if (result.keys) {
            m_keys = result.keys;
            m_total = m_keys->size();
            emit totalCountChanged(m_total);
        }
        const qint64 position = result.position;
        if (position == -1) {
            emit recordNotRevealed(revealKey, m_filter.valueContains.isEmpty()
                                                  ? tr("%1 is not in the workspace snapshot.").arg(revealKey)
                                                  : tr("%1 does not match the filter “%2”.")
                                                        .arg(revealKey, m_filter.valueContains));
        } else if (position >= 0 && position >= m_rows.size()) {
            emit recordNotRevealed(revealKey,
                                   tr("%1 is row %2 of this table, too far down to load; "
                                      "narrow the filter to reach it.")
                                       .arg(revealKey)
                                       .arg(position + 1));
        } else if (position < -1) {
            appendPage(result.page);
        }
        if (!revealKey.isEmpty())
            finishReveal(revealKey);
        // Only now: no fetchMore() may start while rows go in.
        setLoading(false);
        if (!m_pendingReveal.isEmpty()) {
            const QString next = std::exchange(m_pendingReveal, QString());
            reveal(next);
        }
    });
}

void SnapshotTableModel::appendPage(const store::SnapshotPage &page)
{
    m_hasMore = page.hasMore;
    if (!page.rows.isEmpty())
        m_cursor = page.next();
    if (page.rows.isEmpty()) {
        emit pageLoaded(0);
        return;
    }
    QStringList newFields;
    for (const store::SnapshotRow &row : page.rows) {
        for (auto it = row.record.constBegin(); it != row.record.constEnd(); ++it) {
            if (it.key() != u"attributes" && !m_fields.contains(it.key()) && !newFields.contains(it.key()))
                newFields << it.key();
        }
    }
    if (!newFields.isEmpty()) {
        // JSON objects come sorted by key: put the kind's main fields first, in their order.
        if (m_fields.isEmpty()) {
            const QStringList preferred = RecordKinds::defaultFields(m_system, m_objectType);
            for (auto it = preferred.crbegin(); it != preferred.crend(); ++it) {
                if (newFields.removeOne(*it))
                    newFields.prepend(*it);
            }
        }
        beginInsertColumns({}, int(m_fields.size()), int(m_fields.size() + newFields.size() - 1));
        m_fields += newFields;
        endInsertColumns();
    }
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(page.rows.size()) - 1);
    m_rows += page.rows;
    endInsertRows();
    emit pageLoaded(int(page.rows.size()));
}

void SnapshotTableModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

void SnapshotTableModel::reveal(const QString &recordKey)
{
    if (recordKey.isEmpty())
        return;
    if (indexOf(recordKey).isValid()) {
        finishReveal(recordKey);
        return;
    }
    if (m_loading) {
        m_pendingReveal = recordKey;
        return;
    }
    requestPage(m_pageSize, recordKey);
}

void SnapshotTableModel::finishReveal(const QString &recordKey)
{
    const QModelIndex index = indexOf(recordKey);
    if (index.isValid())
        emit recordRevealed(recordKey, index.row());
}

QJsonObject SnapshotTableModel::recordAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).record : QJsonObject();
}

QString SnapshotTableModel::recordKeyAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).recordKey : QString();
}

QModelIndex SnapshotTableModel::indexOf(const QString &recordKey, int column) const
{
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).recordKey == recordKey)
            return index(int(row), column);
    }
    return {};
}

int SnapshotTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SnapshotTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_fields.size());
}

QVariant SnapshotTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const store::SnapshotRow &row = m_rows.at(index.row());
    const QString &field = m_fields.at(index.column());
    const QJsonValue value = row.record.value(field);
    switch (role) {
    case Qt::DisplayRole:
        return FieldLabels::display(value);
    case Qt::EditRole:
    case Qt::ToolTipRole: {
        const QString text = FieldLabels::fullText(value);
        return role == Qt::ToolTipRole && text.isEmpty() ? QVariant() : QVariant(text);
    }
    case Qt::TextAlignmentRole:
        return value.isDouble() ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case RecordRole:
        return row.record;
    case RecordKeyRole:
        return row.recordKey;
    case FieldRole:
        return field;
    default:
        return {};
    }
}

QVariant SnapshotTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    }
    if (section < 0 || section >= m_fields.size())
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return FieldLabels::label(m_fields.at(section));
    case Qt::ToolTipRole:
    case FieldRole:
        return m_fields.at(section);
    default:
        return {};
    }
}

bool SnapshotTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore && !m_loading;
}

void SnapshotTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    requestPage(m_pageSize, {});
}

} // namespace msi::tables
