#include "checks/PeopleAudit.h"

#include "checks/Records.h"
#include "core/EmailMatch.h"
#include "core/SalesforceId.h"

#include <QSet>

namespace msi::checks {

using core::EmailMatch;
using Severity = Finding::Severity;

namespace {

QString idOf(const QJsonObject *record)
{
    return Records::id18(*record, QStringLiteral("Id"));
}

QStringList labels(const RecordIndex::Refs &records)
{
    QStringList out;
    for (const QJsonObject *r : records)
        out.append(Records::sfLabel(*r));
    return out;
}

} // namespace

Findings PeopleAudit::run(const RecordIndex &index)
{
    Findings out;
    salesforceEmails(index, &out);
    marketoDuplicates(index, &out);
    marketoMatches(index, &out);
    return out;
}

void PeopleAudit::salesforceEmails(const RecordIndex &index, Findings *out)
{
    const SystemState &state = index.state();
    const QString emailKey = QStringLiteral("Email");
    for (const auto *list : {&state.sfUsers, &state.sfContacts, &state.sfLeads}) {
        for (const QJsonObject &record : *list) {
            const QString email = Records::text(record, emailKey);
            if (email.trimmed().isEmpty() || EmailMatch::isValidAddress(email))
                continue;
            out->append({Severity::Warning, QStringLiteral("SF_EMAIL_INVALID"),
                         {Records::id18(record, QStringLiteral("Id"))},
                         tr("invalid e-mail syntax: %1 has '%2'; Marketo may skip this person")
                             .arg(Records::sfLabel(record), email),
                         tr("correct the e-mail in Salesforce; the sync still tries it and shows "
                            "Marketo's reason if it is skipped")});
        }
    }

    // One finding per shared address, in the order the records first appear.
    QSet<QString> seen;
    for (const auto *list : {&state.sfContacts, &state.sfLeads}) {
        for (const QJsonObject &record : *list) {
            const QString email = Records::normalizedEmail(Records::text(record, emailKey));
            if (email.isEmpty() || seen.contains(email))
                continue;
            seen.insert(email);
            const RecordIndex::Refs people = index.sfPeopleByEmail(email);
            if (people.size() < 2)
                continue;
            RecordIndex::Refs contacts;
            RecordIndex::Refs leads;
            for (const QJsonObject *p : people)
                (Records::sfType(*p) == u"Contact" ? contacts : leads).append(p);
            QStringList ids;
            for (const QJsonObject *p : people)
                ids.append(idOf(p));
            if (!contacts.isEmpty() && !leads.isEmpty()) {
                out->append({Severity::Warning, QStringLiteral("SF_EMAIL_SHARED_LEAD_CONTACT"), ids,
                             tr("%1 is on %2; one Marketo person per e-mail carries only one "
                                "externalPersonId")
                                 .arg(email, labels(people).join(tr(" and "))),
                             tr("default rule 'Contact wins': the Contact is synced, the Lead is "
                                "skipped with the reason 'e-mail already used by Contact'")});
            } else {
                out->append({Severity::Warning, QStringLiteral("SF_EMAIL_DUPLICATE"), ids,
                             tr("%1 is on %2; Marketo keeps one person per e-mail, so they would "
                                "overwrite each other")
                                 .arg(email, labels(people).join(tr(" and "))),
                             tr("merge the duplicates in Salesforce")});
            }
        }
    }
}

void PeopleAudit::marketoDuplicates(const RecordIndex &index, Findings *out)
{
    QSet<QString> seen;
    for (const QJsonObject &lead : index.state().mktoLeads) {
        const QString email = Records::normalizedEmail(Records::text(lead, QStringLiteral("email")));
        if (email.isEmpty() || seen.contains(email))
            continue;
        seen.insert(email);
        const RecordIndex::Refs leads = index.mktoLeadsByEmail(email);
        if (leads.size() < 2)
            continue;
        QStringList refs;
        QStringList ids;
        for (const QJsonObject *l : leads) {
            refs.append(marketoRef(QStringLiteral("lead"), *l));
            ids.append(Records::mktoId(*l));
        }
        const RecordIndex::Refs people = index.sfPeopleByEmail(email);
        const QString who = people.isEmpty()
            ? QString()
            : tr(" %1 cannot be upserted by e-mail (Marketo skips it with 1007 'Multiple lead "
                 "match lookup criteria').")
                  .arg(labels(people).join(tr(" and ")));
        out->append({Severity::Error, QStringLiteral("MKTO_LEAD_DUP_EMAIL"), refs,
                     tr("Marketo leads %1 share %2.%3")
                         .arg(ids.join(QStringLiteral(", ")), email, who),
                     tr("merge the duplicate leads in Marketo; until then the person is skipped "
                        "and their opportunity roles are deferred")});
    }
}

void PeopleAudit::marketoMatches(const RecordIndex &index, Findings *out)
{
    for (const QJsonObject &lead : index.state().mktoLeads) {
        const QString ref = marketoRef(QStringLiteral("lead"), lead);
        const QString label = Records::mktoLabel(QStringLiteral("lead"), lead);
        const QString personId = Records::text(lead, QStringLiteral("externalPersonId")).trimmed();
        if (!personId.isEmpty()) {
            const core::SalesforceId id(personId);
            // Malformed or wrong-object IDs are the ID audit's; here only valid person IDs.
            if (!id.isValid() || (id.objectType() != u"Contact" && id.objectType() != u"Lead"))
                continue;
            if (!index.salesforce(id.id18())) {
                out->append({Severity::Warning, QStringLiteral("MKTO_PERSON_NOT_IN_SF"),
                             {id.id18(), ref},
                             tr("%1 has externalPersonId %2, but no Salesforce %3 has that ID "
                                "(deleted, merged or converted)")
                                 .arg(label, personId, id.objectType()),
                             tr("re-link the Marketo lead to the surviving Salesforce record, or "
                                "leave it as a Marketo-only lead")});
            }
            continue;
        }
        const QString email = Records::text(lead, QStringLiteral("email"));
        const RecordIndex::Refs people = email.trimmed().isEmpty()
            ? RecordIndex::Refs()
            : index.sfPeopleByEmail(email);
        if (people.isEmpty()) {
            out->append({Severity::Info, QStringLiteral("MKTO_LEAD_NO_SF_MATCH"), {ref},
                         tr("%1 exists only in Marketo (no Salesforce Contact or Lead has its "
                            "e-mail)")
                             .arg(label),
                         QString()});
            continue;
        }
        QStringList ids;
        for (const QJsonObject *p : people)
            ids.append(idOf(p));
        out->append({Severity::Info, QStringLiteral("MKTO_LEAD_UNLINKED_EMAIL_MATCH"), ids + QStringList{ref},
                     tr("%1 has no external IDs; its e-mail matches %2")
                         .arg(label, labels(people).join(tr(" and "))),
                     tr("the lead sync adopts it by e-mail (update, not create) and sets "
                        "externalPersonId, externalSalesPersonId and externalCompanyId")});
        for (const QJsonObject *p : people) {
            const EmailMatch match = EmailMatch::compare(email, Records::text(*p, QStringLiteral("Email")));
            if (match.verdict() != EmailMatch::Verdict::CaseOrWhitespace
                && match.verdict() != EmailMatch::Verdict::UnicodeNormalization)
                continue;
            out->append({Severity::Warning, QStringLiteral("MKTO_LEAD_EMAIL_NORMALIZED_ONLY"),
                         {idOf(p), ref},
                         tr("e-mail differs only by case/whitespace: %1 has '%2', %3 has '%4'")
                             .arg(label, email, Records::sfLabel(*p),
                                  Records::text(*p, QStringLiteral("Email"))),
                         tr("the sync matches after trimming and lower-casing, adopts %1 and "
                            "writes the Salesforce spelling")
                             .arg(label)});
        }
    }
}

} // namespace msi::checks
