#pragma once

#include "cli/CliCommand.h"

#include <QCoreApplication>

namespace msi::cli {

// `failures RUN [--csv FILE] [--json]`: every failed, blocked, skipped or deferred record of a
// run with its reason. Exit 1 when it lists any, 0 when the run left none, 2 for a run the
// workspace does not have (or no workspace at the path: it is never created here).
class FailuresCommand final : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(msi::cli::FailuresCommand)
public:
    QString name() const override { return QStringLiteral("failures"); }
    QString summary() const override;
    bool usesWorkspace() const override { return true; }
    int run(const QStringList &arguments, CliStreams streams) override;
};

} // namespace msi::cli
