#include "cli/CliSyncRun.h"

#include "cli/CliErrorReport.h"
#include "cli/InterruptWatcher.h"
#include "cli/IdOption.h"

#include "core/SalesforceId.h"
#include "sync/SyncController.h"

#include <QEventLoop>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>

namespace msi::cli {

using sync::RunResult;
using sync::Stage;

namespace {

QString formatEta(qint64 ms)
{
    if (ms < 0)
        return QStringLiteral("?");
    const qint64 seconds = ms / 1000;
    return seconds >= 60 ? QStringLiteral("%1m%2s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'))
                         : QStringLiteral("%1s").arg(seconds);
}

// The objects a run can be limited to (what RunOptions::onlyRecords takes).
bool isSyncedObject(const QString &objectType)
{
    static const QSet<QString> kObjects{QStringLiteral("User"), QStringLiteral("Account"),
                                        QStringLiteral("Contact"), QStringLiteral("Lead"),
                                        QStringLiteral("Opportunity"),
                                        QStringLiteral("OpportunityContactRole")};
    return kObjects.contains(objectType);
}

} // namespace

int CliSyncRun::exitCode(RunResult::Status status)
{
    switch (status) {
    case RunResult::Status::Succeeded: return ExitOk;
    case RunResult::Status::Findings: return ExitFindings;
    case RunResult::Status::Usage: return ExitUsage;
    case RunResult::Status::Connection: return ExitConnection;
    case RunResult::Status::QuotaExhausted: return ExitQuota;
    case RunResult::Status::Cancelled: return ExitInterrupted;
    }
    return ExitUsage;
}

QJsonObject CliSyncRun::toJson(const RunResult &result, int exitCode)
{
    QJsonObject json = result.toJson();
    json.insert(u"exitCode", exitCode);
    // Whether the estimate made before the writes fits today's quota (absent when the run stopped
    // before it could estimate).
    if (result.estimate.dailyQuota > 0)
        json.insert(u"quotaFits", result.estimate.fits());
    CliErrorReport::Kind kind = CliErrorReport::Kind::Configuration;
    switch (result.status) {
    case RunResult::Status::Succeeded:
    case RunResult::Status::Findings:
    case RunResult::Status::Cancelled:
        return json;
    case RunResult::Status::Usage: kind = CliErrorReport::Kind::Configuration; break;
    case RunResult::Status::Connection: kind = CliErrorReport::Kind::Connection; break;
    case RunResult::Status::QuotaExhausted: kind = CliErrorReport::Kind::Quota; break;
    }
    json.insert(u"error", CliErrorReport::document(kind, result.message).value(u"error"));
    return json;
}

QString CliSyncRun::quotaWarning(const sync::QuotaEstimate &estimate)
{
    if (estimate.fits())
        return {};
    const QLocale locale;
    return tr("Warning: this run needs %1 Marketo calls but only %2 of today's %3 are left: it "
              "will stop when the quota runs out (exit 4) and the next run continues from there%4.")
        .arg(locale.toString(estimate.totalCalls), locale.toString(estimate.remaining()),
             locale.toString(estimate.dailyQuota),
             estimate.resetsAt.isValid()
                 ? tr(" (the quota comes back at %1)")
                       .arg(estimate.resetsAt.toUTC().toString(Qt::ISODate))
                 : QString());
}

QString CliSyncRun::parseRecordIds(const QString &list, QSet<QString> *ids18)
{
    const QString option = QStringLiteral("--records");
    const QStringList values = list.split(u',');
    for (const QString &value : values) {
        if (value.isEmpty())
            return tr("%1 needs Salesforce record IDs separated by commas, e.g. "
                      "0037F000009XkPZQA0,0067F000004dRt8QAE (an empty value was given).")
                .arg(option);
        const core::SalesforceId id(value);
        const QString invalid = IdOption::problem(option, value, id, tr("Salesforce ID"));
        if (!invalid.isEmpty())
            return invalid;
        const QString object = id.objectType();
        if (!isSyncedObject(object)) {
            return tr("%1 '%2' is not a record the sync sends: its key prefix %3 is %4; give IDs "
                      "of users, accounts, contacts, leads, opportunities or opportunity contact "
                      "roles.")
                .arg(option, value, id.keyPrefix(),
                     object.isEmpty() ? tr("not one of those objects") : tr("a %1").arg(object));
        }
        ids18->insert(id.id18());
    }
    return {};
}

RunResult CliSyncRun::run(const QString &workspacePath, const sync::EngineConnection &connection,
                          const sync::RunOptions &options, CliStreams streams)
{
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
                         const QString warning = quotaWarning(estimate);
                         if (!warning.isEmpty())
                             streams.err << warning << '\n';
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
    // Ctrl+C or a SIGTERM asks the engine to stop between calls: the run is journaled as
    // cancelled (resumable) and its result printed; a second one ends the process at once.
    InterruptWatcher interrupts;
    QObject::connect(&interrupts, &InterruptWatcher::interrupted, &loop, [&](int) {
        streams.err << tr("Interrupted: stopping after the current call; the next run continues "
                          "where this one stops (interrupt again to quit at once).")
                    << '\n';
        streams.err.flush();
        controller.cancel();
    });
    controller.start(workspacePath, connection, options);
    loop.exec();
    return result;
}

void CliSyncRun::printText(const RunResult &result, QTextStream &out, const QSet<QString> *onlyIds)
{
    out << tr("Run %1%2").arg(result.runId).arg(result.dryRun ? tr(" (dry run)") : QString())
        << '\n';
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9")
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
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9")
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
            out << ' ' << tr("(%1 not sent yet)").arg(stage.notSent);
        out << '\n';
    }
    int otherFindings = 0;
    for (const sync::PlanFinding &finding : std::as_const(result.findings)) {
        if (onlyIds
            && std::none_of(finding.ids.cbegin(), finding.ids.cend(),
                            [onlyIds](const QString &id) { return onlyIds->contains(id); })) {
            ++otherFindings;
            continue;
        }
        out << sync::SyncTypes::severityKey(finding.severity) << '\t' << finding.code << '\t'
            << finding.ids.join(u',') << '\t' << finding.message << '\n';
    }
    if (otherFindings > 0)
        out << tr("(%n finding(s) about other records left out: msi-bridge-cli check all lists "
                  "them)", nullptr, otherFindings)
            << '\n';
    out << result.message << '\n';
    if (result.status == RunResult::Status::Findings && !result.dryRun && result.runId > 0)
        out << tr("List them with: msi-bridge-cli failures %1").arg(result.runId) << '\n';
}

} // namespace msi::cli
