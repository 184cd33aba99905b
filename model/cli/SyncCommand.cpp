#include "cli/SyncCommand.h"

#include "cli/CliErrorReport.h"
#include "cli/CliSession.h"
#include "cli/CliSyncRun.h"
#include "cli/IdOption.h"

#include "core/SalesforceId.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QJsonDocument>

namespace msi::cli {

using sync::RunResult;

QString SyncCommand::summary() const
{
    return tr("run the six stages (sales persons ... MSI write-back)");
}

QString SyncCommand::fallbackSalesPersonProblem(const QString &value, QString *id18)
{
    const QString option = QStringLiteral("--fallback-sales-person");
    if (value.isEmpty())
        return tr("%1 needs the ID of a Salesforce User (005...).").arg(option);
    const core::SalesforceId id(value);
    const QString invalid = IdOption::problem(option, value, id, tr("User ID"));
    if (!invalid.isEmpty())
        return invalid;
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
    const QCommandLineOption recordsOption(
        QStringLiteral("records"),
        tr("Send only these Salesforce records (IDs of users, accounts, contacts, leads, "
           "opportunities, opportunity contact roles; 15 or 18 characters, comma-separated), in "
           "stage order; the watermarks do not move."),
        tr("ids"));
    const QCommandLineOption fallbackOption(
        QStringLiteral("fallback-sales-person"),
        tr("User ID (005..., 15 or 18 characters) used as the sales person of queue-owned "
           "records in this run (default: the one saved with the workspace's field mapping)."),
        tr("id"));
    const QCommandLineOption quotaOption(QStringLiteral("daily-quota"),
                                         tr("Marketo calls per day of this instance (default "
                                            "50000)."),
                                         tr("calls"));
    const QCommandLineOption batchOption(QStringLiteral("batch-size"),
                                         tr("Records per Marketo call, 1 to 300 (default 300)."),
                                         tr("records"));
    parser.addOptions({stagesOption, dryRunOption, fullOption, retryOption, jsonOption,
                       recordsOption, fallbackOption, quotaOption, batchOption, CliSession::workspaceOption()});
    using Kind = CliErrorReport::Kind;
    const CliErrorReport report(streams, CliErrorReport::wantsJson(arguments));
    if (!parser.parse(arguments))
        return report.fail(Kind::Usage, tr("sync: %1").arg(parser.errorText()));
    if (parser.isSet(QStringLiteral("help"))) {
        streams.out << parser.helpText();
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return report.fail(Kind::Usage, tr("sync: unexpected argument '%1'")
                                            .arg(parser.positionalArguments().first()));
    sync::RunOptions options;
    QString error;
    if (!sync::SyncTypes::parseStageList(parser.value(stagesOption), &options.stages, &error))
        return report.fail(Kind::Usage, tr("sync: %1").arg(error));
    options.dryRun = parser.isSet(dryRunOption);
    options.full = parser.isSet(fullOption);
    options.retryFailed = parser.isSet(retryOption);
    if (parser.isSet(recordsOption)) {
        const QString problem = CliSyncRun::parseRecordIds(parser.value(recordsOption),
                                                           &options.onlyRecords);
        if (!problem.isEmpty())
            return report.fail(Kind::Usage, tr("sync: %1").arg(problem));
    }
    if (parser.isSet(fallbackOption)) {
        const QString problem = fallbackSalesPersonProblem(parser.value(fallbackOption),
                                                           &options.policy.fallbackSalesPersonId);
        if (!problem.isEmpty())
            return report.fail(Kind::Usage, tr("sync: %1").arg(problem));
    }
    if (parser.isSet(quotaOption)) {
        bool ok = false;
        options.dailyQuota = parser.value(quotaOption).toLongLong(&ok);
        if (!ok || options.dailyQuota <= 0)
            return report.fail(Kind::Usage, tr("sync: --daily-quota needs a positive number"));
    }

    if (parser.isSet(batchOption)) {
        bool ok = false;
        options.batchSize = parser.value(batchOption).toInt(&ok);
        if (!ok || options.batchSize < 1 || options.batchSize > 300)
            return report.fail(Kind::Usage, tr("sync: --batch-size takes 1 to 300"));
    }
    const QString workspacePath = CliSession::workspacePath(parser);
    // Never create a workspace here: a mistyped --workspace is an error, not a new empty one.
    const QString missing = CliSession::missingWorkspace(workspacePath);
    if (!missing.isEmpty())
        return report.fail(Kind::Configuration, tr("sync: %1").arg(missing));
    sync::EngineConnection connection;
    {
        store::Workspace workspace(workspacePath);
        if (!workspace.open(&error)
            || !CliSession::loadConnection(workspace, &connection, &error))
            return report.fail(Kind::Configuration, tr("sync: %1").arg(error));
    }

    const RunResult result = CliSyncRun::run(workspacePath, connection, options, streams);
    const int code = CliSyncRun::exitCode(result.status);
    if (parser.isSet(jsonOption))
        streams.out << QString::fromUtf8(
            QJsonDocument(CliSyncRun::toJson(result, code)).toJson(QJsonDocument::Indented));
    else
        CliSyncRun::printText(result, streams.out);
    if (result.status != RunResult::Status::Succeeded && result.status != RunResult::Status::Findings)
        streams.err << result.message << '\n';
    return code;
}

} // namespace msi::cli
