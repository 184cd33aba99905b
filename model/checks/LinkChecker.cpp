#include "checks/LinkChecker.h"

#include "checks/DescribeAudit.h"
#include "checks/MsiFields.h"
#include "checks/Records.h"
#include "core/EmailMatch.h"
#include "core/SalesforceId.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace msi::checks {

using core::EmailMatch;
using core::SalesforceId;
using Verdict = DiagnosisLink::Verdict;

namespace {

const QString kId = QStringLiteral("Id");
const QString kOwner = QStringLiteral("OwnerId");
const QString kEmail = QStringLiteral("Email");
const QString kPersonId = QStringLiteral("externalPersonId");
const QString kCompanyId = QStringLiteral("externalCompanyId");
const QString kSalesPersonId = QStringLiteral("externalSalesPersonId");
const QString kOppId = QStringLiteral("externalOpportunityId");

DiagnosisLink make(const QString &link, Verdict verdict, const QString &problem,
                   const QString &cause, const QJsonValue &salesforce, const QJsonValue &marketo)
{
    DiagnosisLink l;
    l.link = link;
    l.verdict = verdict;
    l.problem = verdict == Verdict::Pass ? QString() : problem;
    l.cause = cause;
    l.salesforce = salesforce;
    l.marketo = marketo;
    return l;
}

QJsonValue textOrNull(const QJsonObject &record, const QString &key)
{
    const QString value = Records::text(record, key);
    return value.isEmpty() ? QJsonValue() : QJsonValue(value);
}

QString ids(const RecordIndex::Refs &records)
{
    QStringList out;
    for (const QJsonObject *r : records)
        out.append(Records::mktoId(*r));
    return out.join(QStringLiteral(", "));
}

QStringList refs(const QString &kind, const RecordIndex::Refs &records)
{
    QStringList out;
    for (const QJsonObject *r : records)
        out.append(marketoRef(kind, *r));
    return out;
}

// The Marketo records behind a link that found several (duplicates): the first as the link's
// record, the rest beside it, so a detail view can show each.
void attachMarketoRecords(DiagnosisLink &l, const RecordIndex::Refs &records)
{
    if (records.isEmpty())
        return;
    l.marketoRecord = *records.first();
    l.otherMarketoRecords.clear();
    for (qsizetype i = 1; i < records.size(); ++i)
        l.otherMarketoRecords.append(*records.at(i));
}

} // namespace

DiagnosisLink LinkChecker::blocked(const QString &link, const QString &cause,
                                   const QString &subject)
{
    DiagnosisLink l = make(link, Verdict::Fail, QStringLiteral("blocked"), cause, {}, {});
    l.subject = subject;
    return l;
}

const QJsonObject *LinkChecker::leadOf(const QString &personId18) const
{
    const RecordIndex::Refs leads = m_index.mktoLeadsByPersonId(personId18);
    return leads.size() == 1 ? leads.first() : nullptr;
}

