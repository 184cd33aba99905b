// SyncEngine, part 1: open the workspace, sign in, read Salesforce and what Marketo holds, plan.
#include "sync/SyncEngine.h"

#include "sync/LinkStore.h"
#include "sync/Logging.h"
#include "sync/Planner.h"
#include "sync/RecordMapper.h"

#include "marketo/MarketoClient.h"
#include "salesforce/SalesforceClient.h"
#include "store/RunRepository.h"
#include "store/SnapshotRepository.h"
#include "store/UsageLedger.h"
#include "store/WatermarkRepository.h"
#include "store/Workspace.h"

namespace msi::sync {

namespace {

struct ObjectRead
{
    const char16_t *object;
    Stage stage;
    const char16_t *fields;
};

constexpr char16_t kMsiFields[] =
    u",mkto_si__Last_Interesting_Moment_Type__c,mkto_si__Last_Interesting_Moment_Date__c"
    u",mkto_si__Last_Interesting_Moment_Desc__c,mkto_si__Last_Interesting_Moment_Source__c"
    u",mkto_si__Priority__c,mkto_si__Urgency_Value__c,mkto_si__Relative_Score_Value__c";

const ObjectRead kReads[] = {
    {u"User", Stage::SalesPersons,
     u"Id,FirstName,LastName,Name,Email,IsActive,Title,SystemModstamp"},
    {u"Account", Stage::Companies,
     u"Id,Name,Industry,Type,AnnualRevenue,NumberOfEmployees,BillingStreet,BillingCity,"
     u"BillingState,BillingPostalCode,BillingCountry,Phone,Website,OwnerId,CreatedDate,"
     u"SystemModstamp"},
    {u"Contact", Stage::Leads,
     u"Id,FirstName,LastName,Name,Email,Title,Phone,AccountId,OwnerId,LeadSource,CreatedDate,"
     u"SystemModstamp"},
    {u"Lead", Stage::Leads,
     u"Id,FirstName,LastName,Name,Email,Company,Title,Status,LeadSource,OwnerId,IsConverted,"
     u"CreatedDate,SystemModstamp"},
    {u"Opportunity", Stage::Opportunities,
     u"Id,Name,AccountId,OwnerId,StageName,Amount,CloseDate,Probability,Type,LeadSource,IsClosed,"
     u"IsWon,CreatedDate,SystemModstamp"},
    {u"OpportunityContactRole", Stage::OpportunityRoles,
     u"Id,OpportunityId,ContactId,Role,IsPrimary,CreatedDate,SystemModstamp"},
};
constexpr int kReadCount = int(std::size(kReads));

QList<QJsonObject> *listFor(SalesforceSnapshot &snapshot, QStringView object)
{
    if (object == u"User") return &snapshot.users;
    if (object == u"Account") return &snapshot.accounts;
    if (object == u"Contact") return &snapshot.contacts;
    if (object == u"Lead") return &snapshot.leads;
    if (object == u"Opportunity") return &snapshot.opportunities;
    return &snapshot.contactRoles;
}

QString objectForPrefix(const QString &id)
{
    const QString prefix = id.left(3);
    if (prefix == u"005") return QStringLiteral("User");
    if (prefix == u"001") return QStringLiteral("Account");
    if (prefix == u"003") return QStringLiteral("Contact");
    if (prefix == u"00Q") return QStringLiteral("Lead");
    if (prefix == u"006") return QStringLiteral("Opportunity");
    if (prefix == u"00K") return QStringLiteral("OpportunityContactRole");
    return {};
}

QStringList unique(const QStringList &values)
{
    QStringList result;
    QSet<QString> seen;
    for (const QString &value : values) {
        if (!value.isEmpty() && !seen.contains(value)) {
            seen.insert(value);
            result.append(value);
        }
    }
    return result;
}

// Instances name the score fields differently (priority/relativeUrgency/relativeScoring or
// relativeScore/urgency): use the name the describe lists.
void adaptMsiFields(QList<MsiFieldMapping> *fields, const marketo::LeadSchema &schema)
{
    static const QHash<QString, QString> alternates{
        {QStringLiteral("relativeUrgency"), QStringLiteral("urgency")},
        {QStringLiteral("relativeScoring"), QStringLiteral("relativeScore")},
    };
    for (MsiFieldMapping &field : *fields) {
        if (!schema.hasField(field.marketoField) && alternates.contains(field.marketoField)
            && schema.hasField(alternates.value(field.marketoField)))
            field.marketoField = alternates.value(field.marketoField);
    }
}

} // namespace

bool SyncEngine::openWorkspace()
{
    m_workspace = std::make_unique<store::Workspace>(m_workspacePath);
    QString error;
    if (!m_workspace->open(&error)) {
        stop(RunResult::Status::Usage, error);
        return false;
    }
    store::RunRepository runs(*m_workspace);
    runs.markInterruptedRuns();
    LinkStore(*m_workspace).load(&m_links);

    if (m_options.retryFailed) {
        for (const store::RunInfo &run : runs.runs()) {
            if (run.mode == store::RunMode::DryRun)
                continue;
            for (const store::RecordOutcome &outcome : runs.failures(run.id))
                m_onlyIds.insert(outcome.recordKey);
            for (const store::RecordOutcome &outcome : runs.outcomes(run.id, store::Outcome::Deferred))
                m_onlyIds.insert(outcome.recordKey);
            break;
        }
        if (m_onlyIds.isEmpty()) {
            stop(RunResult::Status::Succeeded, tr("The last run has no failed records to retry."));
            return false;
        }
    }
    for (const QString &id : std::as_const(m_options.onlyRecords))
        m_onlyIds.insert(RecordMapper::id18(QJsonValue(id)));
    m_onlyIds.remove(QString());
    const store::WatermarkRepository watermarks(*m_workspace);
    bool anyWatermark = false;
    for (const ObjectRead &read : kReads) {
        if (watermarks.watermark(store::System::Salesforce, QString::fromUtf16(read.object)).isValid())
            anyWatermark = true;
    }
    m_result.incremental = anyWatermark && !m_options.full && m_onlyIds.isEmpty();
    const store::RunMode mode = m_options.dryRun ? store::RunMode::DryRun
        : m_result.incremental                  ? store::RunMode::Incremental
                                                : store::RunMode::Full;
    m_result.runId = runs.beginRun(mode, &error);
    if (m_result.runId == 0) {
        stop(RunResult::Status::Usage, error);
        return false;
    }
    return true;
}

QStringList SyncEngine::salesforceObjects()
{
    QStringList objects;
    for (const ObjectRead &read : kReads)
        objects.append(QString::fromUtf16(read.object));
    return objects;
}

QStringList SyncEngine::salesforceFields(const QString &object)
{
    for (const ObjectRead &read : kReads) {
        if (object == QStringView(read.object))
            return QString::fromUtf16(read.fields).split(u',');
    }
    return {};
}

void SyncEngine::signIn()
{
    emit phaseChanged(tr("Signing in to Salesforce and Marketo"));
    m_salesforce = new salesforce::SalesforceClient(m_connection.salesforce,
                                                    m_connection.salesforceSettings, this);
    m_marketo = new marketo::MarketoClient(m_connection.marketo, m_connection.marketoSettings, this);
    m_salesforce->signIn([this](const net::ApiError &error) {
        if (error.isError())
            return stop(RunResult::Status::Connection,
                        tr("Salesforce sign-in failed: %1").arg(error.message()));
        m_marketo->authenticate([this](const net::ApiError &error) {
            if (error.isError())
                return stop(RunResult::Status::Connection,
                            tr("Marketo sign-in failed: %1").arg(error.message()));
            m_marketo->describeLeads([this](const marketo::LeadSchemaReport &report) {
                if (report.error.isError())
                    return stop(report.error.kind == net::ApiError::Kind::QuotaExhausted
                                    ? RunResult::Status::QuotaExhausted
                                    : RunResult::Status::Connection,
                                tr("Marketo lead describe failed: %1").arg(report.error.message()));
                m_options.policy.leadLookup = report.schema.canFilterBy(QStringLiteral("externalPersonId"))
                    ? SyncPolicy::LeadLookup::ExternalPersonId
                    : SyncPolicy::LeadLookup::Email;
                adaptMsiFields(&m_options.policy.msiFields, report.schema);
                const QStringList wanted{
                    QStringLiteral("id"), QStringLiteral("email"), QStringLiteral("firstName"),
                    QStringLiteral("lastName"), QStringLiteral("title"), QStringLiteral("phone"),
                    QStringLiteral("leadSource"), QStringLiteral("company"),
                    QStringLiteral("externalPersonId"), QStringLiteral("externalCompanyId"),
                    QStringLiteral("externalSalesPersonId")};
                m_leadFields.clear();
                for (const QString &field : wanted) {
                    if (report.schema.isEmpty() || report.schema.hasField(field))
                        m_leadFields.append(field);
                }
                for (const MsiFieldMapping &field : std::as_const(m_options.policy.msiFields)) {
                    if (report.schema.hasField(field.marketoField))
                        m_leadFields.append(field.marketoField);
                }
                readSalesforce(0);
            });
        });
    });
}

void SyncEngine::readSalesforce(int step)
{
    if (cancelled())
        return;
    if (step >= kReadCount) {
        addPreviousFailures();
        readMarketo(0);
        return;
    }
    const ObjectRead &read = kReads[step];
    const QString object = QString::fromUtf16(read.object);
    QStringList fields = QString::fromUtf16(read.fields).split(u',');
    if (object == u"Contact" || object == u"Lead") {
        for (const MsiFieldMapping &field : std::as_const(m_options.policy.msiFields))
            fields.append(field.salesforceField);
    }
    emit phaseChanged(tr("Reading Salesforce %1").arg(object));
    QDateTime since;
    if (m_result.incremental && object != u"User") {
        since = store::WatermarkRepository(*m_workspace).watermark(store::System::Salesforce, object);
        if (since.isValid())
            since = since.addMSecs(-m_options.overlapMs);
    }
    auto done = [this, step, object, stage = read.stage](const salesforce::QueryResult &result) {
        if (result.error.isError()) {
            return stop(result.error.kind == net::ApiError::Kind::QuotaExhausted
                            ? RunResult::Status::QuotaExhausted
                            : RunResult::Status::Connection,
                        tr("Reading Salesforce %1 failed: %2").arg(object, result.error.message()));
        }
        if (!result.countMatches())
            qCWarning(lcSync) << result.countWarning();
        journalCall(stage, false, QStringLiteral("/query"), qMax(1, result.pages), {});
        QList<QJsonObject> *records = listFor(m_snapshot, object);
        *records = result.records;
        QDateTime newest = m_maxModstamp.value(object);
        for (const QJsonObject &record : std::as_const(*records)) {
            const QDateTime modstamp =
                RecordMapper::parseDateTime(record.value(u"SystemModstamp").toString());
            if (modstamp.isValid() && (!newest.isValid() || modstamp > newest))
                newest = modstamp;
        }
        if (newest.isValid())
            m_maxModstamp.insert(object, newest);
        store::SnapshotRepository(*m_workspace)
            .upsertRecords(store::System::Salesforce, object, *records);
        readSalesforce(step + 1);
    };
    const QString fieldList = fields.join(u',');
    if (since.isValid())
        m_salesforce->queryChangedSince(object, fields, since, std::move(done));
    else
        m_salesforce->query(QStringLiteral("SELECT ") + fieldList + QStringLiteral(" FROM ") + object,
                            std::move(done));
}

// An incremental run also re-plans what the last run did not finish (failed, blocked, skipped,
// deferred), from the store's snapshot: nothing is lost because its watermark moved on.
void SyncEngine::addPreviousFailures()
{
    if (!m_result.incremental)
        return;
    store::RunRepository runs(*m_workspace);
    QSet<QString> present;
    for (const QList<QJsonObject> *list :
         {&m_snapshot.users, &m_snapshot.accounts, &m_snapshot.contacts, &m_snapshot.leads,
          &m_snapshot.opportunities, &m_snapshot.contactRoles}) {
        for (const QJsonObject &record : *list)
            present.insert(RecordMapper::id18(record.value(u"Id")));
    }
    const store::SnapshotRepository snapshots(*m_workspace);
    for (const store::RunInfo &run : runs.runs()) {
        if (run.id == m_result.runId || run.mode == store::RunMode::DryRun)
            continue;
        QList<store::RecordOutcome> pending = runs.failures(run.id);
        pending += runs.outcomes(run.id, store::Outcome::Deferred);
        for (const store::RecordOutcome &outcome : std::as_const(pending)) {
            const QString object = objectForPrefix(outcome.recordKey);
            if (object.isEmpty() || present.contains(outcome.recordKey))
                continue;
            const std::optional<QJsonObject> record =
                snapshots.record(store::System::Salesforce, object, outcome.recordKey);
            if (record) {
                listFor(m_snapshot, object)->append(*record);
                present.insert(outcome.recordKey);
            }
        }
        break; // the newest real run only
    }
}

void SyncEngine::readMarketo(int step)
{
    if (cancelled())
        return;
    using marketo::MarketoObject;
    const auto unlinked = [this](Stage stage, const QList<QJsonObject> &records,
                                 QStringView field) {
        QStringList ids;
        for (const QJsonObject &record : records) {
            const QString id = RecordMapper::id18(record.value(field));
            if (!id.isEmpty() && !m_links.contains(stage, id))
                ids.append(id);
        }
        return unique(ids);
    };
    MarketoObject object = MarketoObject::Lead;
    QString filterType;
    QStringList values;
    QStringList fields;
    Stage stage = Stage::SalesPersons;
    QList<QJsonObject> *target = nullptr;
    switch (step) {
    case 0: { // sales persons: every owner referenced and every user, when not linked
        QList<QJsonObject> owners;
        for (const QList<QJsonObject> *list : {&m_snapshot.accounts, &m_snapshot.contacts,
                                               &m_snapshot.leads, &m_snapshot.opportunities}) {
            for (const QJsonObject &record : *list)
                owners.append(QJsonObject{{QStringLiteral("Id"), record.value(u"OwnerId")}});
        }
        owners += m_snapshot.users;
        for (const QString &id : unlinked(Stage::SalesPersons, owners, u"Id")) {
            if (!id.startsWith(u"00G"))
                values.append(id);
        }
        object = MarketoObject::SalesPerson;
        filterType = QStringLiteral("externalSalesPersonId");
        fields = QStringList{QStringLiteral("id"), QStringLiteral("externalSalesPersonId"),
                             QStringLiteral("email"), QStringLiteral("firstName"),
                             QStringLiteral("lastName")};
        target = &m_marketoState.salesPersons;
        break;
    }
    case 1: { // companies, with the 15-character forms to find legacy pilot records
        for (const QString &id : unlinked(Stage::Companies, m_snapshot.accounts, u"Id"))
            values << id << id.left(15);
        object = MarketoObject::Company;
        stage = Stage::Companies;
        filterType = QStringLiteral("externalCompanyId");
        fields = QStringList{QStringLiteral("id"), QStringLiteral("externalCompanyId"),
                             QStringLiteral("externalSalesPersonId"), QStringLiteral("company"),
                             QStringLiteral("industry"), QStringLiteral("website"),
                             QStringLiteral("mainPhone"), QStringLiteral("billingStreet"),
                             QStringLiteral("billingCity"), QStringLiteral("billingState"),
                             QStringLiteral("billingPostalCode"), QStringLiteral("billingCountry"),
                             QStringLiteral("annualRevenue"), QStringLiteral("numberOfEmployees")};
        target = &m_marketoState.companies;
        break;
    }
    case 2: // people by externalPersonId
        if (m_options.policy.leadLookup == SyncPolicy::LeadLookup::ExternalPersonId)
            values = unlinked(Stage::Leads, m_snapshot.contacts + m_snapshot.leads, u"Id");
        object = MarketoObject::Lead;
        stage = Stage::Leads;
        filterType = QStringLiteral("externalPersonId");
        fields = m_leadFields;
        target = &m_marketoState.leads;
        break;
    case 3: { // people by e-mail: those not linked and not found by externalPersonId
        QSet<QString> found;
        for (const QJsonObject &lead : std::as_const(m_marketoState.leads))
            found.insert(RecordMapper::id18(lead.value(u"externalPersonId")));
        for (const QList<QJsonObject> *list : {&m_snapshot.contacts, &m_snapshot.leads}) {
            for (const QJsonObject &person : *list) {
                const QString id = RecordMapper::id18(person.value(u"Id"));
                const QString email = person.value(u"Email").toString().trimmed();
                if (!email.isEmpty() && !found.contains(id) && !m_links.contains(Stage::Leads, id))
                    values.append(email);
            }
        }
        values = unique(values);
        object = MarketoObject::Lead;
        stage = Stage::Leads;
        filterType = QStringLiteral("email");
        fields = m_leadFields;
        target = &m_marketoState.leads;
        break;
    }
    case 4:
        values = unlinked(Stage::Opportunities, m_snapshot.opportunities, u"Id");
        object = MarketoObject::Opportunity;
        stage = Stage::Opportunities;
        filterType = QStringLiteral("externalOpportunityId");
        fields = QStringList{QStringLiteral("marketoGUID"), QStringLiteral("externalOpportunityId"),
                             QStringLiteral("name"), QStringLiteral("externalCompanyId"),
                             QStringLiteral("externalSalesPersonId"), QStringLiteral("amount"),
                             QStringLiteral("stage"), QStringLiteral("type"),
                             QStringLiteral("source"), QStringLiteral("externalCreatedDate")};
        target = &m_marketoState.opportunities;
        break;
    case 5: { // roles of opportunities that exist in Marketo
        QSet<QString> known;
        for (const QJsonObject &opportunity : std::as_const(m_marketoState.opportunities))
            known.insert(RecordMapper::id18(opportunity.value(u"externalOpportunityId")));
        for (const QJsonObject &role : std::as_const(m_snapshot.contactRoles)) {
            const QString id = RecordMapper::id18(role.value(u"Id"));
            const QString opportunity = RecordMapper::id18(role.value(u"OpportunityId"));
            if (!m_links.contains(Stage::OpportunityRoles, id)
                && (known.contains(opportunity)
                    || m_links.contains(Stage::Opportunities, opportunity)))
                values.append(opportunity);
        }
        values = unique(values);
        object = MarketoObject::OpportunityRole;
        stage = Stage::OpportunityRoles;
        filterType = QStringLiteral("externalOpportunityId");
        fields = QStringList{QStringLiteral("marketoGUID"), QStringLiteral("externalOpportunityId"),
                             QStringLiteral("leadId"), QStringLiteral("role"),
                             QStringLiteral("isPrimary")};
        target = &m_marketoState.roles;
        break;
    }
    default:
        planRun();
        return;
    }
    if (values.isEmpty())
        return readMarketo(step + 1);
    emit phaseChanged(tr("Reading Marketo %1").arg(marketo::displayName(object)));
    m_marketo->getByFilter(object, filterType, values, fields,
                           [this, step, stage, target, object](const marketo::FilterReport &report) {
        journalCall(stage, true, QStringLiteral("/rest/v1/") + marketo::restPath(object)
                        + QStringLiteral(".json"),
                    report.calls, report.error.code);
        if (StageResult *result = m_result.stage(stage))
            result->readCalls += report.calls;
        if (report.error.isError()) {
            if (report.error.kind == net::ApiError::Kind::QuotaExhausted) {
                m_result.quotaResetsAt = report.error.resetsAt;
                return stop(RunResult::Status::QuotaExhausted, report.error.message());
            }
            return stop(RunResult::Status::Connection,
                        tr("Reading Marketo %1 failed: %2")
                            .arg(marketo::displayName(object), report.error.message()));
        }
        QSet<QString> have;
        for (const QJsonObject &record : std::as_const(*target))
            have.insert(record.value(u"id").toVariant().toString()
                        + record.value(u"marketoGUID").toString());
        for (const QJsonObject &record : report.records) {
            const QString key = record.value(u"id").toVariant().toString()
                + record.value(u"marketoGUID").toString();
            if (!have.contains(key)) {
                have.insert(key);
                target->append(record);
            }
        }
        readMarketo(step + 1);
    });
}

void SyncEngine::planRun()
{
    if (cancelled())
        return;
    emit phaseChanged(tr("Planning"));
    SyncPolicy policy = m_options.policy;
    policy.fullSnapshot = !m_result.incremental && m_onlyIds.isEmpty();
    m_plan = Planner(policy).plan(m_snapshot, m_marketoState, m_links);
    m_result.findings = m_plan.findings;
    if (!m_onlyIds.isEmpty()) {
        for (StagePlan &stage : m_plan.stages) {
            QList<PlannedRecord> kept;
            for (const PlannedRecord &record : std::as_const(stage.records)) {
                if (m_onlyIds.contains(record.salesforceId))
                    kept.append(record);
            }
            stage.records = kept;
        }
    }
    // Marketo lead ids known before stage 3 runs: the ID map and the planner's matches.
    const QHash<QString, MarketoLink> personLinks = m_links.stageLinks(Stage::Leads);
    for (auto it = personLinks.cbegin(); it != personLinks.cend(); ++it) {
        if (it.value().marketoId > 0)
            m_personLeadIds.insert(it.key(), it.value().marketoId);
    }
    int linkedPeople = 0;
    for (const PlannedRecord &record : m_plan.stage(Stage::Leads).records) {
        if (record.marketoId > 0)
            m_personLeadIds.insert(record.salesforceId, record.marketoId);
        if (SyncTypes::isSynced(record.action) && !personLinks.contains(record.salesforceId))
            ++linkedPeople;
    }
    linkedPeople += int(personLinks.size());

    QuotaEstimate estimate = QuotaEstimate::forPlan(m_plan, m_options.stages, m_options.batchSize,
                                                    linkedPeople);
    estimate.dailyQuota = m_options.dailyQuota;
    estimate.usedToday = store::UsageLedger(*m_workspace).callsToday(store::System::Marketo);
    estimate.resetsAt = store::UsageLedger::quotaResetAfter(store::System::Marketo,
                                                            QDateTime::currentDateTimeUtc());
    m_result.estimate = estimate;
    emit estimateReady(estimate);
    qCInfo(lcSync).noquote() << estimate.summary();

    if (m_options.dryRun) {
        for (StageResult &result : m_result.stages) {
            const StageCounts counts = m_plan.stage(result.stage).counts();
            result.total = counts.total;
            result.created = counts.count(RecordAction::Create);
            result.updated = counts.count(RecordAction::Update);
            result.unchanged = counts.count(RecordAction::Unchanged);
            result.blocked = counts.count(RecordAction::Blocked);
            result.failed = counts.count(RecordAction::Invalid);
            result.skipped = counts.count(RecordAction::Skipped);
            result.deferred = counts.count(RecordAction::Deferred);
        }
        m_result.plan = m_plan.toJson(true);
        return complete();
    }
    runStage(0);
}

} // namespace msi::sync
