#include "ui/history/StageOutcomeChart.h"

#include "store/StoreTypes.h"
#include "sync/SyncTypes.h"
#include "tables/RunOutcomesModel.h"
#include "tables/StagePipelineModel.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QHorizontalStackedBarSeries>
#include <QLegend>
#include <QValueAxis>

namespace msi::ui {

using store::Outcome;

namespace {

struct OutcomeStyle
{
    Outcome outcome;
    QColor colour;
};

const OutcomeStyle kOutcomes[] = {
    {Outcome::Created, QColor(0x2e, 0x7d, 0x32)},
    {Outcome::Updated, QColor(0x15, 0x65, 0xc0)},
    {Outcome::Unchanged, QColor(0x9e, 0x9e, 0x9e)},
    {Outcome::Skipped, QColor(0x8d, 0x6e, 0x63)},
    {Outcome::Deferred, QColor(0xff, 0xb3, 0x00)},
    {Outcome::Blocked, QColor(0xef, 0x6c, 0x00)},
    {Outcome::Failed, QColor(0xc6, 0x28, 0x28)},
};

} // namespace

StageOutcomeChart::StageOutcomeChart(QWidget *parent)
    : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setAccessibleName(tr("Records per stage and outcome"));
    setFocusPolicy(Qt::StrongFocus);
    chart()->legend()->setAlignment(Qt::AlignBottom);
    chart()->setMargins(QMargins(4, 4, 4, 4));
    setMinimumHeight(220);
    setCounts({}, {});
}

void StageOutcomeChart::setCounts(const QString &title, const QJsonObject &stageCounts,
                                  const QString &emptyReason)
{
    m_counts = stageCounts;
    QChart *c = chart();
    c->removeAllSeries();
    const auto axes = c->axes();
    for (QAbstractAxis *axis : axes) {
        c->removeAxis(axis);
        delete axis;
    }
    if (stageCounts.isEmpty()) {
        c->setTitle(emptyReason.isEmpty() ? tr("Select a run to see its records per stage.") : emptyReason);
        setAccessibleDescription(c->title());
        return;
    }
    c->setTitle(tr("%1: records per stage and outcome").arg(title));

    // Stage 1 on top: a horizontal bar chart draws its first category at the bottom.
    const QList<sync::Stage> stages = sync::SyncTypes::allStages();
    QStringList categories;
    for (auto it = stages.crbegin(); it != stages.crend(); ++it)
        categories << tables::StagePipelineModel::stageTitle(*it);

    auto *series = new QHorizontalStackedBarSeries;
    int maximum = 0;
    QList<int> totals(stages.size(), 0);
    QStringList description;
    for (const OutcomeStyle &style : kOutcomes) {
        const QString name = store::nameOf(style.outcome);
        auto *set = new QBarSet(tables::RunOutcomesModel::outcomeTitle(style.outcome));
        set->setColor(style.colour);
        set->setBorderColor(style.colour.darker(120));
        bool any = false;
        for (auto it = stages.crbegin(); it != stages.crend(); ++it) {
            const int n = value(int(*it), name);
            *set << n;
            totals[int(*it) - 1] += n;
            any = any || n > 0;
        }
        if (any)
            series->append(set);
        else
            delete set;
    }
    for (int i = 0; i < stages.size(); ++i) {
        maximum = qMax(maximum, totals.at(i));
        description << tr("%1: %2").arg(tables::StagePipelineModel::stageTitle(stages.at(i))).arg(totals.at(i));
    }
    series->setBarWidth(0.7);
    c->addSeries(series);
    auto *stageAxis = new QBarCategoryAxis;
    stageAxis->append(categories);
    c->addAxis(stageAxis, Qt::AlignLeft);
    series->attachAxis(stageAxis);
    auto *countAxis = new QValueAxis;
    countAxis->setRange(0, qMax(1, maximum));
    countAxis->setLabelFormat(u"%d"_qs);
    countAxis->applyNiceNumbers();
    countAxis->setTitleText(tr("Records"));
    c->addAxis(countAxis, Qt::AlignBottom);
    series->attachAxis(countAxis);
    setAccessibleDescription(description.join(u"; "));
}

int StageOutcomeChart::value(int stage, const QString &outcome) const
{
    if (stage < 1 || stage > 6)
        return 0;
    const QString key = sync::SyncTypes::stageKey(sync::Stage(stage));
    return int(m_counts.value(key).toObject().value(outcome).toInteger());
}

QStringList StageOutcomeChart::outcomeNames() const
{
    QStringList names;
    const auto series = chart()->series();
    for (QAbstractSeries *s : series) {
        if (auto *bars = qobject_cast<QHorizontalStackedBarSeries *>(s)) {
            const auto sets = bars->barSets();
            for (QBarSet *set : sets)
                names << set->label();
        }
    }
    return names;
}

} // namespace msi::ui
