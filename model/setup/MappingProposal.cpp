#include "setup/MappingProposal.h"

#include "core/SalesforceId.h"
#include "sync/SyncTypes.h"

#include <QJsonArray>

namespace msi::setup {

using State = MappingLine::State;
using sync::Stage;
using sync::SyncTypes;

namespace {

bool fieldVisible(const QJsonObject &describe, const QString &name, bool *updateable)
{
    for (const QJsonValue &f : describe.value(u"fields").toArray()) {
        const QJsonObject o = f.toObject();
        if (o.value(u"name").toString().compare(name, Qt::CaseInsensitive) == 0) {
            *updateable = o.value(u"updateable").toBool(false);
            return true;
        }
    }
    *updateable = false;
    return false;
}

QStringList marketoFieldNames(const QJsonObject &describe)
{
    QStringList names;
    for (const QJsonValue &f : describe.value(u"fields").toArray())
        names << f.toObject().value(u"name").toString();
    return names;
}

} // namespace

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
    const bool nonNative = readiness.check(ReadinessItem::MsiNonNative).verdict == Verdict::Pass;
    const bool crmOff = readiness.check(ReadinessItem::NativeCrmSyncOff).verdict == Verdict::Pass;
    const QString fixNonNative = tr("Needs MSI Non-Native (see Readiness).");
    const QString fixCrm = tr("Needs native CRM sync off (see Readiness).");
    auto add = [&p](Stage stage, const QString &sf, const QString &mk, State state = State::Ready,
                    const QString &note = {}) {
        p.lines.append(MappingLine{SyncTypes::stageTitle(stage), sf, mk, state, note});
    };
    const State crmState = crmOff ? State::Ready : State::Unavailable;
    const QString crmNote = crmOff ? QString() : fixCrm;

    add(Stage::SalesPersons, QStringLiteral("User.Id"),
        QStringLiteral("salespersons.externalSalesPersonId"), crmState, crmNote);
    add(Stage::SalesPersons, QStringLiteral("User.Email"), QStringLiteral("salespersons.email"),
        crmState, crmOff ? tr("Must be the e-mail the sales person signs in to Salesforce with.")
                         : crmNote);
    add(Stage::Companies, QStringLiteral("Account.Id"),
        QStringLiteral("companies.externalCompanyId"), crmState, crmNote);
    add(Stage::Companies, QStringLiteral("Account.OwnerId"),
        QStringLiteral("companies.externalSalesPersonId"), crmState, crmNote);
    add(Stage::Companies, QStringLiteral("Account.Name, Industry, Website, Billing…"),
        QStringLiteral("companies.company, industry, website, billing…"), crmState, crmNote);

    add(Stage::Leads, QStringLiteral("Contact.Id / Lead.Id"),
        QStringLiteral("leads.externalPersonId"), nonNative ? State::Ready : State::Unavailable,
        nonNative ? tr("Always the 18-character ID.") : fixNonNative);
    p.policy.leadLookup = schema.marketoLeads.canFilterBy(QStringLiteral("externalPersonId"))
            ? sync::SyncPolicy::LeadLookup::ExternalPersonId
            : sync::SyncPolicy::LeadLookup::Email;
    add(Stage::Leads, QStringLiteral("Contact.Email / Lead.Email"), QStringLiteral("leads.email"),
        State::Ready,
        p.policy.leadLookup == sync::SyncPolicy::LeadLookup::ExternalPersonId
                ? tr("People are matched by externalPersonId, then by e-mail.")
                : tr("This instance cannot look leads up by externalPersonId, so people are "
                     "matched by e-mail; two Marketo leads with one e-mail block that person."));
    add(Stage::Leads, QStringLiteral("Contact.AccountId"), QStringLiteral("leads.externalCompanyId"),
        nonNative ? State::Ready : State::Unavailable, nonNative ? QString() : fixNonNative);
    add(Stage::Leads, QStringLiteral("Contact.OwnerId / Lead.OwnerId"),
        QStringLiteral("leads.externalSalesPersonId"),
        nonNative ? State::Ready : State::Unavailable, nonNative ? QString() : fixNonNative);
    p.m_queueLine = int(p.lines.size());
    add(Stage::Leads, tr("Owner is a queue (00G…)"), QStringLiteral("externalSalesPersonId"),
        State::NeedsDecision,
        tr("Records owned by a queue have no sales person. Choose a fallback sales person, or "
           "leave it empty to block those records."));

