// SyncEngine, part 1: open the workspace, sign in, read Salesforce and what Marketo holds, plan.
#include "sync/SyncEngine.h"
#include "sync/WorkspacePolicy.h"

#include "sync/LinkStore.h"
#include "sync/Logging.h"
#include "sync/Planner.h"
#include "sync/RecordMapper.h"
#include "sync/RunLock.h"

#include "marketo/MarketoClient.h"
#include "salesforce/SalesforceClient.h"
#include "store/MarketoReadCache.h"
#include "store/RunRepository.h"
#include "store/SnapshotRepository.h"
#include "store/UsageLedger.h"
#include "store/WatermarkRepository.h"
#include "store/Workspace.h"

#include <QJsonArray>

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

// Adds the records not there yet (by Marketo id or GUID).
void mergeRecords(QList<QJsonObject> *target, const QList<QJsonObject> &records)
{
    QSet<QString> have;
    for (const QJsonObject &record : std::as_const(*target))
        have.insert(store::MarketoReadCache::recordKey(record));
    for (const QJsonObject &record : records) {
        if (!have.contains(store::MarketoReadCache::recordKey(record))) {
            have.insert(store::MarketoReadCache::recordKey(record));
            target->append(record);
        }
    }
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
    QString error;
    m_lock = std::make_unique<RunLock>(m_workspacePath);
    if (!m_lock->tryLock(&error)) {
        stop(RunResult::Status::Usage, error); // before the journal: the other run owns it
        return false;
    }
    m_workspace = std::make_unique<store::Workspace>(m_workspacePath);
    if (!m_workspace->open(&error)) {
        stop(RunResult::Status::Usage, error);
        return false;
    }
    // The admin's saved choices (MSI targets, fallback sales person) hold for every run.
    WorkspacePolicy::apply(WorkspacePolicy::load(*m_workspace), &m_options.policy);
    store::RunRepository runs(*m_workspace);
    runs.markInterruptedRuns();
    LinkStore(*m_workspace).load(&m_links);
    const QList<store::RunInfo> history = runs.runs();
    findResumedRuns(history);

    if (m_options.retryFailed) {
        // Every record still waiting, whichever run left it so (a later Fix of one chain or a
        // cancelled run does not make the earlier failures disappear).
        for (const store::RecordOutcome &outcome : runs.pendingOutcomes())
            m_onlyIds.insert(outcome.recordKey);
        if (m_onlyIds.isEmpty()) {
            stop(RunResult::Status::Succeeded, tr("No failed, blocked, skipped or deferred record "
                                                  "is waiting to be retried."));
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
        : !m_onlyIds.isEmpty()                  ? store::RunMode::Records
        : m_result.incremental                  ? store::RunMode::Incremental
                                                : store::RunMode::Full;
    m_result.runId = runs.beginRun(mode, &error);
    if (m_result.runId == 0) {
        stop(RunResult::Status::Usage, error);
        return false;
    }
    return true;
}

// The runs since the last one that ended normally (newest first, dry runs left out) stopped
// before their end: this run resumes them.
void SyncEngine::findResumedRuns(const QList<store::RunInfo> &history)
{
    for (const store::RunInfo &run : history) {
        if (run.mode == store::RunMode::DryRun || run.status == store::RunStatus::Running)
            continue;
        if (run.status == store::RunStatus::Succeeded)
            break;
        m_resumedRuns.append(run.id);
    }
    m_resuming = !m_resumedRuns.isEmpty();
    store::MarketoReadCache cache(*m_workspace);
    if (!m_resuming) {
        // What earlier runs read is stale once a run ended normally.
        if (!m_options.dryRun)
            cache.clear();
        return;
    }
    const store::RunRepository runs(*m_workspace);
    const QString writeBack = SyncTypes::stageKey(Stage::MsiWriteBack);
    for (qint64 runId : std::as_const(m_resumedRuns)) {
        for (store::Outcome done : {store::Outcome::Updated, store::Outcome::Unchanged}) {
            for (const store::RecordOutcome &outcome : runs.outcomes(runId, done)) {
                if (outcome.stage == writeBack)
                    m_writtenBack.insert(outcome.recordKey);
            }
        }
    }
    qCInfo(lcSync) << "resuming" << m_resumedRuns.size() << "stopped run(s):" << cache.rowCount()
                   << "Marketo reads and" << m_writtenBack.size() << "write-backs are kept";
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
        m_options.policy.integrationUserId =
            RecordMapper::id18(QJsonValue(m_salesforce->session().userId()));
        m_marketo->authenticate([this](const net::ApiError &error) {
            if (error.isError())
                return stop(RunResult::Status::Connection,
                            tr("Marketo sign-in failed: %1").arg(error.message()));
            describeLeads();
        });
    });
}

