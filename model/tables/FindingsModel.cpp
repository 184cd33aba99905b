#include "tables/FindingsModel.h"

#include "core/SalesforceId.h"
#include "tables/RecordKinds.h"

#include <QColor>

namespace msi::tables {

using checks::Finding;

FindingsModel::FindingsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void FindingsModel::setFindings(const checks::Findings &findings)
{
    beginResetModel();
    m_findings = findings;
    endResetModel();
}

QModelIndex FindingsModel::indexOf(const QString &code, const QString &reference, int column) const
{
    const core::SalesforceId wanted(reference);
    for (qsizetype row = 0; row < m_findings.size(); ++row) {
        const Finding &f = m_findings.at(row);
        if (f.code != code)
            continue;
        for (const QString &r : f.records) {
            if (r == reference || (wanted.isValid() && core::SalesforceId(r) == wanted))
                return index(int(row), column);
        }
    }
    return {};
}

int FindingsModel::count(Finding::Severity severity) const
{
    return int(std::count_if(m_findings.cbegin(), m_findings.cend(),
                             [severity](const Finding &f) { return f.severity == severity; }));
}

int FindingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

int FindingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FindingsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Finding &f = m_findings.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (Column(index.column())) {
        case SeverityColumn:
            return role == Qt::ToolTipRole ? QVariant(f.code) : QVariant(Finding::severityLabel(f.severity));
        case RecordColumn: {
            QStringList labels;
            for (const QString &r : f.records)
                labels << RecordKinds::referenceLabel(r);
            return labels.join(role == Qt::ToolTipRole ? QStringLiteral("\n") : QStringLiteral("; "));
        }
        case CauseColumn:
            return f.cause;
        case FixColumn:
            return f.fix.isEmpty() && role == Qt::DisplayRole ? tr("Nothing to do") : f.fix;
        case ColumnCount:
            break;
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() != SeverityColumn)
            return {};
        switch (f.severity) {
        case Finding::Severity::Error: return QColor(0xc6, 0x28, 0x28);
        case Finding::Severity::Warning: return QColor(0xef, 0x8f, 0x00);
        case Finding::Severity::Info: return QColor(0x15, 0x65, 0xc0);
        }
        return {};
    case Qt::AccessibleTextRole:
        return data(index, Qt::DisplayRole);
    case RecordRole:
        return QVariant::fromValue(f);
    case SeverityRole:
        return int(f.severity);
    case CodeRole:
        return f.code;
    case ReferencesRole:
        return f.records;
    default:
        return {};
    }
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case SeverityColumn: return tr("Severity");
    case RecordColumn: return tr("Record");
    case CauseColumn: return tr("Cause");
    case FixColumn: return tr("Fix");
    case ColumnCount: break;
    }
    return {};
}

FindingsFilterModel::FindingsFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(-1);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void FindingsFilterModel::setSeverityShown(Finding::Severity severity, bool shown)
{
    if (m_shown[int(severity)] == shown)
        return;
    m_shown[int(severity)] = shown;
    invalidateRowsFilter();
}

bool FindingsFilterModel::isSeverityShown(Finding::Severity severity) const
{
    return m_shown[int(severity)];
}

bool FindingsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const int severity = index.data(FindingsModel::SeverityRole).toInt();
    if (severity < 0 || severity > 2 || !m_shown[severity])
        return false;
    if (QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent))
        return true;
    // Also the code and the raw references (IDs as typed).
    const QRegularExpression expression = filterRegularExpression();
    return index.data(FindingsModel::CodeRole).toString().contains(expression)
           || index.data(FindingsModel::ReferencesRole).toStringList().join(u' ').contains(expression);
}

bool FindingsFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (left.column() == FindingsModel::SeverityColumn) {
        const int l = left.data(FindingsModel::SeverityRole).toInt();
        const int r = right.data(FindingsModel::SeverityRole).toInt();
        if (l != r)
            return l < r;
        return left.data(FindingsModel::CodeRole).toString() < right.data(FindingsModel::CodeRole).toString();
    }
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace msi::tables
