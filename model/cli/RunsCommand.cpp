#include "cli/RunsCommand.h"

#include "cli/CliErrorReport.h"
#include "cli/CliSession.h"

#include "store/RunRepository.h"
#include "store/Workspace.h"
#include "sync/RunOptions.h"
#include "sync/RunLock.h"
#include "sync/RunStatusKey.h"
#include "sync/SyncTypes.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

namespace msi::cli {

namespace {

// The order the outcomes of a stage are listed in.
constexpr store::Outcome kOutcomeOrder[] = {
    store::Outcome::Created, store::Outcome::Updated, store::Outcome::Unchanged,
    store::Outcome::Blocked, store::Outcome::Failed,  store::Outcome::Skipped,
    store::Outcome::Deferred,
};

} // namespace

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
    using Kind = CliErrorReport::Kind;
    const CliErrorReport report(streams, CliErrorReport::wantsJson(arguments));
    if (!parser.parse(arguments))
        return report.fail(Kind::Usage, tr("runs: %1").arg(parser.errorText()));
    if (parser.isSet(QStringLiteral("help"))) {
        streams.out << parser.helpText();
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return report.fail(Kind::Usage, tr("runs: unexpected argument '%1'")
                                            .arg(parser.positionalArguments().first()));
    const QString workspacePath = CliSession::workspacePath(parser);
    const QString missing = CliSession::missingWorkspace(workspacePath);
    if (!missing.isEmpty())
        return report.fail(Kind::Configuration, tr("runs: %1").arg(missing));
    store::Workspace workspace(workspacePath);
    QString error;
    if (!workspace.open(&error))
        return report.fail(Kind::Configuration, tr("runs: %1").arg(error));
    QList<store::RunInfo> runs = store::RunRepository(workspace).runs();
    // A run still journaled as running while no live process holds the workspace was killed:
    // say so now (the next sync marks it in the journal and resumes it).
    if (!sync::RunLock::heldByLiveProcess(workspacePath)) {
        for (store::RunInfo &run : runs) {
            if (run.status == store::RunStatus::Running)
                run.status = store::RunStatus::Interrupted;
        }
    }
    if (parser.isSet(jsonOption)) {
        QJsonArray array;
        for (const store::RunInfo &run : runs) {
            QJsonArray stageList; // the same counts as "stages", in stage order
            for (const QString &stage : stageOrder(run.stageCounts)) {
                QJsonObject entry = run.stageCounts.value(stage).toObject();
                entry.insert(u"stage", stage);
                stageList.append(entry);
            }
            array.append(QJsonObject{
                {QStringLiteral("run"), run.id},
                {QStringLiteral("startedAt"), store::storedTimestamp(run.startedAt)},
                {QStringLiteral("finishedAt"),
                 run.finishedAt.isValid() ? QJsonValue(store::storedTimestamp(run.finishedAt))
                                          : QJsonValue(QJsonValue::Null)},
                {QStringLiteral("mode"), store::nameOf(run.mode)},
                {QStringLiteral("status"), statusKey(run)},
                {QStringLiteral("journalStatus"), store::nameOf(run.status)},
                {QStringLiteral("stages"), run.stageCounts},
                {QStringLiteral("stageList"), stageList},
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
        for (const QString &stage : stageOrder(run.stageCounts)) {
            QStringList parts;
            const QJsonObject values = run.stageCounts.value(stage).toObject();
            for (const store::Outcome outcome : kOutcomeOrder) {
                const int count = values.value(store::nameOf(outcome)).toInt();
                if (count > 0)
                    parts.append(store::nameOf(outcome) + u' ' + QString::number(count));
            }
            counts.append(stage + u": " + parts.join(QStringLiteral(", ")));
        }
        streams.out << run.id << '\t' << store::storedTimestamp(run.startedAt) << '\t'
                    << store::nameOf(run.mode) << '\t' << statusKey(run) << '\t'
                    << counts.join(QStringLiteral("; ")) << '\t' << run.message << '\n';
    }
    return ExitOk;
}

QString RunsCommand::statusKey(const store::RunInfo &run)
{
    return sync::RunStatusKey::of(run);
}

QStringList RunsCommand::stageOrder(const QJsonObject &stageCounts)
{
    QStringList order;
    for (const sync::Stage stage : sync::SyncTypes::allStages()) {
        if (stageCounts.contains(sync::SyncTypes::stageKey(stage)))
            order << sync::SyncTypes::stageKey(stage);
    }
    for (auto it = stageCounts.constBegin(); it != stageCounts.constEnd(); ++it) {
        if (!order.contains(it.key()))
            order << it.key();
    }
    return order;
}

} // namespace msi::cli
