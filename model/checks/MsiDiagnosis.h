#pragma once

#include "checks/Diagnosis.h"
#include "checks/LinkChecker.h"
#include "checks/RecordIndex.h"
#include "checks/SystemState.h"

#include <QCoreApplication>

namespace msi::checks {

// Why is this record's MSI panel empty? Checks every link MSI needs for one Salesforce Lead,
// Contact, Account or Opportunity, in order, over the state of both systems (a seed, a snapshot
// or a live read: the logic does not care). The state must outlive this object.
class MsiDiagnosis final
{
    Q_DECLARE_TR_FUNCTIONS(msi::checks::MsiDiagnosis)
public:
    explicit MsiDiagnosis(const SystemState &state);
    MsiDiagnosis(SystemState &&) = delete; // it keeps pointers into the state

    struct Lookup
    {
        QList<const QJsonObject *> candidates; // one = found; several = ambiguous
        QString error;                         // why nothing was found, in plain words
    };
    // By 15/18-character ID, by e-mail (Contacts and Leads) or by exact name (case-insensitive).
    Lookup find(const QString &query) const;

    Diagnosis diagnose(const QJsonObject &record) const;

    // Bulk mode: every Contact, Lead, Account and Opportunity, broken links grouped by kind.
    struct Group
    {
        QString recordType;  // Contact, Lead, Account, Opportunity
        QString link;
        QString problem;
        DiagnosisLink::Verdict verdict = DiagnosisLink::Verdict::Fail;
        QStringList records; // the diagnosed records (18-char IDs), each once
        QString summary() const; // "37 contacts: company never synced"
    };
    struct Bulk
    {
        int recordsDiagnosed = 0;
        int recordsPassing = 0;
        QList<Group> groups; // most records first
    };
    Bulk diagnoseAll() const;

    // The lookups built over the state (for DiagnosisFix, so it does not build them again).
    const RecordIndex &index() const { return m_index; }

private:
    void diagnosePerson(const QJsonObject &person, QList<DiagnosisLink> *links) const;
    void diagnoseAccount(const QJsonObject &account, QList<DiagnosisLink> *links) const;
    void diagnoseOpportunity(const QJsonObject &opp, QList<DiagnosisLink> *links) const;
    void appendSalesPerson(const QJsonObject &record, QList<DiagnosisLink> *links) const;

    RecordIndex m_index;
    LinkChecker m_links;
};

} // namespace msi::checks
