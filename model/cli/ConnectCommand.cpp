#include "cli/ConnectCommand.h"

#include "cli/CliSecrets.h"
#include "cli/CliSession.h"
#include "cli/ConnectUrls.h"

#include "marketo/MarketoClient.h"
#include "salesforce/SalesforceClient.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

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
    if (!parser.parse(arguments)) {
        streams.err << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        streams.out << parser.helpText();
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty()) {
        streams.err << tr("connect: unexpected argument '%1'").arg(parser.positionalArguments().first())
                    << '\n';
        return ExitUsage;
    }
    QUrl salesforceUrl;
    QUrl marketoUrl;
    const QStringList urlProblems = ConnectUrls::problems(
        parser.value(salesforceOption), parser.value(marketoOption), &salesforceUrl, &marketoUrl);
    if (!urlProblems.isEmpty()) {
        for (const QString &problem : urlProblems)
            streams.err << tr("connect: %1").arg(problem) << '\n';
        return ExitUsage;
    }
    QString error;
    store::Workspace workspace(CliSession::workspacePath(parser));
    if (!workspace.open(&error)) {
        streams.err << tr("connect: %1").arg(error) << '\n';
        return ExitUsage;
    }
    sync::EngineConnection connection;
    CliSession::loadProfiles(workspace, &connection); // client IDs of an earlier connect, if any
    connection.salesforce.loginUrl = salesforceUrl;
    connection.marketo.baseUrl = marketoUrl;
    CliSecrets secrets(workspace.path());
    if (!secrets.fill(&connection, &error)) {
        streams.err << tr("connect: %1").arg(error) << '\n';
        return ExitUsage;
    }

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
            const QJsonObject json{{QStringLiteral("connected"), false},
                                   {QStringLiteral("workspace"), workspace.path()},
                                   {QStringLiteral("problems"), QJsonArray::fromStringList(swapped)}};
            streams.out << QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented));
        }
        for (const QString &problem : std::as_const(swapped))
            streams.err << tr("connect: %1").arg(problem) << '\n';
        return ExitUsage;
    }

    if (ok && !CliSession::saveConnection(workspace, connection, &error)) {
        streams.err << tr("connect: %1").arg(error) << '\n';
        return ExitUsage;
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
                         {QStringLiteral("workspace"), workspace.path()},
                         {QStringLiteral("salesforce"), salesforceError.isError()
                                                            ? salesforceError.message()
                                                            : QStringLiteral("ok")},
                         {QStringLiteral("marketo"), marketoError.isError() ? marketoError.message()
                                                                            : QStringLiteral("ok")},
                         {QStringLiteral("keychain"), keychainState}};
        if (!keychainMessage.isEmpty())
            json.insert(u"keychainMessage", keychainMessage);
        streams.out << QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented));
    } else {
        if (salesforceError.isError())
            streams.err << tr("Salesforce: %1").arg(salesforceError.message()) << '\n';
        if (marketoError.isError())
            streams.err << tr("Marketo: %1").arg(marketoError.message()) << '\n';
        if (ok)
            streams.out << tr("Connected: Salesforce %1, Marketo %2 (workspace %3)")
                               .arg(salesforceUrl.toDisplayString(), marketoUrl.toDisplayString(),
                                    workspace.path())
                        << '\n';
    }
    return ok ? ExitOk : ExitConnection;
}

} // namespace msi::cli
