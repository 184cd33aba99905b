#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace msi::checks {

// One link of the chain MSI needs, as checked for one Salesforce record.
struct DiagnosisLink
{
    Q_DECLARE_TR_FUNCTIONS(msi::checks::DiagnosisLink)
public:
    enum class Verdict { Pass, Warn, Fail };

    // Stable names (a CLI contract): person, person.email, salesperson.link, salesperson,
    // salesperson.email, company.link, company, company.owner, company.people, opportunity, role,
    // scores.marketo, scores.salesforce, scores.access.
    QString link;
    Verdict verdict = Verdict::Pass;
    // Stable problem code for grouping ("company-never-synced"); empty when the link passes.
    // "blocked" marks a link that cannot be checked because an earlier one is broken.
    QString problem;
    QString cause;         // plain words, naming the records and values
    QJsonValue salesforce; // the value(s) seen in Salesforce
    QJsonValue marketo;    // the value(s) seen in Marketo
    QString subject;       // the Salesforce record this link is about (opportunity, role), if not
                           // the diagnosed record itself
    QStringList records;   // references involved (18-char IDs, "lead:1049", ...)
    // The records behind the values, for a detail view (not part of the JSON document).
    QJsonObject salesforceRecord;
    QJsonObject marketoRecord;
    // Further Marketo records behind the link when there are several (duplicate leads, a company
    // found twice): marketoRecord is the first, these the rest.
    QList<QJsonObject> otherMarketoRecords;

    static QString verdictName(Verdict verdict); // pass, warn, fail
    static QString verdictLabel(Verdict verdict); // translated
    // A short label for a problem code: "company never synced".
    static QString problemLabel(const QString &problem);
    QJsonObject toJson() const;
};

// The diagnosis of one Salesforce Lead, Contact, Account or Opportunity.
struct Diagnosis
{
    QString recordType; // Lead, Contact, Account, Opportunity
    QJsonObject record;
    QList<DiagnosisLink> links;

    DiagnosisLink::Verdict verdict() const; // the worst link
    bool allPass() const { return verdict() == DiagnosisLink::Verdict::Pass; }
    // {"record": {...}, "verdict": "...", "links": [{link, verdict, cause, salesforce, marketo,
    // problem, subject, records}]}
    QJsonObject toJson() const;
};

} // namespace msi::checks
