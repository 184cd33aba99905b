#include "tables/StagePipelineModel.h"

#include <QColor>

namespace msi::tables {

using sync::RunResult;
using sync::Stage;
using sync::StageResult;

StagePipelineModel::StagePipelineModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    const QList<Stage> stages = sync::SyncTypes::allStages();
    for (Stage stage : stages) {
        Row row;
        row.result.stage = stage;
        m_rows.append(row);
    }
}

QString StagePipelineModel::stageTitle(Stage stage)
{
    switch (stage) {
    case Stage::SalesPersons: return tr("Sales persons");
    case Stage::Companies: return tr("Companies");
    case Stage::Leads: return tr("Leads and contacts");
    case Stage::Opportunities: return tr("Opportunities");
    case Stage::OpportunityRoles: return tr("Opportunity roles");
    case Stage::MsiWriteBack: return tr("MSI fields to Salesforce");
    }
    return {};
}

QString StagePipelineModel::stateTitle(State state)
{
    switch (state) {
    case State::Idle: return tr("Not run yet");
    case State::NotSelected: return tr("Not in this run");
    case State::Waiting: return tr("Waiting");
    case State::Running: return tr("Running");
    case State::Planned: return tr("Planned");
    case State::Done: return tr("Done");
    case State::Stopped: return tr("Stopped, resumable");
    }
    return {};
}

QModelIndex StagePipelineModel::indexOf(Stage stage, int column) const
{
    return index(rowOf(stage), column);
}