DiagnosisLink LinkChecker::person(const QJsonObject &sfPerson, const QJsonObject **lead) const
{
    *lead = nullptr;
    const QString id = Records::id18(sfPerson, kId);
    const QString label = Records::sfLabel(sfPerson);
    const QString link = QStringLiteral("person");
    const RecordIndex::Refs exact = m_index.mktoLeadsByPersonId(id);
    if (exact.size() == 1) {
        *lead = exact.first();
        DiagnosisLink l = make(link, Verdict::Pass, {},
                               tr("Marketo lead %1 carries externalPersonId %2")
                                   .arg(Records::mktoId(*exact.first()), id),
                               id, Records::text(*exact.first(), kPersonId));
        l.records = {id, marketoRef(QStringLiteral("lead"), *exact.first())};
        l.salesforceRecord = sfPerson;
        l.marketoRecord = *exact.first();
        return l;
    }
    if (exact.size() > 1) {
        DiagnosisLink l = make(link, Verdict::Fail, QStringLiteral("person-duplicate"),
                               tr("%1 Marketo leads (%2) carry externalPersonId %3; MSI cannot "
                                  "tell which is %4. Merge them in Marketo")
                                   .arg(exact.size())
                                   .arg(ids(exact), id, label),
                               id, QJsonArray::fromStringList(refs(QStringLiteral("lead"), exact)));
        l.records = QStringList{id} + refs(QStringLiteral("lead"), exact);
        l.salesforceRecord = sfPerson;
        attachMarketoRecords(l, exact);
        return l;
    }
    // Under the same record in another form (15 characters, damaged case)?
    const RecordIndex::Refs other = m_index.mktoLeadsByPersonId18(id);
    if (!other.isEmpty()) {
        const QJsonObject &found = *other.first();
        const SalesforceId stored(Records::text(found, kPersonId));
        const bool is15 = stored.status() == SalesforceId::Status::Valid15;
        if (!is15 && other.size() == 1) {
            // 18 characters in another letter case: Marketo matches external IDs ignoring case,
            // so MSI still finds the person, but other tools comparing exactly will not.
            *lead = &found;
            DiagnosisLink l = make(link, Verdict::Warn, QStringLiteral("person-id-case"),
                                   tr("Marketo lead %1 carries externalPersonId '%2', the "
                                      "18-character %3 in another letter case (damaged by a "
                                      "tool). Marketo matches it ignoring case; fix: re-sync %4 "
                                      "with externalPersonId %3")
                                       .arg(Records::mktoId(found), stored.input(), id, label),
                                   id, stored.input());
            l.records = {id, marketoRef(QStringLiteral("lead"), found)};
            l.salesforceRecord = sfPerson;
            l.marketoRecord = found;
            return l;
        }
        DiagnosisLink l = make(link, Verdict::Fail,
                               is15 ? QStringLiteral("person-id-15char")
                                    : QStringLiteral("person-duplicate"),
                               tr("Marketo lead %1 carries externalPersonId '%2', not the "
                                  "18-character %3; MSI looks the person up by the exact "
                                  "18-character ID. Fix: re-sync %4 with externalPersonId %3")
                                   .arg(Records::mktoId(found), stored.input(), id, label),
                               id, stored.input());
        l.records = {id, marketoRef(QStringLiteral("lead"), found)};
        l.salesforceRecord = sfPerson;
        l.marketoRecord = found;
        return l;
    }
    const QString email = Records::text(sfPerson, kEmail);
    if (Records::sfType(sfPerson) == u"Lead" && !email.trimmed().isEmpty()) {
        for (const QJsonObject *p : m_index.sfPeopleByEmail(email)) {
            if (Records::sfType(*p) != u"Contact")
                continue;
            DiagnosisLink l = make(link, Verdict::Fail, QStringLiteral("person-email-taken"),
                                   tr("%1 shares %2 with %3; one Marketo person carries only one "
                                      "externalPersonId and the Contact wins, so this Lead is not "
                                      "synced. Fix: convert or merge the Lead in Salesforce")
                                       .arg(label, email.trimmed(), Records::sfLabel(*p)),
                                   id, {});
            l.records = {id, Records::id18(*p, kId)};
            l.salesforceRecord = sfPerson;
            return l;
        }
    }
    const RecordIndex::Refs byEmail = email.trimmed().isEmpty() ? RecordIndex::Refs()
                                                                : m_index.mktoLeadsByEmail(email);
    DiagnosisLink l;
    if (byEmail.size() > 1) {
        l = make(link, Verdict::Fail, QStringLiteral("person-email-duplicate"),
                 tr("no Marketo lead carries externalPersonId %1, and %2 Marketo leads (%3) share "
                    "%4, so an upsert by e-mail is skipped (1007 'Multiple lead match lookup "
                    "criteria'). Fix: merge the duplicates in Marketo, then re-sync %5")
                     .arg(id)
                     .arg(byEmail.size())
                     .arg(ids(byEmail), email.trimmed(), label),
                 id, QJsonArray::fromStringList(refs(QStringLiteral("lead"), byEmail)));
        l.records = QStringList{id} + refs(QStringLiteral("lead"), byEmail);
        attachMarketoRecords(l, byEmail);
    } else if (byEmail.size() == 1) {
        const QJsonObject &found = *byEmail.first();
        const QString otherId = Records::text(found, kPersonId);
        l = make(link, Verdict::Fail, QStringLiteral("person-email-only"),
                 otherId.isEmpty()
                     ? tr("Marketo lead %1 has the e-mail '%2' but no externalPersonId: MSI does "
                          "not know it is %3. Fix: sync the person (the lead sync adopts lead %1 "
                          "and sets externalPersonId %4)")
                           .arg(Records::mktoId(found), Records::text(found, QStringLiteral("email")),
                                label, id)
                     : tr("Marketo lead %1 has the e-mail '%2' but belongs to externalPersonId %3, "
                          "not %4. Fix: resolve the duplicate person in Salesforce")
                           .arg(Records::mktoId(found), Records::text(found, QStringLiteral("email")),
                                otherId, id),
                 id, QJsonObject{{QStringLiteral("lead"), Records::mktoId(found)},
                                 {kPersonId, textOrNull(found, kPersonId)},
                                 {QStringLiteral("email"), textOrNull(found, QStringLiteral("email"))}});
        l.records = {id, marketoRef(QStringLiteral("lead"), found)};
        l.marketoRecord = found;
    } else {
        l = make(link, Verdict::Fail, QStringLiteral("person-missing"),
                 tr("no Marketo lead carries externalPersonId %1 or the e-mail %2: %3 was never "
                    "synced. Fix: sync the person (after its sales person and company)")
                     .arg(id, email.trimmed().isEmpty() ? tr("(none)") : email.trimmed(), label),
                 id, {});
        l.records = {id};
    }
    l.salesforceRecord = sfPerson;
    return l;
}

DiagnosisLink LinkChecker::personEmail(const QJsonObject &sfPerson, const QJsonObject &lead) const
{
    const QString link = QStringLiteral("person.email");
    const QString sf = Records::text(sfPerson, kEmail);
    const QString mk = Records::text(lead, QStringLiteral("email"));
    const QString label = Records::sfLabel(sfPerson);
    const QString leadId = Records::mktoId(lead);
    const EmailMatch match = EmailMatch::compare(mk, sf);
    const QJsonValue sfValue = sf.isEmpty() ? QJsonValue() : QJsonValue(sf);
    const QJsonValue mkValue = mk.isEmpty() ? QJsonValue() : QJsonValue(mk);
    DiagnosisLink l;
    switch (match.verdict()) {
    case EmailMatch::Verdict::Identical:
        l = make(link, Verdict::Pass, {}, tr("same e-mail in both systems: %1").arg(sf), sf, mk);
        break;
    case EmailMatch::Verdict::CaseOrWhitespace:
    case EmailMatch::Verdict::UnicodeNormalization:
        l = make(link, Verdict::Warn, QStringLiteral("email-case"),
                 tr("e-mail differs only by case/whitespace: Marketo lead %1 has '%2', %3 has "
                    "'%4'; they match after trimming and lower-casing, and the next sync writes "
                    "the Salesforce spelling")
                     .arg(leadId, mk, label, sf),
                 sf, mk);
        break;
    case EmailMatch::Verdict::InvalidSalesforce:
        l = make(link, Verdict::Warn, QStringLiteral("email-invalid"),
                 mk.trimmed() == sf.trimmed()
                     ? tr("invalid e-mail syntax: %1 has '%2' in Salesforce (and Marketo lead %3 "
                          "the same), which is not a valid address; Marketo may refuse the person "
                          "on the next change. Fix: correct the e-mail in Salesforce")
                           .arg(label, sf, leadId)
                     : tr("invalid e-mail syntax: %1 has '%2' in Salesforce, which is not a valid "
                          "address (Marketo lead %3 has '%4'); the sync still tries, Marketo may "
                          "refuse it. Fix: correct the e-mail in Salesforce")
                           .arg(label, sf, leadId, mk),
                 sfValue, mkValue);
        break;
    default:
        l = make(link, Verdict::Warn, QStringLiteral("email-different"),
                 tr("e-mail differs: Marketo lead %1 has '%2', %3 has '%4' in Salesforce; the "
                    "person is linked by externalPersonId, the next sync writes the Salesforce "
                    "value")
                     .arg(leadId, mk.isEmpty() ? tr("(none)") : mk, label,
                          sf.isEmpty() ? tr("(none)") : sf),
                 sfValue, mkValue);
        break;
    }
    l.salesforceRecord = sfPerson;
    l.marketoRecord = lead;
    return l;
}

