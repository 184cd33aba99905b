#pragma once

#include "cli/CliCommand.h"

#include <QCoreApplication>

namespace msi::cli {

// `runs [--json]`: the run history of the workspace, newest first.
class RunsCommand final : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(msi::cli::RunsCommand)
public:
    QString name() const override { return QStringLiteral("runs"); }
    QString summary() const override;
    bool usesWorkspace() const override { return true; }
    int run(const QStringList &arguments, CliStreams streams) override;
};

} // namespace msi::cli
