#include "cli/CliApplication.h"

#include "cli/CheckCommand.h"
#include "cli/CliErrorReport.h"
#include "cli/CheckIdCommand.h"
#include "cli/DiagnoseCommand.h"
#include "cli/ConnectCommand.h"
#include "cli/FailuresCommand.h"
#include "cli/RunsCommand.h"
#include "cli/SyncCommand.h"

namespace msi::cli {

CliApplication::CliApplication()
{
    addCommand(std::make_unique<CheckIdCommand>());
    addCommand(std::make_unique<CheckCommand>());
    addCommand(std::make_unique<DiagnoseCommand>());
    addCommand(std::make_unique<ConnectCommand>());
    addCommand(std::make_unique<SyncCommand>());
    addCommand(std::make_unique<RunsCommand>());
    addCommand(std::make_unique<FailuresCommand>());
}

CliApplication::~CliApplication() = default;

void CliApplication::addCommand(std::unique_ptr<CliCommand> command)
{
    m_commands.push_back(std::move(command));
}

void CliApplication::printUsage(QTextStream &stream) const
{
    stream << tr("Usage: msi-bridge-cli <command> [options]") << '\n'
           << tr("       msi-bridge-cli --version | --help") << "\n\n"
           << tr("Commands:") << '\n';
    for (const auto &command : m_commands)
        stream << "  " << command->name().leftJustified(12) << command->summary() << '\n';
    stream << '\n' << tr("Run 'msi-bridge-cli <command> --help' for a command's options.") << '\n';
}

int CliApplication::run(const QStringList &givenArguments, CliStreams streams)
{
    // Global options before the verb: --workspace PATH (or --workspace=PATH).
    QStringList arguments = givenArguments;
    // Errors before a verb runs: with --json anywhere, one error document on stdout as well.
    const CliErrorReport report(streams, CliErrorReport::wantsJson(givenArguments));
    QString workspace;
    while (arguments.size() > 1 && arguments.at(1).startsWith(u"--workspace")) {
        const QString option = arguments.takeAt(1);
        if (option.startsWith(u"--workspace=")) {
            workspace = option.mid(12);
        } else if (option == u"--workspace" && arguments.size() > 1) {
            workspace = arguments.takeAt(1);
        } else {
            return report.fail(CliErrorReport::Kind::Usage,
                               tr("msi-bridge-cli: --workspace needs a path"));
        }
    }
    const QString verb = arguments.value(1);
    if (verb == u"--version" || verb == u"-v") {
        streams.out << "msi-bridge-cli " << QStringLiteral(MSI_BRIDGE_VERSION) << '\n';
        return ExitOk;
    }
    if (verb == u"--help" || verb == u"-h" || verb == u"help") {
        printUsage(streams.out);
        return ExitOk;
    }
    if (verb.isEmpty()) {
        printUsage(streams.err);
        return ExitUsage;
    }
    for (const auto &command : m_commands) {
        if (command->name() == verb) {
            QStringList verbArguments = arguments.mid(2);
            verbArguments.prepend(arguments.value(0) + u' ' + verb);
            if (!workspace.isEmpty()) {
                if (!command->usesWorkspace())
                    return report.fail(CliErrorReport::Kind::Usage,
                                       tr("msi-bridge-cli: '%1' does not use a workspace").arg(verb));
                verbArguments << QStringLiteral("--workspace") << workspace;
            }
            return command->run(verbArguments, streams);
        }
    }
    if (report.json())
        return report.fail(CliErrorReport::Kind::Usage,
                           tr("msi-bridge-cli: unknown command '%1'").arg(verb));
    streams.err << tr("msi-bridge-cli: unknown command '%1'").arg(verb) << "\n\n";
    printUsage(streams.err);
    return ExitUsage;
}

} // namespace msi::cli
