#include "cli/ConnectCommand.h"

#include "cli/CliErrorReport.h"
#include "cli/CliSecrets.h"
#include "cli/CliSession.h"
#include "cli/ConnectUrls.h"

#include "marketo/MarketoClient.h"
#include "salesforce/SalesforceClient.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

namespace msi::cli {

QString ConnectCommand::summary() const
{
    return tr("sign in to Salesforce and Marketo and keep the connection in the workspace");
}

int ConnectCommand::run(const QStringList &arguments, CliStreams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    parser.addHelpOption();
    const QCommandLineOption salesforceOption(QStringLiteral("salesforce-url"),
                                              tr("Salesforce login URL (My Domain or the sandbox)."),
                                              tr("url"));
    const QCommandLineOption marketoOption(QStringLiteral("marketo-url"),
                                           tr("Marketo REST base URL."), tr("url"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Print one JSON document."));
    parser.addOptions({salesforceOption, marketoOption, jsonOption, CliSession::workspaceOption()});
    using Kind = CliErrorReport::Kind;
    const CliErrorReport report(streams, CliErrorReport::wantsJson(arguments));
    if (!parser.parse(arguments))
        return report.fail(Kind::Usage, tr("connect: %1").arg(parser.errorText()));
    if (parser.isSet(QStringLiteral("help"))) {
        streams.out << parser.helpText();
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return report.fail(Kind::Usage, tr("connect: unexpected argument '%1'")
                                            .arg(parser.positionalArguments().first()));
    QUrl salesforceUrl;
    QUrl marketoUrl;
    const QStringList urlProblems = ConnectUrls::problems(
        parser.value(salesforceOption), parser.value(marketoOption), &salesforceUrl, &marketoUrl);
    if (!urlProblems.isEmpty()) {
        QStringList lines;
        for (const QString &problem : urlProblems)
            lines << tr("connect: %1").arg(problem);
        return report.fail(Kind::Usage, lines.join(u'\n'));
    }
    QString error;
    // A new workspace is made only once both sign-ins succeeded: a connect that fails leaves no
    // file behind. An existing one is opened first (it may hold the client IDs of an earlier
    // connect, and one that cannot be opened is an error before any call).
    std::optional<store::Workspace> workspace;
    workspace.emplace(CliSession::workspacePath(parser));
    const QString workspacePath = workspace->path();
    const bool existed = QFileInfo::exists(workspacePath);
    QString existingFolder = QFileInfo(workspacePath).absolutePath(); // folders open() may make
    while (!QFileInfo::exists(existingFolder) && !QDir(existingFolder).isRoot())
        existingFolder = QFileInfo(existingFolder).absolutePath();
    sync::EngineConnection connection;
    if (existed) {
        if (!workspace->open(&error))
            return report.fail(Kind::Configuration, tr("connect: %1").arg(error));
        CliSession::loadProfiles(*workspace, &connection); // client IDs of an earlier connect
    }
    connection.salesforce.loginUrl = salesforceUrl;
    connection.marketo.baseUrl = marketoUrl;
    CliSecrets secrets(workspacePath);
    if (!secrets.fill(&connection, &error))
        return report.fail(Kind::Configuration, tr("connect: %1").arg(error));

    salesforce::SalesforceClient salesforceClient(connection.salesforce, connection.salesforceSettings);
    marketo::MarketoClient marketoClient(connection.marketo, connection.marketoSettings);
    QEventLoop loop;
    net::ApiError salesforceError;
    net::ApiError marketoError;
    int pending = 2;
    const auto oneDone = [&] {
        if (--pending == 0)
            loop.quit();
    };
    streams.err << tr("Signing in to Salesforce and Marketo...") << '\n';
    streams.err.flush();
    salesforceClient.signIn([&](const net::ApiError &e) { salesforceError = e; oneDone(); });
    marketoClient.authenticate([&](const net::ApiError &e) { marketoError = e; oneDone(); });
    loop.exec();

    const bool ok = !salesforceError.isError() && !marketoError.isError();
    // A refused sign-in may be a swapped or wrong URL: ask each failing URL, without credentials,
    // which system answers there (a host that does not resolve has nothing to tell).
    QStringList swapped;
    const auto misplaced = [&](ConnectUrls::System expected, const QUrl &url,
                               const net::ApiError &error) {
        if (!error.isError() || error.code == net::ApiError::hostNotFoundCode())
            return;
        const ConnectUrls::System answered = ConnectUrls::identify(url);
        if (answered != ConnectUrls::System::Unknown && answered != expected)
            swapped << ConnectUrls::answeredLike(expected, url);
    };
    misplaced(ConnectUrls::System::Salesforce, salesforceUrl, salesforceError);
    misplaced(ConnectUrls::System::Marketo, marketoUrl, marketoError);
    if (!swapped.isEmpty()) {
        if (parser.isSet(jsonOption)) {
            QJsonObject json{{QStringLiteral("connected"), false},
                             {QStringLiteral("workspace"), workspacePath},
                             {QStringLiteral("problems"), QJsonArray::fromStringList(swapped)}};
            json.insert(u"error", CliErrorReport::document(Kind::Usage, swapped.join(u'\n'))
                                      .value(u"error"));
            json.insert(u"exitCode", int(ExitUsage));
            streams.out << QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented));
        }
        for (const QString &problem : std::as_const(swapped))
            streams.err << tr("connect: %1").arg(problem) << '\n';
        return ExitUsage;
    }

    if (ok && ((!workspace->isOpen() && !workspace->open(&error))
               || !CliSession::saveConnection(*workspace, connection, &error))) {
        if (!existed) {
            workspace.reset(); // closes its connection before its files go
            store::Workspace::removeFiles(workspacePath);
            for (QString folder = QFileInfo(workspacePath).absolutePath();
                 folder != existingFolder && QDir().rmdir(folder);
                 folder = QFileInfo(folder).absolutePath()) {
            }
        }
        return report.fail(Kind::Configuration, tr("connect: %1").arg(error));
    }
    // Secrets given in the environment go to the keychain, so later verbs need no variables.
    QString keychainState = secrets.anyFromKeychain() ? QStringLiteral("used")
                                                      : QStringLiteral("not-used");
    QString keychainMessage;
    if (ok && secrets.anyFromEnvironment()) {
        const bool saved = secrets.saveEnvironmentSecrets(connection, &keychainMessage);
        keychainState = saved ? QStringLiteral("saved") : QStringLiteral("unavailable");
        if (!parser.isSet(jsonOption)) {
            if (saved)
                streams.out << keychainMessage << '\n';
            else
                streams.err << tr("connect: %1").arg(keychainMessage) << '\n';
        }
    }
    if (parser.isSet(jsonOption)) {
        QJsonObject json{{QStringLiteral("connected"), ok},
                         {QStringLiteral("workspace"), workspacePath},
                         {QStringLiteral("salesforce"), salesforceError.isError()
                                                            ? salesforceError.message()
                                                            : QStringLiteral("ok")},
                         {QStringLiteral("marketo"), marketoError.isError() ? marketoError.message()
                                                                            : QStringLiteral("ok")},
                         {QStringLiteral("keychain"), keychainState}};
        if (!keychainMessage.isEmpty())
            json.insert(u"keychainMessage", keychainMessage);
        if (!ok) {
            QStringList failures;
            if (salesforceError.isError())
                failures << tr("Salesforce: %1").arg(salesforceError.message());
            if (marketoError.isError())
                failures << tr("Marketo: %1").arg(marketoError.message());
            json.insert(u"error", CliErrorReport::document(Kind::Connection, failures.join(u'\n'))
                                      .value(u"error"));
        }
        json.insert(u"exitCode", ok ? int(ExitOk) : int(ExitConnection));
        streams.out << QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented));
    } else {
        if (salesforceError.isError())
            streams.err << tr("Salesforce: %1").arg(salesforceError.message()) << '\n';
        if (marketoError.isError())
            streams.err << tr("Marketo: %1").arg(marketoError.message()) << '\n';
        if (ok)
            streams.out << tr("Connected: Salesforce %1, Marketo %2 (workspace %3)")
                               .arg(salesforceUrl.toDisplayString(), marketoUrl.toDisplayString(),
                                    workspacePath)
                        << '\n';
    }
    return ok ? ExitOk : ExitConnection;
}

} // namespace msi::cli
