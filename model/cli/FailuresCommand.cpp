#include "cli/FailuresCommand.h"

#include "cli/CliErrorReport.h"
#include "cli/CliSession.h"

#include "store/RunRepository.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace msi::cli {

namespace {

QString csvField(const QString &value)
{
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n')
        && !value.contains(u'\r'))
        return value;
    QString quoted = value;
    quoted.replace(u"\""_qs, u"\"\""_qs);
    return u'"' + quoted + u'"';
}

} // namespace

QString FailuresCommand::summary() const
{
    return tr("list every failed, blocked, skipped or deferred record of a run");
}

int FailuresCommand::run(const QStringList &arguments, CliStreams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    parser.addHelpOption();
    const QCommandLineOption csvOption(QStringLiteral("csv"), tr("Also write them to a CSV file."),
                                       tr("file"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Print one JSON array."));
    parser.addOptions({csvOption, jsonOption, CliSession::workspaceOption()});
    parser.addPositionalArgument(QStringLiteral("run"), tr("The run id (see 'runs')."));
    using Kind = CliErrorReport::Kind;
    const CliErrorReport report(streams, CliErrorReport::wantsJson(arguments));
    if (!parser.parse(arguments))
        return report.fail(Kind::Usage, tr("failures: %1").arg(parser.errorText()));
    if (parser.isSet(QStringLiteral("help"))) {
        streams.out << parser.helpText();
        return ExitOk;
    }
    bool ok = false;
    const qint64 runId = parser.positionalArguments().value(0).toLongLong(&ok);
    if (parser.positionalArguments().size() != 1 || !ok || runId <= 0)
        return report.fail(Kind::Usage, tr("failures: give one run id, e.g. 'failures 3'"));
    const QString workspacePath = CliSession::workspacePath(parser);
    const QString missing = CliSession::missingWorkspace(workspacePath);
    if (!missing.isEmpty())
        return report.fail(Kind::Configuration, tr("failures: %1").arg(missing));
    store::Workspace workspace(workspacePath);
    QString error;
    if (!workspace.open(&error))
        return report.fail(Kind::Configuration, tr("failures: %1").arg(error));
    store::RunRepository runs(workspace);
    if (!runs.run(runId))
        return report.fail(Kind::Usage, tr("failures: there is no run %1 in %2")
                                            .arg(runId)
                                            .arg(workspace.path()));
    QList<store::RecordOutcome> rows = runs.failures(runId);
    rows += runs.outcomes(runId, store::Outcome::Deferred);

    if (parser.isSet(csvOption)) {
        QFile file(parser.value(csvOption));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return report.fail(Kind::Usage, tr("failures: cannot write %1: %2")
                                                .arg(file.fileName(), file.errorString()));
        QTextStream csv(&file);
        csv << "stage,record,outcome,reason,marketoId,attempts\r\n";
        for (const store::RecordOutcome &row : std::as_const(rows)) {
            csv << csvField(row.stage) << ',' << csvField(row.recordKey) << ','
                << store::nameOf(row.outcome) << ',' << csvField(row.reason) << ','
                << (row.marketoId > 0 ? QString::number(row.marketoId) : QString()) << ','
                << row.attempts << "\r\n";
        }
    }
    // Like every verb: 1 when it lists records that did not sync, 0 when there are none.
    const int code = rows.isEmpty() ? ExitOk : ExitFindings;
    if (parser.isSet(jsonOption)) {
        QJsonArray array;
        for (const store::RecordOutcome &row : std::as_const(rows)) {
            QJsonObject json{{QStringLiteral("stage"), row.stage},
                             {QStringLiteral("record"), row.recordKey},
                             {QStringLiteral("outcome"), store::nameOf(row.outcome)},
                             {QStringLiteral("reason"), row.reason},
                             {QStringLiteral("attempts"), row.attempts}};
            if (row.marketoId > 0)
                json.insert(u"marketoId", row.marketoId);
            array.append(json);
        }
        streams.out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return code;
    }
    if (rows.isEmpty())
        streams.out << tr("run %1 has no failed or blocked records").arg(runId) << '\n';
    for (const store::RecordOutcome &row : std::as_const(rows))
        streams.out << row.stage << '\t' << row.recordKey << '\t' << store::nameOf(row.outcome)
                    << '\t' << row.reason << '\n';
    return code;
}

} // namespace msi::cli
