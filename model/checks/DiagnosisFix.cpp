#include "checks/DiagnosisFix.h"

#include "checks/MsiDiagnosis.h"
#include "checks/RecordIndex.h"
#include "checks/Records.h"
#include "core/SalesforceId.h"

#include <QJsonArray>

namespace msi::checks {

namespace {

// Collects a chain's records and, for each, the parents the staged sync needs before it.
class ChainCollector final
{
public:
    explicit ChainCollector(const RecordIndex &index) : m_index(index) {}

    void add(const QString &id)
    {
        const QJsonObject *record = m_index.salesforce(id);
        if (!record)
            return;
        const QString id18 = Records::id18(*record, QStringLiteral("Id"));
        if (id18.isEmpty() || m_records.contains(id18))
            return;
        m_records.insert(id18);
        const QString type = Records::sfType(*record);
        // Parents first in stage order: owner (sales person), account (company), opportunity
        // and contact (for a role).
        addOwner(*record);
        if (type == u"Contact" || type == u"Opportunity")
            add(Records::id18(*record, QStringLiteral("AccountId")));
        if (type == u"OpportunityContactRole") {
            add(Records::id18(*record, QStringLiteral("OpportunityId")));
            add(Records::id18(*record, QStringLiteral("ContactId")));
        }
    }

    // The records a person's MSI panel shows: the person, its account's opportunities and its
    // opportunity roles.
    void addPerson(const QString &id18)
    {
        add(id18);
        const QJsonObject *person = m_index.salesforce(id18);
        if (!person)
            return;
        const QString account = Records::id18(*person, QStringLiteral("AccountId"));
        if (!account.isEmpty()) {
            for (const QJsonObject *opp : m_index.opportunitiesOfAccount(account))
                add(Records::id18(*opp, QStringLiteral("Id")));
        }
        for (const QJsonObject *role : m_index.rolesOfContact(id18))
            add(Records::id18(*role, QStringLiteral("Id")));
    }

    // An account's panel: the account, its people, its opportunities and their roles.
    void addAccount(const QString &id18)
    {
        add(id18);
        for (const QJsonObject *contact : m_index.contactsOfAccount(id18))
            add(Records::id18(*contact, QStringLiteral("Id")));
        for (const QJsonObject *opp : m_index.opportunitiesOfAccount(id18))
            addOpportunity(Records::id18(*opp, QStringLiteral("Id")));
    }

    // An opportunity's panel: the opportunity and its roles with their people.
    void addOpportunity(const QString &id18)
    {
        add(id18);
        for (const QJsonObject *role : m_index.rolesOfOpportunity(id18))
            add(Records::id18(*role, QStringLiteral("Id")));
    }

    QSet<QString> records() const { return m_records; }

private:
    void addOwner(const QJsonObject &record)
    {
        const QString owner = Records::id18(record, QStringLiteral("OwnerId"));
        if (owner.startsWith(u"005")) {
            add(owner);
        } else if (!owner.isEmpty()) {
            // A queue is never a sales person: the run sends the fallback sales person instead.
            const core::SalesforceId fallback(m_index.state().fallbackSalesPersonId);
            if (fallback.isValid() && fallback.objectType() == u"User")
                add(fallback.id18());
        }
    }

