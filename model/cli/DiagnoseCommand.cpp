#include "cli/DiagnoseCommand.h"

#include "cli/CliDataSource.h"
#include "cli/CliSession.h"
#include "cli/DiagnoseFixRun.h"
#include "cli/SyncCommand.h"

#include "checks/MsiDiagnosis.h"
#include "checks/Records.h"
#include "session/WorkspaceState.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

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

int DiagnoseCommand::diagnoseOne(const checks::SystemState &state, const QString &query,
                                 Diagnosis *result, const CliErrorReport &report)
{
    const MsiDiagnosis diagnosis(state);
    const MsiDiagnosis::Lookup lookup = diagnosis.find(query);
    if (lookup.candidates.isEmpty())
        return report.fail(CliErrorReport::Kind::Usage, tr("diagnose: %1").arg(lookup.error));
    if (lookup.candidates.size() > 1) {
        QStringList lines{tr("diagnose: '%1' matches %2 records; give the ID of one:")
                              .arg(query)
                              .arg(lookup.candidates.size())};
        for (const QJsonObject *c : lookup.candidates)
            lines << u"  "_qs + checks::Records::sfLabel(*c);
        return report.fail(CliErrorReport::Kind::Usage, lines.join(u'\n'));
    }
    *result = diagnosis.diagnose(*lookup.candidates.first());
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
        tr("Read both systems from a seed folder (salesforce/*.json, marketo/*.json)."), tr("dir"));
    const QCommandLineOption sampleOption(
        QStringLiteral("sample"),
        tr("Read the bundled sample org (the default only while the workspace is not connected)."));
    const QCommandLineOption liveOption(
        QStringLiteral("live"),
        tr("Read the record and its neighbours live from Salesforce and Marketo (the default for a "
           "connected workspace; URLs from the options or the workspace; client credentials from "
           "MSI_BRIDGE_SF_CLIENT_ID/SECRET and MSI_BRIDGE_MARKETO_CLIENT_ID/SECRET, else from the "
           "keychain)."));
    const QCommandLineOption salesforceUrlOption(
        QStringLiteral("salesforce-url"), tr("With --live: the Salesforce login URL (My Domain)."),
        tr("url"));
    const QCommandLineOption marketoUrlOption(
        QStringLiteral("marketo-url"),
        tr("With --live: the Marketo REST base URL (https://<munchkin>.mktorest.com)."), tr("url"));
    const QCommandLineOption snapshotOption(
        QStringLiteral("snapshot"),
        tr("Diagnose what the workspace last read of both systems (as the app shows it), without "
           "reading them again."));
    const QCommandLineOption fixOption(
        QStringLiteral("fix"),
        tr("Re-sync the records the chain needs (a run limited to them, in stage order), then "
           "diagnose again; needs a connected workspace."));
    const QCommandLineOption dryRunOption(QStringLiteral("dry-run"),
                                          tr("With --fix: show what it would re-sync; write "
                                             "nothing."));
    const QCommandLineOption fallbackOption(
        QStringLiteral("fallback-sales-person"),
        tr("With --fix: User ID (005...) used as the sales person of queue-owned records "
           "(default: the one saved with the workspace's field mapping)."),
        tr("id"));
    parser.addOptions({jsonOption, allOption, seedOption, sampleOption, liveOption, snapshotOption,
                       salesforceUrlOption, marketoUrlOption, fixOption, dryRunOption,
                       fallbackOption, CliSession::workspaceOption()});
    parser.addPositionalArgument(QStringLiteral("ID_OR_EMAIL"),
                                 tr("A 15/18-character Salesforce ID, an e-mail or a name."));
    using Kind = CliErrorReport::Kind;
    const CliErrorReport report(streams, CliErrorReport::wantsJson(arguments));
    if (!parser.parse(arguments))
        return report.fail(Kind::Usage, tr("diagnose: %1").arg(parser.errorText()));
    if (parser.isSet(QStringLiteral("help"))) {
        streams.out << parser.helpText();
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    const bool all = parser.isSet(allOption);
    if (all ? !positional.isEmpty() : positional.size() != 1)
        return report.fail(Kind::Usage, tr("diagnose: give one ID, e-mail or name, or --all"));
    const bool json = parser.isSet(jsonOption);
    const bool urls = parser.isSet(salesforceUrlOption) || parser.isSet(marketoUrlOption);
    const QString workspacePath = CliSession::workspacePath(parser);
    CliDataSource::Kind source = CliDataSource::Kind::Sample;
    QString error;
    if (!CliDataSource::choose(parser.isSet(sampleOption), parser.isSet(seedOption),
                               parser.isSet(liveOption) || urls, parser.isSet(snapshotOption),
                               workspacePath, &source, &error))
        return report.fail(Kind::Usage, tr("diagnose: %1").arg(error));
    if (parser.isSet(fixOption)) {
        if (all)
            return report.fail(Kind::Usage, tr("diagnose: --fix mends one record's chain; give its "
                                               "ID, e-mail or name instead of --all"));
        if (parser.isSet(sampleOption) || parser.isSet(seedOption) || parser.isSet(snapshotOption)
            || urls)
            return report.fail(Kind::Usage,
                               tr("diagnose: --fix re-syncs the live systems of the workspace; it "
                                  "goes with neither --sample, --seed, --snapshot nor "
                                  "--salesforce-url/--marketo-url"));
        DiagnoseFixRun fix(positional.first(), workspacePath);
        fix.setDryRun(parser.isSet(dryRunOption));
        fix.setJson(json);
        if (parser.isSet(fallbackOption)) {
            QString id18;
            const QString problem =
                SyncCommand::fallbackSalesPersonProblem(parser.value(fallbackOption), &id18);
            if (!problem.isEmpty())
                return report.fail(Kind::Usage, tr("diagnose: %1").arg(problem));
            fix.setFallbackSalesPerson(id18);
        }
        return fix.run(streams);
    }
    if (parser.isSet(dryRunOption) || parser.isSet(fallbackOption))
        return report.fail(Kind::Usage,
                           tr("diagnose: --dry-run and --fallback-sales-person go with --fix"));

    checks::SystemState state;
    int code = ExitOk;
    switch (source) {
    case CliDataSource::Kind::Sample:
    case CliDataSource::Kind::Seed:
        code = CliDataSource::readSeed(source == CliDataSource::Kind::Seed ? parser.value(seedOption)
                                                                           : QString(),
                                       workspacePath, name(), &state, report);
        break;
    case CliDataSource::Kind::Snapshot:
        code = CliDataSource::readSnapshot(workspacePath, name(), &state, report);
        break;
    case CliDataSource::Kind::Live:
        if (all && urls)
            return report.fail(Kind::Usage, tr("diagnose: --all reads the workspace's systems; it "
                                               "does not take --salesforce-url/--marketo-url"));
        code = all ? CliDataSource::readWorkspace(workspacePath, name(), &state, report)
                   : CliDataSource::readRecord(positional.first(),
                                               QUrl(parser.value(salesforceUrlOption)),
                                               QUrl(parser.value(marketoUrlOption)), workspacePath,
                                               name(), &state, report);
        break;
    }
    if (code != ExitOk)
        return code;
    if (state.fallbackSalesPersonId.isEmpty() && source != CliDataSource::Kind::Sample
        && source != CliDataSource::Kind::Seed)
        state.fallbackSalesPersonId = session::WorkspaceState::fallbackSalesPerson(workspacePath);
    if (all)
        return runAll(state, json, streams);

    Diagnosis result;
    code = diagnoseOne(state, positional.first(), &result, report);
    if (code != ExitOk)
        return code;
    if (json)
        streams.out << QString::fromUtf8(QJsonDocument(result.toJson()).toJson(QJsonDocument::Indented));
    else
        printText(result, streams.out);
    streams.out.flush();
    return result.allPass() ? ExitOk : ExitFindings;
}

} // namespace msi::cli
