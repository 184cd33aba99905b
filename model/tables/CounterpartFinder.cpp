#include "tables/CounterpartFinder.h"

#include "core/SalesforceId.h"
#include "store/SnapshotRepository.h"
#include "store/Workspace.h"
#include "tables/FieldLabels.h"

#include <QtConcurrent/QtConcurrentRun>

namespace msi::tables {

namespace {

using store::KeyColumn;
using store::SnapshotFilter;
using store::SnapshotRepository;
using store::System;

class Lookup final
{
    Q_DECLARE_TR_FUNCTIONS(msi::tables::CounterpartFinder)
public:
    Lookup(store::Workspace &workspace, RecordKind kind)
        : m_repository(workspace)
        , m_kind(kind)
    {
    }

    Counterpart fromSalesforce(const QJsonObject &record) const;
    Counterpart fromMarketo(const QJsonObject &record) const;

private:
    QList<store::SnapshotRow> find(System system, const QString &objectType,
                                   const QList<QPair<KeyColumn, QString>> &equals) const
    {
        SnapshotFilter filter;
        filter.equals = equals;
        return m_repository.page(system, objectType, QString(), 50, filter).rows;
    }
    Counterpart missing(System side, const QString &why) const
    {
        Counterpart c;
        c.system = side;
        c.message = side == System::Marketo ? tr("No counterpart in Marketo: %1").arg(why)
                                            : tr("No counterpart in Salesforce: %1").arg(why);
        return c;
    }
    static Counterpart found(System side, const QString &objectType, const QString &key,
                             const QString &note = {})
    {
        return {Counterpart::Status::Found, side, objectType, key, note};
    }
    Counterpart roleFromSalesforce(const QJsonObject &record) const;
    Counterpart roleFromMarketo(const QJsonObject &record) const;
    static KeyColumn marketoLinkColumn(RecordKind kind);

