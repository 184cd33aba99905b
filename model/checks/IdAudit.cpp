#include "checks/IdAudit.h"

#include "checks/Records.h"
#include "core/SalesforceId.h"

namespace msi::checks {

using core::SalesforceId;
using Severity = Finding::Severity;

namespace {

QString objectList(const QStringList &objects)
{
    return objects.join(IdAudit::tr(" or "));
}

// The dedupe key of a Marketo object cannot be updated: fixing it means a new record.
bool isDedupeKey(const QString &kind, const QString &field)
{
    return (kind == u"company" && field == u"externalCompanyId")
        || (kind == u"salesperson" && field == u"externalSalesPersonId")
        || (kind == u"opportunity" && field == u"externalOpportunityId");
}

} // namespace

Findings IdAudit::run(const SystemState &state)
{
    const QStringList owner{QStringLiteral("User"), QStringLiteral("Queue")};
    const QStringList account{QStringLiteral("Account")};
    const QStringList user{QStringLiteral("User")};
    const QStringList opportunity{QStringLiteral("Opportunity")};
    const QStringList person{QStringLiteral("Contact"), QStringLiteral("Lead")};
    Findings out;
    auditSalesforce(state.sfUsers, QStringLiteral("User"), {}, &out);
    auditSalesforce(state.sfAccounts, QStringLiteral("Account"),
                    {{QStringLiteral("OwnerId"), owner}}, &out);
    auditSalesforce(state.sfContacts, QStringLiteral("Contact"),
                    {{QStringLiteral("AccountId"), account}, {QStringLiteral("OwnerId"), owner}},
                    &out);
    auditSalesforce(state.sfLeads, QStringLiteral("Lead"), {{QStringLiteral("OwnerId"), owner}},
                    &out);
    auditSalesforce(state.sfOpportunities, QStringLiteral("Opportunity"),
                    {{QStringLiteral("AccountId"), account}, {QStringLiteral("OwnerId"), owner}},
                    &out);
    auditSalesforce(state.sfContactRoles, QStringLiteral("OpportunityContactRole"),
                    {{QStringLiteral("OpportunityId"), opportunity},
                     {QStringLiteral("ContactId"), {QStringLiteral("Contact")}}},
                    &out);

    const Field spField{QStringLiteral("externalSalesPersonId"), user};
    const Field companyField{QStringLiteral("externalCompanyId"), account};
    const Field oppField{QStringLiteral("externalOpportunityId"), opportunity};
    auditMarketo(state.mktoSalesPersons, QStringLiteral("salesperson"), {spField}, &out);
    auditMarketo(state.mktoCompanies, QStringLiteral("company"), {companyField, spField}, &out);
    auditMarketo(state.mktoLeads, QStringLiteral("lead"),
                 {{QStringLiteral("externalPersonId"), person}, companyField, spField}, &out);
    auditMarketo(state.mktoOpportunities, QStringLiteral("opportunity"),
                 {oppField, companyField, spField}, &out);
    auditMarketo(state.mktoOpportunityRoles, QStringLiteral("role"), {oppField}, &out);
    return out;
}

void IdAudit::auditSalesforce(const QList<QJsonObject> &records, const QString &type,
                              const QList<Field> &fields, Findings *out)
{
    const QString idKey = QStringLiteral("Id");
    QList<Field> all{{idKey, {type}}};
    all += fields;
    for (const QJsonObject &record : records) {
        const QJsonValue ownId = record.value(idKey);
        const QString recordRef = Records::id18(record, idKey).isEmpty()
            ? Records::text(record, idKey)
            : Records::id18(record, idKey);
        if (!ownId.isString() || ownId.toString().isEmpty()) {
            out->append({Severity::Error, QStringLiteral("SF_RECORD_NO_ID"), {},
                         tr("a %1 record has no Id (fields: %2); nothing can be synced or linked "
                            "for it")
                             .arg(type, record.keys().join(QStringLiteral(", "))),
                         tr("re-read the records from Salesforce; the query must select Id")});
            continue;
        }
        const QString label = Records::sfLabel(record);
        for (const Field &field : std::as_const(all)) {
            const QJsonValue value = record.value(field.key);
            if (value.isNull() || value.isUndefined()
                || (value.isString() && value.toString().isEmpty()))
                continue; // an empty reference is not an ID problem
            const bool isOwn = field.key == idKey;
            const QString where = isOwn ? tr("the Id of %1").arg(label)
                                        : tr("%1 of %2").arg(field.key, label);
            if (!value.isString()) {
                out->append({Severity::Error, QStringLiteral("SF_ID_MALFORMED"), {recordRef},
                             tr("%1 is not text but %2; a Salesforce ID is 15 or 18 letters and "
                                "digits")
                                 .arg(where, Records::text(record, field.key).isEmpty()
                                          ? tr("a JSON object or array")
                                          : Records::text(record, field.key)),
                             tr("correct the value in the source of this data")});
                continue;
            }
            const SalesforceId id(value.toString());
            QStringList refs{recordRef};
            if (!isOwn && id.isValid())
                refs.append(id.id18());
            switch (id.status()) {
            case SalesforceId::Status::BadLength:
            case SalesforceId::Status::BadCharacters:
                out->append({Severity::Error, QStringLiteral("SF_ID_MALFORMED"), refs,
                             tr("%1 is not a Salesforce ID: %2").arg(where, id.explanation()),
                             tr("correct the value in Salesforce or in the file it came from")});
                continue;
            case SalesforceId::Status::BadChecksum:
                out->append({Severity::Error, QStringLiteral("SF_ID_BAD_CHECKSUM"), refs,
                             tr("%1 has a damaged ID: %2").arg(where, id.explanation()),
                             tr("re-read the record from Salesforce; do not edit IDs by hand")});
                continue;
            default:
                break;
            }
            if (!field.objects.contains(id.objectType())) {
                const QString object = id.objectType().isEmpty()
                    ? tr("an object with key prefix %1").arg(id.keyPrefix())
                    : id.objectType();
                out->append({Severity::Error, QStringLiteral("SF_ID_WRONG_OBJECT"), refs,
                             tr("%1 is %2, which names %3; the field must name %4")
                                 .arg(where, id.input(), object, objectList(field.objects)),
                             tr("point %1 at the right record").arg(field.key)});
                continue;
            }
            if (id.status() == SalesforceId::Status::CaseDamaged) {
                out->append({Severity::Warning, QStringLiteral("SF_ID_CASE_DAMAGED"), refs,
                             tr("%1 had its letter case changed by a tool: %2")
                                 .arg(where, id.explanation()),
                             tr("use %1; the sync sends the repaired ID").arg(id.id18())});
            } else if (id.status() == SalesforceId::Status::Valid15) {
                out->append({Severity::Info, QStringLiteral("SF_ID_15CHAR"), refs,
                             tr("%1 is the 15-character ID %2 (case-sensitive); its 18-character "
                                "form is %3")
                                 .arg(where, id.input(), id.id18()),
                             tr("MSI needs the 18-character form; the sync sends %1")
                                 .arg(id.id18())});
            }
        }
    }
}

void IdAudit::auditMarketo(const QList<QJsonObject> &records, const QString &kind,
                           const QList<Field> &fields, Findings *out)
{
    for (const QJsonObject &record : records) {
        const QString ref = marketoRef(kind, record);
        const QString label = Records::mktoLabel(kind, record);
        for (const Field &field : fields) {
            const QJsonValue value = record.value(field.key);
            if (value.isNull() || value.isUndefined()
                || (value.isString() && value.toString().trimmed().isEmpty()))
                continue; // missing links are reported by the reference checks
            const QString where = tr("%1 of %2").arg(field.key, label);
            if (!value.isString()) {
                out->append({Severity::Error, QStringLiteral("MKTO_EXTID_MALFORMED"), {ref},
                             tr("%1 is %2, not text; MSI needs the 18-character Salesforce ID")
                                 .arg(where, Records::text(record, field.key)),
                             tr("re-sync %1 from Salesforce").arg(label)});
                continue;
            }
            const SalesforceId id(value.toString());
            QStringList refs;
            if (id.isValid())
                refs.append(id.id18());
            refs.append(ref);
            const bool key = isDedupeKey(kind, field.key);
            const QString fixNew = key
                ? tr("create the record with %1 = %2, move what links to it, then delete %3 (%1 "
                     "cannot be updated in Marketo)")
                      .arg(field.key, id.id18(), label)
                : tr("re-sync %1 with %2 = %3").arg(label, field.key, id.id18());
            switch (id.status()) {
            case SalesforceId::Status::BadLength:
            case SalesforceId::Status::BadCharacters:
                out->append({Severity::Error, QStringLiteral("MKTO_EXTID_MALFORMED"), refs,
                             tr("%1 is not a Salesforce ID: %2").arg(where, id.explanation()),
                             tr("re-sync %1 from Salesforce with the 18-character ID")
                                 .arg(label)});
                continue;
            case SalesforceId::Status::BadChecksum:
                out->append({Severity::Error, QStringLiteral("MKTO_EXTID_BAD_CHECKSUM"), refs,
                             tr("%1 is a damaged ID: %2; MSI cannot find the Salesforce record")
                                 .arg(where, id.explanation()),
                             tr("re-sync %1 from Salesforce with the 18-character ID")
                                 .arg(label)});
                continue;
            default:
                break;
            }
            if (!field.objects.contains(id.objectType())) {
                const QString object = id.objectType().isEmpty()
                    ? tr("an object with key prefix %1").arg(id.keyPrefix())
                    : id.objectType();
                out->append({Severity::Error, QStringLiteral("MKTO_EXTID_WRONG_OBJECT"), refs,
                             tr("%1 is %2, the ID of a %3; the field must hold the ID of a %4")
                                 .arg(where, id.input(), object, objectList(field.objects)),
                             tr("re-sync %1 from Salesforce so %2 names the right record")
                                 .arg(label, field.key)});
                continue;
            }
            if (id.status() == SalesforceId::Status::Valid15) {
                const QString consequence = key
                    ? tr("Marketo matches external IDs as exact text, so an upsert with the "
                         "18-character ID creates a second record instead of updating this one")
                    : tr("Marketo matches external IDs as exact text, so this link never reaches "
                         "the record MSI uses for the 18-character ID");
                out->append({Severity::Error, QStringLiteral("MKTO_EXTID_15CHAR"), refs,
                             tr("legacy 15-character %1: %2 has %3; the %4 ID is %5. %6")
                                 .arg(field.key, label, id.input(), id.objectType(), id.id18(),
                                      consequence),
                             fixNew});
            } else if (id.status() == SalesforceId::Status::CaseDamaged) {
                out->append({Severity::Warning, QStringLiteral("MKTO_EXTID_CASE_DAMAGED"), refs,
                             tr("%1 had its letter case changed: %2. Marketo matches it ignoring "
                                "case, but tools that compare IDs exactly (and the 15-character "
                                "prefix) do not")
                                 .arg(where, id.explanation()),
                             fixNew});
            }
        }
    }
}

} // namespace msi::checks
