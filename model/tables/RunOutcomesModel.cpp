#include "tables/RunOutcomesModel.h"

#include "tables/StagePipelineModel.h"

#include "core/SalesforceId.h"
#include "store/RunRepository.h"
#include "store/SnapshotRepository.h"
#include "store/Workspace.h"
#include "sync/SyncTypes.h"

#include <QColor>
#include <QFuture>
#include <QHash>
#include <QJsonArray>
#include <QtConcurrent/QtConcurrentRun>

namespace msi::tables {

using store::Outcome;

namespace {

int stageNumber(const QString &key)
{
    sync::Stage stage;
    return sync::SyncTypes::parseStage(key, &stage) ? int(stage) : 0;
}

QString stageName(int number, const QString &key)
{
    if (number < 1 || number > 6)
        return key;
    return StagePipelineModel::stageTitle(sync::Stage(number));
}

// "Contact Babara Levy" from the workspace snapshot; empty when unknown.
QString nameFromSnapshot(const store::SnapshotRepository &snapshots, const QString &key)
{
    const core::SalesforceId id(key);
    if (!id.isValid())
        return {};
    const QString type = id.objectType();
    if (type.isEmpty())
        return {};
    const auto record = snapshots.record(store::System::Salesforce, type, id.id18());
    if (!record)
        return {};
    QString name = record->value(u"Name").toString();
    if (name.isEmpty()) {
        name = QStringList{record->value(u"FirstName").toString(), record->value(u"LastName").toString()}
                   .join(u' ')
                   .trimmed();
    }
    if (name.isEmpty())
        name = record->value(u"Role").toString();
    return name.isEmpty() ? type : type + u' ' + name;
}

std::optional<Outcome> outcomeForAction(const QString &action)
{
    if (action == u"create") return Outcome::Created;
    if (action == u"update") return Outcome::Updated;
    if (action == u"unchanged") return Outcome::Unchanged;
    if (action == u"blocked") return Outcome::Blocked;
    if (action == u"invalid") return Outcome::Failed;
    if (action == u"deferred") return Outcome::Deferred;
    if (action == u"skipped") return Outcome::Skipped;
    return std::nullopt;
}

} // namespace

RunOutcomesModel::RunOutcomesModel(store::Workspace *workspace, QObject *parent)
    : QAbstractTableModel(parent)
    , m_workspace(workspace)
{
    m_pool.setMaxThreadCount(1);
}

RunOutcomesModel::~RunOutcomesModel()
{
    // Loads hold a pointer to the workspace; let them finish before it may go away.
    m_pool.waitForDone();
}

QString RunOutcomesModel::outcomeTitle(Outcome outcome, bool planned)
{
    switch (outcome) {
    case Outcome::Created: return planned ? tr("To create") : tr("Created");
    case Outcome::Updated: return planned ? tr("To update") : tr("Updated");
    case Outcome::Unchanged: return tr("Unchanged");
    case Outcome::Skipped: return tr("Skipped");
    case Outcome::Blocked: return tr("Blocked");
    case Outcome::Failed: return planned ? tr("Invalid") : tr("Failed");
    case Outcome::Deferred: return tr("Deferred");
    }
    return {};
}

QJsonObject RunOutcomesModel::toJson(const RunOutcomeRow &row)
{
    QJsonObject json{{QStringLiteral("stage"), row.stage},
                     {QStringLiteral("recordKey"), row.recordKey},
                     {QStringLiteral("outcome"), store::nameOf(row.outcome)}};
    if (!row.recordName.isEmpty())
        json.insert(u"name", row.recordName);
    if (!row.reason.isEmpty())
        json.insert(u"reason", row.reason);
    if (row.marketoId > 0)
        json.insert(u"marketoId", row.marketoId);
    if (row.attempts > 0)
        json.insert(u"attempts", row.attempts);
    return json;
}

QString RunOutcomesModel::describe(const RunOutcomeRow &row)
{
    const QString record = row.recordName.isEmpty()
        ? row.recordKey
        : tr("%1 (%2)").arg(row.recordName, row.recordKey);
    const QString stage = stageName(row.stageNumber, row.stage);
    if (row.reason.isEmpty())
        return tr("%1 in %2: %3").arg(record, stage, outcomeTitle(row.outcome).toLower());
    // Reasons often start with the record's name already ("Contact Zoë Müller: ...").
    QString reason = row.reason;
    const QString prefix = row.recordName + QStringLiteral(": ");
    if (!row.recordName.isEmpty() && reason.startsWith(prefix))
        reason = reason.mid(prefix.size());
    return tr("%1 in %2, %3: %4").arg(record, stage, outcomeTitle(row.outcome).toLower(), reason);
}

QList<RunOutcomeRow> RunOutcomesModel::rowsFromPlan(const QJsonObject &plan)
{
    QList<RunOutcomeRow> rows;
    const QJsonArray stages = plan.value(u"stages").toArray();
    for (const QJsonValue &stageValue : stages) {
        const QJsonObject stage = stageValue.toObject();
        const QString key = stage.value(u"stage").toString();
        const int number = stageNumber(key);
        const QJsonArray records = stage.value(u"records").toArray();
        for (const QJsonValue &recordValue : records) {
            const QJsonObject record = recordValue.toObject();
            const auto outcome = outcomeForAction(record.value(u"action").toString());
            if (!outcome)
                continue;
            RunOutcomeRow row;
            row.stage = key;
            row.stageNumber = number;
            row.recordKey = record.value(u"salesforceId").toString();
            row.recordName = record.value(u"name").toString();
            row.outcome = *outcome;
            row.reason = record.value(u"reason").toString();
            if (row.reason.isEmpty()) {
                QStringList notes;
                for (const QJsonValue &note : record.value(u"notes").toArray())
                    notes << note.toString();
                row.reason = notes.join(QStringLiteral("; "));
            }
            row.marketoId = record.value(u"marketoId").toInteger();
            rows.append(row);
        }
    }
    return rows;
}

void RunOutcomesModel::loadRun(qint64 runId)
{
    ++m_generation;
    if (!m_workspace) {
        setRows(runId, {});
        return;
    }
    m_loading = true;
    const quint64 generation = m_generation;
    store::Workspace *workspace = m_workspace;
    QtConcurrent::run(&m_pool, [workspace, runId] {
        const QList<store::RecordOutcome> outcomes = store::RunRepository(*workspace).outcomes(runId);
        const store::SnapshotRepository snapshots(*workspace);
        QHash<QString, QString> names;
        QList<RunOutcomeRow> rows;
        rows.reserve(outcomes.size());
        for (const store::RecordOutcome &o : outcomes) {
            RunOutcomeRow row;
            row.stage = o.stage;
            row.stageNumber = stageNumber(o.stage);
            row.recordKey = o.recordKey;
            auto name = names.constFind(o.recordKey);
            if (name == names.cend())
                name = names.insert(o.recordKey, nameFromSnapshot(snapshots, o.recordKey));
            row.recordName = *name;
            row.outcome = o.outcome;
            row.reason = o.reason;
            row.marketoId = o.marketoId;
            row.attempts = o.attempts;
            rows.append(row);
        }
        return rows;
    }).then(this, [this, generation, runId](const QList<RunOutcomeRow> &rows) {
        if (generation != m_generation)
            return;
        m_loading = false;
        beginResetModel();
        m_rows = rows;
        m_runId = runId;
        m_planned = false;
        endResetModel();
        emit loaded(runId, int(rows.size()));
    });
}

void RunOutcomesModel::setPlan(qint64 runId, const QJsonObject &plan)
{
    ++m_generation;
    m_loading = false;
    beginResetModel();
    m_rows = rowsFromPlan(plan);
    m_runId = runId;
    m_planned = true;
    endResetModel();
    emit loaded(runId, int(m_rows.size()));
}

void RunOutcomesModel::setRows(qint64 runId, const QList<RunOutcomeRow> &rows)
{
    ++m_generation;
    m_loading = false;
    beginResetModel();
    m_rows = rows;
    m_runId = runId;
    m_planned = false;
    endResetModel();
    emit loaded(runId, int(m_rows.size()));
}

void RunOutcomesModel::clear()
{
    setRows(0, {});
}

QModelIndex RunOutcomesModel::indexOf(const QString &recordKey, const QString &stage, int column) const
{
    const core::SalesforceId wanted(recordKey);
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        const RunOutcomeRow &r = m_rows.at(row);
        if (!stage.isEmpty() && r.stage != stage)
            continue;
        if (r.recordKey == recordKey || (wanted.isValid() && core::SalesforceId(r.recordKey) == wanted))
            return index(int(row), column);
    }
    return {};
}

