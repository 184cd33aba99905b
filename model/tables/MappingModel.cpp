#include "tables/MappingModel.h"

#include "sync/SyncTypes.h"
#include "tables/MappingCommands.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QUndoStack>

namespace msi::tables {

using Level = MappingCheck::Level;
using store::System;

MappingModel::MappingModel(FieldCatalog catalog, QObject *parent)
    : QAbstractTableModel(parent)
    , m_catalog(std::move(catalog))
    , m_mapping(FieldMapping::defaults(m_catalog))
{
}

void MappingModel::setMapping(const FieldMapping &mapping, const QString &actionText)
{
    if (m_undoStack) {
        m_undoStack->push(new ReplaceMappingCommand(this, m_mapping, mapping,
                                                    actionText.isEmpty() ? tr("replace the mapping") : actionText));
        return;
    }
    applyMapping(mapping);
}

void MappingModel::addRows(const QList<MappingRow> &rows, const QString &actionText)
{
    if (rows.isEmpty())
        return;
    if (m_undoStack) {
        m_undoStack->push(new AddMappingRowsCommand(this, rows,
                                                    actionText.isEmpty() ? tr("add %n field(s)", nullptr, int(rows.size()))
                                                                         : actionText));
        return;
    }
    applyAppend(rows);
}

void MappingModel::applyMapping(const FieldMapping &mapping)
{
    beginResetModel();
    m_mapping = mapping;
    endResetModel();
    emit checksChanged();
}

void MappingModel::applyAppend(const QList<MappingRow> &rows)
{
    const int first = int(m_mapping.rows.size());
    beginInsertRows({}, first, first + int(rows.size()) - 1);
    m_mapping.rows += rows;
    endInsertRows();
    emit checksChanged();
}

void MappingModel::applyRemoveLast(int count)
{
    const int last = int(m_mapping.rows.size()) - 1;
    beginRemoveRows({}, last - count + 1, last);
    m_mapping.rows.remove(last - count + 1, count);
    endRemoveRows();
    emit checksChanged();
}

void MappingModel::applyField(int row, int column, const QString &value)
{
    if (row < 0 || row >= m_mapping.rows.size())
        return;
    MappingRow &r = m_mapping.rows[row];
    if (column == SalesforceColumn)
        r.salesforceField = value;
    else if (column == MarketoColumn)
        r.marketoField = value;
    else
        return;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    emit checksChanged();
}

QModelIndex MappingModel::indexOf(const QString &salesforceObject, const QString &marketoField, int column) const
{
    for (qsizetype row = 0; row < m_mapping.rows.size(); ++row) {
        const MappingRow &r = m_mapping.rows.at(row);
        if (r.salesforceObject == salesforceObject && r.marketoField == marketoField)
            return index(int(row), column);
    }
    return {};
}

MappingCheck MappingModel::checkAt(int row) const
{
    return FieldMapping::check(m_mapping.rows.at(row), m_catalog);
}

int MappingModel::count(Level level) const
{
    int n = 0;
    for (const MappingRow &row : m_mapping.rows) {
        if (FieldMapping::check(row, m_catalog).level == level)
            ++n;
    }
    return n;
}

int MappingModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_mapping.rows.size());
}

int MappingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString MappingModel::stageTitle(const QString &stage) const
{
    sync::Stage s;
    return sync::SyncTypes::parseStage(stage, &s) ? sync::SyncTypes::stageTitle(s) : stage;
}

QStringList MappingModel::candidates(const MappingRow &row, int column) const
{
    const bool salesforce = column == SalesforceColumn;
    const System system = salesforce ? System::Salesforce : System::Marketo;
    const QString object = salesforce ? row.salesforceObject : row.marketoObject;
    const bool isTarget = (row.direction == MappingRow::Direction::ToMarketo) != salesforce;
    QStringList names;
    for (const FieldInfo &f : m_catalog.fields(system, object)) {
        if (!isTarget || f.updateable)
            names << f.name;
    }
    names.sort(Qt::CaseInsensitive);
    names.prepend(QString()); // "not mapped"
    return names;
}

