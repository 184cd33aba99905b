#pragma once

#include "sync/LinkMap.h"

#include <QCoreApplication>
#include <QList>
#include <QPair>

namespace msi::store { class Workspace; }

namespace msi::sync {

// Keeps the LinkMap in the workspace. Integer Marketo ids of sales persons, companies and people
// also go to the store's ID map (IdMapRepository) for the other screens; the full link (Marketo
// GUIDs of opportunities and roles, and the hash of the payload last accepted) is kept in the
// snapshot table under object type "MsiBridgeLink.<stage>" keyed by the Salesforce ID, because the
// ID map holds integer ids only.
class LinkStore final
{
    Q_DECLARE_TR_FUNCTIONS(msi::sync::LinkStore)
public:
    explicit LinkStore(store::Workspace &workspace);

    bool load(LinkMap *links, QString *error = nullptr) const;
    // Saves in one transaction per call.
    bool save(Stage stage, const QList<QPair<QString, MarketoLink>> &links, qint64 runId,
              QString *error = nullptr);
    static QString objectType(Stage stage);

private:
    store::Workspace &m_workspace;
};

} // namespace msi::sync
