#include "ui/history/HistoryPanel.h"

#include "ui/history/StageOutcomeChart.h"
#include "ui/sync/RunResultsView.h"

#include "store/UsageLedger.h"
#include "tables/RunOutcomesModel.h"
#include "tables/RunsModel.h"

#include <QFuture>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace msi::ui {

using tables::RunsModel;

HistoryPanel::HistoryPanel(store::Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_runs(new RunsModel(workspace, this))
    , m_summary(new QLabel(this))
    , m_refresh(new QPushButton(tr("R&efresh"), this))
    , m_view(new QTableView(this))
    , m_tabs(new QTabWidget(this))
    , m_stageChart(new StageOutcomeChart(this))
    , m_results(new RunResultsView(&workspace, this))
    , m_usageChart(new UsageChart(this))
{
    m_pool.setMaxThreadCount(1);

    m_summary->setObjectName(u"historySummary"_qs);
    m_summary->setAccessibleName(tr("Runs summary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setText(tr("Loading runs…"));
    m_refresh->setObjectName(u"historyRefresh"_qs);
    m_refresh->setAccessibleName(tr("Refresh history"));

    m_view->setObjectName(u"runsTable"_qs);
    m_view->setAccessibleName(tr("Past runs"));
    m_view->setModel(m_runs);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTabKeyNavigation(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);

    m_stageChart->setObjectName(u"stageChart"_qs);
    m_usageChart->setObjectName(u"usageChart"_qs);
    m_results->setObjectName(u"historyResults"_qs);
    m_tabs->setObjectName(u"historyTabs"_qs);
    m_tabs->setAccessibleName(tr("Details of the selected run"));
    m_tabs->addTab(m_stageChart, tr("Records per &stage"));
    m_tabs->addTab(m_results, tr("Res&ults"));
    m_tabs->addTab(m_usageChart, tr("API &calls per day"));

    auto *top = new QWidget(this);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_refresh);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(bar);
    topLayout->addWidget(m_view);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(u"historySplitter"_qs);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(top);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    const QString splitterKey = u"history/splitter"_qs;
    splitter->restoreState(QSettings().value(splitterKey).toByteArray());
    connect(splitter, &QSplitter::splitterMoved, this, [splitter, splitterKey] {
        QSettings().setValue(splitterKey, splitter->saveState());
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_refresh, &QPushButton::clicked, this, &HistoryPanel::reload);
    connect(m_runs, &RunsModel::loaded, this, &HistoryPanel::runsLoaded);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &HistoryPanel::showRun);
    reload();
}

HistoryPanel::~HistoryPanel()
{
    m_pool.waitForDone();
}

void HistoryPanel::setDailyQuota(qint64 calls)
{
    m_quota = qMax<qint64>(1, calls);
    loadUsage();
}

void HistoryPanel::setUsageDays(int days)
{
    m_usageDays = qBound(1, days, 366);
    loadUsage();
}

void HistoryPanel::reload()
{
    m_pending = 2;
    m_wantedRun = selectedRun();
    m_runs->reload();
    loadUsage();
}

void HistoryPanel::loadUsage()
{
    const quint64 generation = ++m_usageGeneration;
    store::Workspace *workspace = &m_workspace;
    const int days = m_usageDays;
    QtConcurrent::run(&m_pool, [workspace, days] {
        const store::UsageLedger ledger(*workspace);
        const QDate today = store::UsageLedger::quotaDay(store::System::Marketo, QDateTime::currentDateTimeUtc());
        QList<UsageChart::Day> result;
        for (int i = days - 1; i >= 0; --i) {
            const QDate day = today.addDays(-i);
            result.append({day, ledger.callsOn(store::System::Marketo, day)});
        }
        return result;
    }).then(this, [this, generation](const QList<UsageChart::Day> &days) {
        if (generation != m_usageGeneration)
            return;
        m_usageChart->setUsage(days, m_quota);
        if (m_pending > 0 && --m_pending == 0)
            emit reloaded();
    });
}

void HistoryPanel::runsLoaded()
{
    const int count = m_runs->rowCount();
    m_summary->setText(count == 0 ? tr("No runs yet in this workspace.")
                                  : tr("%n run(s), newest first.", nullptr, count));
    m_view->resizeColumnsToContents();
    if (!selectRun(m_wantedRun) && count > 0)
        m_view->setCurrentIndex(m_runs->index(0, 0));
    else if (count == 0)
        showRun({});
    if (m_pending > 0 && --m_pending == 0)
        emit reloaded();
}

bool HistoryPanel::selectRun(qint64 runId)
{
    const QModelIndex index = m_runs->indexOf(runId);
    if (!index.isValid())
        return false;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    return true;
}

qint64 HistoryPanel::selectedRun() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? m_runs->recordAt(current.row()).id : 0;
}

void HistoryPanel::showRun(const QModelIndex &current)
{
    if (!current.isValid()) {
        m_stageChart->setCounts({}, {});
        m_results->model()->clear();
        return;
    }
    const store::RunInfo &run = m_runs->recordAt(current.row());
    const QString title = tr("Run %1").arg(run.id);
    QString empty;
    if (run.mode == store::RunMode::DryRun)
        empty = tr("%1 was a dry run: it wrote nothing.").arg(title);
    else if (run.status == store::RunStatus::Running)
        empty = tr("%1 is still running.").arg(title);
    else
        empty = tr("%1 settled no records.").arg(title);
    m_stageChart->setCounts(title, run.stageCounts, empty);
    m_results->model()->loadRun(run.id);
}

} // namespace msi::ui
