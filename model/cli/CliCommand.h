#pragma once

#include <QStringList>
#include <QTextStream>

namespace msi::cli {

// Exit codes shared by every verb (a contract other tools rely on).
enum ExitCode : int {
    ExitOk = 0,
    ExitFindings = 1,     // some records failed, were blocked or are invalid
    ExitUsage = 2,        // usage or configuration error
    ExitConnection = 3,   // connection or authentication failure
    ExitQuota = 4,        // the daily quota stopped the run (resumable)
    ExitInterrupted = 130, // SIGINT/SIGTERM cancelled the run (resumable), as shells report ^C
};

// The streams a verb writes to: results on out, progress and errors on err.
struct CliStreams
{
    QTextStream &out;
    QTextStream &err;
};

// One verb of msi-bridge-cli.
class CliCommand
{
public:
    virtual ~CliCommand() = default;
    virtual QString name() const = 0;
    virtual QString summary() const = 0;
    // True for verbs that work on a workspace: a global `--workspace PATH` given before the verb
    // is handed to them as their own `--workspace PATH` option.
    virtual bool usesWorkspace() const { return false; }
    // arguments[0] is "msi-bridge-cli <verb>"; the rest are the verb's own arguments.
    virtual int run(const QStringList &arguments, CliStreams streams) = 0;
};

} // namespace msi::cli