    const RecordIndex &m_index;
    QSet<QString> m_records;
};

bool isDuplicate(const QString &problem)
{
    return problem.endsWith(u"-duplicate");
}

} // namespace

bool DiagnosisFix::fixableBySync(const QString &problem)
{
    static const QSet<QString> manual{
        QStringLiteral("person-email-taken"), QStringLiteral("owner-not-user"),
        QStringLiteral("no-scores"),          QStringLiteral("msi-field-hidden"),
        QStringLiteral("msi-field-readonly"), QStringLiteral("describe-not-read"),
        QStringLiteral("blocked"),            QStringLiteral("email-invalid"),
        QStringLiteral("company-legacy"),
    };
    return !problem.isEmpty() && !isDuplicate(problem) && !manual.contains(problem);
}

QString DiagnosisFix::manualStep(const DiagnosisLink &link)
{
    const QString problem = link.problem;
    QStringList marketoRecords; // "lead:1047"; Salesforce IDs have no colon
    for (const QString &reference : link.records) {
        if (reference.contains(u':'))
            marketoRecords.append(reference);
    }
    const QString records = marketoRecords.join(QStringLiteral(", "));
    if (isDuplicate(problem)) {
        return tr("Merge or delete the duplicate Marketo records (%1); a sync cannot choose "
                  "between them.")
            .arg(records.isEmpty() ? DiagnosisLink::problemLabel(problem) : records);
    }
    if (problem == u"person-email-taken")
        return tr("A Contact with the same e-mail is the Marketo person; this Lead stays out by "
                  "design (convert or correct it in Salesforce).");
    if (problem == u"owner-not-user")
        return tr("The owner is a queue: give the record a user as owner in Salesforce, or set a "
                  "fallback sales person for queue-owned records.");
    if (problem == u"email-invalid")
        return tr("Correct the e-mail '%1' in Salesforce: it is not a valid address, and Marketo "
                  "may refuse the person until it is.")
            .arg(link.salesforce.toString());
    if (problem == u"company-legacy") {
        // Only the legacy records: the link's first Marketo record is the company to keep.
        QStringList legacy;
        for (const QJsonObject &company : link.otherMarketoRecords)
            legacy.append(QStringLiteral("company:%1").arg(company.value(u"id").toInteger()));
        return tr("Delete the legacy Marketo company (%1) once no lead points to it: its "
                  "15-character externalCompanyId cannot be updated, and company %2 with the "
                  "18-character ID replaces it.")
            .arg(legacy.join(QStringLiteral(", ")))
            .arg(link.marketoRecord.value(u"id").toInteger());
    }
    if (problem == u"no-scores")
        return tr("Marketo has not scored this person yet; the scores arrive after Marketo sees "
                  "activity, and the next sync writes them back.");
    if (problem == u"msi-field-hidden" || problem == u"msi-field-readonly"
        || problem == u"describe-not-read")
        return tr("Give the integration user read and edit access to the MSI fields in Salesforce "
                  "(field-level security on Lead and Contact).");
    return link.cause;
}

FixPlan DiagnosisFix::plan(const Diagnosis &diagnosis, const SystemState &state)
{
    const RecordIndex index(state);
    return plan(diagnosis, index);
}

FixPlan DiagnosisFix::plan(const Diagnosis &diagnosis, const RecordIndex &index)
{
    FixPlan plan;
    ChainCollector chain(index);
    const QString id18 = Records::id18(diagnosis.record, QStringLiteral("Id"));
    if (diagnosis.recordType == u"Account")
        chain.addAccount(id18);
    else if (diagnosis.recordType == u"Opportunity")
        chain.addOpportunity(id18);
    else
        chain.addPerson(id18);
    // Whatever else a link names (a subject or referenced record the walk above did not reach).
    for (const DiagnosisLink &link : diagnosis.links) {
        if (!link.subject.isEmpty())
            chain.add(link.subject);
        for (const QString &reference : link.records)
            chain.add(reference);
    }
    plan.records = chain.records();

    for (const DiagnosisLink &link : diagnosis.links) {
        if (link.verdict == DiagnosisLink::Verdict::Pass)
            continue;
        if (fixableBySync(link.problem)) {
            if (!plan.fixableLinks.contains(link.link))
                plan.fixableLinks.append(link.link);
        } else if (link.problem != u"blocked") {
            const QString step = manualStep(link);
            if (!plan.manualSteps.contains(step))
                plan.manualSteps.append(step);
        }
    }
    return plan;
}

FixPlan DiagnosisFix::plan(const Diagnosis &diagnosis, const MsiDiagnosis &checker)
{
    FixPlan plan = DiagnosisFix::plan(diagnosis, checker.index());
    const QString self = Records::id18(diagnosis.record, QStringLiteral("Id"));
    QStringList people(plan.records.cbegin(), plan.records.cend());
    people.sort();
    for (const QString &id : std::as_const(people)) {
        if (id == self || !(id.startsWith(u"003") || id.startsWith(u"00Q")))
            continue;
        const QJsonObject *person = checker.index().salesforce(id);
        if (!person)
            continue;
        for (const DiagnosisLink &link : checker.diagnose(*person).links) {
            // Only what belongs to that person; field access and scores concern everyone alike.
            const bool own = isDuplicate(link.problem) || link.problem == u"person-email-taken"
                || link.problem == u"owner-not-user" || link.problem == u"email-invalid";
            if (link.verdict == DiagnosisLink::Verdict::Pass || !own)
                continue;
            const QString step = Records::sfLabel(*person) + QStringLiteral(": ") + manualStep(link);
            if (!plan.manualSteps.contains(step))
                plan.manualSteps.append(step);
        }
    }
    return plan;
}

} // namespace msi::checks