std::optional<DiagnosisLink> LinkChecker::personEmailSyntax(const QJsonObject &sfPerson) const
{
    const QString sf = Records::text(sfPerson, kEmail);
    if (sf.trimmed().isEmpty() || EmailMatch::isValidAddress(sf))
        return std::nullopt;
    DiagnosisLink l = make(QStringLiteral("person.email"), Verdict::Warn,
                           QStringLiteral("email-invalid"),
                           tr("invalid e-mail syntax: %1 has '%2' in Salesforce, which is not a "
                              "valid address; the sync still tries, but Marketo may refuse the "
                              "person (and then its opportunity roles wait). Fix: correct the "
                              "e-mail in Salesforce")
                               .arg(Records::sfLabel(sfPerson), sf),
                           sf, {});
    l.salesforceRecord = sfPerson;
    return l;
}

DiagnosisLink LinkChecker::queueOwner(const QString &link, const QJsonObject &sfRecord) const
{
    const QString owner = Records::id18(sfRecord, kOwner);
    const SalesforceId ownerId(owner);
    DiagnosisLink l = make(link, Verdict::Fail, QStringLiteral("owner-not-user"),
                           tr("%1 is owned by %2 %3, not a user, and the workspace names no "
                              "fallback sales person: the sync blocks it and MSI shows no sales "
                              "person for it. Fix: assign a user as owner in Salesforce, or set a "
                              "fallback sales person for queue-owned records")
                               .arg(Records::sfLabel(sfRecord),
                                    ownerId.objectType().isEmpty() ? tr("record")
                                                                   : ownerId.objectType(),
                                    owner.isEmpty() ? Records::text(sfRecord, kOwner) : owner),
                           owner, {});
    l.subject = owner;
    l.salesforceRecord = sfRecord;
    return l;
}

QString LinkChecker::expectedSalesPerson(const QJsonObject &sfRecord) const
{
    const QString owner = Records::id18(sfRecord, kOwner);
    if (owner.isEmpty() || SalesforceId(owner).objectType() == u"User")
        return owner;
    // A queue: the sync sends the fallback sales person when the workspace names one.
    const SalesforceId fallback(m_index.state().fallbackSalesPersonId);
    return fallback.isValid() && fallback.objectType() == u"User" ? fallback.id18() : QString();
}

DiagnosisLink LinkChecker::ownerLink(const QString &kind, const QJsonObject &mkto,
                                     const QJsonObject &sfRecord) const
{
    const QString link = QStringLiteral("salesperson.link");
    const QString owner = expectedSalesPerson(sfRecord);
    if (owner.isEmpty())
        return queueOwner(link, sfRecord);
    const QString value = Records::text(mkto, kSalesPersonId).trimmed();
    const QString label = Records::mktoLabel(kind, mkto);
    DiagnosisLink l;
    if (value.isEmpty()) {
        l = make(link, Verdict::Fail, QStringLiteral("owner-link-missing"),
                 tr("%1 has no externalSalesPersonId; the owner in Salesforce is %2. Fix: re-sync "
                    "it with externalSalesPersonId %2")
                     .arg(label, owner),
                 owner, {});
    } else if (value == owner) {
        l = make(link, Verdict::Pass, {},
                 tr("%1 has externalSalesPersonId %2, the Salesforce owner").arg(label, owner),
                 owner, value);
    } else {
        const SalesforceId parsed(value);
        const bool sameRecord = parsed.isValid() && parsed.id18() == owner;
        const bool caseOnly = value.compare(owner, Qt::CaseInsensitive) == 0;
        l = caseOnly
            ? make(link, Verdict::Warn, QStringLiteral("owner-link-case"),
                   tr("%1 has externalSalesPersonId '%2', the owner's ID %3 in another letter "
                      "case; Marketo matches it ignoring case. Fix: re-sync it with %3")
                       .arg(label, value, owner),
                   owner, value)
            : make(link, Verdict::Fail,
                 sameRecord ? QStringLiteral("owner-link-15char") : QStringLiteral("owner-link-wrong"),
                 sameRecord ? tr("%1 has externalSalesPersonId '%2', not the 18-character %3; "
                                 "Marketo never matches a 15-character value with the 18-character ID. Fix: "
                                 "re-sync it with %3")
                                  .arg(label, value, owner)
                            : tr("%1 has externalSalesPersonId %2, but the Salesforce owner is "
                                 "%3. Fix: re-sync it with externalSalesPersonId %3")
                                  .arg(label, value, owner),
                 owner, value);
    }
    l.records = {owner, marketoRef(kind, mkto)};
    l.salesforceRecord = sfRecord;
    l.marketoRecord = mkto;
    return l;
}

