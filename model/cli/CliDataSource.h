#pragma once

#include "cli/CliCommand.h"

#include <QCoreApplication>
#include <QUrl>

namespace msi::checks { struct SystemState; }

namespace msi::cli {

class CliErrorReport;

// Which records `check ids|all` and `diagnose` read, and reading them:
// - Sample: the bundled sample org (--sample, or the default while the workspace is not connected);
// - Seed: a seed folder (--seed DIR);
// - Live: both live systems (--live, or the default once the workspace exists and holds the
//   connection profiles `connect` or the setup wizard saved). Secrets come from the environment
//   or the keychain (CliSecrets);
// - Snapshot: what the workspace last read of both systems (--snapshot; no call to either system).
// Deciding never creates a workspace file. Errors go through the verb's CliErrorReport (stderr,
// and with --json the error document on stdout); progress goes to its stderr.
class CliDataSource final
{
    Q_DECLARE_TR_FUNCTIONS(msi::cli::CliDataSource)
public:
    enum class Kind { Sample, Seed, Live, Snapshot };

    // True when workspacePath is an existing workspace with both connection profiles.
    static bool isConnected(const QString &workspacePath);

    // The source the flags ask for (at most one of them), else Live for a connected workspace,
    // else Sample. False + error when more than one flag is given, or when the workspace file
    // exists but cannot be opened (it may be connected: no silent fallback to the sample org).
    static bool choose(bool sample, bool seed, bool live, bool snapshot,
                       const QString &workspacePath, Kind *kind, QString *error);

    // Reads a seed folder (empty: the bundled sample org), saying on stderr which. `verb` prefixes
    // the messages ("check", "diagnose"). Exit code: 0, or 2 when the folder cannot be read.
    static int readSeed(const QString &seed, const QString &workspacePath, const QString &verb,
                        checks::SystemState *state, const CliErrorReport &report);

    // Reads every record of both systems of a connected workspace into its snapshots (the GUI's
    // File → Refresh, in a worker thread, progress on stderr), then loads them. Exit code: 0; 2
    // when the workspace is not connected or a secret is missing; 3 when a read fails; 4 quota.
    static int readWorkspace(const QString &workspacePath, const QString &verb,
                             checks::SystemState *state, const CliErrorReport &report);

    // Loads the workspace's stored snapshots (as the GUI shows them), saying on stderr when they
    // were last written. Exit code: 0; 2 when the workspace does not exist or holds no snapshot.
    static int readSnapshot(const QString &workspacePath, const QString &verb,
                            checks::SystemState *state, const CliErrorReport &report);

    // Reads one record's neighbourhood live (checks::StateReader, about 10 Salesforce and 7
    // Marketo calls). URLs from the arguments when given, else from the workspace's profiles.
    // Exit code: 0; 2 without URLs or secrets; 3 when the read fails; 4 quota.
    // fallbackSalesPerson: the sales person of queue-owned records (empty: the workspace's).
    static int readRecord(const QString &query, const QUrl &salesforceUrl, const QUrl &marketoUrl,
                          const QString &workspacePath, const QString &verb,
                          checks::SystemState *state, const CliErrorReport &report,
                          const QString &fallbackSalesPerson = {});
};

} // namespace msi::cli
