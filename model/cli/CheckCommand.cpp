#include "cli/CheckCommand.h"

#include "checks/CheckSuite.h"
#include "checks/EmailAudit.h"
#include "checks/RecordIndex.h"
#include "checks/SeedReader.h"
#include "cli/CliDataSource.h"
#include "cli/CliErrorReport.h"
#include "cli/CliSession.h"
#include "marketo/MarketoClient.h"
#include "salesforce/SalesforceClient.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QEventLoop>
#include <QJsonDocument>

namespace msi::cli {

using checks::Finding;

namespace {

// Reads every Salesforce user and the Marketo sales persons with their IDs, live.
bool readSalesPeople(const sync::EngineConnection &connection, checks::SystemState *state,
                     QString *error)
{
    salesforce::SalesforceClient salesforceClient(connection.salesforce,
                                                  connection.salesforceSettings);
    marketo::MarketoClient marketoClient(connection.marketo, connection.marketoSettings);
    QEventLoop loop;
    net::ApiError failure;
    salesforceClient.query(
        QStringLiteral("SELECT Id,FirstName,LastName,Name,Email,IsActive,Title FROM User"),
        [&](const salesforce::QueryResult &result) {
            if (result.error.isError()) {
                failure = result.error;
                return loop.quit();
            }
            state->sfUsers = result.records;
            QStringList ids;
            for (const QJsonObject &user : result.records)
                ids.append(user.value(u"Id").toString());
            if (ids.isEmpty())
                return loop.quit();
            marketoClient.getByFilter(
                marketo::MarketoObject::SalesPerson, QStringLiteral("externalSalesPersonId"), ids,
                {QStringLiteral("id"), QStringLiteral("externalSalesPersonId"),
                 QStringLiteral("email"), QStringLiteral("firstName"), QStringLiteral("lastName")},
                [&](const marketo::FilterReport &report) {
                    failure = report.error;
                    state->mktoSalesPersons = report.records;
                    loop.quit();
                });
        });
    loop.exec();
    if (failure.isError())
        *error = failure.message();
    return !failure.isError();
}

} // namespace

QString CheckCommand::summary() const
{
    return tr("list the problems found before a run (check ids | check all)");
}

int CheckCommand::run(const QStringList &arguments, CliStreams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    parser.addHelpOption();
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Print a JSON array."));
    const QCommandLineOption seedOption(
        QStringLiteral("seed"),
        tr("Read the records from a seed folder (salesforce/*.json, marketo/*.json)."), tr("dir"));
    const QCommandLineOption sampleOption(
        QStringLiteral("sample"),
        tr("Check the bundled sample org (the default only while the workspace is not "
           "connected)."));
    const QCommandLineOption liveOption(
        QStringLiteral("live"),
        tr("Read every record of the workspace's live systems into its snapshots, then check them "
           "(the default for a connected workspace)."));
    const QCommandLineOption snapshotOption(
        QStringLiteral("snapshot"),
        tr("Check what the workspace last read of both systems, without reading them again."));
    parser.addOptions({jsonOption, seedOption, sampleOption, liveOption, snapshotOption,
                       CliSession::workspaceOption()});
    parser.addPositionalArgument(QStringLiteral("what"),
                                 tr("ids: Salesforce and Marketo IDs only; emails: sales person "
                                    "e-mails against Salesforce users; all: every check."),
                                 QStringLiteral("ids|emails|all"));
    using Kind = CliErrorReport::Kind;
    const CliErrorReport report(streams, CliErrorReport::wantsJson(arguments));
    if (!parser.parse(arguments))
        return report.fail(Kind::Usage, tr("check: %1").arg(parser.errorText()));
    if (parser.isSet(QStringLiteral("help"))) {
        streams.out << parser.helpText();
        return ExitOk;
    }
    const QStringList what = parser.positionalArguments();
    if (what.size() != 1
        || (what.first() != u"ids" && what.first() != u"all" && what.first() != u"emails"))
        return report.fail(Kind::Usage,
                           tr("check: say what to check: 'check ids', 'check emails' or 'check all'"));
    const QString workspacePath = CliSession::workspacePath(parser);
    CliDataSource::Kind source = CliDataSource::Kind::Sample;
    QString error;
    if (!CliDataSource::choose(parser.isSet(sampleOption), parser.isSet(seedOption),
                               parser.isSet(liveOption), parser.isSet(snapshotOption),
                               workspacePath, &source, &error))
        return report.fail(Kind::Usage, tr("check: %1").arg(error));
    // 'check emails' always reads the live systems unless told otherwise (a few calls: the
    // users and their sales persons).
    if (what.first() == u"emails" && !parser.isSet(sampleOption) && !parser.isSet(seedOption)
        && !parser.isSet(snapshotOption))
        source = CliDataSource::Kind::Live;
    checks::SystemState state;
    if (source == CliDataSource::Kind::Live && what.first() == u"emails") {
        // The live systems of a workspace that exists: never create one here.
        const QString missing = CliSession::missingWorkspace(workspacePath);
        if (!missing.isEmpty())
            return report.fail(Kind::Configuration, tr("check: %1").arg(missing));
        sync::EngineConnection connection;
        store::Workspace workspace(workspacePath);
        if (!workspace.open(&error) || !CliSession::loadConnection(workspace, &connection, &error))
            return report.fail(Kind::Configuration, tr("check: %1").arg(error));
        if (!readSalesPeople(connection, &state, &error))
            return report.fail(Kind::Connection, tr("check: %1").arg(error));
    } else {
        const int code = source == CliDataSource::Kind::Live
            ? CliDataSource::readWorkspace(workspacePath, name(), &state, report)
            : source == CliDataSource::Kind::Snapshot
            ? CliDataSource::readSnapshot(workspacePath, name(), &state, report)
            : CliDataSource::readSeed(source == CliDataSource::Kind::Seed ? parser.value(seedOption)
                                                                          : QString(),
                                      workspacePath, name(), &state, report);
        if (code != ExitOk)
            return code;
    }
    const checks::Findings findings = what.first() == u"ids" ? checks::CheckSuite::runIds(state)
        : what.first() == u"emails" ? checks::EmailAudit::run(checks::RecordIndex(state))
                                    : checks::CheckSuite::run(state);
    bool problems = false;
    QJsonArray array;
    for (const Finding &f : findings) {
        problems = problems || f.severity != Finding::Severity::Info;
        if (parser.isSet(jsonOption)) {
            array.append(f.toJson());
        } else {
            streams.out << Finding::severityName(f.severity) << '\t' << f.code << '\t'
                        << f.records.join(u',') << '\t' << f.cause << '\t'
                        << (f.fix.isEmpty() ? QStringLiteral("-") : f.fix) << '\n';
        }
    }
    if (parser.isSet(jsonOption))
        streams.out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
    else if (findings.isEmpty())
        streams.out << tr("no findings") << '\n';
    streams.out.flush();
    return problems ? ExitFindings : ExitOk;
}

} // namespace msi::cli
