#include "cli/DiagnoseCommand.h"

#include "checks/MsiDiagnosis.h"
#include "checks/Records.h"
#include "checks/SeedReader.h"

#include <QCommandLineParser>
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
    parser.addOptions({jsonOption, allOption, seedOption});
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
    const QString seed = parser.isSet(seedOption) ? parser.value(seedOption)
                                                  : checks::SeedReader::bundledSampleOrg();
    checks::SystemState state;
    QString error;
    if (!checks::SeedReader::read(seed, &state, &error)) {
        streams.err << tr("diagnose: %1").arg(error) << '\n';
        return ExitUsage;
    }
    const bool json = parser.isSet(jsonOption);
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
