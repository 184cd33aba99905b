#pragma once

#include <optional>

#include "checks/Diagnosis.h"
#include "checks/RecordIndex.h"

#include <QCoreApplication>

namespace msi::checks {

// Checks one link of the MSI chain at a time, over a RecordIndex. Each method returns the link
// with its verdict, problem code, cause and the values on both sides; the finders also hand back
// the Marketo record they found (nullptr unless found exactly once) so later links can use it.
class LinkChecker final
{
    Q_DECLARE_TR_FUNCTIONS(msi::checks::LinkChecker)
public:
    explicit LinkChecker(const RecordIndex &index)
        : m_index(index)
    {}

    // person: the Marketo lead under externalPersonId = the 18-char ID, exactly once.
    DiagnosisLink person(const QJsonObject &sfPerson, const QJsonObject **lead) const;
    // person.email: the lead's e-mail against Salesforce's.
    DiagnosisLink personEmail(const QJsonObject &sfPerson, const QJsonObject &lead) const;
    // A warning when the Salesforce e-mail is not a valid address (checked before any sync).
    std::optional<DiagnosisLink> personEmailSyntax(const QJsonObject &sfPerson) const;
    // salesperson.link: externalSalesPersonId of a Marketo record = the Salesforce owner's ID.
    DiagnosisLink ownerLink(const QString &kind, const QJsonObject &mkto,
                            const QJsonObject &sfRecord) const;
    // salesperson: the owner exists as a Marketo sales person.
    DiagnosisLink salesPerson(const QJsonObject &sfRecord, const QJsonObject **user,
                              const QJsonObject **salesPerson) const;
    // salesperson.email: the sales person's e-mail = the user's (EmailMatch).
    DiagnosisLink salesPersonEmail(const QJsonObject *user, const QJsonObject &salesPerson) const;
    // company.link: the lead's externalCompanyId = the Account's 18-char ID.
    DiagnosisLink companyLink(const QJsonObject &lead, const QJsonObject &account) const;
    // company: the Account exists once as a Marketo company.
    DiagnosisLink company(const QJsonObject &account, const QJsonObject **company) const;
    // company.owner: the company's externalSalesPersonId is set (to the account owner).
    DiagnosisLink companyOwner(const QJsonObject &account, const QJsonObject &company) const;
    // company.people: every contact of the account is a Marketo lead tied to the company.
    DiagnosisLink companyPeople(const QJsonObject &account) const;
    // opportunity: exists once with the right externalCompanyId and externalSalesPersonId.
    DiagnosisLink opportunity(const QJsonObject &sfOpportunity) const;
    // role: a Marketo role of the opportunity links the contact's Marketo lead id.
    DiagnosisLink role(const QJsonObject &sfRole, const QJsonObject *contactLead) const;
    // scores.marketo / scores.salesforce / scores.access
    DiagnosisLink scoresMarketo(const QJsonObject &lead) const;
    DiagnosisLink scoresSalesforce(const QJsonObject &sfPerson, const QJsonObject &lead) const;
    DiagnosisLink scoresAccess(const QJsonObject &sfPerson) const;

    // A link that cannot be checked because an earlier one is broken.
    static DiagnosisLink blocked(const QString &link, const QString &cause,
                                 const QString &subject = {});
    // The Marketo lead of a Salesforce person when exactly one carries its 18-char ID.
    const QJsonObject *leadOf(const QString &personId18) const;

private:
    // The sales person the sync sends for a record: its owner when that is a user, else (a queue)
    // the workspace's fallback sales person; empty when there is none.
    QString expectedSalesPerson(const QJsonObject &sfRecord) const;
    // The link when a queue owns the record and no fallback sales person is set.
    DiagnosisLink queueOwner(const QString &link, const QJsonObject &sfRecord) const;

    const RecordIndex &m_index;
};

} // namespace msi::checks
