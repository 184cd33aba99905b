#include "cli/RunsCommand.h"

#include "cli/CliSession.h"

#include "store/RunRepository.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

namespace msi::cli {

QString RunsCommand::summary() const
{
    return tr("list the sync runs of the workspace, newest first");
}

int RunsCommand::run(const QStringList &arguments, CliStreams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    parser.addHelpOption();
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Print one JSON array."));
    parser.addOptions({jsonOption, CliSession::workspaceOption()});
    if (!parser.parse(arguments)) {
        streams.err << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        streams.out << parser.helpText();
        return ExitOk;
    }
    store::Workspace workspace(CliSession::workspacePath(parser));
    QString error;
    if (!workspace.open(&error)) {
        streams.err << tr("runs: %1").arg(error) << '\n';
        return ExitUsage;
    }
    const QList<store::RunInfo> runs = store::RunRepository(workspace).runs();
    if (parser.isSet(jsonOption)) {
        QJsonArray array;
        for (const store::RunInfo &run : runs) {
            array.append(QJsonObject{
                {QStringLiteral("run"), run.id},
                {QStringLiteral("startedAt"), store::storedTimestamp(run.startedAt)},
                {QStringLiteral("finishedAt"),
                 run.finishedAt.isValid() ? QJsonValue(store::storedTimestamp(run.finishedAt))
                                          : QJsonValue(QJsonValue::Null)},
                {QStringLiteral("mode"), store::nameOf(run.mode)},
                {QStringLiteral("status"), store::nameOf(run.status)},
                {QStringLiteral("stages"), run.stageCounts},
                {QStringLiteral("message"), run.message},
            });
        }
        streams.out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return ExitOk;
    }
    if (runs.isEmpty()) {
        streams.out << tr("no runs yet") << '\n';
        return ExitOk;
    }
    for (const store::RunInfo &run : runs) {
        QStringList counts;
        for (auto stage = run.stageCounts.constBegin(); stage != run.stageCounts.constEnd(); ++stage) {
            QStringList parts;
            const QJsonObject values = stage.value().toObject();
            for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
                if (it.value().toInt() > 0)
                    parts.append(it.key() + u' ' + QString::number(it.value().toInt()));
            }
            counts.append(stage.key() + u": " + parts.join(QStringLiteral(", ")));
        }
        streams.out << run.id << '\t' << store::storedTimestamp(run.startedAt) << '\t'
                    << store::nameOf(run.mode) << '\t' << store::nameOf(run.status) << '\t'
                    << counts.join(QStringLiteral("; ")) << '\t' << run.message << '\n';
    }
    return ExitOk;
}

} // namespace msi::cli