int RunOutcomesModel::count(Outcome outcome) const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [outcome](const RunOutcomeRow &r) { return r.outcome == outcome; }));
}

int RunOutcomesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RunOutcomesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunOutcomesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RunOutcomeRow &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (Column(index.column())) {
        case StageColumn: return stageName(r.stageNumber, r.stage);
        case RecordColumn: return r.recordName.isEmpty() ? r.recordKey : r.recordName;
        case IdColumn: return r.recordKey;
        case OutcomeColumn: return outcomeTitle(r.outcome, m_planned);
        case ReasonColumn: return r.reason;
        case MarketoIdColumn: return r.marketoId > 0 ? QVariant(QString::number(r.marketoId)) : QVariant();
        case ColumnCount: break;
        }
        return {};
    case Qt::ToolTipRole:
        return describe(r);
    case Qt::ForegroundRole:
        if (index.column() == OutcomeColumn
            && (r.outcome == Outcome::Failed || r.outcome == Outcome::Blocked))
            return QColor(0xb7, 0x1c, 0x1c);
        return {};
    case RecordRole:
        return toJson(r);
    case OutcomeRole:
        return int(r.outcome);
    case RecordKeyRole:
        return r.recordKey;
    case StageNumberRole:
        return r.stageNumber;
    default:
        return {};
    }
}

