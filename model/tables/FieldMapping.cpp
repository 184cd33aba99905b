#include "tables/FieldMapping.h"

#include "checks/MsiFields.h"
#include "sync/SyncTypes.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

namespace msi::tables {

namespace {

using store::System;

enum class Category { Text, Number, Boolean, Date, DateTime, Unknown };

Category categoryOf(const QString &type)
{
    static const QSet<QString> text{
        QStringLiteral("string"), QStringLiteral("textarea"), QStringLiteral("email"), QStringLiteral("phone"),
        QStringLiteral("url"), QStringLiteral("picklist"), QStringLiteral("multipicklist"), QStringLiteral("id"),
        QStringLiteral("reference"), QStringLiteral("text"), QStringLiteral("combobox")};
    static const QSet<QString> number{QStringLiteral("double"), QStringLiteral("currency"), QStringLiteral("percent"),
                                      QStringLiteral("int"), QStringLiteral("integer"), QStringLiteral("float"),
                                      QStringLiteral("score")};
    if (text.contains(type))
        return Category::Text;
    if (number.contains(type))
        return Category::Number;
    if (type == u"boolean")
        return Category::Boolean;
    if (type == u"date")
        return Category::Date;
    if (type == u"datetime")
        return Category::DateTime;
    return Category::Unknown;
}

bool isInteger(const QString &type)
{
    return type == u"int" || type == u"integer";
}

// "mkto_si__Priority__c" -> "priority", "Lead_Source__c" -> "leadsource", "mainPhone" -> "mainphone"
QString normalized(QString name)
{
    const qsizetype ns = name.indexOf(QStringLiteral("__"));
    if (ns > 0 && name.endsWith(QStringLiteral("__c")) && ns + 2 < name.size() - 3)
        name = name.mid(ns + 2);
    if (name.endsWith(QStringLiteral("__c")))
        name.chop(3);
    QString out;
    for (const QChar c : std::as_const(name)) {
        if (c.isLetterOrNumber())
            out += c.toLower();
    }
    return out;
}

struct Default
{
    const char *stage;
    const char *sfObject;
    const char *sfField;
    const char *mktoObject;
    const char *mktoField;
    bool locked;
};

// sync::RecordMapper, field by field; locked = the MSI external IDs.
const Default kDefaults[] = {
    {"sales-persons", "User", "Id", "salespersons", "externalSalesPersonId", true},
    {"sales-persons", "User", "Email", "salespersons", "email", false},
    {"sales-persons", "User", "FirstName", "salespersons", "firstName", false},
    {"sales-persons", "User", "LastName", "salespersons", "lastName", false},
    {"companies", "Account", "Id", "companies", "externalCompanyId", true},
    {"companies", "Account", "OwnerId", "companies", "externalSalesPersonId", true},
    {"companies", "Account", "Name", "companies", "company", false},
    {"companies", "Account", "Industry", "companies", "industry", false},
    {"companies", "Account", "Website", "companies", "website", false},
    {"companies", "Account", "Phone", "companies", "mainPhone", false},
    {"companies", "Account", "BillingStreet", "companies", "billingStreet", false},
    {"companies", "Account", "BillingCity", "companies", "billingCity", false},
    {"companies", "Account", "BillingState", "companies", "billingState", false},
    {"companies", "Account", "BillingPostalCode", "companies", "billingPostalCode", false},
    {"companies", "Account", "BillingCountry", "companies", "billingCountry", false},
    {"companies", "Account", "AnnualRevenue", "companies", "annualRevenue", false},
    {"companies", "Account", "NumberOfEmployees", "companies", "numberOfEmployees", false},
    {"leads", "Contact", "Id", "leads", "externalPersonId", true},
    {"leads", "Contact", "OwnerId", "leads", "externalSalesPersonId", true},
    {"leads", "Contact", "AccountId", "leads", "externalCompanyId", true},
    {"leads", "Contact", "Email", "leads", "email", false},
    {"leads", "Contact", "FirstName", "leads", "firstName", false},
    {"leads", "Contact", "LastName", "leads", "lastName", false},
    {"leads", "Contact", "Title", "leads", "title", false},
    {"leads", "Contact", "LeadSource", "leads", "leadSource", false},
    {"leads", "Contact", "Phone", "leads", "phone", false},
    {"leads", "Lead", "Id", "leads", "externalPersonId", true},
    {"leads", "Lead", "OwnerId", "leads", "externalSalesPersonId", true},
    {"leads", "Lead", "Email", "leads", "email", false},
    {"leads", "Lead", "FirstName", "leads", "firstName", false},
    {"leads", "Lead", "LastName", "leads", "lastName", false},
    {"leads", "Lead", "Title", "leads", "title", false},
    {"leads", "Lead", "LeadSource", "leads", "leadSource", false},
    {"leads", "Lead", "Company", "leads", "company", false},
    {"opportunities", "Opportunity", "Id", "opportunities", "externalOpportunityId", true},
    {"opportunities", "Opportunity", "AccountId", "opportunities", "externalCompanyId", true},
    {"opportunities", "Opportunity", "OwnerId", "opportunities", "externalSalesPersonId", true},
    {"opportunities", "Opportunity", "Name", "opportunities", "name", false},
    {"opportunities", "Opportunity", "Amount", "opportunities", "amount", false},
    {"opportunities", "Opportunity", "StageName", "opportunities", "stage", false},
    {"opportunities", "Opportunity", "Type", "opportunities", "type", false},
    {"opportunities", "Opportunity", "LeadSource", "opportunities", "source", false},
    {"opportunities", "Opportunity", "CreatedDate", "opportunities", "externalCreatedDate", false},
    {"opportunity-roles", "OpportunityContactRole", "OpportunityId", "opportunityRoles", "externalOpportunityId", true},
    {"opportunity-roles", "OpportunityContactRole", "ContactId", "opportunityRoles", "leadId", true},
    {"opportunity-roles", "OpportunityContactRole", "Role", "opportunityRoles", "role", true}, // dedupe key
    {"opportunity-roles", "OpportunityContactRole", "IsPrimary", "opportunityRoles", "isPrimary", false},
};

} // namespace

QString FieldMapping::directionKey(MappingRow::Direction direction)
{
    return direction == MappingRow::Direction::ToMarketo ? QStringLiteral("to-marketo")
                                                         : QStringLiteral("to-salesforce");
}

QString FieldMapping::msiTarget(const FieldCatalog &catalog, const QString &salesforceObject,
                                const QString &salesforceSuffix)
{
    const QList<FieldInfo> fields = catalog.fields(System::Salesforce, salesforceObject);
    const QString prefixed = checks::MsiFields::prefix() + salesforceSuffix;
    for (const FieldInfo &f : fields) {
        if (f.name.compare(prefixed, Qt::CaseInsensitive) == 0)
            return f.name;
    }
    const QString wanted = normalized(salesforceSuffix);
    for (const FieldInfo &f : fields) {
        if (f.name.endsWith(QStringLiteral("__c")) && normalized(f.name) == wanted)
            return f.name;
    }
    for (const FieldInfo &f : fields) {
        if (f.name.endsWith(QStringLiteral("__c")) && normalized(f.label) == wanted)
            return f.name;
    }
    return {};
}

FieldMapping FieldMapping::defaults(const FieldCatalog &catalog)
{
    FieldMapping mapping;
    for (const Default &d : kDefaults) {
        MappingRow row;
        row.stage = QString::fromLatin1(d.stage);
        row.salesforceObject = QString::fromLatin1(d.sfObject);
        row.salesforceField = QString::fromLatin1(d.sfField);
        row.marketoObject = QString::fromLatin1(d.mktoObject);
        row.marketoField = QString::fromLatin1(d.mktoField);
        row.locked = d.locked;
        mapping.rows << row;
    }
    const QString writeBack = sync::SyncTypes::stageKey(sync::Stage::MsiWriteBack);
    for (const QString &object : {QStringLiteral("Lead"), QStringLiteral("Contact")}) {
        for (const checks::MsiFields::Field &field : checks::MsiFields::all()) {
            MappingRow row;
            row.stage = writeBack;
            row.direction = MappingRow::Direction::ToSalesforce;
            row.salesforceObject = object;
            row.salesforceField = msiTarget(catalog, object, field.salesforceSuffix);
            row.marketoObject = QStringLiteral("leads");
            row.marketoField = field.marketoNames.constFirst();
            for (const QString &name : field.marketoNames) {
                if (catalog.field(System::Marketo, row.marketoObject, name)) {
                    row.marketoField = name; // this instance's name (priority / relativeScore ...)
                    break;
                }
            }
            mapping.rows << row;
        }
    }
    return mapping;
}

QJsonObject FieldMapping::toJson() const
{
    QJsonArray array;
    for (const MappingRow &row : rows) {
        array.append(QJsonObject{{QStringLiteral("stage"), row.stage},
                                 {QStringLiteral("direction"), directionKey(row.direction)},
                                 {QStringLiteral("salesforceObject"), row.salesforceObject},
                                 {QStringLiteral("salesforceField"), row.salesforceField},
                                 {QStringLiteral("marketoObject"), row.marketoObject},
                                 {QStringLiteral("marketoField"), row.marketoField},
                                 {QStringLiteral("locked"), row.locked}});
    }
    QJsonObject document{{QStringLiteral("format"), QStringLiteral("msi-bridge-mapping")},
                         {QStringLiteral("version"), 1},
                         {QStringLiteral("rows"), array}};
    if (!fallbackSalesPersonId.isEmpty())
        document.insert(QStringLiteral("policy"),
                        QJsonObject{{QStringLiteral("fallbackSalesPersonId"), fallbackSalesPersonId}});
    return document;
}

bool FieldMapping::fromJson(const QJsonObject &document, FieldMapping *mapping, QString *error)
{
    if (document.value(u"format").toString() != u"msi-bridge-mapping") {
        *error = tr("This is not an MSI Bridge field mapping (the \"format\" is not \"msi-bridge-mapping\").");
        return false;
    }
    if (document.value(u"version").toInt() != 1) {
        *error = tr("Mapping version %1 is not supported (this version reads version 1).")
                     .arg(document.value(u"version").toVariant().toString());
        return false;
    }
    FieldMapping result;
    const QJsonArray array = document.value(u"rows").toArray();
    QStringList stages;
    for (sync::Stage stage : sync::SyncTypes::allStages())
        stages << sync::SyncTypes::stageKey(stage);
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject o = array.at(i).toObject();
        MappingRow row;
        row.stage = o.value(u"stage").toString();
        const QString direction = o.value(u"direction").toString();
        row.direction = direction == u"to-salesforce" ? MappingRow::Direction::ToSalesforce
                                                      : MappingRow::Direction::ToMarketo;
        row.salesforceObject = o.value(u"salesforceObject").toString();
        row.salesforceField = o.value(u"salesforceField").toString();
        row.marketoObject = o.value(u"marketoObject").toString();
        row.marketoField = o.value(u"marketoField").toString();
        row.locked = o.value(u"locked").toBool(false);
        if (!stages.contains(row.stage)) {
            *error = tr("Row %1 names an unknown stage \"%2\".").arg(i + 1).arg(row.stage);
            return false;
        }
        if (direction != u"to-marketo" && direction != u"to-salesforce") {
            *error = tr("Row %1 has direction \"%2\"; use \"to-marketo\" or \"to-salesforce\".").arg(i + 1).arg(direction);
            return false;
        }
        if (row.salesforceObject.isEmpty() || row.marketoObject.isEmpty()) {
            *error = tr("Row %1 does not name both objects (salesforceObject, marketoObject).").arg(i + 1);
            return false;
        }
        result.rows << row;
    }
    result.fallbackSalesPersonId =
        document.value(u"policy").toObject().value(u"fallbackSalesPersonId").toString().trimmed();
    *mapping = result;
    return true;
}

