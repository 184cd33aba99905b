#pragma once

#include <QCoreApplication>
#include <QString>

namespace msi::core {

// Compares a Marketo sales person's e-mail with the Salesforce user's. MSI links a rep to their
// Salesforce user by this address, so anything but an exact match may leave the rep's MSI tab empty.
class EmailMatch final
{
    Q_DECLARE_TR_FUNCTIONS(msi::core::EmailMatch)
public:
    enum class Verdict {
        Identical,
        CaseOrWhitespace,      // warning: differs only in letter case or surrounding whitespace
        UnicodeNormalization,  // warning: same text in another Unicode normal form
        Different,             // error
        MissingInMarketo,      // error
        MissingInSalesforce,   // error
        InvalidMarketo,        // error: the Marketo value is not an e-mail address
        InvalidSalesforce,     // error: the Salesforce value is not an e-mail address
    };
    enum class Severity { Ok, Warning, Error };

    static EmailMatch compare(const QString &marketoEmail, const QString &salesforceEmail);

    // A syntactic check (RFC 5322 dot-atom local part, RFC 6531 Unicode allowed; domain labels of
    // letters, digits and hyphens). Surrounding whitespace is ignored.
    static bool isValidAddress(const QString &address);

    Verdict verdict() const { return m_verdict; }
    Severity severity() const;
    QString marketoEmail() const { return m_marketo; }
    QString salesforceEmail() const { return m_salesforce; }
    // Machine-readable verdict: identical, case-or-whitespace, unicode-normalization, different,
    // missing-in-marketo, missing-in-salesforce, invalid-marketo, invalid-salesforce.
    static QString verdictName(Verdict verdict);
    static QString severityName(Severity severity);
    // The cause and the fix in plain words, naming both values.
    QString message() const;

private:
    Verdict m_verdict = Verdict::Identical;
    QString m_marketo;
    QString m_salesforce;
};

} // namespace msi::core
