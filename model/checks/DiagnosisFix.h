#pragma once

#include "checks/Diagnosis.h"
#include "checks/SystemState.h"
#include "checks/RecordIndex.h"

#include <QCoreApplication>
#include <QSet>
#include <QStringList>

namespace msi::checks {

class MsiDiagnosis;

// What the Fix button of a diagnosis does: the Salesforce records a re-sync of this one chain
// needs (the diagnosed record, the records its MSI panel shows and every parent the staged sync
// requires before them: owners, accounts, opportunities, people), and the broken links a sync
// cannot mend, each with what the admin has to do instead. Pure logic over one SystemState.
struct FixPlan
{
    QSet<QString> records;     // 18-character Salesforce IDs to re-sync, in any order
    QStringList fixableLinks;  // failing/warning links a re-sync can mend (link names)
    QStringList manualSteps;   // plain words, one per link a re-sync cannot mend

    bool canFix() const { return !fixableLinks.isEmpty(); }
};

class DiagnosisFix final
{
    Q_DECLARE_TR_FUNCTIONS(msi::checks::DiagnosisFix)
public:
    static FixPlan plan(const Diagnosis &diagnosis, const SystemState &state);
    // The same over lookups already built (MsiDiagnosis::index()): no second pass over the state.
    static FixPlan plan(const Diagnosis &diagnosis, const RecordIndex &index);
    // The same, and for an account or opportunity also the breaks of its people that only the
    // admin can mend (a person with duplicate Marketo leads keeps the account's chain broken).
    static FixPlan plan(const Diagnosis &diagnosis, const MsiDiagnosis &checker);
    // False for problems only a person can solve (duplicates to merge, field access to grant,
    // queues without a fallback, scores Marketo has not computed yet).
    static bool fixableBySync(const QString &problem);
    // What the admin has to do about a problem a sync cannot mend.
    static QString manualStep(const DiagnosisLink &link);
};

} // namespace msi::checks
