#include "setup/MappingProposal.h"

#include "checks/MsiFields.h"
#include "core/SalesforceId.h"
#include "sync/SyncTypes.h"

#include <QJsonArray>

namespace msi::setup {

using State = MappingLine::State;
using store::System;
using sync::Stage;
using sync::SyncTypes;
using tables::MappingCheck;
using tables::MappingRow;

namespace {

QString marketoObjectName(const QString &restPath)
{
    return restPath == u"opportunities/roles" ? QStringLiteral("opportunityRoles") : restPath;
}

QString stageTitle(const QString &stageKey)
{
    Stage stage;
    return SyncTypes::parseStage(stageKey, &stage) ? SyncTypes::stageTitle(stage) : stageKey;
}

} // namespace

tables::FieldCatalog MappingProposal::catalogFrom(const SchemaSnapshot &schema)
{
    tables::FieldCatalog catalog;
    for (auto it = schema.salesforceDescribes.cbegin(); it != schema.salesforceDescribes.cend(); ++it)
        catalog.addDescribe(System::Salesforce, it.key(), it.value());
    QJsonArray leadFields;
    for (const QString &name : schema.marketoLeads.fieldNames())
        leadFields.append(schema.marketoLeads.field(name));
    if (!leadFields.isEmpty())
        catalog.addDescribe(System::Marketo, QStringLiteral("leads"),
                            QJsonObject{{QStringLiteral("fields"), leadFields}});
    for (auto it = schema.marketoDescribes.cbegin(); it != schema.marketoDescribes.cend(); ++it)
        catalog.addDescribe(System::Marketo, marketoObjectName(it.key()), it.value());
    return catalog;
}

int MappingProposal::count(State state) const
{
    int n = 0;
    for (const MappingLine &l : lines)
        n += l.state == state ? 1 : 0;
    return n;
}

MappingProposal MappingProposal::propose(const SchemaSnapshot &schema,
                                         const ReadinessReport &readiness,
                                         const QList<QJsonObject> &activeUsers)
{
    MappingProposal p;
    p.catalog = catalogFrom(schema);
    p.mapping = tables::FieldMapping::defaults(p.catalog);
    const bool crmOff = readiness.check(ReadinessItem::NativeCrmSyncOff).verdict == Verdict::Pass;
    const bool nonNative = readiness.check(ReadinessItem::MsiNonNative).verdict == Verdict::Pass;
    const QHash<QString, bool> msiVisible{
            {QStringLiteral("Lead"),
             readiness.check(ReadinessItem::MsiFieldsLead).verdict == Verdict::Pass},
            {QStringLiteral("Contact"),
             readiness.check(ReadinessItem::MsiFieldsContact).verdict == Verdict::Pass}};
    const QSet<QString> crmStages{SyncTypes::stageKey(Stage::SalesPersons),
                                  SyncTypes::stageKey(Stage::Companies),
                                  SyncTypes::stageKey(Stage::Opportunities),
                                  SyncTypes::stageKey(Stage::OpportunityRoles)};

    for (int i = 0; i < p.mapping.rows.size(); ++i) {
        const MappingRow &row = p.mapping.rows.at(i);
        MappingLine line;
        line.row = i;
        line.stage = stageTitle(row.stage);
        const QString sf = row.salesforceObject + u'.'
                + (row.salesforceField.isEmpty() ? tr("(no field)") : row.salesforceField);
        const QString mk = row.marketoObject + u'.' + row.marketoField;
        const bool toMarketo = row.direction == MappingRow::Direction::ToMarketo;
        line.from = toMarketo ? sf : mk;
        line.to = toMarketo ? mk : sf;
        const MappingCheck check = tables::FieldMapping::check(row, p.catalog);
        line.note = check.text;
        if (check.level == MappingCheck::Level::Error)
            line.state = State::Unavailable;
        else if (check.level == MappingCheck::Level::Warning)
            line.state = State::NeedsDecision;
        // Readiness failures say why better than a missing field does.
        if (!crmOff && crmStages.contains(row.stage)) {
            line.state = State::Unavailable;
            line.note = tr("Marketo's native CRM sync disables this object's API (see Readiness).");
        } else if (!nonNative && row.marketoObject == u"leads"
                   && row.marketoField.startsWith(u"external")) {
            line.state = State::Unavailable;
            line.note = tr("Needs MSI Non-Native in Marketo (see Readiness).");
        } else if (!toMarketo && row.salesforceField.isEmpty()
                   && !msiVisible.value(row.salesforceObject, true)) {
            // FLS hides the MSI field (field case C21): name the field the package would have.
            for (const checks::MsiFields::Field &f : checks::MsiFields::all())
                if (f.marketoNames.contains(row.marketoField))
                    line.to = row.salesforceObject + u'.' + checks::MsiFields::prefix()
                            + f.salesforceSuffix;
            line.state = State::Unavailable;
            line.note = tr("Not visible to the integration user: grant field-level security Read "
                           "and Edit on %1 (see Readiness).").arg(row.salesforceObject);
        }
        p.lines << line;
    }

    p.policy.leadLookup = schema.marketoLeads.canFilterBy(QStringLiteral("externalPersonId"))
            ? sync::SyncPolicy::LeadLookup::ExternalPersonId
            : sync::SyncPolicy::LeadLookup::Email;
    const QList<sync::MsiFieldMapping> msi = p.mapping.msiFieldMappings(QStringLiteral("Lead"));
    if (!msi.isEmpty())
        p.policy.msiFields = msi;

    const QString leadsTitle = SyncTypes::stageTitle(Stage::Leads);
    p.lines << MappingLine{leadsTitle, tr("Lead/Contact e-mail"), tr("matching key"), State::Ready,
                           p.policy.leadLookup == sync::SyncPolicy::LeadLookup::ExternalPersonId
                                   ? tr("People are matched by externalPersonId, then by e-mail.")
                                   : tr("This instance cannot look leads up by externalPersonId, "
                                        "so people are matched by e-mail; two Marketo leads with "
                                        "one e-mail block that person."),
                           -1};
    p.m_queueLine = int(p.lines.size());
    p.lines << MappingLine{leadsTitle, tr("Owner is a queue (00G…)"),
                           QStringLiteral("externalSalesPersonId"), State::NeedsDecision,
                           tr("Records owned by a queue have no sales person. Choose a fallback "
                              "sales person below, or leave it empty to block those records."),
                           -1};

    const QJsonObject opportunities = schema.marketoDescribes.value(QStringLiteral("opportunities"));
    QStringList offered;
    for (const QJsonValue &f : opportunities.value(u"fields").toArray())
        offered << f.toObject().value(u"name").toString();
    for (const QString &f : {QStringLiteral("closeDate"), QStringLiteral("isClosed"),
                             QStringLiteral("isWon"), QStringLiteral("probability")})
        if (offered.contains(f, Qt::CaseInsensitive))
            p.optionalOpportunityFields << f;
    if (!p.optionalOpportunityFields.isEmpty()) {
        p.m_opportunityLine = int(p.lines.size());
        p.lines << MappingLine{SyncTypes::stageTitle(Stage::Opportunities),
                               QStringLiteral("Opportunity.CloseDate, IsClosed, IsWon, Probability"),
                               QStringLiteral("opportunities.")
                                       + p.optionalOpportunityFields.join(QStringLiteral(", ")),
                               State::NeedsDecision,
                               tr("This instance has these optional fields; choose below which "
                                  "to send (all are proposed)."),
                               -1};
        p.policy.extraOpportunityFields = QSet<QString>(p.optionalOpportunityFields.cbegin(),
                                                        p.optionalOpportunityFields.cend());
    }

    for (const QJsonObject &u : activeUsers) {
        const core::SalesforceId id(u.value(u"Id").toString());
        if (!id.isValid())
            continue;
        const QString email = u.value(u"Email").toString();
        QString label = u.value(u"Name").toString();
        if (!email.isEmpty())
            label += QStringLiteral(" <") + email + u'>';
        p.salesPersonChoices.append({id.id18(), label});
    }
    return p;
}

void MappingProposal::setFallbackSalesPerson(const QString &userId18)
{
    policy.fallbackSalesPersonId = userId18;
    mapping.fallbackSalesPersonId = userId18; // saved with the mapping: every run follows it
    if (m_queueLine < 0 || m_queueLine >= lines.size())
        return;
    MappingLine &l = lines[m_queueLine];
    if (userId18.isEmpty()) {
        l.state = State::NeedsDecision;
        l.to = QStringLiteral("externalSalesPersonId");
        return;
    }
    l.state = State::Ready;
    QString label = userId18;
    for (const auto &choice : std::as_const(salesPersonChoices))
        if (choice.first == userId18)
            label = choice.second;
    l.to = QStringLiteral("externalSalesPersonId = ") + label;
    l.note = tr("Records owned by a queue are sent with this sales person.");
}

void MappingProposal::setOpportunityFields(const QStringList &fields)
{
    policy.extraOpportunityFields.clear();
    for (const QString &f : fields)
        if (optionalOpportunityFields.contains(f))
            policy.extraOpportunityFields.insert(f);
    if (m_opportunityLine < 0 || m_opportunityLine >= lines.size())
        return;
    MappingLine &l = lines[m_opportunityLine];
    QStringList chosen(policy.extraOpportunityFields.cbegin(), policy.extraOpportunityFields.cend());
    chosen.sort();
    l.to = chosen.isEmpty() ? tr("(not sent)")
                            : QStringLiteral("opportunities.") + chosen.join(QStringLiteral(", "));
    l.state = State::Ready;
    l.note = tr("Chosen by you.");
}

} // namespace msi::setup
