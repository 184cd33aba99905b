#include "cli/CheckCommand.h"

#include "checks/CheckSuite.h"
#include "checks/SeedReader.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

namespace msi::cli {

using checks::Finding;

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
        tr("Read the records from a seed folder (salesforce/*.json, marketo/*.json) instead of "
           "the bundled sample org."),
        tr("dir"));
    parser.addOptions({jsonOption, seedOption});
    parser.addPositionalArgument(QStringLiteral("what"),
                                 tr("ids: Salesforce and Marketo IDs only; all: every check."),
                                 QStringLiteral("ids|all"));
    if (!parser.parse(arguments)) {
        streams.err << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        streams.out << parser.helpText();
        return ExitOk;
    }
    const QStringList what = parser.positionalArguments();
    if (what.size() != 1 || (what.first() != u"ids" && what.first() != u"all")) {
        streams.err << tr("check: say what to check: 'check ids' or 'check all'") << '\n';
        return ExitUsage;
    }
    const QString seed = parser.isSet(seedOption) ? parser.value(seedOption)
                                                  : checks::SeedReader::bundledSampleOrg();
    checks::SystemState state;
    QString error;
    if (!checks::SeedReader::read(seed, &state, &error)) {
        streams.err << tr("check: %1").arg(error) << '\n';
        return ExitUsage;
    }
    const checks::Findings findings = what.first() == u"ids" ? checks::CheckSuite::runIds(state)
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