DiagnosisLink LinkChecker::salesPerson(const QJsonObject &sfRecord, const QJsonObject **user,
                                       const QJsonObject **salesPerson) const
{
    *user = nullptr;
    *salesPerson = nullptr;
    const QString link = QStringLiteral("salesperson");
    const QString recordOwner = Records::id18(sfRecord, kOwner);
    DiagnosisLink l;
    l.subject = recordOwner;
    if (recordOwner.isEmpty()) {
        l = make(link, Verdict::Fail, QStringLiteral("owner-link-missing"),
                 tr("%1 has no owner in the data read").arg(Records::sfLabel(sfRecord)), {}, {});
        return l;
    }
    const QString owner = expectedSalesPerson(sfRecord);
    if (owner.isEmpty())
        return queueOwner(link, sfRecord);
    *user = m_index.salesforce(owner);
    const QString userLabel = *user ? Records::sfLabel(**user) : tr("user %1").arg(owner);
    const RecordIndex::Refs exact = m_index.mktoSalesPersons(owner);
    if (exact.size() == 1) {
        *salesPerson = exact.first();
        l = make(link, Verdict::Pass, {},
                 tr("%1 exists as Marketo sales person %2")
                     .arg(userLabel, Records::mktoId(*exact.first())),
                 owner, Records::text(*exact.first(), kSalesPersonId));
        l.marketoRecord = *exact.first();
    } else if (exact.size() > 1) {
        l = make(link, Verdict::Fail, QStringLiteral("salesperson-duplicate"),
                 tr("%1 Marketo sales persons (%2) carry externalSalesPersonId %3")
                     .arg(exact.size())
                     .arg(ids(exact), owner),
                 owner, QJsonArray::fromStringList(refs(QStringLiteral("salesperson"), exact)));
        attachMarketoRecords(l, exact);
    } else {
        const RecordIndex::Refs other = m_index.mktoSalesPersons18(owner);
        l = make(link, Verdict::Fail, QStringLiteral("salesperson-missing"),
                 other.isEmpty()
                     ? tr("no Marketo sales person has externalSalesPersonId %1 (%2): records "
                          "linked to this owner lose their Lead Owner in MSI. Fix: sync the sales "
                          "person first, then re-sync the records")
                           .arg(owner, userLabel)
                     : tr("Marketo sales person %1 carries '%2', not the 18-character %3 (%4). "
                          "Fix: create the sales person with %3 and re-link its records")
                           .arg(Records::mktoId(*other.first()),
                                Records::text(*other.first(), kSalesPersonId), owner, userLabel),
                 owner, other.isEmpty() ? QJsonValue() : QJsonValue(Records::text(*other.first(), kSalesPersonId)));
        if (!other.isEmpty())
            l.marketoRecord = *other.first();
    }
    l.subject = owner;
    l.records = QStringList{owner} + refs(QStringLiteral("salesperson"), exact);
    if (*user)
        l.salesforceRecord = **user;
    return l;
}

DiagnosisLink LinkChecker::salesPersonEmail(const QJsonObject *user,
                                            const QJsonObject &salesPerson) const
{
    const QString link = QStringLiteral("salesperson.email");
    const QString mk = Records::text(salesPerson, QStringLiteral("email"));
    DiagnosisLink l;
    const QString owner = Records::text(salesPerson, kSalesPersonId);
    if (!user) {
        l = make(link, Verdict::Warn, QStringLiteral("owner-not-read"),
                 tr("user %1 is not in the Salesforce data read, so its e-mail cannot be compared "
                    "with the sales person's (%2)")
                     .arg(owner, mk),
                 {}, mk);
    } else {
        const QString sf = Records::text(*user, kEmail);
        const EmailMatch match = EmailMatch::compare(mk, sf);
        const Verdict verdict = match.severity() == EmailMatch::Severity::Ok ? Verdict::Pass
            : match.severity() == EmailMatch::Severity::Warning             ? Verdict::Warn
                                                                              : Verdict::Fail;
        l = make(link, verdict,
                 verdict == Verdict::Warn ? QStringLiteral("salesperson-email-case")
                                          : QStringLiteral("salesperson-email-mismatch"),
                 verdict == Verdict::Fail
                     ? tr("%1; until fixed the MSI tab of %2 stays empty")
                           .arg(match.message(), Records::sfLabel(*user))
                     : match.message(),
                 sf, mk);
        l.salesforceRecord = *user;
    }
    l.subject = owner;
    l.records = {owner, marketoRef(QStringLiteral("salesperson"), salesPerson)};
    l.marketoRecord = salesPerson;
    return l;
}

