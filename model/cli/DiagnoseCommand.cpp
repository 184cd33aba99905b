#include "cli/DiagnoseCommand.h"

#include "cli/CliSecrets.h"
#include "cli/CliSession.h"

#include "checks/MsiDiagnosis.h"
#include "checks/Records.h"
#include "checks/SeedReader.h"
#include "checks/StateReader.h"
#include "marketo/MarketoClient.h"
#include "salesforce/SalesforceClient.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace msi::cli {

using checks::Diagnosis;
using checks::DiagnosisLink;
using checks::MsiDiagnosis;

namespace {

QString valueText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QStringLiteral("-");
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double:
        return QString::number(value.toDouble());
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

} // namespace

QString DiagnoseCommand::summary() const
{
    return tr("why is the MSI panel of a Lead, Contact, Account or Opportunity empty?");
}

void DiagnoseCommand::printText(const Diagnosis &diagnosis, QTextStream &out)
{
    out << checks::Records::sfLabel(diagnosis.record) << ": "
        << DiagnosisLink::verdictName(diagnosis.verdict()) << '\n';
    for (const DiagnosisLink &l : diagnosis.links) {
        out << DiagnosisLink::verdictName(l.verdict).toUpper().leftJustified(6) << l.link;
        if (!l.subject.isEmpty())
            out << " [" << l.subject << ']';
        out << "\n      " << l.cause << '\n';
        if (l.verdict != DiagnosisLink::Verdict::Pass && l.problem != u"blocked")
            out << "      " << tr("Salesforce: %1").arg(valueText(l.salesforce)) << '\n'
                << "      " << tr("Marketo:    %1").arg(valueText(l.marketo)) << '\n';
    }
}

int DiagnoseCommand::runAll(const checks::SystemState &state, bool json, CliStreams streams)
{
    const MsiDiagnosis diagnosis(state);
    const MsiDiagnosis::Bulk bulk = diagnosis.diagnoseAll();
    if (json) {
        QJsonArray groups;
        for (const MsiDiagnosis::Group &g : bulk.groups)
            groups.append(QJsonObject{{QStringLiteral("type"), g.recordType},
                                      {QStringLiteral("link"), g.link},
                                      {QStringLiteral("problem"), g.problem},
                                      {QStringLiteral("verdict"), DiagnosisLink::verdictName(g.verdict)},
                                      {QStringLiteral("count"), int(g.records.size())},
                                      {QStringLiteral("summary"), g.summary()},
                                      {QStringLiteral("records"), QJsonArray::fromStringList(g.records)}});
        const QJsonObject doc{{QStringLiteral("records"), bulk.recordsDiagnosed},
                              {QStringLiteral("passing"), bulk.recordsPassing},
                              {QStringLiteral("groups"), groups}};
        streams.out << QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Indented));
    } else {
        streams.out << tr("%1 of %2 records pass every link").arg(bulk.recordsPassing).arg(bulk.recordsDiagnosed)
                    << '\n';
        for (const MsiDiagnosis::Group &g : bulk.groups)
            streams.out << DiagnosisLink::verdictName(g.verdict).toUpper().leftJustified(6)
                        << g.summary() << "  (" << g.link << ")\n";
    }
    streams.out.flush();
    return bulk.recordsPassing == bulk.recordsDiagnosed ? ExitOk : ExitFindings;
}

int DiagnoseCommand::readLive(const QString &query, const QUrl &salesforceUrl,
                              const QUrl &marketoUrl, const QString &workspacePath,
                              checks::SystemState *state, CliStreams streams)
{
    // URLs and client IDs: the command line, else the workspace's profiles (an existing
    // workspace only: a diagnosis never creates one).
    sync::EngineConnection connection;
    connection.salesforce.loginUrl.clear(); // not the default login host: say what is missing
    if (QFileInfo::exists(workspacePath)) {
        store::Workspace workspace(workspacePath);
        QString error;
        if (workspace.open(&error))
            CliSession::loadProfiles(workspace, &connection);
    }
    if (!salesforceUrl.isEmpty())
        connection.salesforce.loginUrl = salesforceUrl;
    if (!marketoUrl.isEmpty())
        connection.marketo.baseUrl = marketoUrl;
    const QUrl &sfUrl = connection.salesforce.loginUrl;
    const QUrl &mkUrl = connection.marketo.baseUrl;
    if (!sfUrl.isValid() || sfUrl.isRelative() || !mkUrl.isValid() || mkUrl.isRelative()) {
        streams.err << tr("diagnose: --live needs --salesforce-url URL and --marketo-url URL, or a "
                          "workspace connected with 'msi-bridge-cli connect' (--workspace PATH)")
                    << '\n';
        return ExitUsage;
    }
    QString error;
    if (!CliSecrets(workspacePath).fill(&connection, &error)) {
        streams.err << tr("diagnose: %1").arg(error) << '\n';
        return ExitUsage;
    }
    salesforce::SalesforceClient sf(connection.salesforce, connection.salesforceSettings);
    marketo::MarketoClient mk(connection.marketo, connection.marketoSettings);
    checks::StateReader reader(&sf, &mk);
    QEventLoop loop;
    checks::StateReader::Result result;
    reader.read(query, [&](const checks::StateReader::Result &r) {
        result = r;
        loop.quit();
    });
    loop.exec();
    if (result.error.isError()) {
        streams.err << tr("diagnose: reading the live state failed: %1").arg(result.error.message())
                    << '\n';
        return result.error.kind == net::ApiError::Kind::QuotaExhausted ? ExitQuota
                                                                         : ExitConnection;
    }
    *state = result.state;
    return ExitOk;
}

