#pragma once

#include "checks/SystemState.h"

#include <QHash>
#include <QList>
#include <QString>

namespace msi::checks {

// Lookups over one SystemState (which must outlive the index). Salesforce records are keyed by
// their canonical 18-character ID, compared exactly, so two 15-character IDs that differ only in
// case (0037F000009XkPa / 0037F000009XkpA) stay two records. Marketo records are keyed by the exact
// external ID string, as Marketo's dedupe does: a 15-character value never finds the 18-character
// record.
class RecordIndex final
{
public:
    using Refs = QList<const QJsonObject *>;

    explicit RecordIndex(const SystemState &state);

    const SystemState &state() const { return m_state; }

    // Any Salesforce record by ID (15 or 18 characters, repaired when case-damaged).
    const QJsonObject *salesforce(const QString &id) const;
    // Contacts, then Leads that are not converted, with this e-mail (normalized).
    Refs sfPeopleByEmail(const QString &email) const;
    Refs contactsOfAccount(const QString &accountId18) const { return m_contactsByAccount.value(accountId18); }
    Refs opportunitiesOfAccount(const QString &accountId18) const { return m_oppsByAccount.value(accountId18); }
    Refs rolesOfContact(const QString &contactId18) const { return m_rolesByContact.value(contactId18); }
    Refs rolesOfOpportunity(const QString &oppId18) const { return m_rolesByOpp.value(oppId18); }
    // Records owned by this user (Accounts, Contacts, Leads, Opportunities).
    Refs ownedBy(const QString &userId18) const { return m_ownedBy.value(userId18); }

    Refs mktoLeadsByEmail(const QString &email) const;
    Refs mktoLeadsByPersonId(const QString &exact) const { return m_mktoLeadsByPerson.value(exact); }
    Refs mktoLeadsByCompanyId(const QString &exact) const { return m_mktoLeadsByCompany.value(exact); }
    Refs mktoCompanies(const QString &exact) const { return m_companies.value(exact); }
    Refs mktoSalesPersons(const QString &exact) const { return m_salesPersons.value(exact); }
    Refs mktoOpportunities(const QString &exact) const { return m_mktoOpps.value(exact); }
    Refs mktoRolesOfOpportunity(const QString &exact) const { return m_mktoRolesByOpp.value(exact); }
    const QJsonObject *mktoLeadById(qint64 id) const { return m_mktoLeadById.value(id); }

    // Marketo records whose external ID names this Salesforce record in any form (18-char,
    // 15-char, case-damaged): what an exact lookup misses.
    Refs mktoLeadsByPersonId18(const QString &id18) const { return m_mktoLeadsByPerson18.value(id18); }
    Refs mktoCompanies18(const QString &id18) const { return m_companies18.value(id18); }
    Refs mktoSalesPersons18(const QString &id18) const { return m_salesPersons18.value(id18); }
    Refs mktoOpportunities18(const QString &id18) const { return m_mktoOpps18.value(id18); }

private:
    const SystemState &m_state;
    QHash<QString, const QJsonObject *> m_sfById;
    QHash<QString, Refs> m_sfPeopleByEmail;
    QHash<QString, Refs> m_contactsByAccount;
    QHash<QString, Refs> m_oppsByAccount;
    QHash<QString, Refs> m_rolesByContact;
    QHash<QString, Refs> m_rolesByOpp;
    QHash<QString, Refs> m_ownedBy;
    QHash<QString, Refs> m_mktoLeadsByEmail;
    QHash<QString, Refs> m_mktoLeadsByPerson;
    QHash<QString, Refs> m_mktoLeadsByCompany;
    QHash<QString, Refs> m_companies;
    QHash<QString, Refs> m_salesPersons;
    QHash<QString, Refs> m_mktoOpps;
    QHash<QString, Refs> m_mktoRolesByOpp;
    QHash<qint64, const QJsonObject *> m_mktoLeadById;
    QHash<QString, Refs> m_mktoLeadsByPerson18;
    QHash<QString, Refs> m_companies18;
    QHash<QString, Refs> m_salesPersons18;
    QHash<QString, Refs> m_mktoOpps18;
};

} // namespace msi::checks
