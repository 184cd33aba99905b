#pragma once

#include "store/StoreTypes.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QThreadPool>

namespace msi::store { class Workspace; }

namespace msi::tables {

// One record's result in one stage of a run (or, for a dry run, what the run would do).
struct RunOutcomeRow
{
    QString stage;        // stage key: sales-persons, companies, leads, ...
    int stageNumber = 0;  // 1..6, 0 when unknown
    QString recordKey;    // Salesforce ID (Marketo id for write-back rows keyed so)
    QString recordName;   // "Contact Babara Levy"; empty when the snapshot does not know it
    store::Outcome outcome = store::Outcome::Created;
    QString reason;       // plain words; empty for created/updated/unchanged
    qint64 marketoId = 0;
    int attempts = 0;     // 0 for a dry run
};

// The results table of one run, from the run journal (RunRepository) or from a dry run's plan.
// Journal loads run off the GUI thread; loaded() follows.
class RunOutcomesModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunOutcomesModel)
public:
    enum Column { StageColumn, RecordColumn, IdColumn, OutcomeColumn, ReasonColumn, MarketoIdColumn,
                  ColumnCount };
    enum Role {
        RecordRole = Qt::UserRole, // the row as JSON (toJson)
        OutcomeRole,               // int(store::Outcome)
        RecordKeyRole,             // the record key
        StageNumberRole,           // 1..6
    };

    // Without a workspace the model only shows plans (setPlan) and rows given to it.
    explicit RunOutcomesModel(store::Workspace *workspace = nullptr, QObject *parent = nullptr);
    ~RunOutcomesModel() override;

    // Loads the outcomes of a run from the journal, with the records' names from the snapshot.
    void loadRun(qint64 runId);
    // A dry run's plan (RunResult::plan, SyncPlan::toJson(true)): one row per planned record.
    void setPlan(qint64 runId, const QJsonObject &plan);
    void setRows(qint64 runId, const QList<RunOutcomeRow> &rows);
    void clear();

    qint64 runId() const { return m_runId; }
    bool isLoading() const { return m_loading; }
    const RunOutcomeRow &recordAt(int row) const { return m_rows.at(row); }
    // The first row of this record (in any stage when stage is empty).
    QModelIndex indexOf(const QString &recordKey, const QString &stage = {}, int column = 0) const;
    int count(store::Outcome outcome) const;

    static QList<RunOutcomeRow> rowsFromPlan(const QJsonObject &plan);
    static QString outcomeTitle(store::Outcome outcome, bool planned = false);
    static QJsonObject toJson(const RunOutcomeRow &row);
    // "Contact Babara Levy (0037F000009XkPdQAK) in Leads and contacts: <reason>"
    static QString describe(const RunOutcomeRow &row);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    void loaded(qint64 runId, int rows);

private:
    store::Workspace *m_workspace;
    QList<RunOutcomeRow> m_rows;
    qint64 m_runId = 0;
    bool m_planned = false;
    bool m_loading = false;
    quint64 m_generation = 0;
    QThreadPool m_pool;
};

// Filters a RunOutcomesModel by outcome and by any text (record, ID, reason); sorts stages by
// their number.
class RunOutcomesFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunOutcomesFilterModel)
public:
    explicit RunOutcomesFilterModel(QObject *parent = nullptr);

    // Empty = every outcome.
    void setOutcomes(const QSet<store::Outcome> &outcomes);
    const QSet<store::Outcome> &outcomes() const { return m_outcomes; }
    // Hides the write-back stage's deferred rows: people whose MSI values Marketo has not
    // scored yet, which is normal, not a problem to look at.
    void setHideWriteBackWaits(bool hide);
    bool hidesWriteBackWaits() const { return m_hideWriteBackWaits; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QSet<store::Outcome> m_outcomes;
    bool m_hideWriteBackWaits = false;
};

} // namespace msi::tables