void FieldMapping::enforceLockedRows(const FieldMapping &defaults)
{
    QList<MappingRow> out;
    for (const MappingRow &row : std::as_const(defaults.rows)) {
        if (row.locked)
            out << row;
    }
    for (MappingRow row : std::as_const(rows)) {
        if (row.locked)
            continue; // only the defaults' locked rows count
        const bool clash = std::any_of(out.cbegin(), out.cend(), [&](const MappingRow &l) {
            return l.locked && l.marketoObject == row.marketoObject && l.marketoField == row.marketoField
                   && l.salesforceObject == row.salesforceObject;
        });
        if (!clash)
            out << row;
    }
    // Keep the stage order of the defaults.
    QStringList order;
    for (sync::Stage stage : sync::SyncTypes::allStages())
        order << sync::SyncTypes::stageKey(stage);
    std::stable_sort(out.begin(), out.end(), [&](const MappingRow &a, const MappingRow &b) {
        return order.indexOf(a.stage) < order.indexOf(b.stage);
    });
    rows = out;
}

MappingCheck FieldMapping::check(const MappingRow &row, const FieldCatalog &catalog)
{
    using Level = MappingCheck::Level;
    const bool toMarketo = row.direction == MappingRow::Direction::ToMarketo;
    const System sourceSystem = toMarketo ? System::Salesforce : System::Marketo;
    const System targetSystem = toMarketo ? System::Marketo : System::Salesforce;
    const QString sourceObject = toMarketo ? row.salesforceObject : row.marketoObject;
    const QString targetObject = toMarketo ? row.marketoObject : row.salesforceObject;
    const QString sourceName = toMarketo ? row.salesforceField : row.marketoField;
    const QString targetName = toMarketo ? row.marketoField : row.salesforceField;
    const QString sourceLabel = sourceObject + u'.' + sourceName;
    const QString targetLabel = targetObject + u'.' + targetName;

    if (sourceName.isEmpty() || targetName.isEmpty()) {
        if (!toMarketo)
            return {Level::Error, tr("Pick the %1 field that receives Marketo's %2; no field of the org is named like it.")
                                      .arg(row.salesforceObject, row.marketoField)};
        return {Level::Info, tr("Not mapped: nothing is sent.")};
    }
    const FieldInfo *source = catalog.field(sourceSystem, sourceObject, sourceName);
    const FieldInfo *target = catalog.field(targetSystem, targetObject, targetName);
    const QString sourceSystemName = toMarketo ? tr("Salesforce") : tr("Marketo");
    const QString targetSystemName = toMarketo ? tr("Marketo") : tr("Salesforce");
    if (!source)
        return {Level::Error, tr("%1 does not exist in %2.").arg(sourceLabel, sourceSystemName)};
    if (!target)
        return {Level::Error, tr("%1 does not exist in %2.").arg(targetLabel, targetSystemName)};

    if (row.locked) {
        const bool id = source->type == u"id" || source->type == u"reference";
        if (id && target->length > 0 && target->length < 18)
            return {Level::Error, tr("%1 holds only %2 characters; MSI needs the 18-character ID.")
                                      .arg(targetLabel).arg(target->length)};
        if (!id && target->length > 0 && source->longestValue > target->length)
            return {Level::Error, tr("A value of %1 characters in %2 does not fit %3 (%4 characters).")
                                      .arg(source->longestValue).arg(sourceLabel, targetLabel).arg(target->length)};
        if (id && categoryOf(target->type) == Category::Number)
            return {Level::Info, tr("Locked: %1 is the Marketo lead id of %2's person, found through its "
                                    "externalPersonId.").arg(row.marketoField, sourceLabel)};
        return {Level::Info, id ? tr("Locked: MSI requires %1 to hold the 18-character ID of %2.")
                                      .arg(row.marketoField, sourceLabel)
                                : tr("Locked: %1 is part of the key Marketo matches records by.")
                                      .arg(row.marketoField)};
    }
    if (!target->updateable)
        return {Level::Error, toMarketo ? tr("%1 cannot be updated in Marketo.").arg(targetLabel)
                                        : tr("%1 is read-only for the integration user (field-level security).")
                                              .arg(targetLabel)};

    const Category from = categoryOf(source->type);
    const Category to = categoryOf(target->type);
    if (from == Category::Unknown || to == Category::Unknown) {
        const QString label = from == Category::Unknown ? sourceLabel : targetLabel;
        return {Level::Info, tr("The type of %1 is not known (no describe was read and every record holds "
                                "null); check it in the org before a run.").arg(label)};
    }
    MappingCheck result;
    if (from != to) {
        if (to == Category::Text) {
            result = {Level::Warning, tr("%1 (%2) is sent as text to %3.").arg(sourceLabel, source->type, targetLabel)};
        } else if (from == Category::Date && to == Category::DateTime) {
            result = {Level::Info, tr("%1 is a date; %2 stores it as midnight UTC.").arg(sourceLabel, targetLabel)};
        } else if (from != Category::Unknown && to != Category::Unknown) {
            return {Level::Error, tr("%1 is %2 but %3 is %4: the values cannot be written.")
                                      .arg(sourceLabel, source->type, targetLabel, target->type)};
        }
    } else if (from == Category::Number && isInteger(target->type) && !isInteger(source->type)) {
        result = {Level::Warning, tr("%1 is %2 but %3 is an integer: decimals are cut.")
                                      .arg(sourceLabel, source->type, targetLabel)};
    }

    if (target->length > 0 && (from == Category::Text || to == Category::Text)) {
        if (source->longestValue > target->length)
            return {Level::Error, tr("A value of %1 characters in %2 does not fit %3 (%4 characters).")
                                      .arg(source->longestValue).arg(sourceLabel, targetLabel).arg(target->length)};
        if (source->length > target->length && result.level < Level::Warning)
            result = {Level::Warning, tr("%1 allows %2 characters, %3 only %4: longer values are cut.")
                                          .arg(sourceLabel).arg(source->length).arg(targetLabel).arg(target->length)};
    }
    if (result.text.isEmpty()) {
        result.text = tr("Types match (%1 → %2).").arg(source->type, target->type);
    }
    return result;
}

