#pragma once

#include "sync/LinkMap.h"
#include "sync/SalesforceSnapshot.h"
#include "sync/SyncPlan.h"
#include "sync/SyncPolicy.h"

#include <QCoreApplication>

namespace msi::sync {

// Compares a Salesforce snapshot with Marketo's state and the ID map and decides, per stage and
// per record, what a run does: create, update, unchanged, blocked by a named parent, invalid,
// deferred or skipped, with the exact payload to send. Pure logic: no network, no store.
//
// Rules (see README "Sync engine and CLI"):
// - sales persons are the owners of the records being synced (plus those already linked);
//   queue owners (00G) use the policy's fallback sales person or block their records;
// - people are matched by externalPersonId, then by the ID map, then by trimmed lower-case
//   e-mail; two unlinked Marketo leads with the same e-mail block the person (never guessed);
//   a Lead that shares its e-mail with a Contact is skipped ("Contact wins");
// - a record whose parent did not make it in this or an earlier run is not sent;
// - roles carry the Marketo lead id (from the match, or filled in after stage 3).
class Planner final
{
    Q_DECLARE_TR_FUNCTIONS(msi::sync::Planner)
public:
    explicit Planner(SyncPolicy policy);

    SyncPlan plan(const SalesforceSnapshot &salesforce, const MarketoState &marketo,
                  const LinkMap &links) const;

    // Trimmed, lower-cased e-mail: the key people are matched on.
    static QString normalizedEmail(const QString &email);

private:
    class Run;
    SyncPolicy m_policy;
};

} // namespace msi::sync
