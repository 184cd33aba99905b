#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace msi::salesforce {

// Where to sign in: "production" (login.salesforce.com), "sandbox" (test.salesforce.com), a My
// Domain name ("exampleco" -> https://exampleco.my.salesforce.com) or a full https URL. Lightning
// UI hosts (*.lightning.force.com) are rewritten to their My Domain API host, with a hint.
class LoginHost final
{
    Q_DECLARE_TR_FUNCTIONS(msi::salesforce::LoginHost)
public:
    struct Parsed
    {
        QUrl url;      // invalid when the input cannot be used
        QString hint;  // what was changed, or why it was refused
        bool isSandboxHost = false; // test.salesforce.com or *.sandbox.my.salesforce.com
    };
    static Parsed parse(const QString &input);
    static bool looksLikeSandbox(const QUrl &url);
};

} // namespace msi::salesforce
