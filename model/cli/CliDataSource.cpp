#include "cli/CliDataSource.h"

#include "cli/CliErrorReport.h"
#include "cli/CliSecrets.h"
#include "cli/CliSession.h"

#include "checks/SeedReader.h"
#include "checks/StateReader.h"
#include "marketo/MarketoClient.h"
#include "salesforce/SalesforceClient.h"
#include "session/RefreshController.h"
#include "session/WorkspaceState.h"
#include "store/Workspace.h"

#include <QEventLoop>
#include <QFileInfo>

namespace msi::cli {

bool CliDataSource::isConnected(const QString &workspacePath)
{
    // Only an existing file: opening a path that does not exist would create a workspace.
    if (workspacePath.isEmpty() || !QFileInfo(workspacePath).isFile())
        return false;
    store::Workspace workspace(workspacePath);
    QString error;
    if (!workspace.open(&error))
        return false;
    sync::EngineConnection connection;
    return CliSession::loadProfiles(workspace, &connection);
}

namespace {

bool fail(const QString &message, QString *error)
{
    *error = message;
    return false;
}

} // namespace

bool CliDataSource::choose(bool sample, bool seed, bool live, bool snapshot,
                           const QString &workspacePath, Kind *kind, QString *error)
{
    if (int(sample) + int(seed) + int(live) + int(snapshot) > 1) {
        *error = tr("give only one of --sample, --seed DIR, --live and --snapshot");
        return false;
    }
    if (snapshot)
        *kind = Kind::Snapshot;
    else if (sample)
        *kind = Kind::Sample;
    else if (seed)
        *kind = Kind::Seed;
    else if (live)
        *kind = Kind::Live;
    else if (isConnected(workspacePath))
        *kind = Kind::Live;
    else if (QFileInfo(workspacePath).exists() && !QFileInfo(workspacePath).isFile())
        return fail(tr("workspace %1 is not a file; give --workspace PATH of a workspace, or "
                       "--sample for the bundled sample org").arg(workspacePath), error);
    else if (QFileInfo(workspacePath).isFile()) {
        // A workspace that exists but cannot be opened may well be connected: never fall back
        // to the sample org silently.
        store::Workspace workspace(workspacePath);
        QString openError;
        if (!workspace.open(&openError))
            return fail(tr("cannot open workspace %1 (%2); give --sample for the bundled sample "
                           "org").arg(workspacePath, openError), error);
        *kind = Kind::Sample;
    } else
        *kind = Kind::Sample;
    return true;
}

int CliDataSource::readSeed(const QString &seed, const QString &workspacePath, const QString &verb,
                            checks::SystemState *state, const CliErrorReport &report)
{
    const CliStreams streams = report.streams();
    QString what = seed;
    if (seed.isEmpty()) {
        what = isConnected(workspacePath)
            ? tr("the bundled sample org (--sample), not the systems of workspace %1")
                  .arg(workspacePath)
            : tr("the bundled sample org: workspace %1 is not connected (connect it with "
                 "'msi-bridge-cli connect --salesforce-url URL --marketo-url URL', or give --seed "
                 "DIR for another folder)")
                  .arg(workspacePath);
    }
    streams.err << tr("%1: reading %2").arg(verb, what) << '\n';
    streams.err.flush();
    QString error;
    if (!checks::SeedReader::read(seed.isEmpty() ? checks::SeedReader::bundledSampleOrg() : seed,
                                  state, &error)) {
        return report.fail(CliErrorReport::Kind::Configuration,
                           tr("%1: %2").arg(verb, error));
    }
    return ExitOk;
}

int CliDataSource::readWorkspace(const QString &workspacePath, const QString &verb,
                                 checks::SystemState *state, const CliErrorReport &report)
{
    const CliStreams streams = report.streams();
    sync::EngineConnection connection;
    QString error;
    {
        if (!isConnected(workspacePath)) {
            return report.fail(CliErrorReport::Kind::Configuration,
                               tr("%1: workspace %2 is not connected: run 'msi-bridge-cli "
                                  "connect --salesforce-url URL --marketo-url URL' first")
                                   .arg(verb, workspacePath));
        }
        store::Workspace workspace(workspacePath);
        if (!workspace.open(&error) || !CliSession::loadConnection(workspace, &connection, &error)) {
            return report.fail(CliErrorReport::Kind::Configuration,
                               tr("%1: %2").arg(verb, error));
        }
    }
    streams.err << tr("%1: reading every record of the live systems of workspace %2 (Salesforce "
                      "%3, Marketo %4) into its snapshots")
                       .arg(verb, workspacePath,
                            connection.salesforce.loginUrl.toDisplayString(),
                            connection.marketo.baseUrl.toDisplayString())
                << '\n';
    streams.err.flush();
    session::RefreshController refresh;
    QEventLoop loop;
    session::SnapshotRefresher::Result result;
    QObject::connect(&refresh, &session::RefreshController::phaseChanged, &loop,
                     [&](const QString &text) {
                         streams.err << "  " << text << '\n';
                         streams.err.flush();
                     });
    QObject::connect(&refresh, &session::RefreshController::finished, &loop,
                     [&](const session::SnapshotRefresher::Result &finished) {
                         result = finished;
                         loop.quit();
                     });
    if (!refresh.start(workspacePath, connection)) {
        return report.fail(CliErrorReport::Kind::Configuration,
                           tr("%1: the refresh could not start").arg(verb));
    }
    loop.exec();
    if (!result.ok) {
        return report.fail(result.quotaExhausted ? CliErrorReport::Kind::Quota
                                                 : CliErrorReport::Kind::Connection,
                           tr("%1: reading the live systems failed: %2").arg(verb, result.message));
    }
    streams.err << "  " << result.message << '\n';
    streams.err.flush();
    if (!session::WorkspaceState::load(workspacePath, state, &error)) {
        return report.fail(CliErrorReport::Kind::Configuration,
                           tr("%1: %2").arg(verb, error));
    }
    return ExitOk;
}

int CliDataSource::readSnapshot(const QString &workspacePath, const QString &verb,
                                checks::SystemState *state, const CliErrorReport &report)
{
    const CliStreams streams = report.streams();
    if (!QFileInfo(workspacePath).isFile()) {
        return report.fail(CliErrorReport::Kind::Configuration,
                           tr("%1: --snapshot reads a workspace, and %2 does not exist")
                               .arg(verb, workspacePath));
    }
    QString error;
    if (!session::WorkspaceState::load(workspacePath, state, &error)) {
        return report.fail(CliErrorReport::Kind::Configuration,
                           tr("%1: %2").arg(verb, error));
    }
    if (state->sfUsers.isEmpty() && state->sfAccounts.isEmpty() && state->sfContacts.isEmpty()
        && state->sfLeads.isEmpty() && state->mktoLeads.isEmpty()) {
        return report.fail(CliErrorReport::Kind::Configuration,
                           tr("%1: workspace %2 holds no snapshot yet; read the systems with "
                              "--live (or File → Refresh in the app)")
                               .arg(verb, workspacePath));
    }
    streams.err << tr("%1: reading the snapshot stored in workspace %2 (what it last read of both "
                      "systems; --live reads them again)")
                       .arg(verb, workspacePath)
                << '\n';
    streams.err.flush();
    return ExitOk;
}

int CliDataSource::readRecord(const QString &query, const QUrl &salesforceUrl,
                              const QUrl &marketoUrl, const QString &workspacePath,
                              const QString &verb, checks::SystemState *state,
                              const CliErrorReport &report, const QString &fallbackSalesPerson)
{
    const CliStreams streams = report.streams();
    // URLs and client IDs: the command line, else the workspace's profiles (an existing
    // workspace only: a diagnosis never creates one).
    sync::EngineConnection connection;
    connection.salesforce.loginUrl.clear(); // not the default login host: say what is missing
    if (QFileInfo(workspacePath).isFile()) {
        store::Workspace workspace(workspacePath);
        QString error;
        if (workspace.open(&error))
            CliSession::loadProfiles(workspace, &connection);
    }
    if (!salesforceUrl.isEmpty())
        connection.salesforce.loginUrl = salesforceUrl;
    if (!marketoUrl.isEmpty())
        connection.marketo.baseUrl = marketoUrl;
    const QUrl &sfUrl = connection.salesforce.loginUrl;
    const QUrl &mkUrl = connection.marketo.baseUrl;
    if (!sfUrl.isValid() || sfUrl.isRelative() || !mkUrl.isValid() || mkUrl.isRelative()) {
        return report.fail(CliErrorReport::Kind::Configuration,
                           tr("%1: --live needs --salesforce-url URL and --marketo-url URL, or "
                              "a workspace connected with 'msi-bridge-cli connect' (--workspace "
                              "PATH)")
                               .arg(verb));
    }
    QString error;
    if (!CliSecrets(workspacePath).fill(&connection, &error)) {
        return report.fail(CliErrorReport::Kind::Configuration,
                           tr("%1: %2").arg(verb, error));
    }
    streams.err << tr("%1: reading %2 live from Salesforce %3 and Marketo %4")
                       .arg(verb, query, sfUrl.toDisplayString(), mkUrl.toDisplayString())
                << '\n';
    streams.err.flush();
    salesforce::SalesforceClient sf(connection.salesforce, connection.salesforceSettings);
    marketo::MarketoClient mk(connection.marketo, connection.marketoSettings);
    checks::StateReader reader(&sf, &mk);
    reader.setFallbackSalesPerson(fallbackSalesPerson.isEmpty()
                                      ? session::WorkspaceState::fallbackSalesPerson(workspacePath)
                                      : fallbackSalesPerson);
    QEventLoop loop;
    checks::StateReader::Result result;
    reader.read(query, [&](const checks::StateReader::Result &r) {
        result = r;
        loop.quit();
    });
    loop.exec();
    if (result.error.isError()) {
        return report.fail(result.error.kind == net::ApiError::Kind::QuotaExhausted
                               ? CliErrorReport::Kind::Quota
                               : CliErrorReport::Kind::Connection,
                           tr("%1: reading the live state failed: %2")
                               .arg(verb, result.error.message()));
    }
    *state = result.state;
    return ExitOk;
}

} // namespace msi::cli
