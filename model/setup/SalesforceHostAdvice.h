#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace msi::setup {

// Which login host the admin picked on the Salesforce page.
enum class SalesforceHostKind {
    Production, // https://login.salesforce.com
    Sandbox,    // https://test.salesforce.com
    MyDomain,   // a My Domain name or a full URL (also a Lightning address, rewritten)
};

// Validates and normalises the Salesforce login host (salesforce-api.md section 1, field case
// C22) and looks at the user name: a sandbox user name ("integ@example.com.uat") on a
// production host gets a hint, because that login fails with INVALID_LOGIN.
class SalesforceHostAdvice final
{
    Q_DECLARE_TR_FUNCTIONS(msi::setup::SalesforceHostAdvice)
public:
    QUrl loginUrl;        // invalid when the input cannot be used (see error)
    QString error;        // why the input was refused
    QString hint;         // what was changed (Lightning -> My Domain) or a warning to read
    QString userNameHint; // a sandbox user name on a production host
    bool sandboxHost = false;

    bool isValid() const { return loginUrl.isValid() && error.isEmpty(); }

    static SalesforceHostAdvice advise(SalesforceHostKind kind, const QString &myDomainOrUrl,
                                       const QString &userName = QString());
    // "uat" for "integ@example.com.uat"; empty when the name does not look like a sandbox
    // user name (a suffix after the e-mail domain's top-level domain).
    static QString sandboxSuffix(const QString &userName);
};

} // namespace msi::setup
