#pragma once

#include "cli/CliCommand.h"
#include "sync/SyncEngine.h"

#include <QCoreApplication>
#include <QSet>

namespace msi::cli {

// Runs the sync engine for a CLI verb (SyncController in its worker thread, a local event loop
// here) with its progress on stderr, and prints a RunResult. Shared by `sync` and `diagnose --fix`.
class CliSyncRun final
{
    Q_DECLARE_TR_FUNCTIONS(msi::cli::CliSyncRun)
public:
    // Phases, the quota estimate (with a warning when it does not fit) and per-stage progress go
    // to streams.err as they come. While it runs, SIGINT/SIGTERM cancel the run (InterruptWatcher).
    static sync::RunResult run(const QString &workspacePath,
                               const sync::EngineConnection &connection,
                               const sync::RunOptions &options, CliStreams streams);
    // The per-stage table, the findings and the run's message. With onlyIds, only the findings
    // that name one of those records (18-character IDs) are listed, and how many others are not.
    static void printText(const sync::RunResult &result, QTextStream &out,
                          const QSet<QString> *onlyIds = nullptr);
    // 0 succeeded, 1 findings, 2 usage, 3 connection, 4 quota, 130 cancelled (interrupted).
    static int exitCode(sync::RunResult::Status status);
    // The --json document: RunResult::toJson plus exitCode, quotaFits (once estimated) and, for
    // exit 2-4, the error object the verbs print (CliErrorReport).
    static QJsonObject toJson(const sync::RunResult &result, int exitCode);
    // Empty when the estimate fits today's remaining quota; else the sentence saying it does not.
    static QString quotaWarning(const sync::QuotaEstimate &estimate);

    // Parses a comma-separated list of Salesforce record IDs (15 or 18 characters, checksum and
    // case verified by core::SalesforceId) into their 18-character forms. Empty when every value
    // is valid; otherwise the sentence naming the first invalid value and why.
    static QString parseRecordIds(const QString &list, QSet<QString> *ids18);
};

} // namespace msi::cli
