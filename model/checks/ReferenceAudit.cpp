#include "checks/ReferenceAudit.h"

#include "checks/Records.h"
#include "core/SalesforceId.h"

namespace msi::checks {

using Severity = Finding::Severity;

namespace {

// The referenced ID when it is valid and names the expected object; empty otherwise (the ID audit
// reports the rest).
QString validRef(const QJsonObject &record, const QString &key, const QString &object)
{
    const core::SalesforceId id(Records::text(record, key));
    return id.isValid() && id.objectType() == object ? id.id18() : QString();
}

} // namespace

Findings ReferenceAudit::run(const RecordIndex &index, const QStringList &integrationUserTitles)
{
    Findings out;
    salesforce(index, &out);
    integrationOwner(index, integrationUserTitles, &out);
    marketo(index, &out);
    return out;
}

void ReferenceAudit::salesforce(const RecordIndex &index, Findings *out)
{
    const SystemState &state = index.state();
    const struct
    {
        const QList<QJsonObject> *records;
        const char *field;
        const char *object;
    } parents[] = {
        {&state.sfContacts, "AccountId", "Account"},
        {&state.sfOpportunities, "AccountId", "Account"},
        {&state.sfContactRoles, "OpportunityId", "Opportunity"},
        {&state.sfContactRoles, "ContactId", "Contact"},
        {&state.sfAccounts, "OwnerId", "User"},
        {&state.sfContacts, "OwnerId", "User"},
        {&state.sfLeads, "OwnerId", "User"},
        {&state.sfOpportunities, "OwnerId", "User"},
    };
    for (const auto &p : parents) {
        const QString field = QString::fromLatin1(p.field);
        const QString object = QString::fromLatin1(p.object);
        for (const QJsonObject &record : *p.records) {
            const QString parent = validRef(record, field, object);
            if (parent.isEmpty() || index.salesforce(parent))
                continue;
            const QString label = Records::sfLabel(record);
            const QStringList refs{Records::id18(record, QStringLiteral("Id")), parent};
            if (object == u"User") {
                out->append({Severity::Warning, QStringLiteral("SF_OWNER_MISSING"), refs,
                             tr("%1 is owned by %2, a user that is not in the extract (inactive "
                                "or not readable by the integration user)")
                                 .arg(label, parent),
                             tr("read the owner too: it must be synced as a sales person before "
                                "its records")});
            } else {
                out->append({Severity::Warning, QStringLiteral("SF_PARENT_MISSING"), refs,
                             tr("%1 points at %2 %3 through %4, but that record is not in the "
                                "extract; it is deferred until its parent is synced")
                                 .arg(label, object, parent, field),
                             tr("include the %1 in the extract (check the integration user's "
                                "sharing)")
                                 .arg(object)});
            }
        }
    }
}

void ReferenceAudit::integrationOwner(const RecordIndex &index, const QStringList &titles,
                                      Findings *out)
{
    for (const QJsonObject &user : index.state().sfUsers) {
        if (!titles.contains(Records::text(user, QStringLiteral("Title")), Qt::CaseInsensitive))
            continue;
        const QString id = Records::id18(user, QStringLiteral("Id"));
        const RecordIndex::Refs owned = index.ownedBy(id);
        if (owned.isEmpty())
            continue;
        QStringList what;
        for (const QJsonObject *r : owned)
            what.append(Records::sfLabel(*r));
        out->append({Severity::Info, QStringLiteral("SF_OWNER_INTEGRATION"), {id},
                     tr("the integration user %1 owns %n record(s): %2", nullptr,
                        int(owned.size()))
                         .arg(tr("%1 (%2)").arg(Records::text(user, QStringLiteral("Name")), id),
                              what.join(QStringLiteral("; "))),
                     tr("it is synced as a sales person first (the set is built from every "
                        "OwnerId), otherwise those upserts fail with 718 'ExternalSalesPersonID "
                        "not found'")});
    }
}

void ReferenceAudit::marketo(const RecordIndex &index, Findings *out)
{
    const SystemState &state = index.state();
    const QString spKey = QStringLiteral("externalSalesPersonId");
    const QString companyKey = QStringLiteral("externalCompanyId");
    const QString oppKey = QStringLiteral("externalOpportunityId");

    auto checkOwner = [&](const QString &kind, const QJsonObject &record, bool ownerRequired) {
        const QString ref = marketoRef(kind, record);
        const QString label = Records::mktoLabel(kind, record);
        const QString owner = Records::text(record, spKey).trimmed();
        if (owner.isEmpty()) {
            if (ownerRequired)
                out->append({Severity::Info, QStringLiteral("MKTO_OWNER_MISSING"), {ref},
                             tr("%1 has no externalSalesPersonId (no owner in MSI)").arg(label),
                             tr("the sync updates it with the Salesforce owner once that sales "
                                "person exists")});
            return;
        }
        if (index.mktoSalesPersons(owner).isEmpty())
            out->append({Severity::Error, QStringLiteral("MKTO_SALESPERSON_MISSING"), {owner, ref},
                         tr("orphan reference: %1 → sales person %2 not found in Marketo")
                             .arg(label, owner),
                         tr("sync the sales person, then re-sync %1").arg(label)});
    };
    auto checkCompany = [&](const QString &kind, const QJsonObject &record) {
        const QString company = Records::text(record, companyKey).trimmed();
        if (company.isEmpty() || !index.mktoCompanies(company).isEmpty())
            return;
        const QString label = Records::mktoLabel(kind, record);
        out->append({Severity::Error, QStringLiteral("MKTO_COMPANY_MISSING"),
                     {company, marketoRef(kind, record)},
                     tr("orphan reference: %1 → company %2 not found in Marketo; the Account "
                        "view in MSI stays empty")
                         .arg(label, company),
                     tr("upsert the company, then re-sync %1 with externalCompanyId").arg(label)});
    };

    for (const QJsonObject &company : state.mktoCompanies)
        checkOwner(QStringLiteral("company"), company, true);
    for (const QJsonObject &lead : state.mktoLeads) {
        const bool linked = !Records::text(lead, QStringLiteral("externalPersonId")).trimmed().isEmpty();
        checkOwner(QStringLiteral("lead"), lead, linked);
        checkCompany(QStringLiteral("lead"), lead);
    }
    for (const QJsonObject &opp : state.mktoOpportunities) {
        checkOwner(QStringLiteral("opportunity"), opp, true);
        checkCompany(QStringLiteral("opportunity"), opp);
    }
    for (const QJsonObject &role : state.mktoOpportunityRoles) {
        const QString ref = marketoRef(QStringLiteral("role"), role);
        const QString label = Records::mktoLabel(QStringLiteral("role"), role);
        const QString opp = Records::text(role, oppKey).trimmed();
        if (!opp.isEmpty() && index.mktoOpportunities(opp).isEmpty())
            out->append({Severity::Error, QStringLiteral("MKTO_OPPORTUNITY_MISSING"), {opp, ref},
                         tr("orphan reference: %1 → opportunity %2 not found in Marketo")
                             .arg(label, opp),
                         tr("sync the opportunity before its roles")});
        const QJsonValue leadId = role.value(QStringLiteral("leadId"));
        if (!leadId.isDouble() || !index.mktoLeadById(leadId.toInteger()))
            out->append({Severity::Error, QStringLiteral("MKTO_ROLE_LEAD_MISSING"), {ref},
                         tr("%1 has leadId %2, which is no Marketo lead; the leadId must be the "
                            "Marketo id of the contact's lead, not the Salesforce ContactId")
                             .arg(label, Records::text(role, QStringLiteral("leadId"))),
                         tr("look the lead up by externalPersonId and re-sync the role with its "
                            "Marketo id")});
    }
}

} // namespace msi::checks
