#pragma once

#include "sync/SyncTypes.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace msi::sync {

class LinkMap;

// One Salesforce record's fate in one stage.
struct PlannedRecord
{
    Stage stage = Stage::SalesPersons;
    QString salesforceId;       // canonical 18-character ID (the raw value when invalid)
    QString salesforceType;     // "User", "Account", "Contact", "Lead", ...
    QString name;               // "Contact Rose Gonzalez"
    RecordAction action = RecordAction::Create;
    QString reason;             // why blocked/invalid/deferred/skipped, in plain words
    QString parentId;           // the parent that blocks it (blocked/deferred)
    QStringList notes;          // "adopted Marketo lead 1045", "re-linked", warnings
    qint64 marketoId = 0;       // the Marketo record it updates (0 = none yet)
    QString marketoGuid;        // opportunities and roles
    // Stage 3: true when the update must be sent by Marketo id (updateOnly, lookupField id)
    // because the lookup field would not find this Marketo lead.
    bool updateById = false;
    // Stage 5: the person whose Marketo lead id the role needs, while it is not known yet.
    QString pendingPersonId;
    // Stage 5: the role's person (18-character Contact ID) and its name, for gating and messages.
    QString personId;
    QString personName;
    // The exact payload: a Marketo record for stages 1-5, a Salesforce update for stage 6.
    QJsonObject payload;
    // PayloadCompare::hash of the full mapped payload (before nulls are pruned); the ID map keeps
    // it after a successful write, so an unchanged record costs no Marketo call next time.
    QByteArray payloadHash;

    bool needsWrite() const
    {
        return action == RecordAction::Create || action == RecordAction::Update;
    }
    QJsonObject toJson() const;
};

struct StageCounts
{
    int total = 0;
    QHash<RecordAction, int> byAction;
    int count(RecordAction action) const { return byAction.value(action); }
};

struct StagePlan
{
    Stage stage = Stage::SalesPersons;
    QList<PlannedRecord> records;

    StageCounts counts() const;
    const PlannedRecord *find(const QString &salesforceId) const;
    // Records that need a write (create/update), in plan order.
    QList<const PlannedRecord *> writes() const;
    // Stage 5: fills leadId of roles whose person's Marketo lead was unknown at planning time.
    // Roles whose person still has no Marketo lead become Deferred. Returns how many were filled.
    // leadsInRun: whether stage 3 was part of this run (for the reason of a role left waiting).
    int resolveLeadIds(const QHash<QString, qint64> &leadIdByPersonId, bool leadsInRun = true);
};

// Something the run reports about the data (the codes of the sample org's faults.json).
struct PlanFinding
{
    Severity severity = Severity::Info;
    QString code;           // e.g. MKTO_LEAD_DUP_EMAIL
    QStringList ids;        // Salesforce IDs and Marketo records ("lead:1047", "company:7")
    QString message;        // plain words: the record, the cause and the fix

    QJsonObject toJson() const;
};

struct SyncPlan
{
    Q_DECLARE_TR_FUNCTIONS(msi::sync::SyncPlan)
public:
    QList<StagePlan> stages;        // always six, in stage order
    QList<PlanFinding> findings;

    StagePlan &stage(Stage stage);
    const StagePlan &stage(Stage stage) const;
    QJsonObject toJson(bool withRecords) const;
};

} // namespace msi::sync