DiagnosisLink LinkChecker::companyLink(const QJsonObject &lead, const QJsonObject &account) const
{
    const QString link = QStringLiteral("company.link");
    const QString accountId = Records::id18(account, kId);
    const QString value = Records::text(lead, kCompanyId).trimmed();
    const QString label = Records::mktoLabel(QStringLiteral("lead"), lead);
    DiagnosisLink l;
    if (value.isEmpty()) {
        l = make(link, Verdict::Fail, QStringLiteral("company-link-missing"),
                 tr("%1 has no externalCompanyId, so it is not tied to %2: the Account view in "
                    "MSI shows no interesting moments. Fix: upsert the company, then re-sync the "
                    "lead with externalCompanyId %3")
                     .arg(label, Records::sfLabel(account), accountId),
                 accountId, {});
    } else if (value == accountId) {
        l = make(link, Verdict::Pass, {},
                 tr("%1 has externalCompanyId %2").arg(label, accountId), accountId, value);
    } else {
        const SalesforceId parsed(value);
        const bool sameRecord = parsed.isValid() && parsed.id18() == accountId;
        const bool caseOnly = value.compare(accountId, Qt::CaseInsensitive) == 0;
        l = caseOnly
            ? make(link, Verdict::Warn, QStringLiteral("company-link-case"),
                   tr("%1 has externalCompanyId '%2', the account's ID %3 in another letter "
                      "case; Marketo matches it ignoring case. Fix: re-sync the lead with %3")
                       .arg(label, value, accountId),
                   accountId, value)
            : make(link, Verdict::Fail,
                 sameRecord ? QStringLiteral("company-link-15char") : QStringLiteral("company-link-wrong"),
                 sameRecord ? tr("%1 has externalCompanyId '%2', not the 18-character %3: it "
                                 "points at a legacy company. Fix: re-sync the lead with %3 once "
                                 "that company exists")
                                  .arg(label, value, accountId)
                            : tr("%1 has externalCompanyId %2, but the contact's account is %3. "
                                 "Fix: re-sync the lead with externalCompanyId %3")
                                  .arg(label, value, accountId),
                 accountId, value);
    }
    l.subject = accountId;
    l.records = {accountId, marketoRef(QStringLiteral("lead"), lead)};
    l.salesforceRecord = account;
    l.marketoRecord = lead;
    return l;
}

DiagnosisLink LinkChecker::company(const QJsonObject &account, const QJsonObject **company) const
{
    *company = nullptr;
    const QString link = QStringLiteral("company");
    const QString id = Records::id18(account, kId);
    const QString label = Records::sfLabel(account);
    const RecordIndex::Refs exact = m_index.mktoCompanies(id);
    DiagnosisLink l;
    if (exact.size() == 1) {
        *company = exact.first();
        RecordIndex::Refs legacy;
        for (const QJsonObject *other : m_index.mktoCompanies18(id)) {
            if (other != exact.first())
                legacy.append(other);
        }
        if (legacy.isEmpty()) {
            l = make(link, Verdict::Pass, {},
                     tr("%1 exists as Marketo company %2").arg(label, Records::mktoId(*exact.first())),
                     id, Records::text(*exact.first(), kCompanyId));
        } else {
            QStringList legacyIds;
            for (const QJsonObject *other : std::as_const(legacy))
                legacyIds.append(Records::text(*other, kCompanyId));
            l = make(link, Verdict::Warn, QStringLiteral("company-legacy"),
                     tr("%1 exists as Marketo company %2, but the legacy company %3 with "
                        "externalCompanyId '%4' is still there. Fix: once no lead points to it, "
                        "delete company %3 in Marketo (externalCompanyId cannot be updated)")
                         .arg(label, Records::mktoId(*exact.first()), ids(legacy),
                              legacyIds.join(QStringLiteral("', '"))),
                     id, QJsonArray::fromStringList(QStringList{Records::text(*exact.first(), kCompanyId)}
                                                    + legacyIds));
            l.records = refs(QStringLiteral("company"), legacy);
            l.otherMarketoRecords.clear();
            for (const QJsonObject *other : std::as_const(legacy))
                l.otherMarketoRecords.append(*other);
        }
        l.marketoRecord = *exact.first();
    } else if (exact.size() > 1) {
        l = make(link, Verdict::Fail, QStringLiteral("company-duplicate"),
                 tr("%1 Marketo companies (%2) carry externalCompanyId %3; leads and "
                    "opportunities split between them. Fix: merge them in Marketo")
                     .arg(exact.size())
                     .arg(ids(exact), id),
                 id, QJsonArray::fromStringList(refs(QStringLiteral("company"), exact)));
        attachMarketoRecords(l, exact);
    } else {
        const RecordIndex::Refs other = m_index.mktoCompanies18(id);
        if (!other.isEmpty()) {
            l = make(link, Verdict::Fail, QStringLiteral("company-15char"),
                     tr("%1 exists in Marketo only as company %2 with externalCompanyId '%3', "
                        "not the 18-character %4. Fix: create the company with %4, re-link its "
                        "leads, then delete company %2 (externalCompanyId cannot be updated)")
                         .arg(label, Records::mktoId(*other.first()),
                              Records::text(*other.first(), kCompanyId), id),
                     id, Records::text(*other.first(), kCompanyId));
            l.marketoRecord = *other.first();
            l.records = refs(QStringLiteral("company"), other);
        } else {
            l = make(link, Verdict::Fail, QStringLiteral("company-never-synced"),
                     tr("no Marketo company has externalCompanyId %1: %2 was never synced, so "
                        "the Account view in MSI is empty. Fix: upsert the company (after its "
                        "owner's sales person)")
                         .arg(id, label),
                     id, {});
        }
    }
    l.subject = id;
    l.records = QStringList{id} + refs(QStringLiteral("company"), exact) + l.records;
    l.salesforceRecord = account;
    return l;
}

