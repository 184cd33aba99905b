#include "session/SnapshotRefresher.h"

#include "core/SalesforceId.h"

#include "session/Logging.h"

#include "marketo/MarketoClient.h"
#include "salesforce/SalesforceClient.h"
#include "store/SnapshotRepository.h"
#include "store/UsageLedger.h"
#include "store/Workspace.h"
#include "sync/RecordMapper.h"

#include <QSet>

namespace msi::session {

namespace {

struct MarketoRead
{
    marketo::MarketoObject object;
    const char16_t *storeType;   // the snapshot object type (tables::RecordKinds names)
    const char16_t *filterType;
};

const MarketoRead kMarketoReads[] = {
    {marketo::MarketoObject::SalesPerson, u"salespersons", u"externalSalesPersonId"},
    {marketo::MarketoObject::Company, u"companies", u"externalCompanyId"},
    {marketo::MarketoObject::Lead, u"leads", u"externalPersonId"},
    {marketo::MarketoObject::Lead, u"leads", u"email"},
    {marketo::MarketoObject::Opportunity, u"opportunities", u"externalOpportunityId"},
    {marketo::MarketoObject::OpportunityRole, u"opportunityRoles", u"externalOpportunityId"},
};
constexpr int kMarketoReadCount = int(std::size(kMarketoReads));

QStringList leadFields()
{
    QStringList fields{QStringLiteral("id"), QStringLiteral("email"), QStringLiteral("firstName"),
                       QStringLiteral("lastName"), QStringLiteral("title"),
                       QStringLiteral("company"), QStringLiteral("leadSource"),
                       QStringLiteral("externalPersonId"), QStringLiteral("externalCompanyId"),
                       QStringLiteral("externalSalesPersonId"), QStringLiteral("createdAt"),
                       QStringLiteral("updatedAt")};
    for (const sync::MsiFieldMapping &field : sync::SyncPolicy().msiFields)
        fields.append(field.marketoField);
    return fields;
}

} // namespace

SnapshotRefresher::SnapshotRefresher(QString workspacePath, sync::EngineConnection connection,
                                     QSet<QString> onlyRecords, QObject *parent)
    : QObject(parent)
    , m_workspacePath(std::move(workspacePath))
    , m_connection(std::move(connection))
    , m_only(std::move(onlyRecords))
{
}

SnapshotRefresher::~SnapshotRefresher() = default;

void SnapshotRefresher::start()
{
    m_workspace = std::make_unique<store::Workspace>(m_workspacePath);
    QString error;
    if (!m_workspace->open(&error))
        return finish(false, tr("Cannot open the workspace %1: %2").arg(m_workspacePath, error));
    m_salesforce = new salesforce::SalesforceClient(m_connection.salesforce,
                                                    m_connection.salesforceSettings, this);
    m_marketo = new marketo::MarketoClient(m_connection.marketo, m_connection.marketoSettings, this);
    emit phaseChanged(tr("Signing in to Salesforce"));
    m_salesforce->signIn([this](const net::ApiError &error) {
        if (error.isError())
            return finish(false, tr("Salesforce sign-in failed: %1").arg(error.message()));
        readSalesforce(0);
    });
}

void SnapshotRefresher::readSalesforce(int step)
{
    if (m_cancel.load())
        return finish(false, tr("Refresh cancelled"));
    const QStringList objects = sync::SyncEngine::salesforceObjects();
    if (step >= objects.size())
        return readDescribes(0);
    const QString object = objects.at(step);
    QStringList fields = sync::SyncEngine::salesforceFields(object);
    if (object == u"Contact" || object == u"Lead") {
        for (const sync::MsiFieldMapping &field : sync::SyncPolicy().msiFields)
            fields.append(field.salesforceField);
    }
    if (!m_only.isEmpty()) {
        QStringList ids;
        for (const QString &id : std::as_const(m_only)) {
            if (core::SalesforceId(id).objectType() == object)
                ids.append(id);
        }
        if (ids.isEmpty())
            return readSalesforce(step + 1);
        ids.sort();
        return readSalesforceChunk(step, fields, ids, 0);
    }
    emit phaseChanged(tr("Reading Salesforce %1").arg(object));
    readSalesforceChunk(step, fields, {}, 0);
}

// One query: every record of the object, or the next chunk of the IDs asked for (a chunk keeps
// the query URL well under Salesforce's length limit).
void SnapshotRefresher::readSalesforceChunk(int step, const QStringList &fields,
                                            const QStringList &ids, int offset)
{
    constexpr int kIdsPerQuery = 200;
    const QString object = sync::SyncEngine::salesforceObjects().at(step);
    QString soql = QStringLiteral("SELECT ") + fields.join(u',') + QStringLiteral(" FROM ") + object;
    if (!ids.isEmpty()) {
        // The IDs are valid 18-character IDs (letters and digits only): safe inside quotes.
        soql += QStringLiteral(" WHERE Id IN ('")
            + ids.mid(offset, kIdsPerQuery).join(QStringLiteral("','")) + QStringLiteral("')");
        emit phaseChanged(tr("Reading %n Salesforce %1 record(s)", nullptr, int(ids.size())).arg(object));
    }
    m_salesforce->query(soql, [this, step, fields, ids, offset,
                               object](const salesforce::QueryResult &result) {
        countCalls(store::System::Salesforce, result.calls);
        if (result.error.isError()) {
            m_result.quotaExhausted = result.error.kind == net::ApiError::Kind::QuotaExhausted;
            return finish(false, tr("Reading Salesforce %1 failed: %2")
                                     .arg(object, result.error.message()));
        }
        const store::UpsertResult stored = store::SnapshotRepository(*m_workspace)
            .upsertRecords(store::System::Salesforce, object, result.records);
        if (!stored.ok())
            return finish(false, stored.error);
        m_result.salesforceRecords += int(result.records.size());
        if (offset + kIdsPerQuery < ids.size())
            return readSalesforceChunk(step, fields, ids, offset + kIdsPerQuery);
        readSalesforce(step + 1);
    });
}

// Lead and Contact as the integration user sees them: field-level security on the MSI fields
// shows there (missing or not updateable), and the diagnosis checks it. A describe that cannot
// be read is no reason to stop: the diagnosis then says access was not verified.
void SnapshotRefresher::readDescribes(int step)
{
    if (m_cancel.load())
        return finish(false, tr("Refresh cancelled"));
    static const QStringList objects{QStringLiteral("Lead"), QStringLiteral("Contact")};
    if (step >= objects.size()) {
        emit phaseChanged(tr("Signing in to Marketo"));
        m_marketo->authenticate([this](const net::ApiError &error) {
            if (error.isError())
                return finish(false, tr("Marketo sign-in failed: %1").arg(error.message()));
            readMarketo(0);
        });
        return;
    }
    const QString object = objects.at(step);
    emit phaseChanged(tr("Reading the Salesforce %1 fields").arg(object));
    m_salesforce->describe(object, [this, step, object](const salesforce::DescribeResult &result) {
        countCalls(store::System::Salesforce, 1);
        if (result.error.isError()) {
            qCWarning(lcSession) << "describe" << object << result.error.message();
            m_result.message += tr("Reading the Salesforce %1 fields failed: %2. ")
                                    .arg(object, result.error.message());
        } else {
            QString error;
            if (!store::SnapshotRepository(*m_workspace)
                     .storeDocument(store::System::Salesforce, QStringLiteral("describe"), object,
                                    result.describe, &error))
                return finish(false, error);
        }
        readDescribes(step + 1);
    });
}

QStringList SnapshotRefresher::idsOf(const QString &objectType, const QString &field) const
{
    QStringList values;
    QSet<QString> seen;
    const store::SnapshotRepository snapshots(*m_workspace);
    QString after;
    for (;;) {
        const store::SnapshotPage page =
            snapshots.page(store::System::Salesforce, objectType, after, 5000);
        for (const store::SnapshotRow &row : page.rows) {
            if (!m_only.isEmpty() && !m_only.contains(row.recordKey))
                continue;
            const QJsonValue value = row.record.value(field);
            const QString text = field == u"Email" ? value.toString().trimmed()
                                                   : sync::RecordMapper::id18(value);
            if (!text.isEmpty() && !seen.contains(text)) {
                seen.insert(text);
                values.append(text);
            }
        }
        if (!page.hasMore)
            break;
        after = page.lastKey;
    }
    return values;
}

void SnapshotRefresher::readMarketo(int step)
{
    if (m_cancel.load())
        return finish(false, tr("Refresh cancelled"));
    if (step >= kMarketoReadCount)
        return finish(true, tr("Read %1 Salesforce and %2 Marketo records")
                                .arg(m_result.salesforceRecords)
                                .arg(m_result.marketoRecords));
    const MarketoRead &read = kMarketoReads[step];
    QStringList values;
    QStringList fields;
    switch (read.object) {
    case marketo::MarketoObject::SalesPerson:
        for (const QString &type : {u"Account"_qs, u"Contact"_qs, u"Lead"_qs, u"Opportunity"_qs})
            values += idsOf(type, QStringLiteral("OwnerId"));
        values += idsOf(QStringLiteral("User"), QStringLiteral("Id"));
        values.removeDuplicates();
        values.removeIf([](const QString &id) { return id.startsWith(u"00G"); }); // queues
        fields = QStringList{QStringLiteral("id"), QStringLiteral("externalSalesPersonId"),
                             QStringLiteral("email"), QStringLiteral("firstName"),
                             QStringLiteral("lastName"), QStringLiteral("createdAt"),
                             QStringLiteral("updatedAt")};
        break;
    case marketo::MarketoObject::Company:
        for (const QString &id : idsOf(QStringLiteral("Account"), QStringLiteral("Id")))
            values << id << id.left(15); // legacy 15-character pilot records too
        fields = QStringList{QStringLiteral("id"), QStringLiteral("externalCompanyId"),
                             QStringLiteral("externalSalesPersonId"), QStringLiteral("company"),
                             QStringLiteral("industry"), QStringLiteral("website"),
                             QStringLiteral("mainPhone"), QStringLiteral("billingCity"),
                             QStringLiteral("billingCountry"), QStringLiteral("createdAt"),
                             QStringLiteral("updatedAt")};
        break;
    case marketo::MarketoObject::Lead:
        fields = leadFields();
        if (read.filterType == std::u16string_view(u"email")) {
            values = idsOf(QStringLiteral("Contact"), QStringLiteral("Email"))
                + idsOf(QStringLiteral("Lead"), QStringLiteral("Email"));
        } else {
            values = idsOf(QStringLiteral("Contact"), QStringLiteral("Id"))
                + idsOf(QStringLiteral("Lead"), QStringLiteral("Id"));
        }
        values.removeDuplicates();
        break;
    case marketo::MarketoObject::Opportunity:
        values = idsOf(QStringLiteral("Opportunity"), QStringLiteral("Id"));
        fields = QStringList{QStringLiteral("marketoGUID"), QStringLiteral("externalOpportunityId"),
                             QStringLiteral("name"), QStringLiteral("externalCompanyId"),
                             QStringLiteral("externalSalesPersonId"), QStringLiteral("amount"),
                             QStringLiteral("stage"), QStringLiteral("type"),
                             QStringLiteral("source")};
        break;
    case marketo::MarketoObject::OpportunityRole:
        values = idsOf(QStringLiteral("Opportunity"), QStringLiteral("Id"));
        fields = QStringList{QStringLiteral("marketoGUID"), QStringLiteral("externalOpportunityId"),
                             QStringLiteral("leadId"), QStringLiteral("role"),
                             QStringLiteral("isPrimary")};
        break;
    }
    if (values.isEmpty())
        return readMarketo(step + 1);
    const marketo::MarketoObject object = read.object;
    emit phaseChanged(tr("Reading Marketo %1").arg(marketo::displayName(object)));
    m_marketo->getByFilter(
        object, QString::fromUtf16(read.filterType), values, fields,
        [this, step, object, storeType = QString::fromUtf16(read.storeType)](
            const marketo::FilterReport &report) {
            m_result.marketoCalls += report.calls;
            // Marketo does not count the call it refuses with 607.
            countCalls(store::System::Marketo,
                       report.calls
                           - (report.error.kind == net::ApiError::Kind::QuotaExhausted ? 1 : 0));
            if (report.error.isError()) {
                // 1018 (native CRM sync) and friends: the entity cannot be read; go on with the
                // others and say so at the end rather than showing nothing at all.
                qCWarning(lcSession) << "Marketo" << marketo::restPath(object)
                                     << report.error.message();
                m_result.quotaExhausted =
                    report.error.kind == net::ApiError::Kind::QuotaExhausted;
                if (report.error.kind == net::ApiError::Kind::QuotaExhausted
                    || report.error.kind == net::ApiError::Kind::Fatal)
                    return finish(false, tr("Reading Marketo %1 failed: %2")
                                             .arg(marketo::displayName(object),
                                                  report.error.message()));
                m_result.message += tr("Reading Marketo %1 failed: %2. ")
                                        .arg(marketo::displayName(object), report.error.message());
                return readMarketo(step + 1);
            }
            const store::UpsertResult stored = store::SnapshotRepository(*m_workspace)
                .upsertRecords(store::System::Marketo, storeType, report.records);
            if (!stored.ok())
                return finish(false, stored.error);
            m_result.marketoRecords += int(report.records.size());
            readMarketo(step + 1);
        });
}

// The workspace's usage ledger (status bar, the sync's quota estimate) counts these calls too.
void SnapshotRefresher::countCalls(store::System system, int calls)
{
    if (calls > 0)
        store::UsageLedger(*m_workspace).addCalls(system, calls);
}

void SnapshotRefresher::finish(bool ok, const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    m_result.ok = ok;
    m_result.message = QString(m_result.message + message).trimmed();
    qCInfo(lcSession) << "refresh finished:" << m_result.message;
    emit finished(m_result);
}

} // namespace msi::session