    add(Stage::Opportunities, QStringLiteral("Opportunity.Id"),
        QStringLiteral("opportunities.externalOpportunityId"), crmState, crmNote);
    add(Stage::Opportunities, QStringLiteral("Opportunity.AccountId"),
        QStringLiteral("opportunities.externalCompanyId"), crmState, crmNote);
    add(Stage::Opportunities, QStringLiteral("Opportunity.Name, StageName, Amount, Type, …"),
        QStringLiteral("opportunities.name, stage, amount, type, …"), crmState, crmNote);
    const QStringList offered = marketoFieldNames(schema.marketoDescribes.value(
            QStringLiteral("opportunities")));
    for (const QString &f : {QStringLiteral("closeDate"), QStringLiteral("isClosed"),
                             QStringLiteral("isWon"), QStringLiteral("probability")})
        if (offered.contains(f, Qt::CaseInsensitive))
            p.optionalOpportunityFields << f;
    if (!p.optionalOpportunityFields.isEmpty()) {
        p.m_opportunityLine = int(p.lines.size());
        add(Stage::Opportunities, QStringLiteral("Opportunity.CloseDate, IsClosed, IsWon, Probability"),
            QStringLiteral("opportunities.") + p.optionalOpportunityFields.join(QStringLiteral(", ")),
            State::NeedsDecision,
            tr("This instance has these optional fields; choose which to send (all are "
               "proposed)."));
        p.policy.extraOpportunityFields = QSet<QString>(p.optionalOpportunityFields.cbegin(),
                                                        p.optionalOpportunityFields.cend());
    }
    add(Stage::OpportunityRoles, QStringLiteral("OpportunityContactRole.OpportunityId"),
        QStringLiteral("opportunityRoles.externalOpportunityId"), crmState, crmNote);
    add(Stage::OpportunityRoles, QStringLiteral("OpportunityContactRole.ContactId"),
        QStringLiteral("opportunityRoles.leadId"), crmState,
        crmOff ? tr("The Marketo lead of the contact, known after stage 3.") : crmNote);
    add(Stage::OpportunityRoles, QStringLiteral("OpportunityContactRole.Role, IsPrimary"),
        QStringLiteral("opportunityRoles.role, isPrimary"), crmState, crmNote);

    // Write-back: each MSI value into Lead and Contact, unless FLS hides the field.
    for (const sync::MsiFieldMapping &m : sync::SyncPolicy::defaultMsiFields()) {
        QStringList blocked;
        for (const QString &object : {QStringLiteral("Lead"), QStringLiteral("Contact")}) {
            bool updateable = false;
            if (!fieldVisible(schema.salesforceDescribes.value(object), m.salesforceField,
                              &updateable) || !updateable)
                blocked << object;
        }
        const bool hasValue = schema.marketoLeads.hasField(m.marketoField);
        State state = State::Ready;
        QString note;
        if (!hasValue) {
            state = State::Unavailable;
            note = fixNonNative;
        } else if (!blocked.isEmpty()) {
            state = State::Unavailable;
            note = tr("Not visible or not editable on %1 for the integration user: grant "
                      "field-level security Read and Edit.")
                           .arg(blocked.join(QStringLiteral(" and ")));
        }
        add(Stage::MsiWriteBack, QStringLiteral("leads.") + m.marketoField,
            QStringLiteral("Lead/Contact.") + m.salesforceField, state, note);
    }
    // The line's columns read "Salesforce -> Marketo"; for write-back swap them for the reader.
    for (MappingLine &l : p.lines)
        if (l.stage == SyncTypes::stageTitle(Stage::MsiWriteBack))
            std::swap(l.salesforce, l.marketo);

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
    if (m_queueLine >= 0 && m_queueLine < lines.size()) {
        MappingLine &l = lines[m_queueLine];
        if (userId18.isEmpty()) {
            l.state = State::NeedsDecision;
            l.marketo = QStringLiteral("externalSalesPersonId");
        } else {
            l.state = State::Ready;
            QString label = userId18;
            for (const auto &choice : std::as_const(salesPersonChoices))
                if (choice.first == userId18)
                    label = choice.second;
            l.marketo = QStringLiteral("externalSalesPersonId = ") + label;
        }
    }
}

void MappingProposal::setOpportunityFields(const QStringList &fields)
{
    policy.extraOpportunityFields.clear();
    for (const QString &f : fields)
        if (optionalOpportunityFields.contains(f))
            policy.extraOpportunityFields.insert(f);
    if (m_opportunityLine >= 0 && m_opportunityLine < lines.size()) {
        MappingLine &l = lines[m_opportunityLine];
        QStringList chosen(policy.extraOpportunityFields.cbegin(), policy.extraOpportunityFields.cend());
        chosen.sort();
        l.marketo = chosen.isEmpty() ? tr("(not sent)")
                                     : QStringLiteral("opportunities.") + chosen.join(QStringLiteral(", "));
        l.state = State::Ready;
    }
}

} // namespace msi::setup
