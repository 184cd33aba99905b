#include "sync/WorkspacePolicy.h"

#include "store/MappingRepository.h"

#include <QJsonArray>

namespace msi::sync {

WorkspacePolicy::Saved WorkspacePolicy::read(const QJsonObject &mappingDocument)
{
    Saved saved;
    if (mappingDocument.value(u"format").toString() != u"msi-bridge-mapping")
        return saved;
    saved.hasMapping = true;
    for (const QJsonValue &value : mappingDocument.value(u"rows").toArray()) {
        const QJsonObject row = value.toObject();
        if (row.value(u"stage").toString() != u"msi-writeback"
            || row.value(u"direction").toString() != u"to-salesforce")
            continue;
        MsiFieldMapping field;
        field.marketoField = row.value(u"marketoField").toString().trimmed();
        field.salesforceField = row.value(u"salesforceField").toString().trimmed();
        field.salesforceObject = row.value(u"salesforceObject").toString();
        field.isDateTime = field.marketoField.endsWith(u"Date");
        if (field.marketoField.isEmpty() || field.salesforceField.isEmpty())
            continue; // not mapped: nothing is written back for it
        // The same target on Lead and Contact (the MSI package's fields) is one mapping.
        bool merged = false;
        for (MsiFieldMapping &known : saved.msiFields) {
            if (known.marketoField == field.marketoField
                && known.salesforceField == field.salesforceField
                && known.salesforceObject != field.salesforceObject) {
                known.salesforceObject.clear();
                merged = true;
            }
        }
        if (!merged)
            saved.msiFields.append(field);
    }
    saved.fallbackSalesPersonId = mappingDocument.value(u"policy")
                                      .toObject()
                                      .value(u"fallbackSalesPersonId")
                                      .toString()
                                      .trimmed();
    return saved;
}

WorkspacePolicy::Saved WorkspacePolicy::load(store::Workspace &workspace)
{
    const auto current = store::MappingRepository(workspace).current();
    return current ? read(current->document) : Saved();
}

void WorkspacePolicy::apply(const Saved &saved, SyncPolicy *policy)
{
    if (!saved.hasMapping)
        return;
    policy->msiFields = saved.msiFields;
    if (policy->fallbackSalesPersonId.isEmpty())
        policy->fallbackSalesPersonId = saved.fallbackSalesPersonId;
}

} // namespace msi::sync