// What the run needs of describe2 (the lookup field, the lead fields and the MSI field names
// this instance has), asked once per run and kept for the run that resumes it.
void SyncEngine::describeLeads()
{
    const QString object = marketo::restPath(marketo::MarketoObject::Lead);
    const QString describe = QStringLiteral("describe2");
    if (m_resuming) {
        const store::MarketoReadCache::Reads known =
            store::MarketoReadCache(*m_workspace).load(object, describe);
        if (!known.records.isEmpty()) {
            applyLeadSchema(known.records.constLast());
            return readSalesforce(0);
        }
    }
    m_marketo->describeLeads([this, object, describe](const marketo::LeadSchemaReport &report) {
        if (report.error.isError()) {
            m_result.quotaResetsAt = report.error.resetsAt;
            return stop(report.error.kind == net::ApiError::Kind::QuotaExhausted
                            ? RunResult::Status::QuotaExhausted
                            : RunResult::Status::Connection,
                        tr("Marketo lead describe failed: %1").arg(report.error.message()));
        }
        journalCall(std::nullopt, true, QStringLiteral("/rest/v1/leads/describe2.json"), 1, {});
        const QStringList wanted{
            QStringLiteral("id"), QStringLiteral("email"), QStringLiteral("firstName"),
            QStringLiteral("lastName"), QStringLiteral("title"), QStringLiteral("phone"),
            QStringLiteral("leadSource"), QStringLiteral("company"),
            QStringLiteral("externalPersonId"), QStringLiteral("externalCompanyId"),
            QStringLiteral("externalSalesPersonId")};
        QList<MsiFieldMapping> msiFields = m_options.policy.msiFields;
        adaptMsiFields(&msiFields, report.schema);
        QJsonArray leadFields;
        for (const QString &field : wanted) {
            if (report.schema.isEmpty() || report.schema.hasField(field))
                leadFields.append(field);
        }
        QJsonObject msiNames;
        for (const MsiFieldMapping &field : std::as_const(msiFields)) {
            msiNames.insert(field.salesforceField, field.marketoField);
            if (report.schema.hasField(field.marketoField))
                leadFields.append(field.marketoField);
        }
        const QJsonObject learned{
            {QStringLiteral("id"), describe},
            {QStringLiteral("externalPersonIdLookup"),
             report.schema.canFilterBy(QStringLiteral("externalPersonId"))},
            {QStringLiteral("leadFields"), leadFields},
            {QStringLiteral("msiFields"), msiNames},
        };
        if (!m_options.dryRun)
            store::MarketoReadCache(*m_workspace)
                .save(m_result.runId, object, describe, {describe}, {learned});
        applyLeadSchema(learned);
        readSalesforce(0);
    });
}

