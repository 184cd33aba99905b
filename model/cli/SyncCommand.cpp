#include "cli/SyncCommand.h"

#include "cli/CliSession.h"

#include "core/SalesforceId.h"
#include "store/Workspace.h"
#include "sync/SyncController.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonDocument>

namespace msi::cli {

using sync::RunResult;
using sync::Stage;

QString SyncCommand::summary() const
{
    return tr("run the six stages (sales persons ... MSI write-back)");
}

namespace {

int exitCodeFor(RunResult::Status status)
{
    switch (status) {
    case RunResult::Status::Succeeded: return ExitOk;
    case RunResult::Status::Findings: return ExitFindings;
    case RunResult::Status::Usage: return ExitUsage;
    case RunResult::Status::Connection: return ExitConnection;
    case RunResult::Status::QuotaExhausted: return ExitQuota;
    case RunResult::Status::Cancelled: return ExitFindings;
    }
    return ExitUsage;
}

QString formatEta(qint64 ms)
{
    if (ms < 0)
        return QStringLiteral("?");
    const qint64 seconds = ms / 1000;
    return seconds >= 60 ? QStringLiteral("%1m%2s").arg(seconds / 60).arg(seconds % 60, 2, 10, u'0')
                         : QStringLiteral("%1s").arg(seconds);
}

} // namespace

QString SyncCommand::fallbackSalesPersonProblem(const QString &value, QString *id18)
{
    const QString option = QStringLiteral("--fallback-sales-person");
    if (value.isEmpty())
        return tr("%1 needs the ID of a Salesforce User (005...).").arg(option);
    const core::SalesforceId id(value);
    switch (id.status()) {
    case core::SalesforceId::Status::Valid18:
    case core::SalesforceId::Status::Valid15:
        break;
    case core::SalesforceId::Status::CaseDamaged:
        return tr("%1 '%2' is not a valid User ID: its checksum does not match the case of its "
                  "letters (changed by a tool?); the ID it was is probably %3.")
            .arg(option, value, id.id18());
    case core::SalesforceId::Status::BadChecksum:
    case core::SalesforceId::Status::BadLength:
    case core::SalesforceId::Status::BadCharacters:
        return tr("%1 '%2' is not a valid User ID: %3.").arg(option, value, id.explanation());
    }
    const QString prefix = id.keyPrefix();
    if (prefix != u"005") {
        const QString object = id.objectType();
        const QString what = object == u"Queue"
            ? tr("a queue (00G), and a queue cannot be a sales person")
            : object.isEmpty() ? tr("an ID with key prefix %1").arg(prefix)
            : QStringLiteral("AEIOU").contains(object.front())
                ? tr("an %1 ID (key prefix %2)").arg(object, prefix)
                : tr("a %1 ID (key prefix %2)").arg(object, prefix);
        return tr("%1 '%2' is not a User ID: it is %3; a User ID starts with 005.")
            .arg(option, value, what);
    }
    *id18 = id.id18();
    return {};
}

int SyncCommand::run(const QStringList &arguments, CliStreams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    parser.addHelpOption();
    const QCommandLineOption stagesOption(
        QStringLiteral("stages"),
        tr("Stages to run, e.g. 1,2,3 or sales-persons,companies (default: all, in order)."),
        tr("list"));
    const QCommandLineOption dryRunOption(QStringLiteral("dry-run"),
                                          tr("Plan and estimate only; write nothing."));
    const QCommandLineOption fullOption(QStringLiteral("full"),
                                        tr("Read every record, not only those changed since the "
                                           "last run."));
    const QCommandLineOption retryOption(QStringLiteral("retry-failed"),
                                         tr("Send only the records the last run did not sync."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("Print one JSON document."));
    const QCommandLineOption fallbackOption(
        QStringLiteral("fallback-sales-person"),
        tr("User ID (005..., 15 or 18 characters) used as the sales person of queue-owned "
           "records."),
        tr("id"));
    const QCommandLineOption quotaOption(QStringLiteral("daily-quota"),
                                         tr("Marketo calls per day of this instance (default "
                                            "50000)."),
                                         tr("calls"));
    const QCommandLineOption batchOption(QStringLiteral("batch-size"),
                                         tr("Records per Marketo call, 1 to 300 (default 300)."),
                                         tr("records"));
    parser.addOptions({stagesOption, dryRunOption, fullOption, retryOption, jsonOption,
                       fallbackOption, quotaOption, batchOption, CliSession::workspaceOption()});
    if (!parser.parse(arguments)) {
        streams.err << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        streams.out << parser.helpText();
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty()) {
        streams.err << tr("sync: unexpected argument '%1'").arg(parser.positionalArguments().first())
                    << '\n';
        return ExitUsage;
    }
    sync::RunOptions options;
    QString error;
    if (!sync::SyncTypes::parseStageList(parser.value(stagesOption), &options.stages, &error)) {
        streams.err << tr("sync: %1").arg(error) << '\n';
        return ExitUsage;
    }
    options.dryRun = parser.isSet(dryRunOption);
    options.full = parser.isSet(fullOption);
    options.retryFailed = parser.isSet(retryOption);
    if (parser.isSet(fallbackOption)) {
        const QString problem = fallbackSalesPersonProblem(parser.value(fallbackOption),
                                                           &options.policy.fallbackSalesPersonId);
        if (!problem.isEmpty()) {
            streams.err << tr("sync: %1").arg(problem) << '\n';
            return ExitUsage;
        }
    }
    if (parser.isSet(quotaOption)) {
        bool ok = false;
        options.dailyQuota = parser.value(quotaOption).toLongLong(&ok);
        if (!ok || options.dailyQuota <= 0) {
            streams.err << tr("sync: --daily-quota needs a positive number") << '\n';
            return ExitUsage;
        }
    }

    if (parser.isSet(batchOption)) {
        bool ok = false;
        options.batchSize = parser.value(batchOption).toInt(&ok);
        if (!ok || options.batchSize < 1 || options.batchSize > 300) {
            streams.err << tr("sync: --batch-size takes 1 to 300") << '\n';
            return ExitUsage;
        }
    }
    const QString workspacePath = CliSession::workspacePath(parser);
    sync::EngineConnection connection;
    {
        store::Workspace workspace(workspacePath);
        if (!workspace.open(&error)
            || !CliSession::loadConnection(workspace, &connection, &error)) {
            streams.err << tr("sync: %1").arg(error) << '\n';
            return ExitUsage;
        }
    }

    sync::SyncController controller;
    QEventLoop loop;
    RunResult result;
    QObject::connect(&controller, &sync::SyncController::phaseChanged, &loop,
                     [&](const QString &text) {
                         streams.err << text << '\n';
                         streams.err.flush();
                     });
    QObject::connect(&controller, &sync::SyncController::estimateReady, &loop,
                     [&](const sync::QuotaEstimate &estimate) {
                         streams.err << estimate.summary() << '\n';
                         streams.err.flush();
                     });
    QObject::connect(&controller, &sync::SyncController::stageProgress, &loop,
                     [&](Stage stage, int done, int total, double rate, qint64 eta) {
                         streams.err << tr("  %1: %2/%3, %4 records/s, ETA %5")
                                            .arg(sync::SyncTypes::stageTitle(stage))
                                            .arg(done)
                                            .arg(total)
                                            .arg(rate, 0, 'f', 1)
                                            .arg(formatEta(eta))
                                     << '\n';
                         streams.err.flush();
                     });
    QObject::connect(&controller, &sync::SyncController::finished, &loop,
                     [&](const RunResult &finished) {
                         result = finished;
                         loop.quit();
                     });
    controller.start(workspacePath, connection, options);
    loop.exec();

    if (parser.isSet(jsonOption)) {
        streams.out << QString::fromUtf8(QJsonDocument(result.toJson()).toJson(QJsonDocument::Indented));
    } else {
        streams.out << tr("Run %1%2").arg(result.runId).arg(result.dryRun ? tr(" (dry run)") : QString())
                    << '\n';
        streams.out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9")
                           .arg(tr("stage"), -20)
                           .arg(tr("total"), 6)
                           .arg(tr("created"), 8)
                           .arg(tr("updated"), 8)
                           .arg(tr("unchanged"), 10)
                           .arg(tr("blocked"), 8)
                           .arg(tr("failed"), 7)
                           .arg(tr("skipped"), 8)
                           .arg(tr("deferred"), 9)
                    << '\n';
        for (const sync::StageResult &stage : std::as_const(result.stages)) {
            streams.out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9")
                               .arg(sync::SyncTypes::stageKey(stage.stage), -20)
                               .arg(stage.total, 6)
                               .arg(stage.created, 8)
                               .arg(stage.updated, 8)
                               .arg(stage.unchanged, 10)
                               .arg(stage.blocked, 8)
                               .arg(stage.failed, 7)
                               .arg(stage.skipped, 8)
                               .arg(stage.deferred, 9);
            if (stage.notSent > 0)
                streams.out << ' ' << tr("(%1 not sent yet)").arg(stage.notSent);
            streams.out << '\n';
        }
        for (const sync::PlanFinding &finding : std::as_const(result.findings))
            streams.out << sync::SyncTypes::severityKey(finding.severity) << '\t' << finding.code
                        << '\t' << finding.ids.join(u',') << '\t' << finding.message << '\n';
        streams.out << result.message << '\n';
        if (result.status == RunResult::Status::Findings && !result.dryRun && result.runId > 0)
            streams.out << tr("List them with: msi-bridge-cli failures %1").arg(result.runId) << '\n';
    }
    if (result.status != RunResult::Status::Succeeded && result.status != RunResult::Status::Findings)
        streams.err << result.message << '\n';
    return exitCodeFor(result.status);
}

} // namespace msi::cli
