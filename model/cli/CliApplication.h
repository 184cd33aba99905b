#pragma once

#include "cli/CliCommand.h"

#include <QCoreApplication>
#include <memory>
#include <vector>

namespace msi::cli {

// Dispatches `msi-bridge-cli <verb> ...` to the registered verbs.
class CliApplication final
{
    Q_DECLARE_TR_FUNCTIONS(msi::cli::CliApplication)
public:
    CliApplication();
    ~CliApplication();
    void addCommand(std::unique_ptr<CliCommand> command);
    int run(const QStringList &arguments, CliStreams streams);

private:
    void printUsage(QTextStream &stream) const;
    std::vector<std::unique_ptr<CliCommand>> m_commands;
};

} // namespace msi::cli
