#pragma once

#include "cli/CliCommand.h"

#include <QCoreApplication>

namespace msi::cli {

// `check ids|all [--json] [--sample | --seed DIR | --live | --snapshot]`: the pre-run checks. A
// connected workspace (or --live) is read in full from both live systems into its snapshots first
// (as the GUI's refresh), then checked; --snapshot checks those snapshots without reading; otherwise
// the bundled sample org (or --seed DIR) is checked, and stderr says which. `ids` runs the ID audit only, `all` every check.
// `check emails [--json] [--seed DIR | --sample | --snapshot] [--workspace PATH]`: every Marketo sales person whose e-mail
// does not match the Salesforce user, read live through the workspace's connection (or from the
// seed folder when --seed is given); exit 3 when the systems cannot be reached. Text output is one finding
// per line: severity, code, records, cause, fix (tab-separated); --json prints one JSON array of
// {severity, code, records, cause, fix}. Exit 0 when no finding is an error or warning, 1
// otherwise, 2 on usage errors.
class CheckCommand final : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(msi::cli::CheckCommand)
public:
    QString name() const override { return QStringLiteral("check"); }
    QString summary() const override;
    bool usesWorkspace() const override { return true; }
    int run(const QStringList &arguments, CliStreams streams) override;
};

} // namespace msi::cli
