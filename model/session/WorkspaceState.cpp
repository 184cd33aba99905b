#include "session/WorkspaceState.h"

#include "store/SnapshotRepository.h"
#include "store/Workspace.h"
#include "sync/WorkspacePolicy.h"

#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

namespace msi::session {

namespace {

QList<QJsonObject> readAll(const store::SnapshotRepository &snapshots, store::System system,
                           const QString &objectType)
{
    QList<QJsonObject> records;
    QString after;
    for (;;) {
        const store::SnapshotPage page = snapshots.page(system, objectType, after, 5000);
        for (const store::SnapshotRow &row : page.rows)
            records.append(row.record);
        if (!page.hasMore)
            return records;
        after = page.lastKey;
    }
}

} // namespace

bool WorkspaceState::load(const QString &workspacePath, checks::SystemState *state, QString *error)
{
    store::Workspace workspace(workspacePath);
    QString openError;
    if (!workspace.open(&openError)) {
        if (error)
            *error = tr("Cannot open the workspace %1: %2").arg(workspacePath, openError);
        return false;
    }
    const store::SnapshotRepository snapshots(workspace);
    using store::System;
    state->sfUsers = readAll(snapshots, System::Salesforce, QStringLiteral("User"));
    state->sfAccounts = readAll(snapshots, System::Salesforce, QStringLiteral("Account"));
    state->sfContacts = readAll(snapshots, System::Salesforce, QStringLiteral("Contact"));
    state->sfLeads = readAll(snapshots, System::Salesforce, QStringLiteral("Lead"));
    state->sfOpportunities = readAll(snapshots, System::Salesforce, QStringLiteral("Opportunity"));
    state->sfContactRoles =
        readAll(snapshots, System::Salesforce, QStringLiteral("OpportunityContactRole"));
    state->sfLeadDescribe = snapshots.document(System::Salesforce, QStringLiteral("describe"),
                                               QStringLiteral("Lead")).value_or(QJsonObject());
    state->sfContactDescribe = snapshots.document(System::Salesforce, QStringLiteral("describe"),
                                                  QStringLiteral("Contact")).value_or(QJsonObject());
    state->mktoSalesPersons = readAll(snapshots, System::Marketo, QStringLiteral("salespersons"));
    state->mktoCompanies = readAll(snapshots, System::Marketo, QStringLiteral("companies"));
    state->mktoLeads = readAll(snapshots, System::Marketo, QStringLiteral("leads"));
    state->mktoOpportunities = readAll(snapshots, System::Marketo, QStringLiteral("opportunities"));
    state->mktoOpportunityRoles =
        readAll(snapshots, System::Marketo, QStringLiteral("opportunityRoles"));
    state->fallbackSalesPersonId = sync::WorkspacePolicy::load(workspace).fallbackSalesPersonId;
    return true;
}

QString WorkspaceState::fallbackSalesPerson(const QString &workspacePath)
{
    // Only an existing file: opening a path that does not exist would create a workspace.
    if (!QFileInfo(workspacePath).isFile())
        return {};
    store::Workspace workspace(workspacePath);
    if (!workspace.open(nullptr))
        return {};
    return sync::WorkspacePolicy::load(workspace).fallbackSalesPersonId;
}

QFuture<WorkspaceState::Loaded> WorkspaceState::loadAsync(const QString &workspacePath)
{
    return QtConcurrent::run([workspacePath] {
        Loaded loaded;
        load(workspacePath, &loaded.state, &loaded.error);
        return loaded;
    });
}

} // namespace msi::session
