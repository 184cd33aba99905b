#pragma once

#include "ui/history/UsageChart.h"

#include <QThreadPool>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;
class QTabWidget;

namespace msi::store { class Workspace; }
namespace msi::tables { class RunsModel; }

namespace msi::ui {

class RunResultsView;
class StageOutcomeChart;

// The History panel: the workspace's past runs with how they ended; for the selected run its
// records per stage and outcome (chart) and its results table; and the Marketo API calls used per
// day against the daily quota. Everything is read off the GUI thread.
class HistoryPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryPanel)
public:
    explicit HistoryPanel(store::Workspace &workspace, QWidget *parent = nullptr);
    ~HistoryPanel() override;

    // Marketo calls per day of the instance (the quota line); default 50,000.
    void setDailyQuota(qint64 calls);
    // Days shown in the usage chart, today included; default 14.
    void setUsageDays(int days);
    // Reads the runs and the usage again (e.g. after a run ended); selects the newest run.
    void reload();
    bool selectRun(qint64 runId);
    qint64 selectedRun() const;

    tables::RunsModel *runsModel() const { return m_runs; }
    QTableView *runsView() const { return m_view; }
    StageOutcomeChart *stageChart() const { return m_stageChart; }
    UsageChart *usageChart() const { return m_usageChart; }
    RunResultsView *results() const { return m_results; }
    QTabWidget *tabs() const { return m_tabs; }

signals:
    // Both the runs and the usage are loaded.
    void reloaded();

private:
    void runsLoaded();
    void showRun(const QModelIndex &current);
    void loadUsage();

    store::Workspace &m_workspace;
    tables::RunsModel *m_runs;
    QLabel *m_summary;
    QPushButton *m_refresh;
    QTableView *m_view;
    QTabWidget *m_tabs;
    StageOutcomeChart *m_stageChart;
    RunResultsView *m_results;
    UsageChart *m_usageChart;
    qint64 m_quota = 50000;
    int m_usageDays = 14;
    qint64 m_wantedRun = 0;
    int m_pending = 0;
    quint64 m_usageGeneration = 0;
    QThreadPool m_pool;
};

} // namespace msi::ui