DiagnosisLink LinkChecker::companyOwner(const QJsonObject &account, const QJsonObject &company) const
{
    const QString link = QStringLiteral("company.owner");
    const QString owner = expectedSalesPerson(account);
    if (owner.isEmpty()) {
        DiagnosisLink l = queueOwner(link, account);
        l.subject = Records::id18(account, kId);
        l.marketoRecord = company;
        l.marketo = textOrNull(company, kSalesPersonId);
        return l;
    }
    const QString value = Records::text(company, kSalesPersonId).trimmed();
    const QString label = Records::mktoLabel(QStringLiteral("company"), company);
    DiagnosisLink l;
    if (value.isEmpty()) {
        l = make(link, Verdict::Fail, QStringLiteral("company-owner-missing"),
                 tr("%1 has no externalSalesPersonId; the account owner is %2. Fix: re-sync the "
                    "company after the owner's sales person exists")
                     .arg(label, owner),
                 owner, {});
    } else if (value == owner) {
        l = make(link, Verdict::Pass, {}, tr("%1 is owned by %2").arg(label, owner), owner, value);
    } else {
        l = make(link, Verdict::Warn, QStringLiteral("company-owner-different"),
                 tr("%1 has owner %2 but the account owner in Salesforce is %3; the next company "
                    "sync updates it")
                     .arg(label, value, owner),
                 owner, value);
    }
    if (!value.isEmpty() && m_index.mktoSalesPersons(value).isEmpty()) {
        l = make(link, Verdict::Fail, QStringLiteral("salesperson-missing"),
                 tr("%1 names sales person %2, which does not exist in Marketo. Fix: sync the "
                    "sales person, then re-sync the company")
                     .arg(label, value),
                 owner, value);
    }
    l.subject = Records::id18(account, kId);
    l.records = {owner, marketoRef(QStringLiteral("company"), company)};
    l.salesforceRecord = account;
    l.marketoRecord = company;
    return l;
}

DiagnosisLink LinkChecker::companyPeople(const QJsonObject &account) const
{
    const QString link = QStringLiteral("company.people");
    const QString id = Records::id18(account, kId);
    const RecordIndex::Refs contacts = m_index.contactsOfAccount(id);
    QStringList notLinked;
    QStringList names;
    for (const QJsonObject *c : contacts) {
        const QJsonObject *lead = leadOf(Records::id18(*c, kId));
        if (lead && Records::text(*lead, kCompanyId) == id)
            continue;
        notLinked.append(Records::id18(*c, kId));
        names.append(Records::text(*c, QStringLiteral("Name")));
    }
    DiagnosisLink l;
    if (notLinked.isEmpty()) {
        l = make(link, Verdict::Pass, {},
                 tr("all %n contact(s) are Marketo leads tied to company %1", nullptr,
                    int(contacts.size()))
                     .arg(id),
                 int(contacts.size()), int(contacts.size()));
    } else {
        l = make(link, Verdict::Fail, QStringLiteral("people-not-linked"),
                 tr("%1 of %n contact(s) are not Marketo leads tied to company %2 (%3); their "
                    "activity does not show on the Account view. Fix: sync them with "
                    "externalCompanyId %2",
                    nullptr, int(contacts.size()))
                     .arg(notLinked.size())
                     .arg(id, names.join(QStringLiteral(", "))),
                 int(contacts.size()), int(contacts.size() - notLinked.size()));
        l.records = notLinked;
    }
    l.subject = id;
    l.salesforceRecord = account;
    return l;
}

DiagnosisLink LinkChecker::opportunity(const QJsonObject &sfOpportunity) const
{
    const QString link = QStringLiteral("opportunity");
    const QString id = Records::id18(sfOpportunity, kId);
    const QString account = Records::id18(sfOpportunity, QStringLiteral("AccountId"));
    const QString owner = expectedSalesPerson(sfOpportunity);
    const QString label = Records::sfLabel(sfOpportunity);
    const QJsonObject expected{{kOppId, id},
                               {kCompanyId, account.isEmpty() ? QJsonValue() : QJsonValue(account)},
                               {kSalesPersonId, owner.isEmpty() ? QJsonValue() : QJsonValue(owner)}};
    const RecordIndex::Refs exact = m_index.mktoOpportunities(id);
    DiagnosisLink l;
    if (exact.isEmpty()) {
        const RecordIndex::Refs other = m_index.mktoOpportunities18(id);
        l = make(link, Verdict::Fail, QStringLiteral("opportunity-missing"),
                 other.isEmpty()
                     ? tr("no Marketo opportunity has externalOpportunityId %1: %2 was never "
                          "synced. Fix: sync the opportunity (after its company and sales person)")
                           .arg(id, label)
                     : tr("Marketo opportunity %1 carries externalOpportunityId '%2', not the "
                          "18-character %3. Fix: sync %4 with %3 and delete the legacy record")
                           .arg(Records::mktoId(*other.first()),
                                Records::text(*other.first(), kOppId), id, label),
                 expected, {});
    } else if (exact.size() > 1) {
        l = make(link, Verdict::Fail, QStringLiteral("opportunity-duplicate"),
                 tr("%1 Marketo opportunities (%2) carry externalOpportunityId %3")
                     .arg(exact.size())
                     .arg(ids(exact), id),
                 expected, QJsonArray::fromStringList(refs(QStringLiteral("opportunity"), exact)));
        attachMarketoRecords(l, exact);
    } else {
        const QJsonObject &mk = *exact.first();
        const QString company = Records::text(mk, kCompanyId).trimmed();
        const QString salesPerson = Records::text(mk, kSalesPersonId).trimmed();
        const QJsonObject seen{{kOppId, Records::text(mk, kOppId)},
                               {kCompanyId, textOrNull(mk, kCompanyId)},
                               {kSalesPersonId, textOrNull(mk, kSalesPersonId)}};
        if (company != account) {
            l = make(link, Verdict::Fail, QStringLiteral("opportunity-company-wrong"),
                     tr("Marketo opportunity %1 has externalCompanyId '%2', but %3 belongs to "
                        "account %4: it does not show on the company. Fix: re-sync the "
                        "opportunity")
                         .arg(Records::mktoId(mk), company, label, account),
                     expected, seen);
        } else if (salesPerson != owner) {
            l = make(link, Verdict::Fail, QStringLiteral("opportunity-owner-wrong"),
                     tr("Marketo opportunity %1 has externalSalesPersonId '%2', but the owner of "
                        "%3 is %4. Fix: re-sync the opportunity")
                         .arg(Records::mktoId(mk), salesPerson, label, owner),
                     expected, seen);
        } else {
            l = make(link, Verdict::Pass, {},
                     tr("Marketo opportunity %1 has the right externalOpportunityId, company and "
                        "owner")
                         .arg(Records::mktoId(mk)),
                     expected, seen);
        }
        l.marketoRecord = mk;
    }
    l.subject = id;
    l.records = QStringList{id} + refs(QStringLiteral("opportunity"), exact);
    l.salesforceRecord = sfOpportunity;
    return l;
}

