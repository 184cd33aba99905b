#include "checks/Diagnosis.h"

#include "checks/Records.h"

#include <QHash>
#include <QJsonArray>

namespace msi::checks {

QString DiagnosisLink::verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Pass: return QStringLiteral("pass");
    case Verdict::Warn: return QStringLiteral("warn");
    case Verdict::Fail: return QStringLiteral("fail");
    }
    return {};
}

QString DiagnosisLink::verdictLabel(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Pass: return tr("pass");
    case Verdict::Warn: return tr("warning");
    case Verdict::Fail: return tr("fail");
    }
    return {};
}

QString DiagnosisLink::problemLabel(const QString &problem)
{
    static const QHash<QString, const char *> labels{
        {QStringLiteral("blocked"), QT_TR_NOOP("not checked: an earlier link is broken")},
        {QStringLiteral("person-missing"), QT_TR_NOOP("person never synced to Marketo")},
        {QStringLiteral("person-email-only"),
         QT_TR_NOOP("in Marketo only under the e-mail (no externalPersonId)")},
        {QStringLiteral("person-email-taken"),
         QT_TR_NOOP("e-mail used by a Contact, which wins; the Lead is not synced")},
        {QStringLiteral("person-email-duplicate"), QT_TR_NOOP("duplicate Marketo leads by e-mail")},
        {QStringLiteral("person-id-15char"), QT_TR_NOOP("15-character externalPersonId")},
        {QStringLiteral("person-id-case"), QT_TR_NOOP("case-damaged externalPersonId")},
        {QStringLiteral("person-duplicate"),
         QT_TR_NOOP("several Marketo leads with the same externalPersonId")},
        {QStringLiteral("email-case"), QT_TR_NOOP("e-mail differs only by case or whitespace")},
        {QStringLiteral("email-different"), QT_TR_NOOP("e-mail differs between the systems")},
        {QStringLiteral("email-invalid"), QT_TR_NOOP("invalid e-mail syntax in Salesforce")},
        {QStringLiteral("company-legacy"), QT_TR_NOOP("legacy 15-character company left to delete")},
        {QStringLiteral("owner-link-missing"), QT_TR_NOOP("no externalSalesPersonId")},
        {QStringLiteral("owner-link-15char"), QT_TR_NOOP("15-character externalSalesPersonId")},
        {QStringLiteral("owner-link-case"), QT_TR_NOOP("case-damaged externalSalesPersonId")},
        {QStringLiteral("company-link-case"), QT_TR_NOOP("case-damaged externalCompanyId")},
        {QStringLiteral("owner-link-wrong"),
         QT_TR_NOOP("externalSalesPersonId is not the Salesforce owner")},
        {QStringLiteral("owner-not-user"), QT_TR_NOOP("owned by a queue, not a user")},
        {QStringLiteral("salesperson-missing"), QT_TR_NOOP("sales person never synced")},
        {QStringLiteral("salesperson-duplicate"),
         QT_TR_NOOP("several Marketo sales persons with the same ID")},
        {QStringLiteral("owner-not-read"), QT_TR_NOOP("owner not in the Salesforce data read")},
        {QStringLiteral("salesperson-email-mismatch"), QT_TR_NOOP("sales person e-mail mismatch")},
        {QStringLiteral("salesperson-email-case"),
         QT_TR_NOOP("sales person e-mail differs only by case or whitespace")},
        {QStringLiteral("company-link-missing"), QT_TR_NOOP("lead not tied to its company")},
        {QStringLiteral("company-link-15char"), QT_TR_NOOP("15-character externalCompanyId")},
        {QStringLiteral("company-link-wrong"),
         QT_TR_NOOP("externalCompanyId is not the Salesforce account")},
        {QStringLiteral("company-never-synced"), QT_TR_NOOP("company never synced")},
        {QStringLiteral("company-15char"), QT_TR_NOOP("company only under a 15-character ID")},
        {QStringLiteral("company-duplicate"), QT_TR_NOOP("company in Marketo more than once")},
        {QStringLiteral("company-owner-missing"), QT_TR_NOOP("company has no owner")},
        {QStringLiteral("company-owner-different"),
         QT_TR_NOOP("company owner differs from the account owner")},
        {QStringLiteral("people-not-linked"), QT_TR_NOOP("contacts not tied to the company")},
        {QStringLiteral("opportunity-missing"), QT_TR_NOOP("opportunity never synced")},
        {QStringLiteral("opportunity-duplicate"), QT_TR_NOOP("opportunity in Marketo more than once")},
        {QStringLiteral("opportunity-company-wrong"),
         QT_TR_NOOP("opportunity tied to the wrong company")},
        {QStringLiteral("opportunity-owner-wrong"),
         QT_TR_NOOP("opportunity owner differs from Salesforce")},
        {QStringLiteral("role-missing"), QT_TR_NOOP("opportunity role never synced")},
        {QStringLiteral("role-wrong-lead"), QT_TR_NOOP("opportunity role with the wrong lead id")},
        {QStringLiteral("no-scores"), QT_TR_NOOP("Marketo has no MSI values yet")},
        {QStringLiteral("scores-not-written"), QT_TR_NOOP("MSI scores not written back")},
        {QStringLiteral("scores-stale"), QT_TR_NOOP("MSI scores in Salesforce out of date")},
        {QStringLiteral("msi-field-hidden"), QT_TR_NOOP("MSI fields hidden by field-level security")},
        {QStringLiteral("msi-field-readonly"), QT_TR_NOOP("MSI fields read-only")},
        {QStringLiteral("describe-not-read"), QT_TR_NOOP("MSI field access not verified")},
    };
    const char *label = labels.value(problem);
    return label ? tr(label) : problem;
}

QJsonObject DiagnosisLink::toJson() const
{
    QJsonObject o{{QStringLiteral("link"), link},
                  {QStringLiteral("verdict"), verdictName(verdict)},
                  {QStringLiteral("cause"), cause},
                  {QStringLiteral("salesforce"), salesforce.isUndefined() ? QJsonValue() : salesforce},
                  {QStringLiteral("marketo"), marketo.isUndefined() ? QJsonValue() : marketo}};
    if (!problem.isEmpty())
        o.insert(QStringLiteral("problem"), problem);
    if (!subject.isEmpty())
        o.insert(QStringLiteral("subject"), subject);
    if (!records.isEmpty())
        o.insert(QStringLiteral("records"), QJsonArray::fromStringList(records));
    return o;
}

DiagnosisLink::Verdict Diagnosis::verdict() const
{
    DiagnosisLink::Verdict worst = DiagnosisLink::Verdict::Pass;
    for (const DiagnosisLink &l : links) {
        if (l.verdict == DiagnosisLink::Verdict::Fail)
            return l.verdict;
        if (l.verdict == DiagnosisLink::Verdict::Warn)
            worst = l.verdict;
    }
    return worst;
}

QJsonObject Diagnosis::toJson() const
{
    QJsonObject summary{{QStringLiteral("type"), recordType},
                        {QStringLiteral("id"), Records::id18(record, QStringLiteral("Id"))},
                        {QStringLiteral("name"), Records::text(record, QStringLiteral("Name"))}};
    if (record.contains(QStringLiteral("Email")))
        summary.insert(QStringLiteral("email"), record.value(QStringLiteral("Email")));
    QJsonArray array;
    for (const DiagnosisLink &l : links)
        array.append(l.toJson());
    return QJsonObject{{QStringLiteral("record"), summary},
                       {QStringLiteral("verdict"), DiagnosisLink::verdictName(verdict())},
                       {QStringLiteral("links"), array}};
}

} // namespace msi::checks
