#pragma once

#include "sync/RunOptions.h"

#include <QAbstractTableModel>
#include <QList>

namespace msi::tables {

// The six sync stages as one row each, in pipeline order, with what a run (or a dry run) does to
// their records. Fed by the SyncController's signals while a run goes and by its RunResult at the
// end.
class StagePipelineModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StagePipelineModel)
public:
    enum Column {
        StageColumn,
        StateColumn,
        CreateColumn,
        UpdateColumn,
        UnchangedColumn,
        BlockedColumn,
        FailedColumn,
        SkippedColumn,
        DeferredColumn,
        NotSentColumn,   // left for the next run (cancel, quota)
        ColumnCount
    };
    enum class State { Idle, NotSelected, Waiting, Running, Planned, Done, Stopped };
    Q_ENUM(State)
    enum Role {
        RecordRole = Qt::UserRole, // the StageResult as JSON (StageResult::toJson)
        StageRole,                 // int(sync::Stage)
        StateRole,                 // int(State)
        ProgressRole,              // done records of the running stage
        TotalRole,                 // records the stage sends (running) or holds (finished)
    };

    explicit StagePipelineModel(QObject *parent = nullptr);

    // A new run with these stages: counts cleared, selected stages Waiting, others NotSelected.
    void startRun(const QList<sync::Stage> &stages, bool dryRun);
    void setStageStarted(sync::Stage stage, int total);
    void setStageProgress(sync::Stage stage, int done, int total);
    // The run's end: the counts of every stage; stages not finished become Stopped.
    void setResult(const sync::RunResult &result);
    void clear();

    bool isDryRun() const { return m_dryRun; }
    const sync::StageResult &recordAt(int row) const { return m_rows.at(row).result; }
    State stateAt(int row) const { return m_rows.at(row).state; }
    QModelIndex indexOf(sync::Stage stage, int column = StageColumn) const;
    // "Leads and contacts", the admin's name of each stage (MSI entity in the order of the sync).
    static QString stageTitle(sync::Stage stage);
    static QString stateTitle(State state);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row
    {
        sync::StageResult result;
        State state = State::Idle;
        int done = 0;
        int sending = 0;
        bool counted = false; // the run's counts have arrived (they come when it ends)
    };
    int rowOf(sync::Stage stage) const { return int(stage) - 1; }
    QVariant countFor(const Row &row, int column) const;
    void rowChanged(int row);

    QList<Row> m_rows;
    bool m_dryRun = false;
};

} // namespace msi::tables
