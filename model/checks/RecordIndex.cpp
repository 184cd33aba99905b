#include "checks/RecordIndex.h"

#include "checks/Records.h"
#include "core/SalesforceId.h"

namespace msi::checks {

namespace {

void addByText(QHash<QString, RecordIndex::Refs> &hash, const QJsonObject &record,
               const QString &key)
{
    const QString value = Records::text(record, key);
    if (!value.isEmpty())
        hash[value].append(&record);
}

void addById18(QHash<QString, RecordIndex::Refs> &hash, const QJsonObject &record,
               const QString &key)
{
    const QString value = Records::id18(record, key);
    if (!value.isEmpty())
        hash[value].append(&record);
}

} // namespace

RecordIndex::RecordIndex(const SystemState &state)
    : m_state(state)
{
    const QString idKey = QStringLiteral("Id");
    const QString ownerKey = QStringLiteral("OwnerId");
    const QString accountKey = QStringLiteral("AccountId");
    const QString emailKey = QStringLiteral("Email");
    for (const auto *list : {&state.sfUsers, &state.sfAccounts, &state.sfContacts, &state.sfLeads,
                             &state.sfOpportunities, &state.sfContactRoles}) {
        for (const QJsonObject &record : *list) {
            const QString id = Records::id18(record, idKey);
            if (!id.isEmpty() && !m_sfById.contains(id))
                m_sfById.insert(id, &record);
        }
    }
    for (const auto *list : {&state.sfAccounts, &state.sfContacts, &state.sfLeads,
                             &state.sfOpportunities}) {
        for (const QJsonObject &record : *list)
            addById18(m_ownedBy, record, ownerKey);
    }
    for (const QJsonObject &contact : state.sfContacts) {
        addById18(m_contactsByAccount, contact, accountKey);
        const QString email = Records::normalizedEmail(Records::text(contact, emailKey));
        if (!email.isEmpty())
            m_sfPeopleByEmail[email].append(&contact);
    }
    for (const QJsonObject &lead : state.sfLeads) {
        if (lead.value(QStringLiteral("IsConverted")).toBool())
            continue; // a converted lead lives on as its Contact
        const QString email = Records::normalizedEmail(Records::text(lead, emailKey));
        if (!email.isEmpty())
            m_sfPeopleByEmail[email].append(&lead);
    }
    for (const QJsonObject &opp : state.sfOpportunities)
        addById18(m_oppsByAccount, opp, accountKey);
    for (const QJsonObject &role : state.sfContactRoles) {
        addById18(m_rolesByContact, role, QStringLiteral("ContactId"));
        addById18(m_rolesByOpp, role, QStringLiteral("OpportunityId"));
    }

    for (const QJsonObject &lead : state.mktoLeads) {
        const QString email = Records::normalizedEmail(Records::text(lead, QStringLiteral("email")));
        if (!email.isEmpty())
            m_mktoLeadsByEmail[email].append(&lead);
        addByText(m_mktoLeadsByPerson, lead, QStringLiteral("externalPersonId"));
        addById18(m_mktoLeadsByPerson18, lead, QStringLiteral("externalPersonId"));
        addByText(m_mktoLeadsByCompany, lead, QStringLiteral("externalCompanyId"));
        const QJsonValue id = lead.value(QStringLiteral("id"));
        if (id.isDouble())
            m_mktoLeadById.insert(id.toInteger(), &lead);
    }
    for (const QJsonObject &company : state.mktoCompanies) {
        addByText(m_companies, company, QStringLiteral("externalCompanyId"));
        addById18(m_companies18, company, QStringLiteral("externalCompanyId"));
    }
    for (const QJsonObject &person : state.mktoSalesPersons) {
        addByText(m_salesPersons, person, QStringLiteral("externalSalesPersonId"));
        addById18(m_salesPersons18, person, QStringLiteral("externalSalesPersonId"));
    }
    for (const QJsonObject &opp : state.mktoOpportunities) {
        addByText(m_mktoOpps, opp, QStringLiteral("externalOpportunityId"));
        addById18(m_mktoOpps18, opp, QStringLiteral("externalOpportunityId"));
    }
    for (const QJsonObject &role : state.mktoOpportunityRoles)
        addByText(m_mktoRolesByOpp, role, QStringLiteral("externalOpportunityId"));
}

const QJsonObject *RecordIndex::salesforce(const QString &id) const
{
    const core::SalesforceId parsed(id.trimmed());
    return parsed.isValid() ? m_sfById.value(parsed.id18()) : nullptr;
}

RecordIndex::Refs RecordIndex::sfPeopleByEmail(const QString &email) const
{
    return m_sfPeopleByEmail.value(Records::normalizedEmail(email));
}

RecordIndex::Refs RecordIndex::mktoLeadsByEmail(const QString &email) const
{
    return m_mktoLeadsByEmail.value(Records::normalizedEmail(email));
}

} // namespace msi::checks
