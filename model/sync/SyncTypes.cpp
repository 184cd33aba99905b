#include "sync/SyncTypes.h"

namespace msi::sync {

QList<Stage> SyncTypes::allStages()
{
    return {Stage::SalesPersons, Stage::Companies, Stage::Leads,
            Stage::Opportunities, Stage::OpportunityRoles, Stage::MsiWriteBack};
}

QString SyncTypes::stageKey(Stage stage)
{
    switch (stage) {
    case Stage::SalesPersons: return QStringLiteral("sales-persons");
    case Stage::Companies: return QStringLiteral("companies");
    case Stage::Leads: return QStringLiteral("leads");
    case Stage::Opportunities: return QStringLiteral("opportunities");
    case Stage::OpportunityRoles: return QStringLiteral("opportunity-roles");
    case Stage::MsiWriteBack: return QStringLiteral("msi-writeback");
    }
    return {};
}

bool SyncTypes::parseStage(const QString &text, Stage *stage)
{
    const QString t = text.trimmed().toLower();
    struct Alias { const char16_t *name; Stage stage; };
    static const Alias aliases[] = {
        {u"1", Stage::SalesPersons}, {u"sales-persons", Stage::SalesPersons},
        {u"salespersons", Stage::SalesPersons}, {u"users", Stage::SalesPersons},
        {u"2", Stage::Companies}, {u"companies", Stage::Companies}, {u"accounts", Stage::Companies},
        {u"3", Stage::Leads}, {u"leads", Stage::Leads}, {u"people", Stage::Leads},
        {u"4", Stage::Opportunities}, {u"opportunities", Stage::Opportunities},
        {u"5", Stage::OpportunityRoles}, {u"opportunity-roles", Stage::OpportunityRoles},
        {u"roles", Stage::OpportunityRoles},
        {u"6", Stage::MsiWriteBack}, {u"msi-writeback", Stage::MsiWriteBack},
        {u"writeback", Stage::MsiWriteBack}, {u"msi", Stage::MsiWriteBack},
    };
    for (const Alias &alias : aliases) {
        if (t == QStringView(alias.name)) {
            *stage = alias.stage;
            return true;
        }
    }
    return false;
}

bool SyncTypes::parseStageList(const QString &text, QList<Stage> *stages, QString *error)
{
    stages->clear();
    if (text.trimmed().isEmpty()) {
        *stages = allStages();
        return true;
    }
    QList<Stage> picked;
    const QStringList parts = text.split(u',', Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        Stage stage;
        if (!parseStage(part, &stage)) {
            if (error)
                *error = tr("unknown stage '%1' (use 1-6 or sales-persons, companies, leads, "
                            "opportunities, opportunity-roles, msi-writeback)").arg(part.trimmed());
            return false;
        }
        if (!picked.contains(stage))
            picked.append(stage);
    }
    // Stages always run in Marketo's order, whatever order they were named in.
    for (Stage stage : allStages()) {
        if (picked.contains(stage))
            stages->append(stage);
    }
    return true;
}

QString SyncTypes::stageTitle(Stage stage)
{
    switch (stage) {
    case Stage::SalesPersons: return tr("Sales persons");
    case Stage::Companies: return tr("Companies");
    case Stage::Leads: return tr("Leads");
    case Stage::Opportunities: return tr("Opportunities");
    case Stage::OpportunityRoles: return tr("Opportunity roles");
    case Stage::MsiWriteBack: return tr("MSI fields to Salesforce");
    }
    return {};
}

QString SyncTypes::actionKey(RecordAction action)
{
    switch (action) {
    case RecordAction::Create: return QStringLiteral("create");
    case RecordAction::Update: return QStringLiteral("update");
    case RecordAction::Unchanged: return QStringLiteral("unchanged");
    case RecordAction::Blocked: return QStringLiteral("blocked");
    case RecordAction::Invalid: return QStringLiteral("invalid");
    case RecordAction::Deferred: return QStringLiteral("deferred");
    case RecordAction::Skipped: return QStringLiteral("skipped");
    }
    return {};
}

QString SyncTypes::actionTitle(RecordAction action)
{
    switch (action) {
    case RecordAction::Create: return tr("create");
    case RecordAction::Update: return tr("update");
    case RecordAction::Unchanged: return tr("unchanged");
    case RecordAction::Blocked: return tr("blocked");
    case RecordAction::Invalid: return tr("invalid");
    case RecordAction::Deferred: return tr("deferred");
    case RecordAction::Skipped: return tr("skipped");
    }
    return {};
}

bool SyncTypes::isSynced(RecordAction action)
{
    return action == RecordAction::Create || action == RecordAction::Update
        || action == RecordAction::Unchanged;
}

QString SyncTypes::severityKey(Severity severity)
{
    switch (severity) {
    case Severity::Info: return QStringLiteral("info");
    case Severity::Warning: return QStringLiteral("warning");
    case Severity::Error: return QStringLiteral("error");
    }
    return {};
}

} // namespace msi::sync
