#include "sync/RunOptions.h"

#include <QJsonArray>

namespace msi::sync {

QJsonObject StageResult::toJson() const
{
    return {
        {QStringLiteral("stage"), SyncTypes::stageKey(stage)},
        {QStringLiteral("total"), total},
        {QStringLiteral("created"), created},
        {QStringLiteral("updated"), updated},
        {QStringLiteral("unchanged"), unchanged},
        {QStringLiteral("blocked"), blocked},
        {QStringLiteral("failed"), failed},
        {QStringLiteral("skipped"), skipped},
        {QStringLiteral("deferred"), deferred},
        {QStringLiteral("notSent"), notSent},
        {QStringLiteral("writeCalls"), writeCalls},
        {QStringLiteral("readCalls"), readCalls},
        {QStringLiteral("elapsedMs"), elapsedMs},
    };
}

StageResult *RunResult::stage(Stage stage)
{
    for (StageResult &result : stages) {
        if (result.stage == stage)
            return &result;
    }
    return nullptr;
}

const StageResult *RunResult::stage(Stage stage) const
{
    return const_cast<RunResult *>(this)->stage(stage);
}

QString RunResult::statusKey(Status status)
{
    switch (status) {
    case Status::Succeeded: return QStringLiteral("succeeded");
    case Status::Findings: return QStringLiteral("findings");
    case Status::Usage: return QStringLiteral("usage");
    case Status::Connection: return QStringLiteral("connection");
    case Status::QuotaExhausted: return QStringLiteral("quota");
    case Status::Cancelled: return QStringLiteral("cancelled");
    }
    return {};
}

QJsonObject RunResult::toJson() const
{
    QJsonArray stageArray;
    for (const StageResult &result : stages)
        stageArray.append(result.toJson());
    QJsonObject json{
        {QStringLiteral("run"), runId},
        {QStringLiteral("status"), statusKey(status)},
        {QStringLiteral("dryRun"), dryRun},
        {QStringLiteral("incremental"), incremental},
        {QStringLiteral("message"), message},
        {QStringLiteral("stages"), stageArray},
        {QStringLiteral("quota"), estimate.toJson()},
        {QStringLiteral("elapsedMs"), elapsedMs},
        {QStringLiteral("rateLimitWaits"), rateLimitWaits},
        {QStringLiteral("concurrencyWaits"), concurrencyWaits},
    };
    QJsonArray findingArray;
    for (const PlanFinding &finding : findings)
        findingArray.append(finding.toJson());
    json.insert(u"findings", findingArray);
    if (quotaResetsAt.isValid())
        json.insert(u"quotaResetsAt", quotaResetsAt.toUTC().toString(Qt::ISODate));
    if (!plan.isEmpty())
        json.insert(u"plan", plan);
    return json;
}

} // namespace msi::sync
