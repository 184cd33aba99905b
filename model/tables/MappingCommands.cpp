#include "tables/MappingCommands.h"

#include "tables/MappingModel.h"

#include <QCoreApplication>

namespace msi::tables {

SetMappingFieldCommand::SetMappingFieldCommand(MappingModel *model, int row, int column, QString before,
                                               QString after)
    : m_model(model)
    , m_row(row)
    , m_column(column)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    const MappingRow &r = model->recordAt(row);
    setText(QCoreApplication::translate("msi::tables::MappingCommands", "map %1.%2 to %3")
                .arg(column == MappingModel::SalesforceColumn ? r.marketoObject : r.salesforceObject,
                     column == MappingModel::SalesforceColumn ? r.marketoField : r.salesforceField,
                     m_after.isEmpty() ? QCoreApplication::translate("msi::tables::MappingCommands", "nothing")
                                       : m_after));
}

void SetMappingFieldCommand::undo()
{
    m_model->applyField(m_row, m_column, m_before);
}

void SetMappingFieldCommand::redo()
{
    m_model->applyField(m_row, m_column, m_after);
}

ReplaceMappingCommand::ReplaceMappingCommand(MappingModel *model, FieldMapping before, FieldMapping after,
                                             const QString &text)
    : m_model(model)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(text);
}

void ReplaceMappingCommand::undo()
{
    m_model->applyMapping(m_before);
}

void ReplaceMappingCommand::redo()
{
    m_model->applyMapping(m_after);
}

AddMappingRowsCommand::AddMappingRowsCommand(MappingModel *model, QList<MappingRow> rows, const QString &text)
    : m_model(model)
    , m_rows(std::move(rows))
{
    setText(text);
}

void AddMappingRowsCommand::undo()
{
    m_model->applyRemoveLast(int(m_rows.size()));
}

void AddMappingRowsCommand::redo()
{
    m_model->applyAppend(m_rows);
}

} // namespace msi::tables
