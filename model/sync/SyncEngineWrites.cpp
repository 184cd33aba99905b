// SyncEngine, part 2: write the stages in batches, journal every outcome, write MSI values back.
#include "sync/SyncEngine.h"

#include "sync/LinkStore.h"
#include "sync/Logging.h"
#include "sync/PayloadCompare.h"
#include "sync/RecordMapper.h"

#include "marketo/MarketoClient.h"
#include "salesforce/SalesforceClient.h"
#include "store/MarketoReadCache.h"
#include "store/RunRepository.h"
#include "store/SnapshotRepository.h"
#include "store/WatermarkRepository.h"
#include "store/Workspace.h"

namespace msi::sync {

namespace {

marketo::MarketoObject objectFor(Stage stage)
{
    switch (stage) {
    case Stage::SalesPersons: return marketo::MarketoObject::SalesPerson;
    case Stage::Companies: return marketo::MarketoObject::Company;
    case Stage::Leads: return marketo::MarketoObject::Lead;
    case Stage::Opportunities: return marketo::MarketoObject::Opportunity;
    default: return marketo::MarketoObject::OpportunityRole;
    }
}

store::Outcome outcomeFor(RecordAction action)
{
    switch (action) {
    case RecordAction::Create: return store::Outcome::Created;
    case RecordAction::Update: return store::Outcome::Updated;
    case RecordAction::Unchanged: return store::Outcome::Unchanged;
    case RecordAction::Blocked: return store::Outcome::Blocked;
    case RecordAction::Invalid: return store::Outcome::Failed;
    case RecordAction::Deferred: return store::Outcome::Deferred;
    case RecordAction::Skipped: return store::Outcome::Skipped;
    }
    return store::Outcome::Failed;
}

void count(StageResult *result, store::Outcome outcome)
{
    switch (outcome) {
    case store::Outcome::Created: ++result->created; break;
    case store::Outcome::Updated: ++result->updated; break;
    case store::Outcome::Unchanged: ++result->unchanged; break;
    case store::Outcome::Blocked: ++result->blocked; break;
    case store::Outcome::Failed: ++result->failed; break;
    case store::Outcome::Skipped: ++result->skipped; break;
    case store::Outcome::Deferred: ++result->deferred; break;
    }
}

store::RecordOutcome outcomeRow(Stage stage, const QString &key, store::Outcome outcome,
                                const QString &reason, qint64 marketoId)
{
    store::RecordOutcome row;
    row.stage = SyncTypes::stageKey(stage);
    row.recordKey = key;
    row.outcome = outcome;
    row.reason = reason;
    row.marketoId = marketoId;
    return row;
}

} // namespace

QString SyncEngine::plannedName(Stage stage, const QString &salesforceId) const
{
    for (const PlannedRecord &record : m_plan.stage(stage).records) {
        if (record.salesforceId == salesforceId && !record.name.isEmpty())
            return tr("%1 (%2)").arg(record.name, salesforceId);
    }
    return salesforceId;
}

void SyncEngine::blockOrphans(StagePlan &plan)
{
    const auto refusedParent = [this](Stage stage, const QJsonValue &value) {
        return value.isString() && m_refused.value(stage).contains(value.toString());
    };
    // Parents of a stage left out of this run (--stages) that are not in Marketo yet: the plan
    // meant to create them, but nothing will, so their children must wait (each stage gates the
    // next).
    const auto missingParent = [this](Stage stage, const QJsonValue &value) {
        if (!value.isString() || m_options.stages.contains(stage))
            return false;
        for (const PlannedRecord &parent : m_plan.stage(stage).records) {
            if (parent.salesforceId == value.toString())
                return parent.marketoId == 0 && parent.marketoGuid.isEmpty()
                    && parent.action != RecordAction::Unchanged;
        }
        return false;
    };
    const struct
    {
        Stage stage;
        const char16_t *field;
    } parents[] = {{Stage::SalesPersons, u"externalSalesPersonId"},
                   {Stage::Companies, u"externalCompanyId"},
                   {Stage::Opportunities, u"externalOpportunityId"}};
    for (PlannedRecord &record : plan.records) {
        if (!record.needsWrite())
            continue;
        QString parent;
        QString reason;
        for (const auto &link : parents) {
            const QJsonValue value = record.payload.value(QStringView(link.field));
            if (refusedParent(link.stage, value)) {
                parent = value.toString();
                reason = tr("blocked by %1: Marketo refused it in this run")
                             .arg(plannedName(link.stage, parent));
            } else if (missingParent(link.stage, value)) {
                parent = value.toString();
                reason = tr("blocked by %1: it is not in Marketo yet and its stage (%2) is not "
                            "part of this run")
                             .arg(plannedName(link.stage, parent), SyncTypes::stageKey(link.stage));
            }
            if (!parent.isEmpty())
                break;
        }
        if (parent.isEmpty() && record.stage == Stage::OpportunityRoles
            && m_refused.value(Stage::Leads).contains(record.personId)
            && !m_links.contains(Stage::Leads, record.personId)) {
            // The role's person is not linked: Marketo refused it in stage 3 of this run and no
            // earlier run linked it, so MSI could not show the role on the person.
            record.action = RecordAction::Deferred;
            record.parentId = record.personId;
            record.reason = tr("deferred: waits for %1, which Marketo refused in this run")
                                .arg(record.personName.isEmpty()
                                         ? tr("person %1").arg(record.personId)
                                         : tr("%1 (%2)").arg(record.personName, record.personId));
            record.pendingPersonId.clear();
            record.payload = {};
            continue;
        }
        if (parent.isEmpty())
            continue;
        record.action = RecordAction::Blocked;
        record.parentId = parent;
        record.reason = reason;
        record.payload = {};
    }
}

void SyncEngine::runStage(int index)
{
    if (cancelled())
        return;
    m_stageIndex = index;
    if (index >= m_options.stages.size()) {
        // Every selected stage ran: move the watermarks (only when all six ran for every
        // record, so no stage and no record misses a change) and end the run.
        if (m_options.stages.size() == SyncTypes::allStages().size() && m_onlyIds.isEmpty()) {
            store::WatermarkRepository watermarks(*m_workspace);
            for (auto it = m_maxModstamp.cbegin(); it != m_maxModstamp.cend(); ++it)
                watermarks.advance(store::System::Salesforce, it.key(), it.value(), m_result.runId);
        }
        return complete();
    }
    const Stage stage = m_options.stages.at(index);
    m_stageClock.start();
    if (stage == Stage::MsiWriteBack)
        return runWriteBack();

    StagePlan &plan = m_plan.stage(stage);
    if (stage == Stage::OpportunityRoles)
        plan.resolveLeadIds(m_personLeadIds, m_options.stages.contains(Stage::Leads));
    blockOrphans(plan);

    StageResult *result = m_result.stage(stage);
    result->total = int(plan.records.size());
    QList<store::RecordOutcome> settled;
    m_batches.clear();
    Batch byId;
    byId.options.action = QStringLiteral("updateOnly");
    byId.options.lookupField = QStringLiteral("id");
    Batch byKey;
    if (stage == Stage::Leads)
        byKey.options.lookupField = SyncPolicy::leadLookupKey(m_options.policy.leadLookup);
    else
        byKey.options.dedupeBy = QStringLiteral("dedupeFields");
    const auto flush = [this](Batch &batch, bool force) {
        if (batch.inputs.size() >= m_options.batchSize || (force && !batch.inputs.isEmpty())) {
            m_batches.append(batch);
            batch.inputs.clear();
            batch.recordIndices.clear();
        }
    };
    QList<QPair<QString, MarketoLink>> adopted;
    for (int i = 0; i < plan.records.size(); ++i) {
        const PlannedRecord &record = plan.records.at(i);
        if (record.action == RecordAction::Unchanged
            && (record.marketoId > 0 || !record.marketoGuid.isEmpty())) {
            // Already as it should be in Marketo but not (or not so) in the ID map, e.g. the
            // answer to a run killed mid-call was lost: keep the link without sending anything.
            const MarketoLink known = m_links.value(stage, record.salesforceId);
            if (known.isNull() || known.payloadHash != record.payloadHash) {
                const MarketoLink link{record.marketoId, record.marketoGuid, record.payloadHash};
                m_links.insert(stage, record.salesforceId, link);
                adopted.append({record.salesforceId, link});
            }
        }
        if (!record.needsWrite()) {
            const store::Outcome outcome = outcomeFor(record.action);
            count(result, outcome);
            QString reason = record.reason;
            if (reason.isEmpty() && !record.notes.isEmpty())
                reason = record.notes.join(QStringLiteral("; "));
            settled.append(outcomeRow(stage, record.salesforceId, outcome, reason, record.marketoId));
            continue;
        }
        if (stage == Stage::Leads && record.updateById && record.marketoId > 0) {
            QJsonObject input = record.payload;
            input.insert(u"id", record.marketoId);
            byId.inputs.append(input);
            byId.recordIndices.append(i);
            flush(byId, false);
        } else {
            byKey.inputs.append(record.payload);
            byKey.recordIndices.append(i);
            flush(byKey, false);
        }
    }
    flush(byId, true);
    flush(byKey, true);
    journal(stage, settled);
    if (!adopted.isEmpty())
        LinkStore(*m_workspace).save(stage, adopted, m_result.runId);

    m_batchIndex = 0;
    m_stageDone = 0;
    int writes = 0;
    for (const Batch &batch : std::as_const(m_batches))
        writes += int(batch.inputs.size());
    m_meter.start(writes, 0);
    emit stageStarted(stage, writes);
    emit phaseChanged(tr("Stage %1: %2").arg(int(stage)).arg(SyncTypes::stageTitle(stage)));
    sendNextBatch();
}

void SyncEngine::sendNextBatch()
{
    const Stage stage = m_options.stages.at(m_stageIndex);
    if (m_cancel.load()) {
        journalNotSent(stage);
        cancelled();
        return;
    }
    if (m_batchIndex >= m_batches.size()) {
        finishStage();
        return;
    }
    const Batch &batch = m_batches.at(m_batchIndex);
    m_marketo->sync(objectFor(stage), batch.inputs, batch.options,
                    [this](const marketo::SyncReport &report) { batchDone(report); });
}

void SyncEngine::batchDone(const marketo::SyncReport &report)
{
    const Stage stage = m_options.stages.at(m_stageIndex);
    StagePlan &plan = m_plan.stage(stage);
    StageResult *result = m_result.stage(stage);
    const Batch &batch = m_batches.at(m_batchIndex);
    const marketo::MarketoObject object = objectFor(stage);

    QList<store::RecordOutcome> rows;
    QList<QPair<QString, MarketoLink>> links;
    QList<QJsonObject> written;
    for (const marketo::SyncOutcome &outcome : report.outcomes) {
        if (outcome.index < 0 || outcome.index >= batch.recordIndices.size())
            continue;
        const PlannedRecord &record = plan.records.at(batch.recordIndices.at(outcome.index));
        const QJsonObject &input = batch.inputs.at(outcome.index);
        switch (outcome.status) {
        case marketo::SyncOutcome::Status::Created:
        case marketo::SyncOutcome::Status::Updated: {
            MarketoLink link;
            if (outcome.id.isString())
                link.marketoGuid = outcome.id.toString();
            else
                link.marketoId = outcome.id.toInteger();
            if (link.isNull()) {
                link.marketoId = record.marketoId;
                link.marketoGuid = record.marketoGuid;
            }
            link.payloadHash = record.payloadHash.isEmpty() ? PayloadCompare::hash(record.payload)
                                                            : record.payloadHash;
            links.append({record.salesforceId, link});
            m_links.insert(stage, record.salesforceId, link);
            QJsonObject sent = input;
            if (link.marketoId > 0)
                sent.insert(u"id", link.marketoId);
            else
                sent.insert(u"marketoGUID", link.marketoGuid);
            written.append(sent);
            if (stage == Stage::Leads && link.marketoId > 0)
                m_personLeadIds.insert(record.salesforceId, link.marketoId);
            const store::Outcome done = outcome.status == marketo::SyncOutcome::Status::Created
                ? store::Outcome::Created
                : store::Outcome::Updated;
            count(result, done);
            rows.append(outcomeRow(stage, record.salesforceId, done,
                                   record.notes.join(QStringLiteral("; ")), link.marketoId));
            break;
        }
        case marketo::SyncOutcome::Status::Skipped:
        case marketo::SyncOutcome::Status::Failed:
            count(result, store::Outcome::Failed);
            m_refused[stage].insert(record.salesforceId);
            if (stage == Stage::Leads)
                m_personLeadIds.remove(record.salesforceId);
            rows.append(outcomeRow(stage, record.salesforceId, store::Outcome::Failed,
                                   record.name + QStringLiteral(": ")
                                       + outcome.message(object, input),
                                   record.marketoId));
            break;
        case marketo::SyncOutcome::Status::NotSent:
            ++result->notSent;
            break;
        }
    }
    if (!links.isEmpty()) {
        QString error;
        if (!LinkStore(*m_workspace).save(stage, links, m_result.runId, &error))
            qCWarning(lcSync) << "links:" << error;
        // For a run resuming this one: what it reuses of this run's reads is brought up to date.
        store::MarketoReadCache(*m_workspace)
            .saveWritten(m_result.runId, marketo::restPath(object), written);
    }
    journal(stage, rows);
    journalCall(stage, true,
                QStringLiteral("/rest/v1/") + marketo::restPath(object) + QStringLiteral(".json"),
                report.calls, report.error.code);
    result->writeCalls += report.calls;
    m_result.rateLimitWaits += report.rateLimitWaits;
    m_result.concurrencyWaits += report.concurrencyWaits;
    m_stageDone += int(batch.inputs.size());
    emitProgress(stage);

    if (report.error.isError()) {
        ++m_batchIndex;
        journalNotSent(stage);
        if (report.quotaExhausted()) {
            m_result.quotaResetsAt = report.error.resetsAt;
            return stop(RunResult::Status::QuotaExhausted,
                        tr("Marketo daily API quota exhausted (607); the quota resets at %1. "
                           "Run sync again then: it continues where this run stopped.")
                            .arg(report.error.resetsAt.toUTC().toString(Qt::ISODate)));
        }
        return stop(RunResult::Status::Connection,
                    tr("Stage %1 stopped: %2. Run sync again to continue.")
                        .arg(SyncTypes::stageTitle(stage), report.error.message()));
    }
    ++m_batchIndex;
    sendNextBatch();
}

// Records of batches never sent (quota, cancel, connection) stay for the next run: they are
// counted, not journaled as outcomes, and their watermark does not move.
void SyncEngine::journalNotSent(Stage stage)
{
    StageResult *result = m_result.stage(stage);
    for (int i = m_batchIndex; i < m_batches.size(); ++i)
        result->notSent += int(m_batches.at(i).inputs.size());
    m_batches.clear();
    m_batchIndex = 0;
    // Stages not reached yet are not sent either.
    for (int i = m_stageIndex + 1; i < m_options.stages.size(); ++i) {
        StageResult *later = m_result.stage(m_options.stages.at(i));
        later->total = int(m_plan.stage(later->stage).records.size());
        later->notSent = later->total;
    }
}

void SyncEngine::finishStage()
{
    const Stage stage = m_options.stages.at(m_stageIndex);
    m_result.stage(stage)->elapsedMs = m_stageClock.elapsed();
    runStage(m_stageIndex + 1);
}

// Stage 6: read the MSI values of every linked person (by Marketo id, one call of up to 300),
// and write the differences to Salesforce (composite, 200 per call) as soon as 200 are known and
// at the end, so that a stop (607 on a read, cancel) loses no difference already read. A run
// resuming a stopped one skips the people whose write-back that run finished.
void SyncEngine::runWriteBack()
{
    const QHash<QString, MarketoLink> people = m_links.stageLinks(Stage::Leads);
    m_writeBackPeople.clear();
    for (auto it = people.cbegin(); it != people.cend(); ++it) {
        if (it.value().marketoId > 0 && (m_onlyIds.isEmpty() || m_onlyIds.contains(it.key()))
            && !m_writtenBack.contains(it.key()))
            m_writeBackPeople.append({it.key(), it.value().marketoId});
    }
    std::sort(m_writeBackPeople.begin(), m_writeBackPeople.end(),
              [](const auto &a, const auto &b) { return a.second < b.second; });
    m_writeBackUpdates.clear();
    m_writeBackIds.clear();
    const int total = int(m_writeBackPeople.size());
    m_result.stage(Stage::MsiWriteBack)->total = total;
    m_meter.start(total, 0);
    m_stageDone = 0;
    emit stageStarted(Stage::MsiWriteBack, total);
    emit phaseChanged(tr("Stage 6: %1").arg(SyncTypes::stageTitle(Stage::MsiWriteBack)));
    writeBackRead(0);
}

void SyncEngine::writeBackRead(int offset)
{
    if (cancelled())
        return;
    if (offset >= m_writeBackPeople.size()) {
        return writeBackFlush(true, [this] {
            m_result.stage(Stage::MsiWriteBack)->elapsedMs = m_stageClock.elapsed();
            runStage(m_stageIndex + 1);
        });
    }
    const int chunk = m_options.batchSize;
    QStringList values;
    QHash<qint64, QString> personByLead;
    for (int i = offset; i < qMin(offset + chunk, int(m_writeBackPeople.size())); ++i) {
        values.append(QString::number(m_writeBackPeople.at(i).second));
        personByLead.insert(m_writeBackPeople.at(i).second, m_writeBackPeople.at(i).first);
    }
    QStringList fields{QStringLiteral("id"), QStringLiteral("externalPersonId")};
    for (const MsiFieldMapping &field : std::as_const(m_options.policy.msiFields)) {
        if (m_leadFields.contains(field.marketoField))
            fields.append(field.marketoField);
    }
    m_marketo->getByFilter(marketo::MarketoObject::Lead, QStringLiteral("id"), values, fields,
                           [this, offset, chunk, personByLead](const marketo::FilterReport &report) {
        StageResult *result = m_result.stage(Stage::MsiWriteBack);
        result->readCalls += report.calls;
        m_result.rateLimitWaits += report.rateLimitWaits;
        m_result.concurrencyWaits += report.concurrencyWaits;
        journalCall(Stage::MsiWriteBack, true, QStringLiteral("/rest/v1/leads.json"), report.calls,
                    report.error.code);
        if (report.error.isError()) {
            // Write what was read before stopping: Salesforce has no part in Marketo's quota.
            m_result.quotaResetsAt = report.error.resetsAt;
            const bool quota = report.error.kind == net::ApiError::Kind::QuotaExhausted;
            return writeBackStop(quota ? RunResult::Status::QuotaExhausted
                                       : RunResult::Status::Connection,
                                 report.error.message());
        }
        QList<store::RecordOutcome> rows;
        for (const QJsonObject &lead : report.records) {
            const QString personId = personByLead.value(lead.value(u"id").toInteger());
            if (personId.isEmpty())
                continue;
            const QJsonObject person = personRecord(personId);
            if (person.isEmpty())
                continue;
            const QJsonObject update =
                RecordMapper::msiUpdate(person, lead, m_options.policy.msiFields);
            if (update.isEmpty()) {
                count(result, store::Outcome::Unchanged);
                rows.append(outcomeRow(Stage::MsiWriteBack, personId, store::Outcome::Unchanged,
                                       {}, lead.value(u"id").toInteger()));
                ++m_stageDone;
            } else {
                m_writeBackUpdates.append(update);
                m_writeBackIds.append(personId);
            }
        }
        journal(Stage::MsiWriteBack, rows);
        emitProgress(Stage::MsiWriteBack);
        writeBackFlush(false, [this, offset, chunk] { writeBackRead(offset + chunk); });
    });
}

void SyncEngine::writeBackStop(RunResult::Status status, const QString &message)
{
    writeBackFlush(true, [this, status, message] {
        StageResult *result = m_result.stage(Stage::MsiWriteBack);
        result->notSent = qMax(0, result->total - m_stageDone);
        stop(status, message);
    });
}

// Writes the differences read so far: every full call of 200, and the rest too when all is set.
void SyncEngine::writeBackFlush(bool all, std::function<void()> next)
{
    const int chunk = 200;
    if (m_writeBackUpdates.isEmpty() || (!all && m_writeBackUpdates.size() < chunk))
        return next();
    if (m_cancel.load())
        return next();
    const QList<QJsonObject> updates = m_writeBackUpdates.mid(0, chunk);
    const QList<QString> ids = m_writeBackIds.mid(0, chunk);
    m_writeBackUpdates.remove(0, updates.size());
    m_writeBackIds.remove(0, ids.size());
    m_salesforce->updateRecords(updates, [this, all, next = std::move(next), updates,
                                          ids](const salesforce::UpdateReport &report) mutable {
        StageResult *result = m_result.stage(Stage::MsiWriteBack);
        result->writeCalls += report.calls;
        journalCall(Stage::MsiWriteBack, false, QStringLiteral("/composite/sobjects"),
                    report.calls, report.error.code);
        QList<store::RecordOutcome> rows;
        QHash<QString, QList<QJsonObject>> written; // object -> records to refresh in the store
        const store::SnapshotRepository snapshots(*m_workspace);
        for (const salesforce::UpdateOutcome &outcome : report.outcomes) {
            if (outcome.index < 0 || outcome.index >= updates.size())
                continue;
            const QString personId = ids.value(outcome.index);
            if (!outcome.sent) {
                ++result->notSent;
                continue;
            }
            ++m_stageDone;
            if (outcome.success) {
                count(result, store::Outcome::Updated);
                rows.append(outcomeRow(Stage::MsiWriteBack, personId, store::Outcome::Updated, {},
                                       0));
                // Keep the store's copy of the person current, so the next incremental run
                // does not write the same values again.
                const QJsonObject &update = updates.at(outcome.index);
                const QString object = RecordMapper::recordType(update);
                QJsonObject person = snapshots.record(store::System::Salesforce, object, personId)
                                         .value_or(QJsonObject());
                if (!person.isEmpty()) {
                    for (auto it = update.constBegin(); it != update.constEnd(); ++it) {
                        if (it.key() != u"attributes" && it.key() != u"id")
                            person.insert(it.key(), it.value());
                    }
                    written[object].append(person);
                }
            } else {
                count(result, store::Outcome::Failed);
                rows.append(outcomeRow(Stage::MsiWriteBack, personId, store::Outcome::Failed,
                                       outcome.message(), 0));
            }
        }
        for (auto it = written.cbegin(); it != written.cend(); ++it)
            store::SnapshotRepository(*m_workspace)
                .upsertRecords(store::System::Salesforce, it.key(), it.value());
        journal(Stage::MsiWriteBack, rows);
        emitProgress(Stage::MsiWriteBack);
        if (report.error.isError()) {
            m_writeBackUpdates.clear();
            m_writeBackIds.clear();
            const bool quota = report.error.kind == net::ApiError::Kind::QuotaExhausted;
            return stop(quota ? RunResult::Status::QuotaExhausted : RunResult::Status::Connection,
                        tr("Writing MSI values to Salesforce stopped: %1")
                            .arg(report.error.message()));
        }
        writeBackFlush(all, std::move(next));
    });
}

} // namespace msi::sync
