#include "tables/RunsModel.h"

#include "sync/RunStatusKey.h"

#include <QColor>
#include <QFuture>
#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>

namespace msi::tables {

using store::RunMode;
using store::RunStatus;

RunsModel::RunsModel(store::Workspace &workspace, QObject *parent)
    : QAbstractTableModel(parent)
    , m_workspace(workspace)
{
    m_pool.setMaxThreadCount(1);
}

RunsModel::~RunsModel()
{
    m_pool.waitForDone();
}

void RunsModel::reload()
{
    m_loading = true;
    const quint64 generation = ++m_generation;
    store::Workspace *workspace = &m_workspace;
    QtConcurrent::run(&m_pool, [workspace] {
        return store::RunRepository(*workspace).runs();
    }).then(this, [this, generation](const QList<store::RunInfo> &runs) {
        if (generation != m_generation)
            return;
        m_loading = false;
        setRuns(runs);
        emit loaded(int(runs.size()));
    });
}

void RunsModel::setRuns(const QList<store::RunInfo> &runs)
{
    beginResetModel();
    m_runs = runs;
    endResetModel();
}

QModelIndex RunsModel::indexOf(qint64 runId, int column) const
{
    for (qsizetype row = 0; row < m_runs.size(); ++row) {
        if (m_runs.at(row).id == runId)
            return index(int(row), column);
    }
    return {};
}

qint64 RunsModel::total(const QJsonObject &stageCounts, const QStringList &outcomes)
{
    qint64 sum = 0;
    for (auto it = stageCounts.begin(); it != stageCounts.end(); ++it) {
        const QJsonObject counts = it.value().toObject();
        for (const QString &outcome : outcomes)
            sum += counts.value(outcome).toInteger();
    }
    return sum;
}

QString RunsModel::statusTitle(const QString &key)
{
    if (key == u"succeeded")
        return tr("Succeeded");
    if (key == u"findings")
        return tr("Finished with findings");
    if (key == u"usage")
        return tr("Configuration problem");
    if (key == u"connection")
        return tr("Connection failed");
    if (key == u"quota")
        return tr("Out of quota, resumable");
    if (key == u"cancelled")
        return tr("Cancelled, resumable");
    if (key == u"running")
        return tr("Running");
    if (key == u"interrupted")
        return tr("Interrupted, resumable");
    return key;
}

QColor RunsModel::statusColor(const QString &key)
{
    if (key == u"succeeded")
        return QColor(0x2e, 0x7d, 0x32);  // green
    if (key == u"findings")
        return QColor(0xf9, 0xa8, 0x25);  // amber
    if (key == u"usage" || key == u"connection")
        return QColor(0xc6, 0x28, 0x28);  // red
    if (key == u"running")
        return QColor(0x15, 0x65, 0xc0);  // blue
    return QColor(0xef, 0x6c, 0x00);      // orange: stopped, resumable
}

QString RunsModel::modeTitle(RunMode mode)
{
    switch (mode) {
    case RunMode::Full: return tr("Full");
    case RunMode::Incremental: return tr("Changes only");
    case RunMode::DryRun: return tr("Dry run");
    case RunMode::Records: return tr("Chosen records");
    }
    return {};
}

int RunsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

QString duration(const store::RunInfo &run)
{
    if (!run.startedAt.isValid() || !run.finishedAt.isValid())
        return {};
    const qint64 seconds = qMax<qint64>(0, run.startedAt.secsTo(run.finishedAt));
    if (seconds < 60)
        return RunsModel::tr("%n s", nullptr, int(seconds));
    return RunsModel::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
}

const QStringList &syncedOutcomes()
{
    static const QStringList names{store::nameOf(store::Outcome::Created),
                                   store::nameOf(store::Outcome::Updated)};
    return names;
}

const QStringList &problemOutcomes()
{
    static const QStringList names{store::nameOf(store::Outcome::Skipped),
                                   store::nameOf(store::Outcome::Blocked),
                                   store::nameOf(store::Outcome::Failed),
                                   store::nameOf(store::Outcome::Deferred)};
    return names;
}

} // namespace

QVariant RunsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const store::RunInfo &run = m_runs.at(index.row());
    const bool dryRun = run.mode == RunMode::DryRun;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (Column(index.column())) {
        case RunColumn: return tr("Run %1").arg(run.id);
        case StartedColumn:
            return QLocale().toString(run.startedAt.toLocalTime(), QLocale::ShortFormat);
        case ModeColumn: return modeTitle(run.mode);
        case StatusColumn: return statusTitle(sync::RunStatusKey::of(run));
        case DurationColumn: return duration(run);
        case SyncedColumn: return dryRun ? QVariant() : QVariant(total(run.stageCounts, syncedOutcomes()));
        case UnchangedColumn:
            return dryRun ? QVariant()
                          : QVariant(total(run.stageCounts, {store::nameOf(store::Outcome::Unchanged)}));
        case ProblemsColumn: return dryRun ? QVariant() : QVariant(total(run.stageCounts, problemOutcomes()));
        case MessageColumn: return run.message;
        case ColumnCount: break;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == MessageColumn || index.column() == StatusColumn)
            return run.message;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= SyncedColumn && index.column() <= ProblemsColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DecorationRole:
        if (index.column() != StatusColumn)
            return {};
        return statusColor(sync::RunStatusKey::of(run));
    case RecordRole:
        return run.id;
    case StatusRole:
        return int(run.status);
    case ModeRole:
        return int(run.mode);
    case StageCountsRole:
        return run.stageCounts;
    case StatusKeyRole:
        return sync::RunStatusKey::of(run);
    default:
        return {};
    }
}

QVariant RunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case RunColumn: return tr("Run");
    case StartedColumn: return tr("Started");
    case ModeColumn: return tr("Kind");
    case StatusColumn: return tr("Status");
    case DurationColumn: return tr("Duration");
    case SyncedColumn: return tr("Synced");
    case UnchangedColumn: return tr("Unchanged");
    case ProblemsColumn: return tr("Not synced");
    case MessageColumn: return tr("Message");
    case ColumnCount: break;
    }
    return {};
}

} // namespace msi::tables
