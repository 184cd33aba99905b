#pragma once

#include "cli/CliCommand.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace msi::store { struct RunInfo; }

namespace msi::cli {

// `runs [--json]`: the run history of the workspace, newest first. A run's status is named as
// `sync --json` named it (RunResult::statusKey: succeeded, findings, usage, connection, quota,
// cancelled; "running" and "interrupted" for runs that did not end), and its stages are listed in
// stage order (sales persons ... MSI write-back).
class RunsCommand final : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(msi::cli::RunsCommand)
public:
    QString name() const override { return QStringLiteral("runs"); }
    QString summary() const override;
    bool usesWorkspace() const override { return true; }
    int run(const QStringList &arguments, CliStreams streams) override;

    // The status key of a stored run: the one the sync engine kept, else (runs journaled before
    // it kept one) derived from the journal status and the outcome counts.
    static QString statusKey(const store::RunInfo &run);
    // The stage keys of a run's counts in stage order; keys the engine does not know come last.
    static QStringList stageOrder(const QJsonObject &stageCounts);
};

} // namespace msi::cli
