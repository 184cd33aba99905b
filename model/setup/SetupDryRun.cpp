// SetupController's first dry run: the sync engine plans all six stages on freshly read data.
#include "setup/SetupController.h"

#include "setup/Logging.h"
#include "sync/SyncController.h"

namespace msi::setup {

void SetupController::runDryRun()
{
    if (isDryRunning())
        return;
    m_dryRunDone = false;
    if (!m_saved) {
        sync::RunResult r;
        r.status = sync::RunResult::Status::Usage;
        r.dryRun = true;
        r.message = tr("Save the workspace before the dry run.");
        m_dryRun = r;
        m_dryRunDone = true;
        emit dryRunFinished(m_dryRun);
        return;
    }
    if (!m_sync) {
        m_sync = new sync::SyncController(this);
        connect(m_sync, &sync::SyncController::phaseChanged, this, &SetupController::dryRunPhase);
        connect(m_sync, &sync::SyncController::finished, this,
                [this](const sync::RunResult &result) {
                    m_dryRun = result;
                    m_dryRunDone = true;
                    qCInfo(lcSetup).noquote() << "first dry run:"
                                              << sync::RunResult::statusKey(result.status);
                    emit dryRunFinished(result);
                });
    }
    sync::EngineConnection connection;
    connection.salesforce = m_salesforce->credentials();
    connection.salesforceSettings = m_salesforce->settings();
    connection.salesforceSettings.openBrowser = {}; // the engine never opens a browser
    connection.marketo = m_marketo->credentials();
    sync::RunOptions options;
    options.dryRun = true;
    options.full = true;
    options.policy = m_mapping.policy;
    options.dailyQuota = m_marketoQuota;
    if (!m_sync->start(workspacePath(), connection, options)) {
        sync::RunResult r;
        r.status = sync::RunResult::Status::Usage;
        r.dryRun = true;
        r.message = tr("A run is already going on in this workspace.");
        m_dryRun = r;
        m_dryRunDone = true;
        emit dryRunFinished(m_dryRun);
    }
}

bool SetupController::isDryRunning() const
{
    return m_sync && m_sync->isRunning();
}

} // namespace msi::setup
