#pragma once

#include "sync/SyncPolicy.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace msi::store {
class Workspace;
}

namespace msi::sync {

// The admin's saved choices that every run of a workspace follows, whoever starts it (GUI, CLI,
// a Diagnosis Fix): the MSI write-back targets and the fallback sales person for queue-owned
// records, both kept in the workspace's current field mapping document (MappingRepository):
//   rows with "stage":"msi-writeback", "direction":"to-salesforce" (Lead and Contact targets) and
//   "policy":{"fallbackSalesPersonId":"005..."}.
class WorkspacePolicy final
{
public:
    struct Saved
    {
        bool hasMapping = false;            // a mapping document was saved
        QList<MsiFieldMapping> msiFields;   // its write-back rows (salesforceObject empty = both)
        QString fallbackSalesPersonId;      // as saved (checked where it is used)
    };

    static Saved read(const QJsonObject &mappingDocument);
    static Saved load(store::Workspace &workspace);
    // The saved mapping's MSI targets replace the built-in defaults; the saved fallback applies
    // unless the run names its own (sync --fallback-sales-person).
    static void apply(const Saved &saved, SyncPolicy *policy);
};

} // namespace msi::sync
