#pragma once

#include "cli/CliCommand.h"
#include "cli/CliErrorReport.h"

#include <QCoreApplication>

namespace msi::checks { struct Diagnosis; struct SystemState; }

namespace msi::cli {

// `diagnose ID_OR_EMAIL [--json] [--sample | --seed DIR | --snapshot | --live [--salesforce-url URL
// --marketo-url URL]] [--fix [--dry-run]]`: why the MSI panel of a Salesforce Lead, Contact,
// Account or Opportunity is empty, link by link. `diagnose --all` groups every broken link of every
// record by kind. --json prints one document: {"record": {type, id, name, email}, "verdict",
// "links": [{link, verdict (pass|warn|fail), cause, salesforce, marketo, problem, subject,
// records}]}. Exit 0 when every link passes, 1 otherwise, 2 on usage errors (including a record
// that cannot be found or is ambiguous, and missing credentials), 3 when the live read fails, 4
// when it hits the daily quota. Without --sample/--seed/--live it reads the live systems when the
// workspace is connected, else the bundled sample org (CliDataSource). --fix: see DiagnoseFixRun.
class DiagnoseCommand final : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(msi::cli::DiagnoseCommand)
public:
    QString name() const override { return QStringLiteral("diagnose"); }
    QString summary() const override;
    bool usesWorkspace() const override { return true; }
    int run(const QStringList &arguments, CliStreams streams) override;

    static void printText(const checks::Diagnosis &diagnosis, QTextStream &out);
    // Finds the one record query names in state and diagnoses it. Exit code: 0, or 2 (the record
    // is unknown or ambiguous; the candidates are listed in the error, through report).
    static int diagnoseOne(const checks::SystemState &state, const QString &query,
                           checks::Diagnosis *diagnosis, const CliErrorReport &report);

private:
    static int runAll(const checks::SystemState &state, bool json, CliStreams streams);
};

} // namespace msi::cli
