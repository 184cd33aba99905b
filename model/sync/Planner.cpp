#include "sync/Planner.h"

#include "core/EmailMatch.h"
#include "core/SalesforceId.h"
#include "sync/PayloadCompare.h"
#include "sync/RecordMapper.h"

#include <QJsonArray>
#include <QSet>
#include <algorithm>

namespace msi::sync {

namespace {

// Whether a parent is (or will be, after this run's writes) in Marketo.
struct ParentState
{
    bool present = false;
    QString name;
    QString reason;          // why it is not present
    qint64 marketoId = 0;
    bool pendingCreate = false;
};

struct OwnerResolution
{
    QString salesPersonId;   // 18-character User ID to send
    QString parentId;        // the blocking parent when not ok
    QString reason;
    bool ok = false;
};

QString leadRef(qint64 id)
{
    return QStringLiteral("lead:") + QString::number(id);
}

// "Account GenePoint (0017F000007y8FPQAY)": a parent named once, with its ID; the kind only
// when the parent is known by its ID alone ("account 0017F000007y8FGAAA").
QString parentText(const QString &kind, const QString &name, const QString &id)
{
    const QString shownId = id.isEmpty() ? QStringLiteral("''") : id;
    if (name.trimmed().isEmpty() || name == id)
        return kind + u' ' + shownId;
    return name + QStringLiteral(" (") + shownId + u')';
}

qint64 marketoIdOf(const QJsonObject &record)
{
    return record.value(u"id").toInteger();
}

// The canonical 18-character form of an external ID stored in Marketo, only when it is stored
// as 18 characters (a 15-character value names a different Marketo record).
QString storedId18(const QJsonValue &value)
{
    const QString text = value.toString().trimmed();
    return text.size() == 18 ? RecordMapper::id18(QJsonValue(text)) : QString();
}

QList<QJsonObject> sortedById(const QList<QJsonObject> &records)
{
    QList<QJsonObject> sorted = records;
    std::stable_sort(sorted.begin(), sorted.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(u"Id").toString() < b.value(u"Id").toString();
    });
    return sorted;
}

} // namespace

class Planner::Run
{
    Q_DECLARE_TR_FUNCTIONS(msi::sync::Planner)
public:
    Run(const SyncPolicy &policy, const SalesforceSnapshot &salesforce,
        const MarketoState &marketo, const LinkMap &links)
        : m_policy(policy), m_sf(salesforce), m_mkto(marketo), m_links(links)
    {
    }

    SyncPlan build()
    {
        for (Stage stage : SyncTypes::allStages())
            m_plan.stages.append(StagePlan{stage, {}});
        indexMarketo();
        planSalesPersons();
        planCompanies();
        planPeople();
        planOpportunities();
        planRoles();
        planWriteBack();
        return m_plan;
    }

private:
    void indexMarketo();
    void planSalesPersons();
    void planCompanies();
    void planPeople();
    void planPerson(const QJsonObject &person);
    void planOpportunities();
    void planRoles();
    void planWriteBack();
    void reportEmailFindings();

    PlannedRecord makeRecord(Stage stage, const QJsonObject &record) const;
    OwnerResolution resolveOwner(const QJsonObject &record) const;
    ParentState parentState(Stage stage, const QString &id18,
                            const QHash<QString, ParentState> &planned, bool inMarketo) const;
    void decide(PlannedRecord &record, const QJsonObject &payload, const QJsonObject *marketo,
                const MarketoLink &link) const;
    static void setNotSent(PlannedRecord &record, RecordAction action, const QString &reason,
                           const QString &parentId = {});
    void addFinding(Severity severity, const QString &code, const QStringList &ids,
                    const QString &message);
    void append(const PlannedRecord &record) { m_plan.stage(record.stage).records.append(record); }

    const SyncPolicy &m_policy;
    const SalesforceSnapshot &m_sf;
    const MarketoState &m_mkto;
    const LinkMap &m_links;
    SyncPlan m_plan;

    QHash<QString, const QJsonObject *> m_users;
    QHash<QString, const QJsonObject *> m_mktoSalesPersons;
    QHash<QString, const QJsonObject *> m_mktoCompanies;
    QHash<QString, QList<const QJsonObject *>> m_mktoLeadsByPerson;
    QHash<QString, QList<const QJsonObject *>> m_mktoLeadsByEmail;
    QHash<qint64, const QJsonObject *> m_mktoLeadsById;
    QHash<QString, const QJsonObject *> m_mktoOpportunities;
    QHash<QString, const QJsonObject *> m_mktoRoles;

