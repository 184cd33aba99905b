#include "sync/QuotaEstimate.h"

#include <QJsonArray>
#include <QLocale>

namespace msi::sync {

int QuotaEstimate::callsFor(int records, int batchSize)
{
    if (records <= 0 || batchSize <= 0)
        return 0;
    return (records + batchSize - 1) / batchSize;
}

QuotaEstimate QuotaEstimate::forPlan(const SyncPlan &plan, const QList<Stage> &stages,
                                     int batchSize, int linkedPeople)
{
    QuotaEstimate estimate;
    for (Stage stage : stages) {
        StageCalls calls;
        calls.stage = stage;
        if (stage == Stage::MsiWriteBack) {
            calls.records = linkedPeople;
            calls.marketoCalls = callsFor(linkedPeople, batchSize);
            calls.minimumCalls = calls.marketoCalls;
        } else {
            int byId = 0;
            int byKey = 0;
            for (const PlannedRecord &record : plan.stage(stage).records) {
                if (!record.needsWrite())
                    continue;
                (record.updateById ? byId : byKey) += 1;
            }
            calls.records = byId + byKey;
            calls.marketoCalls = callsFor(byId, batchSize) + callsFor(byKey, batchSize);
            calls.minimumCalls = callsFor(calls.records, batchSize);
        }
        estimate.totalCalls += calls.marketoCalls;
        estimate.stages.append(calls);
    }
    return estimate;
}

QJsonObject QuotaEstimate::toJson() const
{
    QJsonArray stageArray;
    for (const StageCalls &calls : stages) {
        stageArray.append(QJsonObject{{QStringLiteral("stage"), SyncTypes::stageKey(calls.stage)},
                                      {QStringLiteral("records"), calls.records},
                                      {QStringLiteral("calls"), calls.marketoCalls},
                                      {QStringLiteral("minimumCalls"), calls.minimumCalls}});
    }
    QJsonObject json{{QStringLiteral("stages"), stageArray},
                     {QStringLiteral("totalCalls"), totalCalls},
                     {QStringLiteral("dailyQuota"), dailyQuota},
                     {QStringLiteral("usedToday"), usedToday},
                     {QStringLiteral("salesforceUsedToday"), salesforceUsedToday},
                     {QStringLiteral("remaining"), remaining()},
                     {QStringLiteral("fits"), fits()}};
    if (resetsAt.isValid())
        json.insert(u"resetsAt", resetsAt.toUTC().toString(Qt::ISODate));
    return json;
}

QString QuotaEstimate::summary() const
{
    QStringList parts;
    for (const StageCalls &calls : stages)
        parts.append(tr("%1 %2").arg(SyncTypes::stageTitle(calls.stage).toLower()).arg(calls.marketoCalls));
    const QLocale locale;
    return tr("Marketo calls needed: %1 (%2); %3 of %4 left today; Salesforce calls today: %5")
        .arg(totalCalls)
        .arg(parts.join(QStringLiteral(", ")), locale.toString(remaining()),
             locale.toString(dailyQuota), locale.toString(salesforceUsedToday));
}

void ProgressMeter::start(int total, qint64 nowMs)
{
    m_total = total;
    m_done = 0;
    m_startMs = nowMs;
    m_nowMs = nowMs;
}

void ProgressMeter::advance(int done, qint64 nowMs)
{
    m_done = qMin(done, m_total);
    m_nowMs = nowMs;
}

double ProgressMeter::ratePerSecond() const
{
    const qint64 elapsed = m_nowMs - m_startMs;
    if (elapsed <= 0 || m_done == 0)
        return 0.0;
    return m_done * 1000.0 / double(elapsed);
}

qint64 ProgressMeter::etaMs() const
{
    const double rate = ratePerSecond();
    if (rate <= 0.0)
        return m_done >= m_total ? 0 : -1;
    return qint64((m_total - m_done) * 1000.0 / rate);
}

} // namespace msi::sync
