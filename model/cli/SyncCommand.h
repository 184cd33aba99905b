#pragma once

#include "cli/CliCommand.h"

#include <QCoreApplication>

namespace msi::cli {

// `sync [--stages LIST] [--dry-run] [--full] [--retry-failed] [--records IDS] [--json]`: runs the six stages
// (SyncEngine in a worker thread); progress on stderr, per-stage counts on stdout (--json: one JSON
// document). Exit 0 all synced, 1 some records failed/blocked/skipped/deferred, 2 usage or
// configuration (another run holding the workspace included), 3 connection or auth, 4 daily quota
// (resumable: run sync again), 130 interrupted by SIGINT/SIGTERM (resumable).
class SyncCommand final : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(msi::cli::SyncCommand)
public:
    QString name() const override { return QStringLiteral("sync"); }
    QString summary() const override;
    bool usesWorkspace() const override { return true; }
    int run(const QStringList &arguments, CliStreams streams) override;

    // Empty when value is a valid Salesforce User ID (prefix 005, 15 or 18 characters, valid
    // checksum when 18) and then *id18 is its 18-character form; otherwise the sentence saying
    // what is wrong, naming the value.
    static QString fallbackSalesPersonProblem(const QString &value, QString *id18);
};

} // namespace msi::cli