QVariant MappingModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MappingRow &row = m_mapping.rows.at(index.row());
    const bool toMarketo = row.direction == MappingRow::Direction::ToMarketo;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (Column(index.column())) {
        case StageColumn:
            return stageTitle(row.stage);
        case SalesforceColumn:
            if (role == Qt::EditRole)
                return row.salesforceField;
            return row.salesforceField.isEmpty() ? tr("(not mapped)") : row.salesforceObject + u'.' + row.salesforceField;
        case DirectionColumn:
            return toMarketo ? QStringLiteral("→") : QStringLiteral("←");
        case MarketoColumn:
            if (role == Qt::EditRole)
                return row.marketoField;
            return row.marketoField.isEmpty() ? tr("(not mapped)") : row.marketoObject + u'.' + row.marketoField;
        case CheckColumn:
            return checkAt(index.row()).text;
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == DirectionColumn)
            return toMarketo ? tr("Sent from Salesforce to Marketo") : tr("Written back from Marketo to Salesforce");
        if (row.locked && (index.column() == SalesforceColumn || index.column() == MarketoColumn))
            return tr("Locked: MSI requires this external ID.");
        return data(index, Qt::DisplayRole);
    case Qt::AccessibleTextRole:
        if (index.column() == DirectionColumn)
            return data(index, Qt::ToolTipRole);
        return data(index, Qt::DisplayRole);
    case Qt::ForegroundRole:
        if (index.column() == CheckColumn) {
            switch (checkAt(index.row()).level) {
            case Level::Error: return QBrush(QColor(0xb7, 0x1c, 0x1c));
            case Level::Warning: return QBrush(QColor(0x9a, 0x5b, 0x00));
            default: return {};
            }
        }
        return {};
    case Qt::FontRole:
        if (row.locked && index.column() != CheckColumn) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() != CheckColumn)
            return {};
        switch (checkAt(index.row()).level) {
        case Level::Error: return QColor(0xc6, 0x28, 0x28);
        case Level::Warning: return QColor(0xef, 0x8f, 0x00);
        case Level::Info: return QColor(0x90, 0xa4, 0xae);
        case Level::Ok: return QColor(0x2e, 0x7d, 0x32);
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == DirectionColumn ? QVariant(int(Qt::AlignCenter)) : QVariant();
    case RecordRole:
        return QVariant::fromValue(row);
    case LockedRole:
        return row.locked;
    case CheckLevelRole:
        return int(checkAt(index.row()).level);
    case CandidatesRole:
        return index.column() == SalesforceColumn || index.column() == MarketoColumn
                   ? QVariant(candidates(row, index.column()))
                   : QVariant();
    case FieldRole:
        return index.column() == SalesforceColumn ? QVariant(row.salesforceField)
               : index.column() == MarketoColumn  ? QVariant(row.marketoField)
                                                  : QVariant();
    default:
        return {};
    }
}

QVariant MappingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case StageColumn: return tr("Stage");
    case SalesforceColumn: return tr("Salesforce field");
    case DirectionColumn: return role == Qt::ToolTipRole ? tr("Direction") : QStringLiteral("⇄");
    case MarketoColumn: return tr("Marketo field");
    case CheckColumn: return tr("Check");
    case ColumnCount: break;
    }
    return {};
}

Qt::ItemFlags MappingModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (!index.isValid())
        return f;
    const MappingRow &row = m_mapping.rows.at(index.row());
    if (!row.locked && (index.column() == SalesforceColumn || index.column() == MarketoColumn))
        f |= Qt::ItemIsEditable;
    return f;
}

bool MappingModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
        return false;
    const QString after = value.toString().trimmed();
    const QString before = data(index, Qt::EditRole).toString();
    if (after == before)
        return false;
    if (!after.isEmpty() && !candidates(m_mapping.rows.at(index.row()), index.column()).contains(after))
        return false; // only fields the describe lists
    if (m_undoStack)
        m_undoStack->push(new SetMappingFieldCommand(this, index.row(), index.column(), before, after));
    else
        applyField(index.row(), index.column(), after);
    return true;
}

} // namespace msi::tables
