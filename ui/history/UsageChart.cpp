#include "ui/history/UsageChart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QLogValueAxis>
#include <QPen>

namespace msi::ui {

UsageChart::UsageChart(QWidget *parent)
    : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setAccessibleName(tr("Marketo API calls per day against the daily quota"));
    setFocusPolicy(Qt::StrongFocus);
    chart()->legend()->setAlignment(Qt::AlignBottom);
    chart()->setMargins(QMargins(4, 4, 4, 4));
    setMinimumHeight(220);
}

void UsageChart::setUsage(const QList<Day> &days, qint64 dailyQuota)
{
    m_days = days;
    m_quota = dailyQuota;
    QChart *c = chart();
    c->removeAllSeries();
    const auto axes = c->axes();
    for (QAbstractAxis *axis : axes) {
        c->removeAxis(axis);
        delete axis;
    }
    const QLocale locale;
    qint64 today = days.isEmpty() ? 0 : days.last().calls;
    c->setTitle(tr("Marketo API calls per day: %1 of %2 used today")
                    .arg(locale.toString(today), locale.toString(dailyQuota)));
    if (days.isEmpty())
        return;

    QStringList categories;
    auto *used = new QBarSet(tr("Calls used"));
    used->setColor(QColor(0x15, 0x65, 0xc0));
    auto *quota = new QLineSeries;
    quota->setName(tr("Daily quota (%1)").arg(locale.toString(dailyQuota)));
    QPen pen(QColor(0xc6, 0x28, 0x28));
    pen.setWidth(2);
    pen.setStyle(Qt::DashLine);
    quota->setPen(pen);
    qint64 maximum = dailyQuota;
    QStringList description;
    for (int i = 0; i < days.size(); ++i) {
        const Day &d = days.at(i);
        categories << locale.toString(d.day, u"d MMM"_qs);
        // A log axis cannot show 0: a day without calls is drawn at the axis floor.
        *used << qMax<qreal>(0.9, qreal(d.calls));
        maximum = qMax(maximum, d.calls);
        description << tr("%1: %2 calls").arg(locale.toString(d.day, QLocale::ShortFormat)).arg(d.calls);
    }
    quota->append(-0.5, qreal(dailyQuota));
    quota->append(days.size() - 0.5, qreal(dailyQuota));

    auto *bars = new QBarSeries;
    bars->append(used);
    bars->setBarWidth(0.6);
    c->addSeries(bars);
    c->addSeries(quota);

    auto *dayAxis = new QBarCategoryAxis;
    dayAxis->append(categories);
    if (days.size() > 7)
        dayAxis->setLabelsAngle(-60);
    c->addAxis(dayAxis, Qt::AlignBottom);
    bars->attachAxis(dayAxis);
    quota->attachAxis(dayAxis);

    auto *callAxis = new QLogValueAxis;
    callAxis->setBase(10);
    callAxis->setLabelFormat(u"%g"_qs);
    callAxis->setRange(0.9, qreal(maximum) * 3);
    callAxis->setMinorTickCount(0);
    callAxis->setTitleText(tr("Calls (log scale)"));
    c->addAxis(callAxis, Qt::AlignLeft);
    bars->attachAxis(callAxis);
    quota->attachAxis(callAxis);
    setAccessibleDescription(description.join(u"; "));
}

} // namespace msi::ui
