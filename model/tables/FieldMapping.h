#pragma once

#include "sync/SyncPolicy.h"
#include "tables/FieldCatalog.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace msi::tables {

// One mapped field: a Salesforce field sent to a Marketo field (stages 1-5), or a Marketo MSI
// value written back to a Salesforce field (stage 6).
struct MappingRow
{
    enum class Direction { ToMarketo, ToSalesforce };
    QString stage; // sync::SyncTypes::stageKey(): sales-persons ... msi-writeback
    Direction direction = Direction::ToMarketo;
    QString salesforceObject; // User, Account, Contact, Lead, Opportunity, OpportunityContactRole
    QString salesforceField;  // empty = not mapped yet
    QString marketoObject;    // salespersons, companies, leads, opportunities, opportunityRoles
    QString marketoField;
    bool locked = false; // an external ID field MSI requires: never edited

    bool operator==(const MappingRow &other) const = default;
};

// The result of the type and length checks of one row.
struct MappingCheck
{
    enum class Level { Ok, Info, Warning, Error };
    Level level = Level::Ok;
    QString text;
};

// The field mapping of a workspace: what each stage sends and where the MSI values land. Stored as
// one JSON document (MappingRepository) and exported/imported as a file of the same shape:
//   {"format":"msi-bridge-mapping","version":1,"rows":[{"stage","direction":"to-marketo"|
//    "to-salesforce","salesforceObject","salesforceField","marketoObject","marketoField","locked"}]}
class FieldMapping final
{
    Q_DECLARE_TR_FUNCTIONS(msi::tables::FieldMapping)
public:
    QList<MappingRow> rows;
    // The sales person (18-character User ID) for records owned by a queue; empty = they are
    // blocked. Saved with the mapping as {"policy":{"fallbackSalesPersonId":...}} and followed by
    // every run (sync::WorkspacePolicy).
    QString fallbackSalesPersonId;

    // What the sync engine sends today (sync::RecordMapper), with the locked external IDs, plus
    // the seven MSI values written back to Lead and Contact fields picked from the org's real
    // fields (msiTarget()).
    static FieldMapping defaults(const FieldCatalog &catalog);

    QJsonObject toJson() const;
    // False with a sentence naming the problem (row number, missing key) on a bad document.
    static bool fromJson(const QJsonObject &document, FieldMapping *mapping, QString *error);
    // An imported mapping keeps the locked rows of the defaults: they cannot be removed or changed.
    void enforceLockedRows(const FieldMapping &defaults);

    // Type and length checks of one row against the describe data (before any run).
    static MappingCheck check(const MappingRow &row, const FieldCatalog &catalog);

    // The candidate whose API name or label matches the source best; empty when none does.
    static QString suggest(const FieldInfo &source, const QList<FieldInfo> &candidates);
    // New rows for Salesforce fields that are not mapped yet but have an obvious Marketo target.
    QList<MappingRow> suggestedRows(const FieldCatalog &catalog) const;
    // The org's field for an MSI value on Lead or Contact: mkto_si__<suffix> when it exists,
    // else a field named <suffix> (or labelled like it), else empty.
    static QString msiTarget(const FieldCatalog &catalog, const QString &salesforceObject,
                             const QString &salesforceSuffix);

    // The write-back targets for sync::SyncPolicy::msiFields (the rows of one object).
    QList<sync::MsiFieldMapping> msiFieldMappings(const QString &salesforceObject) const;

    static QString directionKey(MappingRow::Direction direction);
};

} // namespace msi::tables
