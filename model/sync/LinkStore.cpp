#include "sync/LinkStore.h"

#include "store/IdMapRepository.h"
#include "store/SnapshotRepository.h"
#include "store/Workspace.h"

#include <QJsonObject>

namespace msi::sync {

namespace {

std::optional<store::Entity> entityFor(Stage stage)
{
    switch (stage) {
    case Stage::SalesPersons: return store::Entity::SalesPerson;
    case Stage::Companies: return store::Entity::Company;
    case Stage::Leads: return store::Entity::Person;
    default: return std::nullopt; // opportunities and roles have GUIDs
    }
}

} // namespace

LinkStore::LinkStore(store::Workspace &workspace)
    : m_workspace(workspace)
{
}

QString LinkStore::objectType(Stage stage)
{
    return QStringLiteral("MsiBridgeLink.") + SyncTypes::stageKey(stage);
}

bool LinkStore::load(LinkMap *links, QString *error) const
{
    store::SnapshotRepository snapshots(m_workspace);
    for (Stage stage : SyncTypes::allStages()) {
        if (stage == Stage::MsiWriteBack)
            continue;
        QString after;
        for (;;) {
            const store::SnapshotPage page =
                snapshots.page(store::System::Salesforce, objectType(stage), after, 5000);
            for (const store::SnapshotRow &row : page.rows) {
                MarketoLink link;
                link.marketoId = row.record.value(u"marketoId").toInteger();
                link.marketoGuid = row.record.value(u"marketoGUID").toString();
                link.payloadHash = row.record.value(u"payloadHash").toString().toLatin1();
                links->insert(stage, row.recordKey, link);
            }
            if (!page.hasMore || page.rows.isEmpty())
                break;
            after = page.lastKey;
        }
    }
    Q_UNUSED(error);
    return true;
}

bool LinkStore::save(Stage stage, const QList<QPair<QString, MarketoLink>> &links, qint64 runId,
                     QString *error)
{
    if (links.isEmpty())
        return true;
    QList<QJsonObject> records;
    QList<store::IdMapping> mappings;
    records.reserve(links.size());
    for (const auto &[salesforceId, link] : links) {
        QJsonObject record{
            {QStringLiteral("attributes"), QJsonObject{{QStringLiteral("type"),
                                                        QStringLiteral("MsiBridgeLink")}}},
            {QStringLiteral("Id"), salesforceId},
            {QStringLiteral("payloadHash"), QString::fromLatin1(link.payloadHash)},
        };
        if (link.marketoId > 0)
            record.insert(u"marketoId", link.marketoId);
        if (!link.marketoGuid.isEmpty())
            record.insert(u"marketoGUID", link.marketoGuid);
        records.append(record);
        const std::optional<store::Entity> entity = entityFor(stage);
        if (entity && link.marketoId > 0)
            mappings.append(store::IdMapping{*entity, salesforceId, link.marketoId, runId});
    }
    store::SnapshotRepository snapshots(m_workspace);
    const store::UpsertResult result =
        snapshots.upsertRecords(store::System::Salesforce, objectType(stage), records);
    if (!result.ok()) {
        if (error)
            *error = result.error;
        return false;
    }
    if (!mappings.isEmpty()) {
        // The ID map is informative for other screens; a refused claim (one Marketo record
        // claimed by two Salesforce records) must not lose the link itself.
        QString mapError;
        if (!store::IdMapRepository(m_workspace).put(mappings, &mapError)) {
            for (const store::IdMapping &mapping : std::as_const(mappings))
                store::IdMapRepository(m_workspace).put({mapping});
        }
    }
    return true;
}

} // namespace msi::sync
