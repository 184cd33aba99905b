#pragma once

#include "store/SnapshotRepository.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace msi::tables {

// The five pairs of record kinds an admin compares side by side, in stage order.
enum class RecordKind { SalesPersons, Companies, People, Opportunities, OpportunityRoles };

// What the workspace store calls each kind (object_type of table `snapshots`) and how the two sides
// are linked. Salesforce object types are the API names; Marketo object types are the names of
// the REST resources: salespersons, companies, leads, opportunities, opportunityRoles.
class RecordKinds final
{
    Q_DECLARE_TR_FUNCTIONS(msi::tables::RecordKinds)
public:
    static QList<RecordKind> all();
    // "Users ⇄ Sales persons", ...
    static QString title(RecordKind kind);
    static QString salesforceTitle(RecordKind kind);
    static QString marketoTitle(RecordKind kind);
    // "User"; "Contact" and "Lead" for People.
    static QStringList salesforceObjectTypes(RecordKind kind);
    static QString marketoObjectType(RecordKind kind);
    // The Marketo field that holds the Salesforce ID (externalSalesPersonId, ...).
    static QString marketoLinkField(RecordKind kind);
    // The fields shown before the admin picks columns; the others start hidden.
    static QStringList defaultFields(store::System system, const QString &objectType);
    // One record of a store object type, for sentences: "Contact", "sales person", "lead".
    static QString recordLabel(store::System system, const QString &objectType);
    // A record reference as checks name records ("0057F000009Zt4AQAS", "lead:1047",
    // "salesperson:4", "company:7", "opportunity:<guid>", "role:<guid>") -> where the store keeps it.
    static bool resolveReference(const QString &reference, store::System *system, QString *objectType,
                                 QString *recordKey);
    // "User 0057F000009Zt4AQAS", "Marketo lead 1047".
    static QString referenceLabel(const QString &reference);
    // The kind a store object type belongs to (either system).
    static bool kindOf(store::System system, const QString &objectType, RecordKind *kind);
};

} // namespace msi::tables
