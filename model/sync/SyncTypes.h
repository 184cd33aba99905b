#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace msi::sync {

// The six stages, in the order Marketo requires; each gates the next.
enum class Stage {
    SalesPersons = 1,
    Companies = 2,
    Leads = 3,
    Opportunities = 4,
    OpportunityRoles = 5,
    MsiWriteBack = 6,
};

// What a run does (or would do) with one record.
enum class RecordAction {
    Create,
    Update,
    Unchanged,
    Blocked,   // a parent (owner, account, opportunity, person) did not make it
    Invalid,   // the record itself cannot be sent (bad ID, missing required value)
    Deferred,  // waits for something to be fixed elsewhere (e.g. the person is not in Marketo)
    Skipped,   // deliberately not sent (policy, duplicates in Marketo)
};

enum class Severity { Info, Warning, Error };

class SyncTypes final
{
    Q_DECLARE_TR_FUNCTIONS(msi::sync::SyncTypes)
public:
    static QList<Stage> allStages();
    // Machine-readable names (CLI/JSON contract): sales-persons, companies, leads, opportunities,
    // opportunity-roles, msi-writeback.
    static QString stageKey(Stage stage);
    // Accepts the key, the number 1..6 or a few aliases ("roles", "writeback", "users", "accounts").
    static bool parseStage(const QString &text, Stage *stage);
    // "1,3,5" or "leads,roles"; an empty text means all stages. Returns false on an unknown name.
    static bool parseStageList(const QString &text, QList<Stage> *stages, QString *error);
    static QString stageTitle(Stage stage);

    // create, update, unchanged, blocked, invalid, deferred, skipped.
    static QString actionKey(RecordAction action);
    static QString actionTitle(RecordAction action);
    // True for actions that leave the record in the target system (create/update/unchanged).
    static bool isSynced(RecordAction action);

    // info, warning, error.
    static QString severityKey(Severity severity);
};

} // namespace msi::sync