int DiagnoseCommand::run(const QStringList &arguments, CliStreams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    parser.addHelpOption();
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Print one JSON document."));
    const QCommandLineOption allOption(QStringLiteral("all"),
                                       tr("Diagnose every record and group the broken links."));
    const QCommandLineOption seedOption(
        QStringLiteral("seed"),
        tr("Read both systems from a seed folder (salesforce/*.json, marketo/*.json) instead of "
           "the bundled sample org."),
        tr("dir"));
    const QCommandLineOption liveOption(
        QStringLiteral("live"),
        tr("Read the record and its neighbours live from Salesforce and Marketo (URLs from the "
           "options or the workspace; client credentials from MSI_BRIDGE_SF_CLIENT_ID/SECRET and "
           "MSI_BRIDGE_MARKETO_CLIENT_ID/SECRET, else from the keychain)."));
    const QCommandLineOption salesforceUrlOption(
        QStringLiteral("salesforce-url"), tr("With --live: the Salesforce login URL (My Domain)."),
        tr("url"));
    const QCommandLineOption marketoUrlOption(
        QStringLiteral("marketo-url"),
        tr("With --live: the Marketo REST base URL (https://<munchkin>.mktorest.com)."), tr("url"));
    parser.addOptions({jsonOption, allOption, seedOption, liveOption, salesforceUrlOption,
                       marketoUrlOption, CliSession::workspaceOption()});
    parser.addPositionalArgument(QStringLiteral("ID_OR_EMAIL"),
                                 tr("A 15/18-character Salesforce ID, an e-mail or a name."));
    if (!parser.parse(arguments)) {
        streams.err << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        streams.out << parser.helpText();
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    const bool all = parser.isSet(allOption);
    if (all ? !positional.isEmpty() : positional.size() != 1) {
        streams.err << tr("diagnose: give one ID, e-mail or name, or --all") << '\n';
        return ExitUsage;
    }
    const bool json = parser.isSet(jsonOption);
    checks::SystemState state;
    if (parser.isSet(liveOption)) {
        if (all || parser.isSet(seedOption)) {
            streams.err << tr("diagnose: --live reads one record; it goes with neither --all nor "
                              "--seed")
                        << '\n';
            return ExitUsage;
        }
        const int code = readLive(positional.first(), QUrl(parser.value(salesforceUrlOption)),
                                  QUrl(parser.value(marketoUrlOption)),
                                  CliSession::workspacePath(parser), &state, streams);
        if (code != ExitOk)
            return code;
    } else {
        const QString seed = parser.isSet(seedOption) ? parser.value(seedOption)
                                                      : checks::SeedReader::bundledSampleOrg();
        QString error;
        streams.err << tr("diagnose: reading %1")
                           .arg(parser.isSet(seedOption)
                                    ? seed
                                    : tr("the bundled sample org (use --live --salesforce-url URL "
                                         "--marketo-url URL for live systems)"))
                    << '\n';
        if (!checks::SeedReader::read(seed, &state, &error)) {
            streams.err << tr("diagnose: %1").arg(error) << '\n';
            return ExitUsage;
        }
    }
    if (all)
        return runAll(state, json, streams);

    const MsiDiagnosis diagnosis(state);
    const MsiDiagnosis::Lookup lookup = diagnosis.find(positional.first());
    if (lookup.candidates.isEmpty()) {
        streams.err << tr("diagnose: %1").arg(lookup.error) << '\n';
        return ExitUsage;
    }
    if (lookup.candidates.size() > 1) {
        streams.err << tr("diagnose: '%1' matches %2 records; give the ID of one:")
                           .arg(positional.first())
                           .arg(lookup.candidates.size())
                    << '\n';
        for (const QJsonObject *c : lookup.candidates)
            streams.err << "  " << checks::Records::sfLabel(*c) << '\n';
        return ExitUsage;
    }
    const Diagnosis result = diagnosis.diagnose(*lookup.candidates.first());
    if (json)
        streams.out << QString::fromUtf8(QJsonDocument(result.toJson()).toJson(QJsonDocument::Indented));
    else
        printText(result, streams.out);
    streams.out.flush();
    return result.allPass() ? ExitOk : ExitFindings;
}

} // namespace msi::cli
