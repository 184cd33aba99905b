#include "cli/CliErrorReport.h"

#include <QJsonDocument>

namespace msi::cli {

bool CliErrorReport::wantsJson(const QStringList &arguments)
{
    // arguments[0] is "msi-bridge-cli <verb>"; "--" ends the options.
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments.at(i) == u"--")
            return false;
        if (arguments.at(i) == u"--json")
            return true;
    }
    return false;
}

QString CliErrorReport::key(Kind kind)
{
    switch (kind) {
    case Kind::Usage: return QStringLiteral("usage");
    case Kind::Configuration: return QStringLiteral("configuration");
    case Kind::Connection: return QStringLiteral("connection");
    case Kind::Quota: return QStringLiteral("quota");
    }
    return QStringLiteral("usage");
}

int CliErrorReport::exitCode(Kind kind)
{
    switch (kind) {
    case Kind::Usage:
    case Kind::Configuration:
        return ExitUsage;
    case Kind::Connection: return ExitConnection;
    case Kind::Quota: return ExitQuota;
    }
    return ExitUsage;
}

CliErrorReport::Kind CliErrorReport::kindOf(int exitCode)
{
    switch (exitCode) {
    case ExitConnection: return Kind::Connection;
    case ExitQuota: return Kind::Quota;
    default: return Kind::Configuration;
    }
}

QJsonObject CliErrorReport::document(Kind kind, const QString &message)
{
    return QJsonObject{
        {QStringLiteral("error"),
         QJsonObject{{QStringLiteral("code"), key(kind)}, {QStringLiteral("message"), message}}},
        {QStringLiteral("exitCode"), exitCode(kind)}};
}

int CliErrorReport::fail(Kind kind, const QString &message) const
{
    m_streams.err << message << '\n';
    m_streams.err.flush();
    if (m_json) {
        m_streams.out << QString::fromUtf8(
            QJsonDocument(document(kind, message)).toJson(QJsonDocument::Indented));
        m_streams.out.flush();
    }
    return exitCode(kind);
}

} // namespace msi::cli
