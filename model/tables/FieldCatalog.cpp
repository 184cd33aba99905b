#include "tables/FieldCatalog.h"

#include "checks/MsiFields.h"
#include "core/SalesforceId.h"
#include "store/SnapshotRepository.h"
#include "tables/FieldLabels.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>

namespace msi::tables {

using store::System;

QString FieldCatalog::key(System system, const QString &objectType)
{
    return store::nameOf(system) + u'/' + objectType;
}

FieldCatalog FieldCatalog::fromState(const checks::SystemState &state)
{
    FieldCatalog catalog;
    const struct
    {
        System system;
        const char *type;
        const QList<QJsonObject> &records;
        const QJsonObject *describe;
    } sets[] = {
        {System::Salesforce, "User", state.sfUsers, nullptr},
        {System::Salesforce, "Account", state.sfAccounts, nullptr},
        {System::Salesforce, "Contact", state.sfContacts, &state.sfContactDescribe},
        {System::Salesforce, "Lead", state.sfLeads, &state.sfLeadDescribe},
        {System::Salesforce, "Opportunity", state.sfOpportunities, nullptr},
        {System::Salesforce, "OpportunityContactRole", state.sfContactRoles, nullptr},
        {System::Marketo, "salespersons", state.mktoSalesPersons, nullptr},
        {System::Marketo, "companies", state.mktoCompanies, nullptr},
        {System::Marketo, "leads", state.mktoLeads, nullptr},
        {System::Marketo, "opportunities", state.mktoOpportunities, nullptr},
        {System::Marketo, "opportunityRoles", state.mktoOpportunityRoles, nullptr},
    };
    for (const auto &set : sets) {
        const QString type = QString::fromLatin1(set.type);
        if (set.describe && !set.describe->isEmpty())
            catalog.addDescribe(set.system, type, *set.describe);
        else
            catalog.addDerived(set.system, type, set.records);
    }
    catalog.addDocumentedMarketoFields();
    return catalog;
}

FieldCatalog FieldCatalog::fromWorkspace(store::Workspace &workspace, int sampleSize)
{
    FieldCatalog catalog;
    const store::SnapshotRepository repository(workspace);
    for (System system : {System::Salesforce, System::Marketo}) {
        for (const QString &type : repository.objectTypes(system)) {
            QList<QJsonObject> records;
            for (const store::SnapshotRow &row : repository.page(system, type, QString(), sampleSize).rows)
                records << row.record;
            catalog.addDerived(system, type, records);
        }
    }
    catalog.addDocumentedMarketoFields();
    return catalog;
}

void FieldCatalog::addDescribe(System system, const QString &objectType, const QJsonObject &describe)
{
    QList<FieldInfo> fields;
    QJsonArray list = describe.value(u"fields").toArray();
    if (list.isEmpty())
        list = describe.value(u"result").toArray();
    for (const QJsonValue &v : std::as_const(list)) {
        const QJsonObject o = v.toObject();
        FieldInfo f;
        const QJsonObject rest = o.value(u"rest").toObject();
        f.name = rest.isEmpty() ? o.value(u"name").toString() : rest.value(u"name").toString();
        f.label = o.value(u"label").toString(o.value(u"displayName").toString());
        f.type = o.value(u"type").toString(o.value(u"dataType").toString()).toLower();
        f.length = o.value(u"length").toInt();
        f.updateable = rest.isEmpty() ? o.value(u"updateable").toBool(true) : !rest.value(u"readOnly").toBool(false);
        if (f.label.isEmpty())
            f.label = FieldLabels::label(f.name);
        if (!f.name.isEmpty())
            fields << f;
    }
    m_objects.insert(key(system, objectType), fields);
}

QString FieldCatalog::typeOfValue(System system, const QString &name, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double: {
        const bool integral = value.toDouble() == double(qint64(value.toDouble()));
        if (system == System::Marketo)
            return integral ? QStringLiteral("integer") : QStringLiteral("float");
        return integral && (name.startsWith(u"NumberOf")) ? QStringLiteral("int") : QStringLiteral("double");
    }
    case QJsonValue::String: {
        const QString text = value.toString();
        static const QRegularExpression dateTime(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}"));
        static const QRegularExpression date(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
        if (dateTime.match(text).hasMatch())
            return QStringLiteral("datetime");
        if (date.match(text).hasMatch())
            return QStringLiteral("date");
        if (system == System::Salesforce) {
            if (name == u"Id")
                return QStringLiteral("id");
            if (name.endsWith(u"Id") && core::SalesforceId(text).isValid())
                return QStringLiteral("reference");
            if (name.contains(u"Email"))
                return QStringLiteral("email");
            if (name.contains(u"Phone"))
                return QStringLiteral("phone");
            if (name.contains(u"Street") || text.contains(u'\n'))
                return QStringLiteral("textarea");
            return QStringLiteral("string");
        }
        if (name == u"email")
            return QStringLiteral("email");
        if (name.contains(u"Phone") || name.contains(u"phone"))
            return QStringLiteral("phone");
        return QStringLiteral("string");
    }
    default:
        return {};
    }
}

void FieldCatalog::addDerived(System system, const QString &objectType, const QList<QJsonObject> &records)
{
    QList<FieldInfo> fields;
    QHash<QString, qsizetype> positions;
    for (const QJsonObject &record : records) {
        for (auto it = record.constBegin(); it != record.constEnd(); ++it) {
            if (it.key() == u"attributes")
                continue;
            auto pos = positions.constFind(it.key());
            if (pos == positions.constEnd()) {
                FieldInfo f;
                f.name = it.key();
                f.label = FieldLabels::label(it.key());
                f.derived = true;
                // System fields are never written.
                f.updateable = !(it.key() == u"Id" || it.key() == u"id" || it.key() == u"CreatedDate"
                                 || it.key() == u"SystemModstamp" || it.key() == u"createdAt"
                                 || it.key() == u"updatedAt" || it.key() == u"marketoGUID");
                pos = positions.insert(it.key(), fields.size());
                fields << f;
            }
            FieldInfo &f = fields[*pos];
            if (f.type.isEmpty())
                f.type = typeOfValue(system, it.key(), it.value());
            if (it.value().isString())
                f.longestValue = qMax(f.longestValue, int(it.value().toString().size()));
        }
    }
    for (FieldInfo &f : fields) {
        if (!f.type.isEmpty())
            continue;
        f.type = QStringLiteral("unknown"); // only nulls seen
        // The MSI package's fields have known types even before the first sync fills them.
        for (const checks::MsiFields::Field &msi : checks::MsiFields::all()) {
            if (system == System::Salesforce
                && (f.name.compare(checks::MsiFields::prefix() + msi.salesforceSuffix, Qt::CaseInsensitive) == 0
                    || f.name.compare(msi.salesforceSuffix, Qt::CaseInsensitive) == 0)) {
                f.type = msi.kind == checks::MsiFields::Kind::DateTime ? QStringLiteral("datetime")
                         : msi.kind == checks::MsiFields::Kind::Number ? QStringLiteral("double")
                                                                       : QStringLiteral("string");
            }
        }
    }
    // Marketo's MSI values are read-only on leads.
    if (system == System::Marketo && objectType == u"leads") {
        for (FieldInfo &f : fields) {
            if (f.name.startsWith(u"msi") || f.name == u"priority" || f.name == u"relativeUrgency"
                || f.name == u"relativeScoring" || f.name == u"urgency" || f.name == u"relativeScore")
                f.updateable = false;
        }
    }
    m_objects.insert(key(system, objectType), fields);
}

void FieldCatalog::addDocumentedMarketoFields()
{
    // Marketo REST API reference (shared/reference/marketo-api.md, sections 3-7).
    struct Documented
    {
        const char *object;
        const char *name;
        const char *type;
        int length;
        bool updateable;
    };
    static const Documented documented[] = {
        {"salespersons", "externalSalesPersonId", "string", 255, true},
        {"salespersons", "email", "email", 255, true},
        {"salespersons", "firstName", "string", 255, true},
        {"salespersons", "lastName", "string", 255, true},
        {"companies", "externalCompanyId", "string", 100, false},
        {"companies", "externalSalesPersonId", "string", 255, true},
        {"companies", "company", "string", 255, true},
        {"companies", "industry", "string", 255, true},
        {"companies", "website", "url", 255, true},
        {"companies", "mainPhone", "phone", 255, true},
        {"companies", "billingStreet", "text", 0, true},
        {"companies", "billingCity", "string", 255, true},
        {"companies", "billingState", "string", 255, true},
        {"companies", "billingPostalCode", "string", 255, true},
        {"companies", "billingCountry", "string", 255, true},
        {"companies", "annualRevenue", "currency", 0, true},
        {"companies", "numberOfEmployees", "integer", 0, true},
        {"leads", "externalPersonId", "string", 255, true},
        {"leads", "externalSalesPersonId", "string", 255, true},
        {"leads", "externalCompanyId", "string", 100, true},
        {"leads", "email", "email", 255, true},
        {"leads", "firstName", "string", 255, true},
        {"leads", "lastName", "string", 255, true},
        {"leads", "title", "string", 255, true},
        {"leads", "leadSource", "string", 255, true},
        {"leads", "phone", "phone", 255, true},
        {"leads", "company", "string", 255, true},
        {"opportunities", "externalOpportunityId", "string", 50, false},
        {"opportunities", "name", "string", 255, true},
        {"opportunities", "description", "text", 2000, true},
        {"opportunities", "externalCompanyId", "string", 100, true},
        {"opportunities", "externalSalesPersonId", "string", 255, true},
        {"opportunities", "type", "string", 255, true},
        {"opportunities", "stage", "string", 255, true},
        {"opportunities", "amount", "currency", 0, true},
        {"opportunities", "source", "string", 255, true},
        {"opportunities", "externalCreatedDate", "datetime", 0, true},
        {"opportunityRoles", "externalOpportunityId", "string", 50, false},
        {"opportunityRoles", "leadId", "integer", 0, false},
        {"opportunityRoles", "role", "string", 50, false},
        {"opportunityRoles", "isPrimary", "boolean", 0, true},
    };
    for (const Documented &d : documented) {
        QList<FieldInfo> &list = m_objects[key(System::Marketo, QString::fromLatin1(d.object))];
        const QString name = QString::fromLatin1(d.name);
        auto it = std::find_if(list.begin(), list.end(), [&](const FieldInfo &f) { return f.name == name; });
        if (it == list.end()) {
            FieldInfo f;
            f.name = name;
            f.label = FieldLabels::label(name);
            f.derived = true;
            list << f;
            it = list.end() - 1;
        }
        if (!it->derived)
            continue; // a real describe wins
        it->type = QString::fromLatin1(d.type);
        it->length = d.length;
        it->updateable = d.updateable;
    }
}

QList<FieldInfo> FieldCatalog::fields(System system, const QString &objectType) const
{
    return m_objects.value(key(system, objectType));
}

const FieldInfo *FieldCatalog::field(System system, const QString &objectType, const QString &name) const
{
    const auto it = m_objects.constFind(key(system, objectType));
    if (it == m_objects.constEnd() || name.isEmpty())
        return nullptr;
    for (const FieldInfo &f : *it) {
        if (f.name.compare(name, Qt::CaseInsensitive) == 0)
            return &f;
    }
    return nullptr;
}

bool FieldCatalog::hasObject(System system, const QString &objectType) const
{
    return m_objects.contains(key(system, objectType));
}

bool FieldCatalog::isDerived(System system, const QString &objectType) const
{
    const QList<FieldInfo> list = fields(system, objectType);
    return list.isEmpty() || list.constFirst().derived;
}

} // namespace msi::tables
