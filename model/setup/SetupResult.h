#pragma once

#include "marketo/MarketoCredentials.h"
#include "salesforce/SalesforceCredentials.h"
#include "store/ProfileRepository.h"
#include "sync/SyncPolicy.h"

#include <QJsonObject>
#include <QString>

namespace msi::setup {

// What the setup wizard hands over when it finishes (SetupWizard::takeResult()).
struct SetupResult
{
    bool valid = false;
    QString workspaceName;
    QString workspacePath;            // the workspace database, created by the wizard
    bool bundledSandbox = false;      // the in-process sandbox plays both systems
    store::ConnectionProfile salesforceProfile; // saved in the workspace (no secrets)
    store::ConnectionProfile marketoProfile;
    bool salesforceIsSandbox = false; // what the API said (IsSandbox)
    // Secrets went to the OS keychain; false = kept for this session only (no keychain, or the
    // admin chose not to save them).
    bool secretsInKeychain = false;
    sync::SyncPolicy policy;          // the mapping decisions
    QJsonObject dryRunPlan;           // sync::SyncPlan::toJson(false) of the first dry run
    // The credentials in memory so the main window can connect now (never written anywhere).
    salesforce::SalesforceCredentials salesforceCredentials;
    marketo::MarketoCredentials marketoCredentials;
};

// The bundled sandbox's addresses, filled in by whoever started it (the UI layer links the
// sandbox; the model never does).
struct SandboxEndpoints
{
    QUrl salesforceUrl;
    QUrl marketoUrl;
    QString clientId;
    QString clientSecret;
};

} // namespace msi::setup
