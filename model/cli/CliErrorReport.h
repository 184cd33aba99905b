#pragma once

#include "cli/CliCommand.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace msi::cli {

// How a verb ends on an error before it has a result to print (exit 2, 3 or 4): the message on
// stderr as always, and, when the verb was given --json, one JSON document on stdout too, so a
// script that reads stdout always gets exactly one document:
//   {"error": {"code": "usage", "message": "sync: unknown stage '7'"}, "exitCode": 2}
// Codes: usage (bad options or arguments), configuration (no workspace, not connected, a secret
// missing, a workspace that cannot be opened or is in use by another run), connection, quota.
class CliErrorReport final
{
    Q_DECLARE_TR_FUNCTIONS(msi::cli::CliErrorReport)
public:
    enum class Kind { Usage, Configuration, Connection, Quota };

    CliErrorReport(CliStreams streams, bool json) : m_streams(streams), m_json(json) {}

    // True when the verb's own arguments ask for --json (also when parsing them failed).
    static bool wantsJson(const QStringList &arguments);
    static QString key(Kind kind);
    static int exitCode(Kind kind);
    // The kind an exit code stands for (2 configuration, 3 connection, 4 quota).
    static Kind kindOf(int exitCode);
    static QJsonObject document(Kind kind, const QString &message);

    CliStreams streams() const { return m_streams; }
    bool json() const { return m_json; }
    // Prints message (one or more lines) on stderr and, with --json, the error document on
    // stdout; returns the exit code of kind.
    int fail(Kind kind, const QString &message) const;

private:
    CliStreams m_streams;
    bool m_json = false;
};

} // namespace msi::cli