DiagnosisLink LinkChecker::role(const QJsonObject &sfRole, const QJsonObject *contactLead) const
{
    const QString link = QStringLiteral("role");
    const QString roleId = Records::id18(sfRole, kId);
    const QString opp = Records::id18(sfRole, QStringLiteral("OpportunityId"));
    const QString contact = Records::id18(sfRole, QStringLiteral("ContactId"));
    const QString roleName = Records::text(sfRole, QStringLiteral("Role"));
    if (!contactLead) {
        DiagnosisLink l = blocked(link,
                                  tr("contact %1 is not in Marketo under its externalPersonId, so "
                                     "role %2 on opportunity %3 cannot carry its Marketo lead id; "
                                     "it stays deferred")
                                      .arg(contact, roleName, opp),
                                  roleId);
        l.salesforceRecord = sfRole;
        l.records = {roleId, contact, opp};
        return l;
    }
    const qint64 wanted = contactLead->value(QStringLiteral("id")).toInteger();
    const QJsonObject expected{{kOppId, opp},
                               {QStringLiteral("leadId"), wanted},
                               {QStringLiteral("role"), roleName}};
    const RecordIndex::Refs roles = m_index.mktoRolesOfOpportunity(opp);
    const QJsonObject *match = nullptr;
    const QJsonObject *sameRole = nullptr;
    QJsonArray leadIds;
    for (const QJsonObject *r : roles) {
        const QJsonValue leadId = r->value(QStringLiteral("leadId"));
        leadIds.append(leadId);
        const bool leadOk = leadId.isDouble() && leadId.toInteger() == wanted;
        const bool roleOk = Records::text(*r, QStringLiteral("role")) == roleName;
        if (leadOk && roleOk)
            match = r;
        else if (roleOk && !sameRole)
            sameRole = r;
    }
    DiagnosisLink l;
    if (match) {
        l = make(link, Verdict::Pass, {},
                 tr("Marketo role '%1' on %2 links lead %3").arg(roleName, opp).arg(wanted),
                 expected, QJsonObject{{kOppId, opp}, {QStringLiteral("leadId"), wanted},
                                       {QStringLiteral("role"), roleName}});
        l.marketoRecord = *match;
    } else if (sameRole) {
        const QJsonValue got = sameRole->value(QStringLiteral("leadId"));
        l = make(link, Verdict::Fail, QStringLiteral("role-wrong-lead"),
                 tr("Marketo role '%1' on opportunity %2 has leadId %3, but contact %4 is Marketo "
                    "lead %5 (the leadId must be the Marketo lead id, not the Salesforce "
                    "ContactId). Fix: re-sync the role with leadId %5")
                     .arg(roleName, opp, Records::text(*sameRole, QStringLiteral("leadId")), contact)
                     .arg(wanted),
                 expected, QJsonObject{{kOppId, opp}, {QStringLiteral("leadId"), got},
                                       {QStringLiteral("role"), roleName}});
        l.marketoRecord = *sameRole;
    } else {
        const bool oppThere = !m_index.mktoOpportunities(opp).isEmpty();
        l = make(link, Verdict::Fail, QStringLiteral("role-missing"),
                 oppThere ? tr("opportunity %1 is in Marketo but has no role '%2' for lead %3 "
                               "(contact %4); leadIds seen: %5. Fix: sync the opportunity roles")
                                .arg(opp, roleName)
                                .arg(wanted)
                                .arg(contact,
                                     leadIds.isEmpty() ? tr("none")
                                                       : QString::fromUtf8(QJsonDocument(leadIds).toJson(QJsonDocument::Compact)))
                          : tr("role '%1' of contact %2 cannot exist in Marketo: opportunity %3 was "
                               "never synced. Fix: sync the opportunity, then its roles")
                                .arg(roleName, contact, opp),
                 expected, leadIds.isEmpty() ? QJsonValue() : QJsonValue(leadIds));
    }
    l.subject = roleId;
    l.records = {roleId, marketoRef(QStringLiteral("lead"), *contactLead), opp};
    l.salesforceRecord = sfRole;
    return l;
}

DiagnosisLink LinkChecker::scoresMarketo(const QJsonObject &lead) const
{
    QJsonObject values;
    bool any = false;
    for (const MsiFields::Field &f : MsiFields::all()) {
        const QJsonValue v = MsiFields::marketoValue(lead, f);
        values.insert(f.marketoNames.first(), v.isUndefined() ? QJsonValue() : v);
        any = any || !MsiFields::isEmpty(v);
    }
    DiagnosisLink l = any
        ? make(QStringLiteral("scores.marketo"), Verdict::Pass, {},
               tr("Marketo lead %1 holds MSI values").arg(Records::mktoId(lead)), {}, values)
        : make(QStringLiteral("scores.marketo"), Verdict::Warn, QStringLiteral("no-scores"),
               tr("Marketo lead %1 holds no MSI values yet (no interesting moment, priority, "
                  "urgency or relative score): nothing to show until Marketo scores the person")
                   .arg(Records::mktoId(lead)),
               {}, values);
    l.records = {marketoRef(QStringLiteral("lead"), lead)};
    l.marketoRecord = lead;
    return l;
}

