#include "sync/SyncPlan.h"

#include "sync/PayloadCompare.h"

#include <QJsonArray>

namespace msi::sync {

QJsonObject PlannedRecord::toJson() const
{
    QJsonObject json{
        {QStringLiteral("stage"), SyncTypes::stageKey(stage)},
        {QStringLiteral("salesforceId"), salesforceId},
        {QStringLiteral("type"), salesforceType},
        {QStringLiteral("name"), name},
        {QStringLiteral("action"), SyncTypes::actionKey(action)},
    };
    if (!reason.isEmpty())
        json.insert(u"reason", reason);
    if (!parentId.isEmpty())
        json.insert(u"parentId", parentId);
    if (!notes.isEmpty())
        json.insert(u"notes", QJsonArray::fromStringList(notes));
    if (marketoId > 0)
        json.insert(u"marketoId", marketoId);
    if (!marketoGuid.isEmpty())
        json.insert(u"marketoGuid", marketoGuid);
    if (!payload.isEmpty())
        json.insert(u"payload", payload);
    return json;
}

StageCounts StagePlan::counts() const
{
    StageCounts counts;
    counts.total = int(records.size());
    for (const PlannedRecord &record : records)
        ++counts.byAction[record.action];
    return counts;
}

const PlannedRecord *StagePlan::find(const QString &salesforceId) const
{
    for (const PlannedRecord &record : records) {
        if (record.salesforceId == salesforceId)
            return &record;
    }
    return nullptr;
}

QList<const PlannedRecord *> StagePlan::writes() const
{
    QList<const PlannedRecord *> result;
    for (const PlannedRecord &record : records) {
        if (record.needsWrite())
            result.append(&record);
    }
    return result;
}

int StagePlan::resolveLeadIds(const QHash<QString, qint64> &leadIdByPersonId, bool leadsInRun)
{
    int filled = 0;
    for (PlannedRecord &record : records) {
        if (record.pendingPersonId.isEmpty() || !record.needsWrite())
            continue;
        const qint64 leadId = leadIdByPersonId.value(record.pendingPersonId);
        if (leadId > 0) {
            record.payload.insert(u"leadId", leadId);
            record.payloadHash = PayloadCompare::hash(record.payload);
            record.pendingPersonId.clear();
            ++filled;
        } else {
            record.action = RecordAction::Deferred;
            record.parentId = record.pendingPersonId;
            const QString person = record.personName.isEmpty()
                ? SyncPlan::tr("person %1").arg(record.pendingPersonId)
                : SyncPlan::tr("%1 (%2)").arg(record.personName, record.pendingPersonId);
            record.reason = leadsInRun
                ? SyncPlan::tr("deferred: waits for %1, which did not reach Marketo in this run")
                      .arg(person)
                : SyncPlan::tr("deferred: waits for %1, which is not in Marketo yet; its stage "
                               "(leads) is not part of this run")
                      .arg(person);
        }
    }
    return filled;
}

QJsonObject PlanFinding::toJson() const
{
    return {
        {QStringLiteral("severity"), SyncTypes::severityKey(severity)},
        {QStringLiteral("code"), code},
        {QStringLiteral("ids"), QJsonArray::fromStringList(ids)},
        {QStringLiteral("message"), message},
    };
}

StagePlan &SyncPlan::stage(Stage stage)
{
    return stages[int(stage) - 1];
}

const StagePlan &SyncPlan::stage(Stage stage) const
{
    return stages.at(int(stage) - 1);
}

QJsonObject SyncPlan::toJson(bool withRecords) const
{
    QJsonArray stageArray;
    for (const StagePlan &plan : stages) {
        const StageCounts counts = plan.counts();
        QJsonObject countJson{{QStringLiteral("total"), counts.total}};
        for (RecordAction action : {RecordAction::Create, RecordAction::Update,
                                    RecordAction::Unchanged, RecordAction::Blocked,
                                    RecordAction::Invalid, RecordAction::Deferred,
                                    RecordAction::Skipped})
            countJson.insert(SyncTypes::actionKey(action), counts.count(action));
        QJsonObject stageJson{{QStringLiteral("stage"), SyncTypes::stageKey(plan.stage)},
                              {QStringLiteral("counts"), countJson}};
        if (withRecords) {
            QJsonArray recordArray;
            for (const PlannedRecord &record : plan.records)
                recordArray.append(record.toJson());
            stageJson.insert(u"records", recordArray);
        }
        stageArray.append(stageJson);
    }
    QJsonArray findingArray;
    for (const PlanFinding &finding : findings)
        findingArray.append(finding.toJson());
    return {{QStringLiteral("stages"), stageArray}, {QStringLiteral("findings"), findingArray}};
}

} // namespace msi::sync
