#pragma once

#include "tables/FieldMapping.h"

#include <QUndoCommand>

namespace msi::tables {

class MappingModel;

// One cell of the mapping changed (a Salesforce or a Marketo field).
class SetMappingFieldCommand final : public QUndoCommand
{
public:
    SetMappingFieldCommand(MappingModel *model, int row, int column, QString before, QString after);
    void undo() override;
    void redo() override;

private:
    MappingModel *m_model;
    int m_row;
    int m_column;
    QString m_before;
    QString m_after;
};

// The whole mapping replaced (import, defaults).
class ReplaceMappingCommand final : public QUndoCommand
{
public:
    ReplaceMappingCommand(MappingModel *model, FieldMapping before, FieldMapping after, const QString &text);
    void undo() override;
    void redo() override;

private:
    MappingModel *m_model;
    FieldMapping m_before;
    FieldMapping m_after;
};

// Rows appended (suggestions).
class AddMappingRowsCommand final : public QUndoCommand
{
public:
    AddMappingRowsCommand(MappingModel *model, QList<MappingRow> rows, const QString &text);
    void undo() override;
    void redo() override;

private:
    MappingModel *m_model;
    QList<MappingRow> m_rows;
};

} // namespace msi::tables
