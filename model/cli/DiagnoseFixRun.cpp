#include "cli/DiagnoseFixRun.h"

#include "cli/CliDataSource.h"
#include "cli/CliErrorReport.h"
#include "cli/CliSession.h"
#include "cli/CliSyncRun.h"
#include "cli/DiagnoseCommand.h"

#include "checks/DiagnosisFix.h"
#include "checks/RecordIndex.h"
#include "checks/Records.h"
#include "store/Workspace.h"
#include "session/WorkspaceState.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <algorithm>

namespace msi::cli {

using checks::Diagnosis;
using checks::FixPlan;
using sync::RunResult;

namespace {

// The order the staged sync sends them: users, accounts, people, opportunities, roles.
int stageRank(const QString &id18)
{
    static const QStringList kPrefixes{QStringLiteral("005"), QStringLiteral("001"),
                                       QStringLiteral("00Q"), QStringLiteral("003"),
                                       QStringLiteral("006"), QStringLiteral("00K")};
    const qsizetype rank = kPrefixes.indexOf(id18.left(3));
    return rank < 0 ? int(kPrefixes.size()) : int(rank);
}

} // namespace

DiagnoseFixRun::DiagnoseFixRun(QString query, QString workspacePath)
    : m_query(std::move(query))
    , m_workspacePath(std::move(workspacePath))
{
}

QStringList DiagnoseFixRun::sortedRecords(const FixPlan &plan)
{
    QStringList records(plan.records.cbegin(), plan.records.cend());
    std::sort(records.begin(), records.end(), [](const QString &a, const QString &b) {
        const int ra = stageRank(a);
        const int rb = stageRank(b);
        return ra != rb ? ra < rb : a < b;
    });
    return records;
}

int DiagnoseFixRun::diagnose(checks::SystemState *state, Diagnosis *diagnosis,
                             const CliErrorReport &report) const
{
    // The chain is read and checked as the fix's run will send it: with its fallback sales
    // person (this one, else the workspace's).
    const int code = CliDataSource::readRecord(m_query, {}, {}, m_workspacePath,
                                               QStringLiteral("diagnose"), state, report,
                                               m_fallbackSalesPerson);
    return code != ExitOk ? code : DiagnoseCommand::diagnoseOne(*state, m_query, diagnosis, report);
}

void DiagnoseFixRun::printPlan(const FixPlan &plan, const checks::SystemState &state, bool dryRun,
                               QTextStream &out)
{
    out << '\n';
    if (plan.canFix()) {
        out << (dryRun ? tr("The fix would re-sync %n record(s), in stage order (links it mends: %1):",
                            nullptr, int(plan.records.size()))
                       : tr("The fix re-syncs %n record(s), in stage order (links it mends: %1):",
                            nullptr, int(plan.records.size())))
                   .arg(plan.fixableLinks.join(QStringLiteral(", ")))
            << '\n';
        const checks::RecordIndex index(state);
        for (const QString &id : sortedRecords(plan)) {
            const QJsonObject *record = index.salesforce(id);
            out << "  " << (record ? checks::Records::sfLabel(*record) : id) << '\n';
        }
    } else {
        out << tr("Nothing a sync can mend.") << '\n';
    }
    if (!plan.manualSteps.isEmpty()) {
        out << tr("Only you can do this (a sync cannot):") << '\n';
        for (const QString &step : plan.manualSteps)
            out << "  - " << step << '\n';
    }
    out.flush();
}

int DiagnoseFixRun::run(CliStreams streams)
{
    // The engine needs the workspace's connection; say so before any call.
    using Kind = CliErrorReport::Kind;
    const CliErrorReport report(streams, m_json);
    sync::EngineConnection connection;
    QString error;
    {
        if (!CliDataSource::isConnected(m_workspacePath)) {
            return report.fail(Kind::Configuration,
                               tr("diagnose: --fix needs a connected workspace; workspace %1 is "
                                  "not (run 'msi-bridge-cli connect --salesforce-url URL "
                                  "--marketo-url URL' or give --workspace PATH)")
                                   .arg(m_workspacePath));
        }
        store::Workspace workspace(m_workspacePath);
        if (!workspace.open(&error) || !CliSession::loadConnection(workspace, &connection, &error))
            return report.fail(Kind::Configuration, tr("diagnose: %1").arg(error));
    }

    checks::SystemState state;
    Diagnosis before;
    int code = diagnose(&state, &before, report);
    if (code != ExitOk)
        return code;
    const FixPlan plan = checks::DiagnosisFix::plan(before, state);
    if (!m_json) {
        DiagnoseCommand::printText(before, streams.out);
        printPlan(plan, state, m_dryRun, streams.out);
    }

    QJsonObject fix{{QStringLiteral("records"), QJsonArray::fromStringList(sortedRecords(plan))},
                    {QStringLiteral("fixableLinks"), QJsonArray::fromStringList(plan.fixableLinks)},
                    {QStringLiteral("manualSteps"), QJsonArray::fromStringList(plan.manualSteps)},
                    {QStringLiteral("run"), QJsonValue::Null}};
    QJsonObject document{{QStringLiteral("before"), before.toJson()},
                         {QStringLiteral("fix"), fix},
                         {QStringLiteral("after"), QJsonValue::Null}};
    const auto finish = [&](int exitCode) {
        document.insert(u"fix", fix);
        if (m_json)
            streams.out << QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Indented));
        streams.out.flush();
        return exitCode;
    };
    const int beforeCode = before.allPass() ? ExitOk : ExitFindings;
    if (!plan.canFix() || m_dryRun) {
        if (!m_json && m_dryRun && plan.canFix())
            streams.out << tr("Dry run: nothing was sent. The same run by hand: msi-bridge-cli "
                              "sync --records %1%2")
                               .arg(sortedRecords(plan).join(u','),
                                    m_fallbackSalesPerson.isEmpty()
                                        ? QString()
                                        : QStringLiteral(" --fallback-sales-person ")
                                            + m_fallbackSalesPerson)
                        << '\n';
        return finish(beforeCode);
    }

    sync::RunOptions options;
    options.onlyRecords = plan.records;
    options.policy.fallbackSalesPersonId = m_fallbackSalesPerson;
    streams.err << tr("diagnose: re-syncing %n record(s)", nullptr, int(plan.records.size()))
                << '\n';
    const RunResult result = CliSyncRun::run(m_workspacePath, connection, options, streams);
    fix.insert(u"run", result.toJson());
    if (!m_json) {
        streams.out << '\n';
        CliSyncRun::printText(result, streams.out, &plan.records);
    }
    switch (result.status) {
    case RunResult::Status::Usage:
    case RunResult::Status::Connection:
    case RunResult::Status::QuotaExhausted:
    case RunResult::Status::Cancelled: // interrupted: 130, no second diagnosis
        streams.err << result.message << '\n';
        return finish(CliSyncRun::exitCode(result.status));
    case RunResult::Status::Succeeded:
    case RunResult::Status::Findings:
        break;
    }

    checks::SystemState afterState;
    Diagnosis after;
    // The document below is printed either way: this diagnosis reports its error on stderr only.
    code = diagnose(&afterState, &after, CliErrorReport(streams, false));
    if (code != ExitOk)
        return finish(code);
    document.insert(u"after", after.toJson());
    if (!m_json) {
        streams.out << '\n' << tr("After the fix:") << '\n';
        DiagnoseCommand::printText(after, streams.out);
    }
    return finish(after.allPass() ? ExitOk : ExitFindings);
}

} // namespace msi::cli