QVariant RunOutcomesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case StageColumn: return tr("Stage");
    case RecordColumn: return tr("Record");
    case IdColumn: return tr("Salesforce ID");
    case OutcomeColumn: return m_planned ? tr("Plan") : tr("Outcome");
    case ReasonColumn: return tr("Reason");
    case MarketoIdColumn: return tr("Marketo id");
    case ColumnCount: break;
    }
    return {};
}

RunOutcomesFilterModel::RunOutcomesFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(-1);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void RunOutcomesFilterModel::setOutcomes(const QSet<Outcome> &outcomes)
{
    if (outcomes == m_outcomes)
        return;
    m_outcomes = outcomes;
    invalidateRowsFilter();
}

void RunOutcomesFilterModel::setHideWriteBackWaits(bool hide)
{
    if (hide == m_hideWriteBackWaits)
        return;
    m_hideWriteBackWaits = hide;
    invalidateRowsFilter();
}

bool RunOutcomesFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const Outcome outcome = Outcome(index.data(RunOutcomesModel::OutcomeRole).toInt());
    if (!m_outcomes.isEmpty() && !m_outcomes.contains(outcome))
        return false;
    if (m_hideWriteBackWaits && outcome == Outcome::Deferred
        && index.data(RunOutcomesModel::StageNumberRole).toInt() == int(sync::Stage::MsiWriteBack))
        return false;
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

bool RunOutcomesFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (left.column() == RunOutcomesModel::StageColumn) {
        const int l = left.data(RunOutcomesModel::StageNumberRole).toInt();
        const int r = right.data(RunOutcomesModel::StageNumberRole).toInt();
        if (l != r)
            return l < r;
        return left.data(RunOutcomesModel::RecordKeyRole).toString()
               < right.data(RunOutcomesModel::RecordKeyRole).toString();
    }
    if (left.column() == RunOutcomesModel::MarketoIdColumn)
        return left.data().toString().toLongLong() < right.data().toString().toLongLong();
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace msi::tables