    SnapshotRepository m_repository;
    RecordKind m_kind;
};

KeyColumn Lookup::marketoLinkColumn(RecordKind kind)
{
    switch (kind) {
    case RecordKind::SalesPersons: return KeyColumn::ExternalSalesPersonId;
    case RecordKind::Companies: return KeyColumn::ExternalCompanyId;
    case RecordKind::People: return KeyColumn::ExternalPersonId;
    case RecordKind::Opportunities:
    case RecordKind::OpportunityRoles: return KeyColumn::ExternalOpportunityId;
    }
    return KeyColumn::ExternalPersonId;
}

Counterpart Lookup::fromSalesforce(const QJsonObject &record) const
{
    if (m_kind == RecordKind::OpportunityRoles)
        return roleFromSalesforce(record);
    const QString raw = record.value(u"Id").toString();
    const core::SalesforceId id(raw);
    if (!id.isValid())
        return missing(System::Marketo, tr("the Salesforce Id “%1” is not valid (%2).").arg(raw, id.explanation()));
    const QString type = RecordKinds::marketoObjectType(m_kind);
    const KeyColumn column = marketoLinkColumn(m_kind);
    const QString field = RecordKinds::marketoLinkField(m_kind);
    // The exact 18-char form first (indexed), then case-damaged copies, then the legacy 15-char ID.
    QStringList candidates{id.id18(), id.id18().toUpper(), id.id18().toLower(), id.id15()};
    candidates.removeDuplicates();
    for (const QString &value : std::as_const(candidates)) {
        const auto rows = find(System::Marketo, type, {{column, value}});
        for (const store::SnapshotRow &row : rows) {
            const QString stored = row.record.value(field).toString();
            const core::SalesforceId link(stored);
            if (link.id18() != id.id18())
                continue;
            QString note;
            if (link.status() == core::SalesforceId::Status::Valid15) {
                note = tr("Linked only through the legacy 15-character ID %1 in %2: Marketo treats "
                          "it as a different record than %3.")
                           .arg(stored, field, id.id18());
            } else if (link.status() == core::SalesforceId::Status::CaseDamaged) {
                note = tr("Linked through %1 “%2”, whose letter case was changed; the Salesforce "
                          "ID is %3.")
                           .arg(field, stored, id.id18());
            }
            return found(System::Marketo, type, row.recordKey, note);
        }
    }
    return missing(System::Marketo, tr("no Marketo %1 has %2 = %3.")
                                        .arg(RecordKinds::marketoTitle(m_kind).toLower(), field, id.id18()));
}

Counterpart Lookup::fromMarketo(const QJsonObject &record) const
{
    if (m_kind == RecordKind::OpportunityRoles)
        return roleFromMarketo(record);
    const QString field = RecordKinds::marketoLinkField(m_kind);
    const QString raw = record.value(field).toString().trimmed();
    if (raw.isEmpty())
        return missing(System::Salesforce, tr("this record has no %1, so it is not linked to a "
                                              "Salesforce record.").arg(field));
    const core::SalesforceId id(raw);
    if (!id.isValid())
        return missing(System::Salesforce, tr("%1 “%2” is not a valid Salesforce ID (%3).")
                                               .arg(field, raw, id.explanation()));
    QStringList types = RecordKinds::salesforceObjectTypes(m_kind);
    if (types.size() > 1) {
        const QString type = id.objectType();
        if (!types.contains(type))
            return missing(System::Salesforce, tr("%1 %2 is the ID of a %3, not of a %4.")
                                                   .arg(field, raw, type.isEmpty() ? tr("record of another object") : type,
                                                        types.join(tr(" or "))));
        types = {type};
    }
    const QString type = types.constFirst();
    if (!m_repository.record(System::Salesforce, type, id.id18()))
        return missing(System::Salesforce, tr("%1 %2 is not in the Salesforce snapshot.").arg(type, id.id18()));
    QString note;
    if (id.status() == core::SalesforceId::Status::Valid15)
        note = tr("Linked only through the legacy 15-character ID %1 in %2; the Salesforce ID is %3.")
                   .arg(raw, field, id.id18());
    return found(System::Salesforce, type, id.id18(), note);
}

Counterpart Lookup::roleFromSalesforce(const QJsonObject &record) const
{
    const QString opportunity = core::SalesforceId(record.value(u"OpportunityId").toString()).id18();
    const QString contact = core::SalesforceId(record.value(u"ContactId").toString()).id18();
    if (opportunity.isEmpty() || contact.isEmpty())
        return missing(System::Marketo, tr("the contact role has no valid OpportunityId or ContactId."));
    QSet<qint64> leadIds;
    for (const store::SnapshotRow &row :
         find(System::Marketo, QStringLiteral("leads"), {{KeyColumn::ExternalPersonId, contact}}))
        leadIds.insert(row.record.value(u"id").toInteger());
    if (leadIds.isEmpty())
        return missing(System::Marketo, tr("contact %1 is not a Marketo lead yet.").arg(contact));
    const QString role = record.value(u"Role").toString();
    QString fallback;
    for (const store::SnapshotRow &row :
         find(System::Marketo, QStringLiteral("opportunityRoles"), {{KeyColumn::ExternalOpportunityId, opportunity}})) {
        if (!leadIds.contains(row.record.value(u"leadId").toInteger()))
            continue;
        if (row.record.value(u"role").toString() == role)
            return found(System::Marketo, QStringLiteral("opportunityRoles"), row.recordKey);
        fallback = row.recordKey;
    }
    if (!fallback.isEmpty())
        return found(System::Marketo, QStringLiteral("opportunityRoles"), fallback,
                     tr("The Marketo role names a different role than “%1”.").arg(role));
    return missing(System::Marketo, tr("no Marketo opportunity role links opportunity %1 to the "
                                       "lead of contact %2.").arg(opportunity, contact));
}

Counterpart Lookup::roleFromMarketo(const QJsonObject &record) const
{
    const QString raw = record.value(u"externalOpportunityId").toString();
    const QString opportunity = core::SalesforceId(raw).id18();
    if (opportunity.isEmpty())
        return missing(System::Salesforce, tr("externalOpportunityId “%1” is not a valid Salesforce ID.").arg(raw));
    const QString leadKey = FieldLabels::fullText(record.value(u"leadId"));
    const auto lead = m_repository.record(System::Marketo, QStringLiteral("leads"), leadKey);
    if (!lead)
        return missing(System::Salesforce, tr("lead %1 of this role is not in the Marketo snapshot.").arg(leadKey));
    const QString contact = core::SalesforceId(lead->value(u"externalPersonId").toString()).id18();
    if (contact.isEmpty())
        return missing(System::Salesforce, tr("lead %1 of this role is not linked to a Salesforce contact.").arg(leadKey));
    const auto rows = find(System::Salesforce, QStringLiteral("OpportunityContactRole"),
                           {{KeyColumn::Opportunity, opportunity}, {KeyColumn::Contact, contact}});
    const QString role = record.value(u"role").toString();
    for (const store::SnapshotRow &row : rows) {
        if (row.record.value(u"Role").toString() == role)
            return found(System::Salesforce, QStringLiteral("OpportunityContactRole"), row.recordKey);
    }
    if (!rows.isEmpty())
        return found(System::Salesforce, QStringLiteral("OpportunityContactRole"), rows.constFirst().recordKey,
                     tr("The Salesforce contact role names a different role than “%1”.").arg(role));
    return missing(System::Salesforce, tr("no contact role links opportunity %1 to contact %2.")
                                           .arg(opportunity, contact));
}

} // namespace

CounterpartFinder::CounterpartFinder(store::Workspace &workspace, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
{
    m_pool.setMaxThreadCount(1);
}

CounterpartFinder::~CounterpartFinder()
{
    m_pool.waitForDone();
}

Counterpart CounterpartFinder::lookup(store::Workspace &workspace, RecordKind kind, store::System from,
                                      const QJsonObject &record)
{
    const Lookup lookup(workspace, kind);
    return from == store::System::Salesforce ? lookup.fromSalesforce(record) : lookup.fromMarketo(record);
}

void CounterpartFinder::find(RecordKind kind, store::System from, const QJsonObject &record)
{
    const quint64 request = ++m_request;
    store::Workspace *workspace = &m_workspace;
    QtConcurrent::run(&m_pool, [workspace, kind, from, record] {
        return lookup(*workspace, kind, from, record);
    }).then(this, [this, request](const Counterpart &counterpart) {
        if (request == m_request)
            emit found(counterpart);
    });
}

} // namespace msi::tables
