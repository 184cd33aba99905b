#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace msi::checks {

// One problem a check found before a run: how bad, which rule (a stable code, the same as the
// sample org's faults.json where one applies), which records, the cause and the fix in plain words.
struct Finding
{
    Q_DECLARE_TR_FUNCTIONS(msi::checks::Finding)
public:
    enum class Severity { Error, Warning, Info };

    Severity severity = Severity::Info;
    QString code;       // e.g. MKTO_SP_EMAIL_MISMATCH
    QStringList records; // Salesforce 18-char IDs and Marketo references such as "lead:1047"
    QString cause;      // what is wrong, naming the records and the values
    QString fix;        // what to do about it; empty when nothing needs doing

    // Machine-readable severity: error, warning, info (a CLI contract).
    static QString severityName(Severity severity);
    static QString severityLabel(Severity severity); // translated, for people
    QJsonObject toJson() const;
};

using Findings = QList<Finding>;

// "lead:1047", "company:7", "salesperson:4", "opportunity:<marketoGUID>", "role:<marketoGUID>".
QString marketoRef(const QString &kind, const QJsonObject &record);

} // namespace msi::checks