void StagePipelineModel::rowChanged(int row)
{
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void StagePipelineModel::startRun(const QList<Stage> &stages, bool dryRun)
{
    m_dryRun = dryRun;
    for (Row &row : m_rows) {
        const Stage stage = row.result.stage;
        row = Row{};
        row.result.stage = stage;
        row.state = stages.contains(stage) ? State::Waiting : State::NotSelected;
    }
    emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

void StagePipelineModel::setStageStarted(Stage stage, int total)
{
    const int row = rowOf(stage);
    if (row < 0 || row >= m_rows.size())
        return;
    // Stages before this one that were still waiting have ended.
    for (int r = 0; r < row; ++r) {
        if (m_rows[r].state == State::Running) {
            m_rows[r].state = State::Done;
            rowChanged(r);
        }
    }
    m_rows[row].state = State::Running;
    m_rows[row].done = 0;
    m_rows[row].sending = total;
    rowChanged(row);
}

void StagePipelineModel::setStageProgress(Stage stage, int done, int total)
{
    const int row = rowOf(stage);
    if (row < 0 || row >= m_rows.size())
        return;
    m_rows[row].done = done;
    m_rows[row].sending = total;
    rowChanged(row);
}

void StagePipelineModel::setResult(const RunResult &result)
{
    m_dryRun = result.dryRun;
    const bool stopped = result.status == RunResult::Status::Cancelled
        || result.status == RunResult::Status::QuotaExhausted
        || result.status == RunResult::Status::Connection;
    for (Row &row : m_rows) {
        const auto it = std::find_if(result.stages.cbegin(), result.stages.cend(),
                                     [&row](const StageResult &s) { return s.stage == row.result.stage; });
        if (it == result.stages.cend()) {
            if (row.state != State::Idle)
                row.state = State::NotSelected;
            continue;
        }
        row.result = *it;
        row.counted = true;
        if (result.dryRun)
            row.state = State::Planned;
        else if (it->notSent > 0 || (stopped && row.state != State::Done && row.state != State::Running))
            row.state = State::Stopped;
        else if (stopped && row.state == State::Running)
            row.state = it->notSent > 0 ? State::Stopped : State::Done;
        else
            row.state = State::Done;
    }
    emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

void StagePipelineModel::clear()
{
    startRun({}, false);
    for (Row &row : m_rows)
        row.state = State::Idle;
    emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int StagePipelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int StagePipelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StagePipelineModel::countFor(const Row &row, int column) const
{
    if (!row.counted || row.state == State::NotSelected)
        return {};
    const StageResult &r = row.result;
    switch (Column(column)) {
    case CreateColumn: return r.created;
    case UpdateColumn: return r.updated;
    case UnchangedColumn: return r.unchanged;
    case BlockedColumn: return r.blocked;
    case FailedColumn: return r.failed;
    case SkippedColumn: return r.skipped;
    case DeferredColumn: return r.deferred;
    case NotSentColumn: return r.notSent;
    default: return {};
    }
}

QVariant StagePipelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const Stage stage = row.result.stage;
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case StageColumn:
            return tr("%1. %2").arg(int(stage)).arg(stageTitle(stage));
        case StateColumn:
            if (row.state == State::Running && row.sending > 0)
                return tr("Running: %1 of %2").arg(row.done).arg(row.sending);
            return stateTitle(row.state);
        case ColumnCount:
            return {};
        default:
            // The counts are known when the run ends.
            return countFor(row, index.column());
        }
    case Qt::ToolTipRole:
        if (index.column() == StateColumn && row.state == State::Stopped)
            return tr("%n record(s) of this stage were not sent; the next run continues with them.",
                      nullptr, row.result.notSent);
        if (index.column() == StageColumn)
            return sync::SyncTypes::stageKey(stage);
        return {};
    case Qt::AccessibleTextRole: {
        const QVariant shown = data(index, Qt::DisplayRole);
        if (index.column() <= StateColumn)
            return shown;
        return tr("%1, %2: %3")
            .arg(stageTitle(stage), headerData(index.column(), Qt::Horizontal, Qt::DisplayRole).toString(),
                 shown.isValid() ? shown.toString() : tr("none"));
    }
    case Qt::TextAlignmentRole:
        if (index.column() > StateColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole: {
        if (index.column() == StateColumn) {
            switch (row.state) {
            case State::Running: return QColor(0x15, 0x65, 0xc0);
            case State::Done:
                return row.result.failed + row.result.blocked > 0 ? QColor(0xb7, 0x1c, 0x1c)
                                                                  : QColor(0x2e, 0x7d, 0x32);
            case State::Stopped: return QColor(0xb7, 0x1c, 0x1c);
            default: return {};
            }
        }
        if (index.column() == StageColumn)
            return {};
        const int value = countFor(row, index.column()).toInt();
        if (value > 0 && (index.column() == FailedColumn || index.column() == BlockedColumn))
            return QColor(0xb7, 0x1c, 0x1c);
        return {};
    }
    case RecordRole:
        return row.result.toJson();
    case StageRole:
        return int(stage);
    case StateRole:
        return int(row.state);
    case ProgressRole:
        return row.done;
    case TotalRole:
        return row.state == State::Running ? row.sending : row.result.total;
    default:
        return {};
    }
}

QVariant StagePipelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case BlockedColumn: return tr("Not sent because a record it depends on did not make it");
        case FailedColumn: return tr("Refused by Marketo or Salesforce, or invalid");
        case SkippedColumn: return tr("Deliberately left out, with a reason");
        case DeferredColumn: return tr("Waiting for something to be fixed elsewhere");
        case NotSentColumn: return tr("Left for the next run (cancelled or out of quota)");
        default: return {};
        }
    }
    switch (Column(section)) {
    case StageColumn: return tr("Stage");
    case StateColumn: return tr("State");
    case CreateColumn: return m_dryRun ? tr("To create") : tr("Created");
    case UpdateColumn: return m_dryRun ? tr("To update") : tr("Updated");
    case UnchangedColumn: return tr("Unchanged");
    case BlockedColumn: return tr("Blocked");
    case FailedColumn: return m_dryRun ? tr("Invalid") : tr("Failed");
    case SkippedColumn: return tr("Skipped");
    case DeferredColumn: return tr("Deferred");
    case NotSentColumn: return tr("Not sent");
    case ColumnCount: break;
    }
    return {};
}

} // namespace msi::tables