QString FieldMapping::suggest(const FieldInfo &source, const QList<FieldInfo> &candidates)
{
    const QString name = normalized(source.name);
    const QString label = normalized(source.label);
    for (const FieldInfo &c : candidates) {
        if (normalized(c.name) == name)
            return c.name;
    }
    for (const FieldInfo &c : candidates) {
        if (!label.isEmpty() && (normalized(c.label) == label || normalized(c.name) == label))
            return c.name;
    }
    return {};
}

QList<MappingRow> FieldMapping::suggestedRows(const FieldCatalog &catalog) const
{
    QList<MappingRow> out;
    QList<QPair<QString, QString>> pairs; // (sfObject, mktoObject) with their stage
    QStringList stagesOfPairs;
    for (const MappingRow &row : rows) {
        if (row.direction != MappingRow::Direction::ToMarketo)
            continue;
        const QPair<QString, QString> pair{row.salesforceObject, row.marketoObject};
        if (!pairs.contains(pair)) {
            pairs << pair;
            stagesOfPairs << row.stage;
        }
    }
    for (qsizetype i = 0; i < pairs.size(); ++i) {
        const auto &[sfObject, mktoObject] = pairs.at(i);
        QSet<QString> usedSources, usedTargets;
        for (const MappingRow &row : rows) {
            if (row.salesforceObject == sfObject && row.marketoObject == mktoObject) {
                usedSources.insert(row.salesforceField.toLower());
                usedTargets.insert(row.marketoField.toLower());
            }
        }
        QList<FieldInfo> targets;
        for (const FieldInfo &f : catalog.fields(System::Marketo, mktoObject)) {
            if (f.updateable && !usedTargets.contains(f.name.toLower()))
                targets << f;
        }
        for (const FieldInfo &source : catalog.fields(System::Salesforce, sfObject)) {
            if (usedSources.contains(source.name.toLower()) || source.type == u"id")
                continue;
            const QString target = suggest(source, targets);
            if (target.isEmpty())
                continue;
            MappingRow row;
            row.stage = stagesOfPairs.at(i);
            row.salesforceObject = sfObject;
            row.salesforceField = source.name;
            row.marketoObject = mktoObject;
            row.marketoField = target;
            if (check(row, catalog).level == MappingCheck::Level::Error)
                continue;
            usedTargets.insert(target.toLower());
            targets.removeIf([&](const FieldInfo &f) { return f.name == target; });
            out << row;
        }
    }
    return out;
}

QList<sync::MsiFieldMapping> FieldMapping::msiFieldMappings(const QString &salesforceObject) const
{
    QList<sync::MsiFieldMapping> out;
    for (const MappingRow &row : rows) {
        if (row.direction != MappingRow::Direction::ToSalesforce || row.salesforceObject != salesforceObject
            || row.salesforceField.isEmpty())
            continue;
        sync::MsiFieldMapping m;
        m.marketoField = row.marketoField;
        m.salesforceField = row.salesforceField;
        m.isDateTime = row.marketoField.endsWith(QStringLiteral("Date"));
        out << m;
    }
    return out;
}

} // namespace msi::tables