    QHash<QString, ParentState> m_salesPersonState;
    QHash<QString, ParentState> m_companyState;
    QHash<QString, ParentState> m_personState;
    QHash<QString, ParentState> m_opportunityState;
    QList<QJsonObject> m_contacts;                         // sorted by ID
    QList<QJsonObject> m_leads;                            // sorted by ID
    QHash<QString, const QJsonObject *> m_personRecords;   // person ID -> Salesforce record
    QHash<QString, const QJsonObject *> m_personMarketo;   // person -> matched Marketo lead
    QHash<QString, QString> m_sharedEmailWinner;          // loser person -> winner person
};

// ---------------------------------------------------------------------------------------------
// Indexes

void Planner::Run::indexMarketo()
{
    for (const QJsonObject &user : m_sf.users)
        m_users.insert(RecordMapper::id18(user.value(u"Id")), &user);
    for (const QJsonObject &person : m_mkto.salesPersons) {
        const QString id = storedId18(person.value(u"externalSalesPersonId"));
        if (!id.isEmpty())
            m_mktoSalesPersons.insert(id, &person);
    }
    for (const QJsonObject &company : m_mkto.companies) {
        const QString id = storedId18(company.value(u"externalCompanyId"));
        if (!id.isEmpty())
            m_mktoCompanies.insert(id, &company);
    }
    for (const QJsonObject &lead : m_mkto.leads) {
        m_mktoLeadsById.insert(marketoIdOf(lead), &lead);
        const QString person = storedId18(lead.value(u"externalPersonId"));
        if (!person.isEmpty())
            m_mktoLeadsByPerson[person].append(&lead);
        const QString email = normalizedEmail(lead.value(u"email").toString());
        if (!email.isEmpty())
            m_mktoLeadsByEmail[email].append(&lead);
    }
    for (const QJsonObject &opportunity : m_mkto.opportunities) {
        const QString id = storedId18(opportunity.value(u"externalOpportunityId"));
        if (!id.isEmpty())
            m_mktoOpportunities.insert(id, &opportunity);
    }
    for (const QJsonObject &role : m_mkto.roles) {
        const QString key = storedId18(role.value(u"externalOpportunityId")) + u'|'
            + QString::number(role.value(u"leadId").toInteger()) + u'|'
            + role.value(u"role").toString();
        m_mktoRoles.insert(key, &role);
    }
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

PlannedRecord Planner::Run::makeRecord(Stage stage, const QJsonObject &record) const
{
    PlannedRecord planned;
    planned.stage = stage;
    const QString raw = record.value(u"Id").toString();
    const QString id = RecordMapper::id18(record.value(u"Id"));
    planned.salesforceId = id.isEmpty() ? raw : id;
    planned.salesforceType = RecordMapper::recordType(record);
    planned.name = RecordMapper::displayName(record);
    if (id.isEmpty()) {
        const core::SalesforceId parsed(raw);
        setNotSent(planned, RecordAction::Invalid,
                   tr("invalid Salesforce ID '%1': %2").arg(raw, parsed.explanation()));
    }
    return planned;
}

void Planner::Run::setNotSent(PlannedRecord &record, RecordAction action, const QString &reason,
                              const QString &parentId)
{
    record.action = action;
    record.reason = reason;
    record.parentId = parentId;
    record.payload = {};
    record.payloadHash.clear();
}

void Planner::Run::addFinding(Severity severity, const QString &code, const QStringList &ids,
                              const QString &message)
{
    m_plan.findings.append(PlanFinding{severity, code, ids, message});
}

ParentState Planner::Run::parentState(Stage stage, const QString &id18,
                                      const QHash<QString, ParentState> &planned,
                                      bool inMarketo) const
{
    if (planned.contains(id18))
        return planned.value(id18);
    ParentState state;
    state.name = id18;
    const MarketoLink link = m_links.value(stage, id18);
    if (inMarketo || !link.isNull()) {
        state.present = true;
        state.marketoId = link.marketoId;
        return state;
    }
    state.reason = tr("not in Marketo and not in this Salesforce extract");
    return state;
}

OwnerResolution Planner::Run::resolveOwner(const QJsonObject &record) const
{
    OwnerResolution result;
    const QJsonValue raw = record.value(u"OwnerId");
    QString owner = RecordMapper::id18(raw);
    if (owner.isEmpty()) {
        result.parentId = raw.toString();
        result.reason = tr("has no valid owner (OwnerId '%1'); MSI needs a sales person")
                            .arg(raw.toString());
        return result;
    }
    if (owner.startsWith(u"00G")) {
        const QString fallback = RecordMapper::id18(QJsonValue(m_policy.fallbackSalesPersonId));
        if (fallback.isEmpty()) {
            result.parentId = owner;
            result.reason = tr("blocked by queue %1: a queue cannot be a Marketo sales person; "
                               "set a fallback sales person for queue-owned records")
                                .arg(owner);
            return result;
        }
        owner = fallback;
    }
    const ParentState state = parentState(Stage::SalesPersons, owner, m_salesPersonState,
                                          m_mktoSalesPersons.contains(owner));
    if (!state.present) {
        result.parentId = owner;
        result.reason = tr("blocked by %1: %2")
                            .arg(parentText(tr("owner"), state.name, owner), state.reason);
        return result;
    }
    result.salesPersonId = owner;
    result.ok = true;
    return result;
}

void Planner::Run::decide(PlannedRecord &record, const QJsonObject &payload,
                          const QJsonObject *marketo, const MarketoLink &link) const
{
    record.payloadHash = PayloadCompare::hash(payload);
    if (marketo) {
        record.marketoId = marketoIdOf(*marketo);
        record.marketoGuid = marketo->value(u"marketoGUID").toString();
        record.payload = PayloadCompare::pruneNulls(payload, *marketo);
        switch (PayloadCompare::compare(record.payload, *marketo)) {
        case PayloadCompare::Result::Equal:
            record.action = RecordAction::Unchanged;
            break;
        case PayloadCompare::Result::Unknown:
            record.action = link.payloadHash == record.payloadHash ? RecordAction::Unchanged
                                                                   : RecordAction::Update;
            break;
        case PayloadCompare::Result::Different:
            record.action = RecordAction::Update;
            break;
        }
    } else if (!link.isNull()) {
        record.marketoId = link.marketoId;
        record.marketoGuid = link.marketoGuid;
        record.payload = PayloadCompare::pruneNulls(payload, {});
        record.action = link.payloadHash == record.payloadHash ? RecordAction::Unchanged
                                                               : RecordAction::Update;
    } else {
        record.payload = PayloadCompare::pruneNulls(payload, {});
        record.action = RecordAction::Create;
    }
    if (record.action == RecordAction::Unchanged)
        record.payload = {};
}

QString Planner::normalizedEmail(const QString &email)
{
    return email.trimmed().toLower();
}

// ---------------------------------------------------------------------------------------------
// Stage 1: sales persons = every owner the synced records use, plus those already linked

void Planner::Run::planSalesPersons()
{
    QSet<QString> owners;
    bool queueOwned = false;
    QStringList ownedByIntegration;
    for (const QList<QJsonObject> *records :
         {&m_sf.accounts, &m_sf.contacts, &m_sf.leads, &m_sf.opportunities}) {
        for (const QJsonObject &record : *records) {
            const QString owner = RecordMapper::id18(record.value(u"OwnerId"));
            if (owner.startsWith(u"00G"))
                queueOwned = true;
            else if (!owner.isEmpty())
                owners.insert(owner);
            if (!owner.isEmpty() && owner == m_policy.integrationUserId)
                ownedByIntegration.append(RecordMapper::displayName(record));
        }
    }
    if (!ownedByIntegration.isEmpty()) {
        // MANIFEST M-09: normal, but worth saying: the integration user must be a sales person
        // too, or these records lose their owner in MSI (718 on upsert).
        const QJsonObject *user = m_users.value(m_policy.integrationUserId);
        addFinding(Severity::Info, QStringLiteral("SF_OWNER_INTEGRATION"),
                   {m_policy.integrationUserId},
                   tr("the integration user %1 (%2) owns %n synced record(s) (%3); it is synced "
                      "as a sales person first, so they keep an owner in MSI",
                      nullptr, int(ownedByIntegration.size()))
                       .arg(user ? user->value(u"Name").toString() : tr("(not read)"),
                            m_policy.integrationUserId,
                            ownedByIntegration.mid(0, 3).join(QStringLiteral(", "))
                                + (ownedByIntegration.size() > 3 ? QStringLiteral(", …")
                                                                 : QString())));
    }
    const QString fallback = RecordMapper::id18(QJsonValue(m_policy.fallbackSalesPersonId));
    if (queueOwned && !fallback.isEmpty())
        owners.insert(fallback);
    for (auto it = m_users.cbegin(); it != m_users.cend(); ++it) {
        if (m_links.contains(Stage::SalesPersons, it.key()) || m_mktoSalesPersons.contains(it.key()))
            owners.insert(it.key());
    }
    QStringList ordered(owners.cbegin(), owners.cend());
    ordered.sort();

    for (const QString &ownerId : std::as_const(ordered)) {
        const QJsonObject *user = m_users.value(ownerId);
        const QJsonObject *existing = m_mktoSalesPersons.value(ownerId);
        const MarketoLink link = m_links.value(Stage::SalesPersons, ownerId);
        if (!user) {
            if (existing || !link.isNull())
                continue; // already a sales person; nothing in this extract to send
            PlannedRecord record;
            record.stage = Stage::SalesPersons;
            record.salesforceId = ownerId;
            record.salesforceType = QStringLiteral("User");
            record.name = tr("User %1").arg(ownerId);
            setNotSent(record, RecordAction::Invalid,
                       tr("owner %1 is not in the Salesforce extract (inactive, or not visible to "
                          "the integration user)").arg(ownerId));
            m_salesPersonState.insert(ownerId, {false, record.name, record.reason});
            append(record);
            continue;
        }
        PlannedRecord record = makeRecord(Stage::SalesPersons, *user);
        const QJsonObject payload = RecordMapper::salesPerson(*user);
        if (payload.value(u"email").toString().isEmpty()) {
            setNotSent(record, RecordAction::Invalid,
                       tr("the user has no e-mail address; MSI links a rep by e-mail"));
        } else {
            decide(record, payload, existing, link);
            if (existing) {
                const core::EmailMatch match = core::EmailMatch::compare(
                    existing->value(u"email").toString(), payload.value(u"email").toString());
                const QStringList ids{ownerId, QStringLiteral("salesperson:")
                                                   + QString::number(marketoIdOf(*existing))};
                if (match.severity() == core::EmailMatch::Severity::Error) {
                    const QString message =
                        tr("sales person e-mail mismatch: Marketo %1, Salesforce %2 (%3); the sync "
                           "updates sales person %4 with the Salesforce e-mail")
                            .arg(match.marketoEmail(), match.salesforceEmail(), record.name)
                            .arg(marketoIdOf(*existing));
                    addFinding(Severity::Error, QStringLiteral("MKTO_SP_EMAIL_MISMATCH"), ids,
                               message);
                    record.notes.append(tr("e-mail corrected from %1").arg(match.marketoEmail()));
                } else if (match.severity() == core::EmailMatch::Severity::Warning) {
                    addFinding(Severity::Warning, QStringLiteral("MKTO_SP_EMAIL_NORMALIZED_ONLY"),
                               ids, match.message());
                }
            }
        }
        m_salesPersonState.insert(record.salesforceId,
                                  {SyncTypes::isSynced(record.action), record.name, record.reason,
                                   record.marketoId, record.action == RecordAction::Create});
        append(record);
    }
}

// ---------------------------------------------------------------------------------------------
// Stage 2: companies

void Planner::Run::planCompanies()
{
    QSet<QString> accountIds;
    for (const QJsonObject &account : m_sf.accounts)
        accountIds.insert(RecordMapper::id18(account.value(u"Id")));
    // Legacy 15-character externalCompanyIds: a different Marketo record, never "the same".
    for (const QJsonObject &company : m_mkto.companies) {
        const QString stored = company.value(u"externalCompanyId").toString().trimmed();
        if (stored.size() != 15)
            continue;
        const QString id = RecordMapper::id18(QJsonValue(stored));
        const QString ref = QStringLiteral("company:") + QString::number(marketoIdOf(company));
        QStringList ids{ref};
        if (accountIds.contains(id))
            ids.prepend(id);
        addFinding(Severity::Error, QStringLiteral("MKTO_EXTID_15CHAR"), ids,
                   tr("legacy 15-character externalCompanyId '%1' on Marketo company %2 (%3): MSI "
                      "needs %4. The sync creates the 18-character company and re-links its "
                      "people; then delete company %2 (externalCompanyId cannot be updated)")
                       .arg(stored)
                       .arg(marketoIdOf(company))
                       .arg(company.value(u"company").toString(), id));
    }

    for (const QJsonObject &account : m_sf.accounts) {
        PlannedRecord record = makeRecord(Stage::Companies, account);
        if (record.action == RecordAction::Create) {
            const OwnerResolution owner = resolveOwner(account);
            if (!owner.ok) {
                setNotSent(record, RecordAction::Blocked, owner.reason, owner.parentId);
            } else {
                const QJsonObject *existing = m_mktoCompanies.value(record.salesforceId);
                decide(record, RecordMapper::company(account, owner.salesPersonId), existing,
                       m_links.value(Stage::Companies, record.salesforceId));
                if (existing && existing->value(u"externalSalesPersonId").toString().isEmpty()) {
                    addFinding(Severity::Info, QStringLiteral("MKTO_OWNER_MISSING"),
                               {QStringLiteral("company:") + QString::number(marketoIdOf(*existing))},
                               tr("Marketo company %1 (%2) has no sales person; the sync sets %3")
                                   .arg(marketoIdOf(*existing))
                                   .arg(record.name, owner.salesPersonId));
                }
            }
        }
        m_companyState.insert(record.salesforceId,
                              {SyncTypes::isSynced(record.action), record.name, record.reason,
                               record.marketoId, record.action == RecordAction::Create});
        append(record);
    }
}

// ---------------------------------------------------------------------------------------------
// Stage 3: people (Contacts first, so "Contact wins" is decided before the Leads)

void Planner::Run::planPeople()
{
    m_contacts = sortedById(m_sf.contacts);
    m_leads = sortedById(m_sf.leads);
    QList<const QJsonObject *> people;
    for (const QJsonObject &contact : std::as_const(m_contacts))
        people.append(&contact);
    for (const QJsonObject &lead : std::as_const(m_leads))
        people.append(&lead);
    for (const QJsonObject *person : std::as_const(people))
        m_personRecords.insert(RecordMapper::id18(person->value(u"Id")), person);

    // E-mails shared inside Salesforce: one Marketo person can carry one externalPersonId.
    QHash<QString, QList<const QJsonObject *>> byEmail;
    for (const QJsonObject *person : std::as_const(people)) {
        const QString email = normalizedEmail(person->value(u"Email").toString());
        if (!email.isEmpty())
            byEmail[email].append(person);
    }
    for (auto it = byEmail.cbegin(); it != byEmail.cend(); ++it) {
        if (it.value().size() < 2)
            continue;
        const QJsonObject *winner = it.value().first(); // Contacts come first, lowest ID first
        QStringList ids;
        QStringList names;
        QSet<QString> types;
        for (const QJsonObject *person : it.value()) {
            ids.append(RecordMapper::id18(person->value(u"Id")));
            names.append(RecordMapper::displayName(*person));
            types.insert(RecordMapper::recordType(*person));
            if (person != winner)
                m_sharedEmailWinner.insert(ids.last(), RecordMapper::id18(winner->value(u"Id")));
        }
        const bool mixed = types.size() > 1;
        addFinding(Severity::Warning,
                   mixed ? QStringLiteral("SF_EMAIL_SHARED_LEAD_CONTACT")
                         : QStringLiteral("SF_EMAIL_SHARED"),
                   ids,
                   tr("%1 is used by %2; only %3 is synced (%4)")
                       .arg(it.key(), names.join(QStringLiteral(", ")),
                            RecordMapper::displayName(*winner),
                            mixed ? tr("rule: Contact wins") : tr("rule: lowest ID wins")));
    }

    for (const QJsonObject *person : std::as_const(people))
        planPerson(*person);
    reportEmailFindings();
}

void Planner::Run::planPerson(const QJsonObject &person)
{
    PlannedRecord record = makeRecord(Stage::Leads, person);
    const QString id = record.salesforceId;
    const QString email = person.value(u"Email").toString().trimmed();
    const QString key = normalizedEmail(email);
    const bool isContact = record.salesforceType == u"Contact";
    auto finish = [&] {
        m_personState.insert(id, {SyncTypes::isSynced(record.action), record.name, record.reason,
                                  record.marketoId, record.action == RecordAction::Create});
        append(record);
    };
    if (record.action != RecordAction::Create)
        return finish();

    if (!email.isEmpty() && !core::EmailMatch::isValidAddress(email)) {
        addFinding(Severity::Warning, QStringLiteral("SF_EMAIL_INVALID"), {id},
                   tr("%1 has an invalid e-mail address '%2'; the sync still tries, and Marketo "
                      "may skip the record").arg(record.name, email));
        record.notes.append(tr("invalid e-mail syntax: %1").arg(email));
    }
    if (m_sharedEmailWinner.contains(id)) {
        const QString winner = m_sharedEmailWinner.value(id);
        const QJsonObject *winnerRecord = m_personRecords.value(winner);
        setNotSent(record, RecordAction::Skipped,
                   tr("e-mail %1 already used by %2 (%3)")
                       .arg(email, winnerRecord ? RecordMapper::displayName(*winnerRecord) : winner,
                            winner),
                   winner);
        return finish();
    }

    const OwnerResolution owner = resolveOwner(person);
    if (!owner.ok) {
        setNotSent(record, RecordAction::Blocked, owner.reason, owner.parentId);
        return finish();
    }
    QString companyId;
    if (isContact && !person.value(u"AccountId").isNull()) {
        companyId = RecordMapper::id18(person.value(u"AccountId"));
        const ParentState company =
            parentState(Stage::Companies, companyId, m_companyState,
                        m_mktoCompanies.contains(companyId));
        if (companyId.isEmpty() || !company.present) {
            const QString accountId = person.value(u"AccountId").toString();
            setNotSent(record, RecordAction::Blocked,
                       tr("blocked by %1: %2")
                           .arg(parentText(tr("account"), company.name, accountId),
                                companyId.isEmpty() ? tr("invalid Account ID") : company.reason),
                       accountId);
            return finish();
        }
    }

    // Find the Marketo person: by externalPersonId, then the ID map, then e-mail.
    const QJsonObject *match = nullptr;
    bool adopted = false;
    const QList<const QJsonObject *> linked = m_mktoLeadsByPerson.value(id);
    const MarketoLink link = m_links.value(Stage::Leads, id);
    if (linked.size() > 1) {
        QStringList refs;
        for (const QJsonObject *lead : linked)
            refs.append(QString::number(marketoIdOf(*lead)));
        setNotSent(record, RecordAction::Skipped,
                   tr("%1 Marketo leads carry externalPersonId %2 (%3); merge them in Marketo")
                       .arg(linked.size()).arg(id, refs.join(QStringLiteral(", "))));
        return finish();
    }
    if (linked.size() == 1) {
        match = linked.first();
    } else if (link.marketoId > 0 && m_mktoLeadsById.contains(link.marketoId)) {
        match = m_mktoLeadsById.value(link.marketoId);
    } else if (!key.isEmpty()) {
        QList<const QJsonObject *> unlinked;
        QList<const QJsonObject *> taken;
        for (const QJsonObject *lead : m_mktoLeadsByEmail.value(key)) {
            const QString owner = storedId18(lead->value(u"externalPersonId"));
            if (lead->value(u"externalPersonId").toString().trimmed().isEmpty())
                unlinked.append(lead);
            else if (m_sharedEmailWinner.value(owner) == id)
                unlinked.append(lead); // held by the record that lost "Contact wins": take it over
            else
                taken.append(lead);
        }
        if (unlinked.size() > 1) {
            QStringList refs;
            QStringList numbers;
            for (const QJsonObject *lead : std::as_const(unlinked)) {
                refs.append(leadRef(marketoIdOf(*lead)));
                numbers.append(QString::number(marketoIdOf(*lead)));
            }
            const QString message =
                tr("%1 Marketo leads share %2 (%3); Marketo would skip %4 (1007 multiple leads "
                   "match). Merge them in Marketo, then sync again")
                    .arg(unlinked.size())
                    .arg(email, numbers.join(QStringLiteral(", ")), record.name);
            addFinding(Severity::Error, QStringLiteral("MKTO_LEAD_DUP_EMAIL"), refs, message);
            setNotSent(record, RecordAction::Skipped, message);
            return finish();
        }
        if (unlinked.size() == 1) {
            match = unlinked.first();
            adopted = true;
        } else if (!taken.isEmpty()) {
            // One Marketo person per e-mail carries one externalPersonId: never create a second
            // person for the address (and never flip the link between runs).
            const QJsonObject *other = taken.first();
            const QString owner = other->value(u"externalPersonId").toString();
            const bool contactWins = owner.startsWith(u"003") && !isContact;
            setNotSent(record, RecordAction::Skipped,
                       contactWins ? tr("e-mail %1 already used by Contact %2 (Marketo lead %3)")
                                         .arg(email, owner)
                                         .arg(marketoIdOf(*other))
                                   : tr("e-mail %1 already belongs to Marketo lead %2, linked to %3")
                                         .arg(email)
                                         .arg(marketoIdOf(*other))
                                         .arg(owner),
                       owner);
            return finish();
        }
    }
    if (!match && key.isEmpty() && m_policy.leadLookup == SyncPolicy::LeadLookup::Email
        && link.isNull()) {
        setNotSent(record, RecordAction::Invalid,
                   tr("no e-mail address: Marketo matches people by e-mail on this instance"));
        return finish();
    }

    decide(record, RecordMapper::lead(person, owner.salesPersonId, companyId), match, link);
    if (match) {
        const QString marketoEmail = match->value(u"email").toString();
        if (m_policy.leadLookup == SyncPolicy::LeadLookup::Email)
            record.updateById = marketoEmail != email;
        else
            record.updateById = storedId18(match->value(u"externalPersonId")) != id;
        if (adopted)
            record.notes.append(tr("adopted Marketo lead %1").arg(marketoIdOf(*match)));
        if (marketoEmail != email && normalizedEmail(marketoEmail) == key) {
            addFinding(Severity::Warning, QStringLiteral("MKTO_LEAD_EMAIL_NORMALIZED_ONLY"),
                       {id, leadRef(marketoIdOf(*match))},
                       tr("e-mail differs only by case/whitespace: Marketo lead %1 has '%2', %3 "
                          "has '%4'; the Salesforce spelling is written")
                           .arg(marketoIdOf(*match))
                           .arg(marketoEmail, record.name, email));
            record.notes.append(tr("e-mail differs only by case/whitespace"));
        }
        const QString storedCompany = match->value(u"externalCompanyId").toString().trimmed();
        if (!companyId.isEmpty() && storedCompany.size() == 15
            && RecordMapper::id18(QJsonValue(storedCompany)) == companyId) {
            addFinding(Severity::Error, QStringLiteral("MKTO_EXTID_15CHAR"),
                       {companyId, leadRef(marketoIdOf(*match))},
                       tr("Marketo lead %1 (%2) points at the legacy company '%3'; the sync "
                          "re-links it to %4")
                           .arg(marketoIdOf(*match))
                           .arg(record.name, storedCompany, companyId));
            record.notes.append(tr("re-linked from legacy company %1").arg(storedCompany));
        }
        m_personMarketo.insert(id, match);
    } else if (!link.isNull()) {
        record.updateById = record.action == RecordAction::Update;
    }
    finish();
}

void Planner::Run::reportEmailFindings()
{
    QHash<QString, QStringList> peopleByEmail;
    QSet<QString> personIds;
    for (const QList<QJsonObject> *records : {&m_sf.contacts, &m_sf.leads}) {
        for (const QJsonObject &person : *records) {
            const QString id = RecordMapper::id18(person.value(u"Id"));
            personIds.insert(id);
            const QString email = normalizedEmail(person.value(u"Email").toString());
            if (!email.isEmpty())
                peopleByEmail[email].append(id);
        }
    }
    for (const QJsonObject &lead : m_mkto.leads) {
        const QString email = normalizedEmail(lead.value(u"email").toString());
        const QString person = storedId18(lead.value(u"externalPersonId"));
        const bool unlinked = lead.value(u"externalPersonId").toString().trimmed().isEmpty();
        const QStringList people = peopleByEmail.value(email);
        if (unlinked && !people.isEmpty()) {
            addFinding(Severity::Info, QStringLiteral("MKTO_LEAD_UNLINKED_EMAIL_MATCH"),
                       QStringList(people) << leadRef(marketoIdOf(lead)),
                       tr("Marketo lead %1 (%2) has no external IDs and matches %3 by e-mail")
                           .arg(marketoIdOf(lead))
                           .arg(lead.value(u"email").toString(),
                                people.join(QStringLiteral(", "))));
        } else if (m_policy.fullSnapshot && people.isEmpty()
                   && (unlinked || !personIds.contains(person))) {
            addFinding(Severity::Info, QStringLiteral("MKTO_LEAD_NO_SF_MATCH"),
                       {leadRef(marketoIdOf(lead))},
                       tr("Marketo lead %1 (%2 %3) is not in Salesforce; left untouched")
                           .arg(marketoIdOf(lead))
                           .arg(lead.value(u"firstName").toString(),
                                lead.value(u"lastName").toString()));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Stage 4: opportunities

void Planner::Run::planOpportunities()
{
    for (const QJsonObject &opportunity : m_sf.opportunities) {
        PlannedRecord record = makeRecord(Stage::Opportunities, opportunity);
        if (record.action == RecordAction::Create) {
            const QString accountId = RecordMapper::id18(opportunity.value(u"AccountId"));
            const ParentState company = parentState(Stage::Companies, accountId, m_companyState,
                                                    m_mktoCompanies.contains(accountId));
            const OwnerResolution owner = resolveOwner(opportunity);
            if (accountId.isEmpty()) {
                setNotSent(record, RecordAction::Invalid,
                           tr("has no Account; MSI needs externalCompanyId on opportunities"));
            } else if (!company.present) {
                setNotSent(record, RecordAction::Blocked,
                           tr("blocked by %1: %2")
                               .arg(parentText(tr("account"), company.name, accountId),
                                    company.reason),
                           accountId);
            } else if (!owner.ok) {
                setNotSent(record, RecordAction::Blocked, owner.reason, owner.parentId);
            } else {
                decide(record,
                       RecordMapper::opportunity(opportunity, accountId, owner.salesPersonId,
                                                 m_policy.extraOpportunityFields),
                       m_mktoOpportunities.value(record.salesforceId),
                       m_links.value(Stage::Opportunities, record.salesforceId));
            }
        }
        m_opportunityState.insert(record.salesforceId,
                                  {SyncTypes::isSynced(record.action), record.name, record.reason,
                                   0, record.action == RecordAction::Create});
        append(record);
    }
}

// ---------------------------------------------------------------------------------------------
// Stage 5: opportunity roles (leadId = the Marketo lead id, never a Salesforce ID)

void Planner::Run::planRoles()
{
    for (const QJsonObject &role : m_sf.contactRoles) {
        PlannedRecord record = makeRecord(Stage::OpportunityRoles, role);
        if (record.action != RecordAction::Create) {
            append(record);
            continue;
        }
        const QString opportunityId = RecordMapper::id18(role.value(u"OpportunityId"));
        const QString personId = RecordMapper::id18(role.value(u"ContactId"));
        const ParentState opportunity =
            parentState(Stage::Opportunities, opportunityId, m_opportunityState,
                        m_mktoOpportunities.contains(opportunityId));
        const QList<const QJsonObject *> linked = m_mktoLeadsByPerson.value(personId);
        const ParentState person = parentState(Stage::Leads, personId, m_personState,
                                               linked.size() == 1);
        qint64 leadId = person.marketoId;
        if (leadId == 0 && linked.size() == 1)
            leadId = marketoIdOf(*linked.first());

        record.personId = personId;
        record.personName = person.name == personId ? QString() : person.name;
        if (opportunityId.isEmpty() || personId.isEmpty()) {
            setNotSent(record, RecordAction::Invalid,
                       tr("invalid OpportunityId or ContactId ('%1', '%2')")
                           .arg(role.value(u"OpportunityId").toString(),
                                role.value(u"ContactId").toString()));
        } else if (role.value(u"Role").toString().trimmed().isEmpty()) {
            setNotSent(record, RecordAction::Invalid,
                       tr("the role is empty; Marketo keys roles on opportunity, lead and role"));
        } else if (!opportunity.present) {
            setNotSent(record, RecordAction::Blocked,
                       tr("blocked by %1: %2")
                           .arg(parentText(tr("opportunity"), opportunity.name, opportunityId),
                                opportunity.reason),
                       opportunityId);
        } else if (!person.present) {
            setNotSent(record, RecordAction::Deferred,
                       tr("deferred: waits for %1, not in Marketo: %2")
                           .arg(parentText(tr("person"), person.name, personId), person.reason),
                       personId);
        } else if (leadId == 0) {
            // The person is created in stage 3: the role waits for that lead id.
            record.payload = RecordMapper::role(role, 0);
            record.pendingPersonId = personId;
            record.action = RecordAction::Create;
        } else {
            const QJsonObject payload = RecordMapper::role(role, leadId);
            const QString key = opportunityId + u'|' + QString::number(leadId) + u'|'
                + payload.value(u"role").toString();
            decide(record, payload, m_mktoRoles.value(key),
                   m_links.value(Stage::OpportunityRoles, record.salesforceId));
        }
        append(record);
    }
}

// ---------------------------------------------------------------------------------------------
// Stage 6: MSI fields back to Salesforce

// The run reads the MSI values of every person linked to a Marketo lead once stage 3 is done,
// and only theirs: the plan holds the same people. A person this run neither links nor had
// linked is not part of stage 6 (stage 3 says why).
void Planner::Run::planWriteBack()
{
    // A new lead has no MSI values yet (Marketo scores it later): it answers nulls.
    QJsonObject newLead;
    for (const MsiFieldMapping &field : m_policy.msiFields)
        newLead.insert(field.marketoField, QJsonValue(QJsonValue::Null));
    for (const PlannedRecord &personPlan : m_plan.stage(Stage::Leads).records) {
        PlannedRecord record;
        record.stage = Stage::MsiWriteBack;
        record.salesforceId = personPlan.salesforceId;
        record.salesforceType = personPlan.salesforceType;
        record.name = personPlan.name;
        const QJsonObject *person = m_personRecords.value(personPlan.salesforceId);
        const QJsonObject *lead = m_personMarketo.value(personPlan.salesforceId);
        const MarketoLink link = m_links.value(Stage::Leads, personPlan.salesforceId);
        if (!SyncTypes::isSynced(personPlan.action) && link.marketoId <= 0)
            continue;
        if (!person) {
            setNotSent(record, RecordAction::Skipped,
                       tr("not linked in Marketo (%1)").arg(personPlan.reason),
                       personPlan.salesforceId);
        } else if (!lead && personPlan.action == RecordAction::Create && link.marketoId <= 0) {
            record.payload = RecordMapper::msiUpdate(*person, newLead, m_policy.msiFields);
            record.action = record.payload.isEmpty() ? RecordAction::Unchanged
                                                     : RecordAction::Update;
            record.notes.append(tr("a new Marketo lead has no MSI values yet"));
        } else if (!lead) {
            setNotSent(record, RecordAction::Deferred,
                       tr("the MSI values are read from Marketo when the run writes back"));
            record.marketoId = link.marketoId > 0 ? link.marketoId : personPlan.marketoId;
        } else {
            record.marketoId = marketoIdOf(*lead);
            record.payload = RecordMapper::msiUpdate(*person, *lead, m_policy.msiFields);
            record.action = record.payload.isEmpty() ? RecordAction::Unchanged
                                                     : RecordAction::Update;
        }
        append(record);
    }
}

// ---------------------------------------------------------------------------------------------

Planner::Planner(SyncPolicy policy)
    : m_policy(std::move(policy))
{
}

SyncPlan Planner::plan(const SalesforceSnapshot &salesforce, const MarketoState &marketo,
                       const LinkMap &links) const
{
    Run run(m_policy, salesforce, marketo, links);
    return run.build();
}

} // namespace msi::sync
