#pragma once

#include "store/RunRepository.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QList>
#include <QThreadPool>

namespace msi::tables {

// Past runs of a workspace (newest first) with how they ended (the status the engine kept,
// sync::RunStatusKey, as `runs` names it) and what they did, from the run journal. Loads run off the GUI thread; loaded() follows.
class RunsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunsModel)
public:
    enum Column {
        RunColumn,
        StartedColumn,
        ModeColumn,
        StatusColumn,
        DurationColumn,
        SyncedColumn,     // created + updated
        UnchangedColumn,
        ProblemsColumn,   // skipped + blocked + failed + deferred
        MessageColumn,
        ColumnCount
    };
    enum Role {
        RecordRole = Qt::UserRole, // the run id (qint64)
        StatusRole,                // int(store::RunStatus)
        ModeRole,                  // int(store::RunMode)
        StageCountsRole,           // QJsonObject {"<stage>": {"created": n, ...}}
        StatusKeyRole,             // sync::RunStatusKey: succeeded, findings, usage, ...
    };

    explicit RunsModel(store::Workspace &workspace, QObject *parent = nullptr);
    ~RunsModel() override;

    void reload();
    void setRuns(const QList<store::RunInfo> &runs);
    const store::RunInfo &recordAt(int row) const { return m_runs.at(row); }
    QModelIndex indexOf(qint64 runId, int column = 0) const;
    bool isLoading() const { return m_loading; }

    // Sum of one outcome over the stages of a run's counts.
    static qint64 total(const QJsonObject &stageCounts, const QStringList &outcomes);
    // A translated label for a status key (sync::RunStatusKey::of): "Succeeded", "Finished with
    // findings", "Configuration problem", "Connection failed", "Out of quota, resumable",
    // "Cancelled, resumable", "Running", "Interrupted, resumable".
    static QString statusTitle(const QString &statusKey);
    // Its colour: green succeeded, amber findings, red usage/connection, orange for runs that
    // stopped and resume (quota, cancelled, interrupted), blue running.
    static QColor statusColor(const QString &statusKey);
    static QString modeTitle(store::RunMode mode);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    void loaded(int runs);

private:
    store::Workspace &m_workspace;
    QList<store::RunInfo> m_runs;
    bool m_loading = false;
    quint64 m_generation = 0;
    QThreadPool m_pool;
};

} // namespace msi::tables
