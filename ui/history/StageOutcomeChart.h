#pragma once

#include <QChartView>
#include <QJsonObject>

namespace msi::ui {

// Records per stage and outcome of one run, as horizontal stacked bars (one bar per stage, one
// colour per outcome), from the run's stage counts ({"<stage key>": {"created": n, ...}}).
class StageOutcomeChart final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StageOutcomeChart)
public:
    explicit StageOutcomeChart(QWidget *parent = nullptr);

    // title: e.g. "Run 4"; an empty counts object shows why there is nothing to draw.
    void setCounts(const QString &title, const QJsonObject &stageCounts, const QString &emptyReason = {});
    // The value drawn for a stage (1..6) and an outcome name ("created", ...); for tests.
    int value(int stage, const QString &outcome) const;
    // The legend's entries, in drawing order.
    QStringList outcomeNames() const;

private:
    QJsonObject m_counts;
};

} // namespace msi::ui
