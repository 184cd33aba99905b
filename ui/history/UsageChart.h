#pragma once

#include <QChartView>
#include <QDate>
#include <QList>

namespace msi::ui {

// Marketo API calls used per quota day (bars) against the daily quota (a line), on a logarithmic
// scale so that a day of 40 calls and a quota of 50,000 are both readable.
class UsageChart final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsageChart)
public:
    struct Day
    {
        QDate day;
        qint64 calls = 0;
    };

    explicit UsageChart(QWidget *parent = nullptr);

    void setUsage(const QList<Day> &days, qint64 dailyQuota);
    const QList<Day> &days() const { return m_days; }
    qint64 dailyQuota() const { return m_quota; }

private:
    QList<Day> m_days;
    qint64 m_quota = 0;
};

} // namespace msi::ui
