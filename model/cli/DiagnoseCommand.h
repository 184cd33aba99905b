#pragma once

#include "cli/CliCommand.h"

#include <QCoreApplication>
#include <QUrl>

namespace msi::checks { struct Diagnosis; struct SystemState; }

namespace msi::cli {

// `diagnose ID_OR_EMAIL [--json] [--seed DIR | --live [--salesforce-url URL --marketo-url URL]]`:
// why the MSI panel of a Salesforce Lead, Contact,
// Account or Opportunity is empty, link by link. `diagnose --all` groups every broken link of every
// record by kind. --json prints one document: {"record": {type, id, name, email}, "verdict",
// "links": [{link, verdict (pass|warn|fail), cause, salesforce, marketo, problem, subject,
// records}]}. Exit 0 when every link passes, 1 otherwise, 2 on usage errors (including a record
// that cannot be found or is ambiguous, and missing credentials), 3 when the live read fails, 4
// when it hits the daily quota.
class DiagnoseCommand final : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(msi::cli::DiagnoseCommand)
public:
    QString name() const override { return QStringLiteral("diagnose"); }
    QString summary() const override;
    bool usesWorkspace() const override { return true; }
    int run(const QStringList &arguments, CliStreams streams) override;

private:
    static void printText(const checks::Diagnosis &diagnosis, QTextStream &out);
    static int runAll(const checks::SystemState &state, bool json, CliStreams streams);
    static int readLive(const QString &query, const QUrl &salesforceUrl, const QUrl &marketoUrl,
                        const QString &workspacePath, checks::SystemState *state,
                        CliStreams streams);
};

} // namespace msi::cli
