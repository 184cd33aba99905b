#include "checks/StateReader.h"

#include "checks/Logging.h"
#include "checks/MsiFields.h"
#include "checks/Records.h"
#include "core/SalesforceId.h"
#include "marketo/MarketoClient.h"
#include "salesforce/SalesforceClient.h"
#include "salesforce/Soql.h"

namespace msi::checks {

using core::SalesforceId;
using salesforce::Soql;

struct StateReader::Run
{
    QString query;
    std::function<void(const Result &)> done;
    Result result;
    int pending = 0;
    std::function<void()> next;
    QStringList marketoLeadFields;
};

namespace {

const QString kId = QStringLiteral("Id");

// 'a','b' for a SOQL IN list of validated IDs.
QString idList(const QStringList &ids)
{
    QStringList quoted;
    for (const QString &id : ids)
        quoted.append(Soql::quote(id));
    return quoted.join(u',');
}

bool hasRecord(const QList<QJsonObject> &list, const QString &id18)
{
    for (const QJsonObject &r : list) {
        if (Records::id18(r, kId) == id18)
            return true;
    }
    return false;
}

void addUnique(QStringList *list, const QString &value)
{
    if (!value.isEmpty() && !list->contains(value))
        list->append(value);
}

// The 18-character ID and, for lookups in Marketo, its legacy 15-character form.
void addBothForms(QStringList *list, const QString &id18)
{
    addUnique(list, id18);
    addUnique(list, id18.left(15));
}

} // namespace

StateReader::StateReader(salesforce::SalesforceClient *salesforce, marketo::MarketoClient *marketo,
                         QObject *parent)
    : QObject(parent)
    , m_salesforce(salesforce)
    , m_marketo(marketo)
{}

StateReader::~StateReader() = default;

void StateReader::read(const QString &query, std::function<void(const Result &)> done)
{
    auto run = std::make_shared<Run>();
    run->query = query.trimmed();
    run->done = std::move(done);
    run->result.state.fallbackSalesPersonId = m_fallbackSalesPerson; // queue owners are checked
                                                                     // against it
    describe(run);
}

void StateReader::finishStep(const std::shared_ptr<Run> &run)
{
    if (--run->pending > 0)
        return;
    if (run->result.error.isError() || !run->next) {
        qCInfo(lcChecks) << "live state read:" << run->result.salesforceCalls << "Salesforce and"
                         << run->result.marketoCalls << "Marketo calls";
        run->done(run->result);
        return;
    }
    auto next = std::move(run->next);
    run->next = nullptr;
    next();
}

void StateReader::describe(const std::shared_ptr<Run> &run)
{
    run->pending = 3;
    run->next = [this, run] { findTarget(run); };
    for (const QString &object : {QStringLiteral("Lead"), QStringLiteral("Contact")}) {
        m_salesforce->describe(object, [this, run, object](const salesforce::DescribeResult &r) {
            ++run->result.salesforceCalls;
            if (r.error.isError() && !run->result.error.isError())
                run->result.error = r.error;
            (object == u"Lead" ? run->result.state.sfLeadDescribe
                               : run->result.state.sfContactDescribe) = r.describe;
            finishStep(run);
        });
    }
    m_marketo->describeLeads([this, run](const marketo::LeadSchemaReport &r) {
        ++run->result.marketoCalls;
        if (r.error.isError() && !run->result.error.isError())
            run->result.error = r.error;
        QStringList fields{QStringLiteral("id"), QStringLiteral("email")};
        for (const char *name : {"firstName", "lastName", "externalPersonId", "externalCompanyId",
                                 "externalSalesPersonId"}) {
            if (r.schema.hasField(QString::fromLatin1(name)))
                fields.append(QString::fromLatin1(name));
        }
        for (const MsiFields::Field &f : MsiFields::all()) {
            for (const QString &name : f.marketoNames) {
                if (r.schema.hasField(name)) {
                    fields.append(name);
                    break;
                }
            }
        }
        run->marketoLeadFields = fields;
        finishStep(run);
    });
}

QString StateReader::fields(const QString &object, const std::shared_ptr<Run> &run) const
{
    QStringList f{kId, QStringLiteral("Name")};
    if (object == u"User")
        f << QStringLiteral("Email") << QStringLiteral("Title");
    else if (object == u"Account" || object == u"Opportunity")
        f << QStringLiteral("OwnerId");
    if (object == u"Opportunity")
        f << QStringLiteral("AccountId");
    if (object == u"OpportunityContactRole")
        f = QStringList{kId, QStringLiteral("OpportunityId"), QStringLiteral("ContactId"),
                        QStringLiteral("Role"), QStringLiteral("IsPrimary")};
    if (object == u"Contact" || object == u"Lead") {
        f << QStringLiteral("Email") << QStringLiteral("OwnerId");
        f << (object == u"Contact" ? QStringLiteral("AccountId") : QStringLiteral("IsConverted"));
        // Only the MSI fields the integration user can see: a hidden one would fail the query
        // (INVALID_FIELD); the diagnosis reports it from the describe instead.
        const QJsonObject &d = object == u"Lead" ? run->result.state.sfLeadDescribe
                                                 : run->result.state.sfContactDescribe;
        for (const MsiFields::Field &field : MsiFields::all()) {
            const QString name = MsiFields::describeField(d, field).value(QStringLiteral("name")).toString();
            if (!name.isEmpty())
                f << name;
        }
    }
    return f.join(u',');
}

void StateReader::query(const std::shared_ptr<Run> &run, const QString &soql,
                        QList<QJsonObject> SystemState::*list)
{
    ++run->pending;
    m_salesforce->query(soql, [this, run, list](const salesforce::QueryResult &r) {
        ++run->result.salesforceCalls;
        if (r.error.isError()) {
            if (!run->result.error.isError())
                run->result.error = r.error;
        } else {
            QList<QJsonObject> &target = run->result.state.*list;
            for (const QJsonObject &record : r.records) {
                if (!hasRecord(target, Records::id18(record, kId)))
                    target.append(record);
            }
        }
        finishStep(run);
    });
}

void StateReader::findTarget(const std::shared_ptr<Run> &run)
{
    run->pending = 1; // held until every query below is sent
    run->next = [this, run] { expand(run); };
    const SalesforceId id(run->query);
    const struct
    {
        QString object;
        QList<QJsonObject> SystemState::*list;
    } objects[] = {{QStringLiteral("Contact"), &SystemState::sfContacts},
                   {QStringLiteral("Lead"), &SystemState::sfLeads},
                   {QStringLiteral("Account"), &SystemState::sfAccounts},
                   {QStringLiteral("Opportunity"), &SystemState::sfOpportunities}};
    for (const auto &o : objects) {
        QString where;
        if (id.isValid() && id.objectType() == o.object)
            where = u"Id = "_qs + Soql::quote(id.id18());
        else if (!id.isValid() && run->query.contains(u'@')
                 && (o.object == u"Contact" || o.object == u"Lead"))
            where = u"Email = "_qs + Soql::quote(run->query);
        else if (!id.isValid() && !run->query.contains(u'@'))
            where = u"Name = "_qs + Soql::quote(run->query);
        if (!where.isEmpty())
            query(run, u"SELECT "_qs + fields(o.object, run) + u" FROM "_qs + o.object
                      + u" WHERE "_qs + where,
                  o.list);
    }
    finishStep(run);
}

void StateReader::expand(const std::shared_ptr<Run> &run)
{
    const SystemState &s = run->result.state;
    const int found = int(s.sfContacts.size() + s.sfLeads.size() + s.sfAccounts.size()
                          + s.sfOpportunities.size());
    if (found != 1) { // nothing or ambiguous: MsiDiagnosis::find says which
        run->pending = 1;
        run->next = nullptr;
        finishStep(run);
        return;
    }
    run->pending = 1;
    run->next = [this, run] { readOwnersAndContacts(run); };
    auto select = [&](const QString &object, const QString &where,
                      QList<QJsonObject> SystemState::*list) {
        query(run, u"SELECT "_qs + fields(object, run) + u" FROM "_qs + object + u" WHERE "_qs + where,
              list);
    };
    const QString contact = QStringLiteral("Contact");
    const QString lead = QStringLiteral("Lead");
    const QString opportunity = QStringLiteral("Opportunity");
    const QString role = QStringLiteral("OpportunityContactRole");
    if (!s.sfContacts.isEmpty() || !s.sfLeads.isEmpty()) {
        const QJsonObject person = s.sfContacts.isEmpty() ? s.sfLeads.first() : s.sfContacts.first();
        const QString email = Records::text(person, QStringLiteral("Email")).trimmed();
        if (!email.isEmpty()) { // people sharing the e-mail ("Contact wins")
            select(contact, u"Email = "_qs + Soql::quote(email), &SystemState::sfContacts);
            select(lead, u"Email = "_qs + Soql::quote(email), &SystemState::sfLeads);
        }
        const QString account = Records::id18(person, QStringLiteral("AccountId"));
        if (!s.sfContacts.isEmpty()) {
            const QString id = Records::id18(person, kId);
            select(role, u"ContactId = "_qs + Soql::quote(id), &SystemState::sfContactRoles);
            if (!account.isEmpty()) {
                select(QStringLiteral("Account"), u"Id = "_qs + Soql::quote(account), &SystemState::sfAccounts);
                select(opportunity, u"AccountId = "_qs + Soql::quote(account), &SystemState::sfOpportunities);
            }
        }
    } else if (!s.sfAccounts.isEmpty()) {
        const QString id = Records::id18(s.sfAccounts.first(), kId);
        select(contact, u"AccountId = "_qs + Soql::quote(id), &SystemState::sfContacts);
        select(opportunity, u"AccountId = "_qs + Soql::quote(id), &SystemState::sfOpportunities);
    } else {
        const QJsonObject &opp = s.sfOpportunities.first();
        const QString account = Records::id18(opp, QStringLiteral("AccountId"));
        if (!account.isEmpty())
            select(QStringLiteral("Account"), u"Id = "_qs + Soql::quote(account), &SystemState::sfAccounts);
        select(role, u"OpportunityId = "_qs + Soql::quote(Records::id18(opp, kId)),
               &SystemState::sfContactRoles);
    }
    finishStep(run);
}

void StateReader::readOwnersAndContacts(const std::shared_ptr<Run> &run)
{
    const SystemState &s = run->result.state;
    QStringList contacts;
    QStringList opportunities;
    for (const QJsonObject &role : s.sfContactRoles) {
        const QString c = Records::id18(role, QStringLiteral("ContactId"));
        const QString o = Records::id18(role, QStringLiteral("OpportunityId"));
        if (!c.isEmpty() && !hasRecord(s.sfContacts, c))
            addUnique(&contacts, c);
        if (!o.isEmpty() && !hasRecord(s.sfOpportunities, o))
            addUnique(&opportunities, o);
    }
    QStringList owners;
    const SalesforceId fallback(m_fallbackSalesPerson);
    for (const auto *list : {&s.sfContacts, &s.sfLeads, &s.sfAccounts, &s.sfOpportunities}) {
        for (const QJsonObject &r : *list) {
            const SalesforceId owner(Records::text(r, QStringLiteral("OwnerId")));
            if (owner.isValid() && owner.objectType() == u"User")
                addUnique(&owners, owner.id18());
            else if (owner.isValid() && fallback.isValid() && fallback.objectType() == u"User")
                addUnique(&owners, fallback.id18()); // a queue: the sync sends the fallback
        }
    }
    run->pending = 1;
    run->next = [this, run] { readMarketo(run); };
    if (!contacts.isEmpty())
        query(run, u"SELECT "_qs + fields(QStringLiteral("Contact"), run)
                  + u" FROM Contact WHERE Id IN ("_qs + idList(contacts) + u')',
              &SystemState::sfContacts);
    if (!opportunities.isEmpty())
        query(run, u"SELECT "_qs + fields(QStringLiteral("Opportunity"), run)
                  + u" FROM Opportunity WHERE Id IN ("_qs + idList(opportunities) + u')',
              &SystemState::sfOpportunities);
    // Owners of the role contacts read just now are not known yet; their own diagnosis reads them.
    if (!owners.isEmpty())
        query(run, u"SELECT "_qs + fields(QStringLiteral("User"), run) + u" FROM User WHERE Id IN ("_qs
                  + idList(owners) + u')',
              &SystemState::sfUsers);
    finishStep(run);
}

void StateReader::marketoQuery(const std::shared_ptr<Run> &run, int object,
                               const QString &filterType, const QStringList &values,
                               const QStringList &fields, QList<QJsonObject> SystemState::*list)
{
    if (values.isEmpty())
        return;
    ++run->pending;
    m_marketo->getByFilter(marketo::MarketoObject(object), filterType, values, fields,
                           [this, run, list](const marketo::FilterReport &r) {
        run->result.marketoCalls += r.calls;
        if (r.error.isError()) {
            if (!run->result.error.isError())
                run->result.error = r.error;
        } else {
            QList<QJsonObject> &target = run->result.state.*list;
            for (const QJsonObject &record : r.records) {
                if (!target.contains(record))
                    target.append(record);
            }
        }
        finishStep(run);
    });
}

void StateReader::readMarketo(const std::shared_ptr<Run> &run)
{
    const SystemState &s = run->result.state;
    QStringList people;
    QStringList emails;
    for (const auto *list : {&s.sfContacts, &s.sfLeads}) {
        for (const QJsonObject &p : *list) {
            addBothForms(&people, Records::id18(p, kId));
            addUnique(&emails, Records::text(p, QStringLiteral("Email")).trimmed());
        }
    }
    QStringList accounts;
    for (const QJsonObject &a : s.sfAccounts)
        addBothForms(&accounts, Records::id18(a, kId));
    QStringList opportunities;
    QStringList opportunities18;
    for (const QJsonObject &o : s.sfOpportunities) {
        addBothForms(&opportunities, Records::id18(o, kId));
        addUnique(&opportunities18, Records::id18(o, kId));
    }
    run->pending = 1;
    run->next = [this, run] {
        // Phase 2: every sales person named by a Salesforce owner or a Marketo record.
        const SystemState &st = run->result.state;
        QStringList salesPersons;
        for (const QJsonObject &u : st.sfUsers)
            addBothForms(&salesPersons, Records::id18(u, kId));
        for (const auto *list : {&st.mktoLeads, &st.mktoCompanies, &st.mktoOpportunities}) {
            for (const QJsonObject &r : *list)
                addUnique(&salesPersons, Records::text(r, QStringLiteral("externalSalesPersonId")).trimmed());
        }
        run->pending = 1;
        run->next = nullptr;
        marketoQuery(run, int(marketo::MarketoObject::SalesPerson), QStringLiteral("externalSalesPersonId"),
                     salesPersons,
                     {QStringLiteral("id"), QStringLiteral("externalSalesPersonId"),
                      QStringLiteral("email"), QStringLiteral("firstName"), QStringLiteral("lastName")},
                     &SystemState::mktoSalesPersons);
        finishStep(run);
    };
    const QStringList leadFields = run->marketoLeadFields;
    marketoQuery(run, int(marketo::MarketoObject::Lead), QStringLiteral("externalPersonId"), people,
                 leadFields, &SystemState::mktoLeads);
    marketoQuery(run, int(marketo::MarketoObject::Lead), QStringLiteral("email"), emails, leadFields,
                 &SystemState::mktoLeads);
    // Explicit fields: Marketo's defaults for these objects omit e-mails and the owner links.
    marketoQuery(run, int(marketo::MarketoObject::Company), QStringLiteral("externalCompanyId"),
                 accounts,
                 {QStringLiteral("id"), QStringLiteral("externalCompanyId"),
                  QStringLiteral("externalSalesPersonId"), QStringLiteral("company")},
                 &SystemState::mktoCompanies);
    marketoQuery(run, int(marketo::MarketoObject::Opportunity), QStringLiteral("externalOpportunityId"),
                 opportunities,
                 {QStringLiteral("marketoGUID"), QStringLiteral("externalOpportunityId"),
                  QStringLiteral("externalCompanyId"), QStringLiteral("externalSalesPersonId"),
                  QStringLiteral("name")},
                 &SystemState::mktoOpportunities);
    marketoQuery(run, int(marketo::MarketoObject::OpportunityRole),
                 QStringLiteral("externalOpportunityId"), opportunities18,
                 {QStringLiteral("marketoGUID"), QStringLiteral("externalOpportunityId"),
                  QStringLiteral("leadId"), QStringLiteral("role"), QStringLiteral("isPrimary")},
                 &SystemState::mktoOpportunityRoles);
    finishStep(run);
}

} // namespace msi::checks
