#include "core/EmailMatch.h"

namespace msi::core {

namespace {

bool isLocalPartChar(QChar c)
{
    if (c.unicode() < 0x21 || c.unicode() == 0x7f || c.isSpace())
        return false;
    if (c.unicode() >= 0x80)
        return c.isPrint(); // RFC 6531: UTF-8 local parts
    static const QString kSpecials = QStringLiteral("()<>[]:;@\\,\"");
    return !kSpecials.contains(c);
}

bool isDomainLabel(QStringView label)
{
    if (label.isEmpty() || label.size() > 63 || label.front() == u'-' || label.back() == u'-')
        return false;
    for (const QChar c : label) {
        const bool ok = c.isLetterOrNumber() || c == u'-' || c.category() == QChar::Mark_NonSpacing
            || c.category() == QChar::Mark_SpacingCombining;
        if (!ok)
            return false;
    }
    return true;
}

} // namespace

bool EmailMatch::isValidAddress(const QString &address)
{
    const QString trimmed = address.trimmed();
    const qsizetype at = trimmed.lastIndexOf(u'@');
    if (at <= 0 || at == trimmed.size() - 1 || trimmed.count(u'@') != 1)
        return false;
    const QStringView local = QStringView(trimmed).left(at);
    const QStringView domain = QStringView(trimmed).mid(at + 1);
    if (local.size() > 64 || local.front() == u'.' || local.back() == u'.'
        || local.contains(u".."))
        return false;
    for (const QChar c : local) {
        if (!isLocalPartChar(c))
            return false;
    }
    const auto labels = domain.split(u'.');
    if (labels.size() < 2)
        return false;
    for (const QStringView label : labels) {
        if (!isDomainLabel(label))
            return false;
    }
    const QStringView tld = labels.last();
    bool allDigits = true;
    for (const QChar c : tld)
        allDigits = allDigits && c.isDigit();
    return !allDigits;
}

EmailMatch EmailMatch::compare(const QString &marketoEmail, const QString &salesforceEmail)
{
    EmailMatch m;
    m.m_marketo = marketoEmail;
    m.m_salesforce = salesforceEmail;
    const QString mk = marketoEmail.trimmed();
    const QString sf = salesforceEmail.trimmed();
    if (sf.isEmpty())
        m.m_verdict = Verdict::MissingInSalesforce;
    else if (mk.isEmpty())
        m.m_verdict = Verdict::MissingInMarketo;
    else if (!isValidAddress(sf))
        m.m_verdict = Verdict::InvalidSalesforce;
    else if (!isValidAddress(mk))
        m.m_verdict = Verdict::InvalidMarketo;
    else if (marketoEmail == salesforceEmail)
        m.m_verdict = Verdict::Identical;
    else if (mk.toCaseFolded() == sf.toCaseFolded())
        m.m_verdict = Verdict::CaseOrWhitespace;
    else if (mk.normalized(QString::NormalizationForm_C).toCaseFolded()
             == sf.normalized(QString::NormalizationForm_C).toCaseFolded())
        m.m_verdict = Verdict::UnicodeNormalization;
    else
        m.m_verdict = Verdict::Different;
    return m;
}

EmailMatch::Severity EmailMatch::severity() const
{
    switch (m_verdict) {
    case Verdict::Identical:
        return Severity::Ok;
    case Verdict::CaseOrWhitespace:
    case Verdict::UnicodeNormalization:
        return Severity::Warning;
    default:
        return Severity::Error;
    }
}

QString EmailMatch::verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Identical: return QStringLiteral("identical");
    case Verdict::CaseOrWhitespace: return QStringLiteral("case-or-whitespace");
    case Verdict::UnicodeNormalization: return QStringLiteral("unicode-normalization");
    case Verdict::Different: return QStringLiteral("different");
    case Verdict::MissingInMarketo: return QStringLiteral("missing-in-marketo");
    case Verdict::MissingInSalesforce: return QStringLiteral("missing-in-salesforce");
    case Verdict::InvalidMarketo: return QStringLiteral("invalid-marketo");
    case Verdict::InvalidSalesforce: return QStringLiteral("invalid-salesforce");
    }
    return {};
}

QString EmailMatch::severityName(Severity severity)
{
    switch (severity) {
    case Severity::Ok: return QStringLiteral("ok");
    case Severity::Warning: return QStringLiteral("warning");
    case Severity::Error: return QStringLiteral("error");
    }
    return {};
}

QString EmailMatch::message() const
{
    switch (m_verdict) {
    case Verdict::Identical:
        return tr("e-mail matches: %1").arg(m_salesforce);
    case Verdict::CaseOrWhitespace:
        return tr("e-mail differs only by case or surrounding whitespace: Marketo '%1', "
                  "Salesforce '%2'. MSI may still fail to match; fix: re-sync the sales person "
                  "with the Salesforce value")
            .arg(m_marketo, m_salesforce);
    case Verdict::UnicodeNormalization:
        return tr("e-mail differs only in Unicode normalization: Marketo '%1', Salesforce '%2'. "
                  "Fix: re-sync the sales person with the Salesforce value")
            .arg(m_marketo, m_salesforce);
    case Verdict::Different:
        return tr("sales person e-mail mismatch: Marketo %1, Salesforce %2. Fix: re-sync the "
                  "sales person with the Salesforce e-mail")
            .arg(m_marketo.trimmed(), m_salesforce.trimmed());
    case Verdict::MissingInMarketo:
        return tr("the Marketo sales person has no e-mail; Salesforce has %1. Fix: re-sync the "
                  "sales person")
            .arg(m_salesforce.trimmed());
    case Verdict::MissingInSalesforce:
        return tr("the Salesforce user has no e-mail (Marketo has '%1'); MSI cannot link the "
                  "rep. Fix: set the user's e-mail in Salesforce")
            .arg(m_marketo.trimmed());
    case Verdict::InvalidMarketo:
        return tr("the Marketo e-mail '%1' is not a valid address. Fix: re-sync the sales "
                  "person with the Salesforce e-mail %2")
            .arg(m_marketo, m_salesforce.trimmed());
    case Verdict::InvalidSalesforce:
        return tr("the Salesforce e-mail '%1' is not a valid address. Fix: correct the user's "
                  "e-mail in Salesforce")
            .arg(m_salesforce);
    }
    return {};
}

} // namespace msi::core
