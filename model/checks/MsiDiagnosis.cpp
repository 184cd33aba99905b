#include "checks/MsiDiagnosis.h"

#include "checks/Records.h"
#include "core/SalesforceId.h"

#include <QHash>
#include <algorithm>

namespace msi::checks {

namespace {

const QString kId = QStringLiteral("Id");

bool diagnosable(const QString &type)
{
    return type == u"Contact" || type == u"Lead" || type == u"Account" || type == u"Opportunity";
}

} // namespace

MsiDiagnosis::MsiDiagnosis(const SystemState &state)
    : m_index(state)
    , m_links(m_index)
{}

MsiDiagnosis::Lookup MsiDiagnosis::find(const QString &query) const
{
    Lookup result;
    const QString q = query.trimmed();
    if (q.isEmpty()) {
        result.error = tr("give a Salesforce ID, an e-mail or a name");
        return result;
    }
    const core::SalesforceId id(q);
    if (id.isValid()) {
        if (const QJsonObject *record = m_index.salesforce(q)) {
            const QString type = Records::sfType(*record);
            if (diagnosable(type))
                result.candidates.append(record);
            else
                result.error = tr("%1 is a %2; diagnose a Lead, Contact, Account or Opportunity")
                                   .arg(Records::sfLabel(*record), type);
            return result;
        }
    }
    if (q.contains(u'@')) {
        result.candidates = m_index.sfPeopleByEmail(q);
        if (result.candidates.isEmpty()) {
            const RecordIndex::Refs leads = m_index.mktoLeadsByEmail(q);
            result.error = leads.isEmpty()
                ? tr("no Salesforce Contact or Lead has the e-mail %1").arg(q)
                : tr("no Salesforce Contact or Lead has the e-mail %1; only %2 has it (a "
                     "Marketo-only person: MSI shows nothing for it in Salesforce)")
                      .arg(q, Records::mktoLabel(QStringLiteral("lead"), *leads.first()));
        }
        return result;
    }
    const SystemState &s = m_index.state();
    for (const auto *list : {&s.sfContacts, &s.sfLeads, &s.sfAccounts, &s.sfOpportunities}) {
        for (const QJsonObject &record : *list) {
            if (Records::text(record, QStringLiteral("Name")).compare(q, Qt::CaseInsensitive) == 0)
                result.candidates.append(&record);
        }
    }
    if (result.candidates.isEmpty()) {
        result.error = id.isValid()
            ? tr("no Salesforce record has the ID %1 (its 18-character form is %2)")
                  .arg(q, id.id18())
            : tr("no Salesforce Lead, Contact, Account or Opportunity is named or has the ID '%1' "
                 "(%2)")
                  .arg(q, id.explanation());
    }
    return result;
}

Diagnosis MsiDiagnosis::diagnose(const QJsonObject &record) const
{
    Diagnosis d;
    d.record = record;
    d.recordType = Records::sfType(record);
    if (d.recordType == u"Contact" || d.recordType == u"Lead")
        diagnosePerson(record, &d.links);
    else if (d.recordType == u"Account")
        diagnoseAccount(record, &d.links);
    else if (d.recordType == u"Opportunity")
        diagnoseOpportunity(record, &d.links);
    return d;
}

void MsiDiagnosis::appendSalesPerson(const QJsonObject &record, QList<DiagnosisLink> *links) const
{
    const QJsonObject *user = nullptr;
    const QJsonObject *salesPerson = nullptr;
    links->append(m_links.salesPerson(record, &user, &salesPerson));
    if (salesPerson)
        links->append(m_links.salesPersonEmail(user, *salesPerson));
    else if (links->last().verdict == DiagnosisLink::Verdict::Fail)
        links->append(LinkChecker::blocked(
            QStringLiteral("salesperson.email"),
            tr("the owner is not a Marketo sales person, so there is no e-mail to compare"),
            links->last().subject));
}

void MsiDiagnosis::diagnosePerson(const QJsonObject &person, QList<DiagnosisLink> *links) const
{
    const QJsonObject *lead = nullptr;
    links->append(m_links.person(person, &lead));
    const QString notInMarketo = tr("%1 is not in Marketo under its 18-character externalPersonId")
                                     .arg(Records::sfLabel(person));
    if (lead) {
        links->append(m_links.personEmail(person, *lead));
        links->append(m_links.ownerLink(QStringLiteral("lead"), *lead, person));
    } else {
        const DiagnosisLink &found = links->last();
        if (found.problem == u"person-email-only"
            && Records::text(found.marketoRecord, QStringLiteral("externalPersonId")).isEmpty()) {
            // The lead the sync will adopt: how its e-mail compares already matters.
            links->append(m_links.personEmail(person, found.marketoRecord));
        } else if (const auto syntax = m_links.personEmailSyntax(person)) {
            links->append(*syntax);
        }
        links->append(LinkChecker::blocked(QStringLiteral("salesperson.link"), notInMarketo));
    }
    appendSalesPerson(person, links);

    const QString accountId = Records::id18(person, QStringLiteral("AccountId"));
    const QJsonObject *account = accountId.isEmpty() ? nullptr : m_index.salesforce(accountId);
    if (Records::sfType(person) == u"Contact" && !accountId.isEmpty()) {
        if (!account) {
            links->append(LinkChecker::blocked(
                QStringLiteral("company"),
                tr("account %1 is not in the Salesforce data read").arg(accountId), accountId));
        } else {
            if (lead)
                links->append(m_links.companyLink(*lead, *account));
            else
                links->append(LinkChecker::blocked(QStringLiteral("company.link"), notInMarketo,
                                                   accountId));
            const QJsonObject *company = nullptr;
            links->append(m_links.company(*account, &company));
            if (company)
                links->append(m_links.companyOwner(*account, *company));
            for (const QJsonObject *opp : m_index.opportunitiesOfAccount(accountId))
                links->append(m_links.opportunity(*opp));
        }
    }
    if (Records::sfType(person) == u"Contact") {
        for (const QJsonObject *role : m_index.rolesOfContact(Records::id18(person, kId)))
            links->append(m_links.role(*role, lead));
    }
    if (lead) {
        links->append(m_links.scoresMarketo(*lead));
        links->append(m_links.scoresSalesforce(person, *lead));
    } else {
        links->append(LinkChecker::blocked(QStringLiteral("scores.marketo"), notInMarketo));
        links->append(LinkChecker::blocked(QStringLiteral("scores.salesforce"), notInMarketo));
    }
    links->append(m_links.scoresAccess(person));
}

void MsiDiagnosis::diagnoseAccount(const QJsonObject &account, QList<DiagnosisLink> *links) const
{
    const QJsonObject *company = nullptr;
    links->append(m_links.company(account, &company));
    if (company)
        links->append(m_links.companyOwner(account, *company));
    appendSalesPerson(account, links);
    links->append(m_links.companyPeople(account));
    for (const QJsonObject *opp : m_index.opportunitiesOfAccount(Records::id18(account, kId)))
        links->append(m_links.opportunity(*opp));
}

void MsiDiagnosis::diagnoseOpportunity(const QJsonObject &opp, QList<DiagnosisLink> *links) const
{
    links->append(m_links.opportunity(opp));
    const QString accountId = Records::id18(opp, QStringLiteral("AccountId"));
    if (const QJsonObject *account = accountId.isEmpty() ? nullptr : m_index.salesforce(accountId)) {
        const QJsonObject *company = nullptr;
        links->append(m_links.company(*account, &company));
    } else {
        links->append(LinkChecker::blocked(
            QStringLiteral("company"),
            tr("account %1 is not in the Salesforce data read").arg(accountId), accountId));
    }
    appendSalesPerson(opp, links);
    for (const QJsonObject *role : m_index.rolesOfOpportunity(Records::id18(opp, kId))) {
        const QString contact = Records::id18(*role, QStringLiteral("ContactId"));
        links->append(m_links.role(*role, m_links.leadOf(contact)));
    }
}

QString MsiDiagnosis::Group::summary() const
{
    const int n = int(records.size());
    QString noun;
    if (recordType == u"Contact")
        noun = n == 1 ? tr("1 contact") : tr("%1 contacts").arg(n);
    else if (recordType == u"Lead")
        noun = n == 1 ? tr("1 lead") : tr("%1 leads").arg(n);
    else if (recordType == u"Account")
        noun = n == 1 ? tr("1 account") : tr("%1 accounts").arg(n);
    else
        noun = n == 1 ? tr("1 opportunity") : tr("%1 opportunities").arg(n);
    return tr("%1: %2").arg(noun, DiagnosisLink::problemLabel(problem));
}

MsiDiagnosis::Bulk MsiDiagnosis::diagnoseAll() const
{
    Bulk bulk;
    QHash<QString, qsizetype> groupIndex;
    const SystemState &s = m_index.state();
    for (const auto *list : {&s.sfContacts, &s.sfLeads, &s.sfAccounts, &s.sfOpportunities}) {
        for (const QJsonObject &record : *list) {
            if (record.value(QStringLiteral("IsConverted")).toBool())
                continue;
            const Diagnosis d = diagnose(record);
            ++bulk.recordsDiagnosed;
            if (d.allPass())
                ++bulk.recordsPassing;
            const QString id = Records::id18(record, kId);
            for (const DiagnosisLink &l : d.links) {
                if (l.verdict == DiagnosisLink::Verdict::Pass || l.problem == u"blocked")
                    continue;
                const QString key = d.recordType + u'|' + l.link + u'|' + l.problem;
                qsizetype i = groupIndex.value(key, -1);
                if (i < 0) {
                    i = bulk.groups.size();
                    groupIndex.insert(key, i);
                    bulk.groups.append({d.recordType, l.link, l.problem, l.verdict, {}});
                }
                Group &g = bulk.groups[i];
                if (g.records.isEmpty() || g.records.last() != id)
                    g.records.append(id);
            }
        }
    }
    std::stable_sort(bulk.groups.begin(), bulk.groups.end(), [](const Group &a, const Group &b) {
        if (a.verdict != b.verdict)
            return a.verdict > b.verdict; // failures first
        return a.records.size() > b.records.size();
    });
    return bulk;
}

} // namespace msi::checks