void SyncEngine::applyLeadSchema(const QJsonObject &learned)
{
    m_options.policy.leadLookup = learned.value(u"externalPersonIdLookup").toBool()
        ? SyncPolicy::LeadLookup::ExternalPersonId
        : SyncPolicy::LeadLookup::Email;
    const QJsonObject msiNames = learned.value(u"msiFields").toObject();
    for (MsiFieldMapping &field : m_options.policy.msiFields)
        field.marketoField = msiNames.value(field.salesforceField).toString(field.marketoField);
    m_leadFields.clear();
    for (const QJsonValue &field : learned.value(u"leadFields").toArray())
        m_leadFields.append(field.toString());
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
        for (const MsiFieldMapping &field : std::as_const(m_options.policy.msiFields)) {
            if (field.appliesTo(object) && !fields.contains(field.salesforceField))
                fields.append(field.salesforceField);
        }
    }
    emit phaseChanged(tr("Reading Salesforce %1").arg(object));
    QDateTime since;
    if (m_result.incremental && object != u"User") {
        since = store::WatermarkRepository(*m_workspace).watermark(store::System::Salesforce, object);
        if (since.isValid())
            since = since.addMSecs(-m_options.overlapMs);
    }
    auto done = [this, step, object, stage = read.stage](const salesforce::QueryResult &result) {
        journalCall(stage, false, QStringLiteral("/query"), result.calls, result.error.code);
        if (result.error.isError()) {
            return stop(result.error.kind == net::ApiError::Kind::QuotaExhausted
                            ? RunResult::Status::QuotaExhausted
                            : RunResult::Status::Connection,
                        tr("Reading Salesforce %1 failed: %2").arg(object, result.error.message()));
        }
        if (!result.countMatches())
            qCWarning(lcSync) << result.countWarning();
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
    // Every record whose latest outcome, in whichever run, left it unsynced: the runs this one
    // resumes never reached some stages, and a Fix of one chain or a retry touched only some
    // records, so "the last run's failures" would lose the others.
    {
        const QList<store::RecordOutcome> pending = runs.pendingOutcomes();
        for (const store::RecordOutcome &outcome : pending) {
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
    const QString restObject = marketo::restPath(object);
    if (m_resuming && !values.isEmpty()) {
        // A stopped run read some of these already: reuse its answer, read only the rest.
        const store::MarketoReadCache::Reads known =
            store::MarketoReadCache(*m_workspace).load(restObject, filterType);
        QSet<QString> reused;
        QStringList unread;
        for (const QString &value : std::as_const(values)) {
            if (known.contains(value))
                reused.insert(store::MarketoReadCache::valueKey(value));
            else
                unread.append(value);
        }
        // What the stopped runs wrote since (the records they created or updated): a lead read
        // by e-mail may have been adopted by another person since, for example.
        const QHash<QString, QJsonObject> written =
            store::MarketoReadCache(*m_workspace).written(restObject);
        QList<QJsonObject> found;
        for (QJsonObject record : known.records) {
            if (!reused.contains(store::MarketoReadCache::valueKey(record.value(filterType))))
                continue;
            const QJsonObject overlay = written.value(store::MarketoReadCache::recordKey(record));
            for (auto it = overlay.constBegin(); it != overlay.constEnd(); ++it)
                record.insert(it.key(), it.value());
            found.append(record);
        }
        mergeRecords(target, found);
        if (!reused.isEmpty())
            qCInfo(lcSync).noquote() << "Marketo" << restObject << "by" << filterType << ":"
                                     << reused.size() << "values known from the stopped run,"
                                     << unread.size() << "to read";
        values = unread;
    }
    if (values.isEmpty())
        return readMarketo(step + 1);
    emit phaseChanged(tr("Reading Marketo %1").arg(marketo::displayName(object)));
    m_marketo->getByFilter(object, filterType, values, fields,
                           [this, step, stage, target, object, filterType,
                            restObject](const marketo::FilterReport &report) {
        // Whatever was read survives a stop, for the run that resumes this one.
        if (!m_options.dryRun)
            store::MarketoReadCache(*m_workspace)
                .save(m_result.runId, restObject, filterType, report.valuesRead, report.records);
        mergeRecords(target, report.records);
        journalCall(stage, true, QStringLiteral("/rest/v1/") + marketo::restPath(object)
                        + QStringLiteral(".json"),
                    report.calls, report.error.code);
        if (StageResult *result = m_result.stage(stage))
            result->readCalls += report.calls;
        m_result.rateLimitWaits += report.rateLimitWaits;
        m_result.concurrencyWaits += report.concurrencyWaits;
        if (report.error.isError()) {
            if (report.error.kind == net::ApiError::Kind::QuotaExhausted) {
                m_result.quotaResetsAt = report.error.resetsAt;
                return stop(RunResult::Status::QuotaExhausted, report.error.message());
            }
            return stop(RunResult::Status::Connection,
                        tr("Reading Marketo %1 failed: %2")
                            .arg(marketo::displayName(object), report.error.message()));
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
    // Stage 6 reads only the MSI fields this instance has (a field not read is left alone).
    QList<MsiFieldMapping> msiFields;
    for (const MsiFieldMapping &field : std::as_const(policy.msiFields)) {
        if (m_leadFields.contains(field.marketoField))
            msiFields.append(field);
    }
    policy.msiFields = msiFields;
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
    for (const PlannedRecord &record : m_plan.stage(Stage::Leads).records) {
        if (record.marketoId > 0)
            m_personLeadIds.insert(record.salesforceId, record.marketoId);
    }
    alignWriteBackPlan();

    QuotaEstimate estimate = QuotaEstimate::forPlan(
        m_plan, m_options.stages, m_options.batchSize,
        int(m_plan.stage(Stage::MsiWriteBack).records.size()));
    estimate.dailyQuota = m_options.dailyQuota;
    estimate.usedToday = store::UsageLedger(*m_workspace).callsToday(store::System::Marketo);
    estimate.salesforceUsedToday =
        store::UsageLedger(*m_workspace).callsToday(store::System::Salesforce);
    estimate.resetsAt = store::UsageLedger::quotaResetAfter(store::System::Marketo,
                                                            QDateTime::currentDateTimeUtc());
    m_result.estimate = estimate;
    emit estimateReady(estimate);
    qCInfo(lcSync).noquote() << estimate.summary();

    if (m_options.dryRun) {
        if (m_options.stages.contains(Stage::MsiWriteBack))
            return dryRunWriteBackRead();
        return finishDryRun();
    }
    runStage(0);
}

// Stage 6 of the plan holds the people the run will read: those it links and those linked
// before (incremental runs read the MSI values of people whose Salesforce record did not change
// too), less those a stopped run this one resumes has written back.
void SyncEngine::alignWriteBackPlan()
{
    StagePlan &plan = m_plan.stage(Stage::MsiWriteBack);
    QList<PlannedRecord> kept;
    QSet<QString> planned;
    for (const PlannedRecord &record : std::as_const(plan.records)) {
        if (m_writtenBack.contains(record.salesforceId))
            continue;
        planned.insert(record.salesforceId);
        kept.append(record);
    }
    const QHash<QString, MarketoLink> people = m_links.stageLinks(Stage::Leads);
    QStringList others;
    for (auto it = people.cbegin(); it != people.cend(); ++it) {
        if (it.value().marketoId > 0 && !planned.contains(it.key())
            && !m_writtenBack.contains(it.key())
            && (m_onlyIds.isEmpty() || m_onlyIds.contains(it.key())))
            others.append(it.key());
    }
    std::sort(others.begin(), others.end());
    for (const QString &personId : std::as_const(others)) {
        const QJsonObject person = personRecord(personId);
        PlannedRecord record;
        record.stage = Stage::MsiWriteBack;
        record.salesforceId = personId;
        record.salesforceType = personId.startsWith(u"00Q") ? QStringLiteral("Lead")
                                                            : QStringLiteral("Contact");
        record.name = person.isEmpty() ? record.salesforceType + u' ' + personId
                                       : RecordMapper::displayName(person);
        record.marketoId = people.value(personId).marketoId;
        record.action = RecordAction::Deferred;
        record.reason = tr("the MSI values are read from Marketo when the run writes back");
        kept.append(record);
    }
    plan.records = kept;
}

// The Salesforce person as this run read it, else as the store last saw it; {} when unknown.
QJsonObject SyncEngine::personRecord(const QString &personId) const
{
    if (m_personIndex.isEmpty()) {
        for (const QList<QJsonObject> *list : {&m_snapshot.contacts, &m_snapshot.leads}) {
            for (const QJsonObject &person : *list)
                m_personIndex.insert(RecordMapper::id18(person.value(u"Id")), &person);
        }
    }
    if (const QJsonObject *person = m_personIndex.value(personId))
        return *person;
    const QString object = personId.startsWith(u"00Q") ? QStringLiteral("Lead")
                                                       : QStringLiteral("Contact");
    return store::SnapshotRepository(*m_workspace)
        .record(store::System::Salesforce, object, personId)
        .value_or(QJsonObject());
}

// A dry run reads the MSI values the plan could not know (people linked before this run) as
// the run would, so stage 6 shows exactly what the run would write.
void SyncEngine::dryRunWriteBackRead()
{
    StagePlan &plan = m_plan.stage(Stage::MsiWriteBack);
    QStringList values;
    QHash<qint64, int> indexByLead;
    for (int i = 0; i < plan.records.size(); ++i) {
        const PlannedRecord &record = plan.records.at(i);
        if (record.action == RecordAction::Deferred && record.marketoId > 0) {
            values.append(QString::number(record.marketoId));
            indexByLead.insert(record.marketoId, i);
        }
    }
    if (values.isEmpty())
        return finishDryRun();
    QStringList fields{QStringLiteral("id"), QStringLiteral("externalPersonId")};
    for (const MsiFieldMapping &field : std::as_const(m_options.policy.msiFields)) {
        if (m_leadFields.contains(field.marketoField))
            fields.append(field.marketoField);
    }
    emit phaseChanged(tr("Reading the MSI values of linked people"));
    m_marketo->getByFilter(marketo::MarketoObject::Lead, QStringLiteral("id"), values, fields,
                           [this, indexByLead](const marketo::FilterReport &report) {
        journalCall(Stage::MsiWriteBack, true, QStringLiteral("/rest/v1/leads.json"), report.calls,
                    report.error.code);
        if (StageResult *result = m_result.stage(Stage::MsiWriteBack))
            result->readCalls += report.calls;
        m_result.rateLimitWaits += report.rateLimitWaits;
        m_result.concurrencyWaits += report.concurrencyWaits;
        if (report.error.isError()) {
            m_result.quotaResetsAt = report.error.resetsAt;
            return stop(report.error.kind == net::ApiError::Kind::QuotaExhausted
                            ? RunResult::Status::QuotaExhausted
                            : RunResult::Status::Connection,
                        tr("Reading MSI values from Marketo failed: %1")
                            .arg(report.error.message()));
        }
        StagePlan &plan = m_plan.stage(Stage::MsiWriteBack);
        for (const QJsonObject &lead : report.records) {
            const int index = indexByLead.value(lead.value(u"id").toInteger(), -1);
            if (index < 0)
                continue;
            PlannedRecord &record = plan.records[index];
            const QJsonObject person = personRecord(record.salesforceId);
            if (person.isEmpty())
                continue;
            record.payload = RecordMapper::msiUpdate(person, lead, m_options.policy.msiFields);
            record.action = record.payload.isEmpty() ? RecordAction::Unchanged
                                                     : RecordAction::Update;
            record.reason.clear();
        }
        finishDryRun();
    });
}

void SyncEngine::finishDryRun()
{
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
    complete();
}

} // namespace msi::sync
