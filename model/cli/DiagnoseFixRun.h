#pragma once

#include "cli/CliCommand.h"
#include "cli/CliErrorReport.h"

#include <QCoreApplication>
#include <QString>

namespace msi::checks { struct Diagnosis; struct FixPlan; struct SystemState; }

namespace msi::cli {

// `diagnose ID_OR_EMAIL --fix [--dry-run] [--json]` on a connected workspace: diagnoses the record
// live, plans the fix (checks::DiagnosisFix: the chain's records a re-sync needs, and what only the
// admin can do), runs the sync engine for just those records (RunOptions::onlyRecords: the six
// stages in order, watermarks untouched), then diagnoses the record live again.
// --json prints one document: {"before": <diagnosis>, "fix": {"records": [...], "fixableLinks":
// [...], "manualSteps": [...], "run": <RunResult JSON> | null}, "after": <diagnosis> | null}
// ("run" and "after" are null when nothing was run: --dry-run, or nothing a sync can mend).
// Exit 0 when every link passes at the end, 1 when links still fail or warn, 2 usage or
// configuration, 3 connection or auth, 4 daily quota.
class DiagnoseFixRun final
{
    Q_DECLARE_TR_FUNCTIONS(msi::cli::DiagnoseFixRun)
public:
    DiagnoseFixRun(QString query, QString workspacePath);

    void setDryRun(bool dryRun) { m_dryRun = dryRun; }
    void setJson(bool json) { m_json = json; }
    // 18-character User ID for queue-owned records of the chain (empty: none).
    void setFallbackSalesPerson(const QString &id18) { m_fallbackSalesPerson = id18; }

    int run(CliStreams streams);

private:
    int diagnose(checks::SystemState *state, checks::Diagnosis *diagnosis,
                 const CliErrorReport &report) const;
    static void printPlan(const checks::FixPlan &plan, const checks::SystemState &state,
                          bool dryRun, QTextStream &out);
    static QStringList sortedRecords(const checks::FixPlan &plan);

    QString m_query;
    QString m_workspacePath;
    QString m_fallbackSalesPerson;
    bool m_dryRun = false;
    bool m_json = false;
};

} // namespace msi::cli