DiagnosisLink LinkChecker::scoresSalesforce(const QJsonObject &sfPerson,
                                            const QJsonObject &lead) const
{
    QJsonObject sfValues;
    QJsonObject mkValues;
    QStringList notWritten;
    QStringList stale;
    for (const MsiFields::Field &f : MsiFields::all()) {
        const QString sfName = MsiFields::prefix() + f.salesforceSuffix;
        const QJsonValue sf = MsiFields::salesforceValue(sfPerson, f);
        const QJsonValue mk = MsiFields::marketoValue(lead, f);
        sfValues.insert(sfName, sf.isUndefined() ? QJsonValue() : sf);
        mkValues.insert(f.marketoNames.first(), mk.isUndefined() ? QJsonValue() : mk);
        if (MsiFields::sameValue(mk, sf, f.kind))
            continue;
        (MsiFields::isEmpty(sf) ? notWritten : stale).append(sfName);
    }
    const QString link = QStringLiteral("scores.salesforce");
    const QString label = Records::sfLabel(sfPerson);
    DiagnosisLink l;
    if (!notWritten.isEmpty()) {
        l = make(link, Verdict::Fail, QStringLiteral("scores-not-written"),
                 tr("MSI values of Marketo lead %1 were not written back to %2 (%3 empty in "
                    "Salesforce). Fix: run the MSI write-back (a 0 must be written as 0, not "
                    "left empty)")
                     .arg(Records::mktoId(lead), label, notWritten.join(QStringLiteral("; "))),
                 sfValues, mkValues);
    } else if (!stale.isEmpty()) {
        l = make(link, Verdict::Warn, QStringLiteral("scores-stale"),
                 tr("the MSI fields of %1 differ from Marketo (%2). Fix: run the MSI "
                    "write-back")
                     .arg(label, stale.join(QStringLiteral("; "))),
                 sfValues, mkValues);
    } else {
        l = make(link, Verdict::Pass, {},
                 tr("the MSI fields of %1 hold Marketo's values").arg(label), sfValues, mkValues);
    }
    l.records = {Records::id18(sfPerson, kId), marketoRef(QStringLiteral("lead"), lead)};
    l.salesforceRecord = sfPerson;
    l.marketoRecord = lead;
    return l;
}

DiagnosisLink LinkChecker::scoresAccess(const QJsonObject &sfPerson) const
{
    const QString link = QStringLiteral("scores.access");
    const QString type = Records::sfType(sfPerson);
    const QJsonObject describe = type == u"Lead" ? m_index.state().sfLeadDescribe
                                                 : m_index.state().sfContactDescribe;
    DiagnosisLink l;
    if (!describe.isEmpty()) {
        const Findings problems = DescribeAudit::runOne(type, describe);
        QStringList hidden;
        QStringList readOnly;
        for (const Finding &f : problems)
            (f.code == u"SF_MSI_FIELD_MISSING" ? hidden : readOnly)
                .append(f.records.value(0).section(u'.', 1));
        QJsonObject access;
        for (const MsiFields::Field &f : MsiFields::all()) {
            const QJsonObject d = MsiFields::describeField(describe, f);
            const QString name = MsiFields::prefix() + f.salesforceSuffix;
            access.insert(name, d.isEmpty() ? QStringLiteral("hidden")
                                : d.value(QStringLiteral("updateable")).toBool()
                                ? QStringLiteral("read-write")
                                : QStringLiteral("read-only"));
        }
        if (!hidden.isEmpty()) {
            l = make(link, Verdict::Fail, QStringLiteral("msi-field-hidden"),
                     tr("field(s) %1 not visible to the integration user on %2 (field-level "
                        "security): MSI scores cannot be written back. Fix: grant FLS read + edit "
                        "on Lead and Contact")
                         .arg(hidden.join(QStringLiteral(", ")), type),
                     access, {});
        } else if (!readOnly.isEmpty()) {
            l = make(link, Verdict::Fail, QStringLiteral("msi-field-readonly"),
                     tr("field(s) %1 not updateable for the integration user on %2. Fix: grant "
                        "edit access on Lead and Contact")
                         .arg(readOnly.join(QStringLiteral(", ")), type),
                     access, {});
        } else {
            l = make(link, Verdict::Pass, {},
                     tr("the integration user can read and write every MSI field on %1").arg(type),
                     access, {});
        }
    } else {
        QStringList absent;
        for (const MsiFields::Field &f : MsiFields::all()) {
            if (MsiFields::salesforceValue(sfPerson, f).isUndefined())
                absent.append(MsiFields::prefix() + f.salesforceSuffix);
        }
        l = absent.isEmpty()
            ? make(link, Verdict::Warn, QStringLiteral("describe-not-read"),
                   tr("the MSI fields are readable on %1 (the query returned them); whether the "
                      "integration user may write them is unknown without the %1 describe")
                       .arg(type),
                   {}, {})
            : make(link, Verdict::Fail, QStringLiteral("msi-field-hidden"),
                   tr("the %1 record carries no %2 (not installed, or hidden by field-level "
                      "security). Fix: grant FLS read + edit on Lead and Contact")
                       .arg(type, absent.join(QStringLiteral(", "))),
                   QJsonArray::fromStringList(absent), {});
    }
    l.records = {Records::id18(sfPerson, kId)};
    l.salesforceRecord = sfPerson;
    return l;
}

} // namespace msi::checks
