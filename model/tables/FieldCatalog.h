#pragma once

#include "checks/SystemState.h"
#include "store/StoreTypes.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace msi::store {
class Workspace;
}

namespace msi::tables {

// One field as a describe call reports it (Salesforce sObject describe, Marketo describe).
struct FieldInfo
{
    QString name;      // API name
    QString label;
    QString type;      // Salesforce: id, reference, string, textarea, email, phone, url, picklist,
                       // double, currency, percent, int, boolean, date, datetime.
                       // Marketo: string, text, email, phone, url, integer, float, currency,
                       // boolean, date, datetime, reference.
    int length = 0;    // characters; 0 = not limited or not known
    bool updateable = true;
    bool derived = false; // guessed from record values (no describe was read)
    int longestValue = 0; // longest text value seen in the records (derived catalogs)
};

// The fields of every object of both systems, from describe results when the workspace has them
// and otherwise derived from the records' values (type from the JSON shape, length unknown). The
// bundled sample org has no describe files, so its catalog is derived.
class FieldCatalog final
{
    Q_DECLARE_TR_FUNCTIONS(msi::tables::FieldCatalog)
public:
    // Salesforce describes (sfLeadDescribe, sfContactDescribe) where present, records otherwise.
    static FieldCatalog fromState(const checks::SystemState &state);
    // Derived from the first sampleSize records of every object type in the workspace snapshots
    // (plus the documented MSI fields). A query: call it off the GUI thread for big workspaces.
    static FieldCatalog fromWorkspace(store::Workspace &workspace, int sampleSize = 500);

    // A Salesforce sObject describe ({"name":..,"fields":[{"name","label","type","length",
    // "updateable"},...]}) or a Marketo describe ({"result":[{"rest":{"name","readOnly"},
    // "displayName","dataType","length"}]} or {"fields":[{"name","displayName","dataType",
    // "length","updateable"}]}).
    void addDescribe(store::System system, const QString &objectType, const QJsonObject &describe);
    void addDerived(store::System system, const QString &objectType, const QList<QJsonObject> &records);

    // Adds (or completes) the fields Adobe documents for the MSI objects (types, lengths, not
    // updateable keys), so that a Marketo object without records still has its MSI fields.
    void addDocumentedMarketoFields();

    QList<FieldInfo> fields(store::System system, const QString &objectType) const;
    // Case-insensitive API name lookup; nullptr when the object has no such field.
    const FieldInfo *field(store::System system, const QString &objectType, const QString &name) const;
    bool hasObject(store::System system, const QString &objectType) const;
    bool isDerived(store::System system, const QString &objectType) const;

    // The type a JSON value suggests (for derived catalogs).
    static QString typeOfValue(store::System system, const QString &name, const QJsonValue &value);

private:
    static QString key(store::System system, const QString &objectType);
    QHash<QString, QList<FieldInfo>> m_objects;
};

} // namespace msi::tables
