#pragma once

#include "tables/FieldCatalog.h"
#include "tables/FieldMapping.h"

#include <QAbstractTableModel>

class QUndoStack;

namespace msi::tables {

// The field mapping as a table: one row per mapped field, Salesforce field ⇄ Marketo field, with
// each row's type and length check. Locked rows (the external IDs MSI requires) are not editable.
// With an undo stack set, every edit goes through it as a command (MappingCommands), so Undo and
// Redo restore it.
class MappingModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MappingModel)
public:
    enum Column { StageColumn, SalesforceColumn, DirectionColumn, MarketoColumn, CheckColumn, ColumnCount };
    enum Role {
        RecordRole = Qt::UserRole, // the MappingRow
        LockedRole,                // bool
        CheckLevelRole,            // int(MappingCheck::Level)
        CandidatesRole,            // QStringList: the fields an editor of this cell may pick
        FieldRole,                 // the bare API name of the cell's field
    };

    explicit MappingModel(FieldCatalog catalog, QObject *parent = nullptr);

    void setUndoStack(QUndoStack *stack) { m_undoStack = stack; }
    QUndoStack *undoStack() const { return m_undoStack; }

    const FieldCatalog &catalog() const { return m_catalog; }
    const FieldMapping &mapping() const { return m_mapping; }
    // Replaces everything (undoable when a stack is set).
    void setMapping(const FieldMapping &mapping, const QString &actionText = {});
    // Appends rows (undoable).
    void addRows(const QList<MappingRow> &rows, const QString &actionText = {});

    const MappingRow &recordAt(int row) const { return m_mapping.rows.at(row); }
    // The row mapping this Marketo field of this Salesforce object (first match).
    QModelIndex indexOf(const QString &salesforceObject, const QString &marketoField, int column = 0) const;
    MappingCheck checkAt(int row) const;
    int count(MappingCheck::Level level) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    // Used by the undo commands: change without recording.
    void applyField(int row, int column, const QString &value);
    void applyMapping(const FieldMapping &mapping);
    void applyRemoveLast(int count);
    void applyAppend(const QList<MappingRow> &rows);

signals:
    void checksChanged();

private:
    QString stageTitle(const QString &stage) const;
    QStringList candidates(const MappingRow &row, int column) const;

    FieldCatalog m_catalog;
    FieldMapping m_mapping;
    QUndoStack *m_undoStack = nullptr;
};

} // namespace msi::tables

Q_DECLARE_METATYPE(msi::tables::MappingRow)
