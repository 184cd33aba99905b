#include "setup/SalesforceHostAdvice.h"

#include "salesforce/LoginHost.h"

#include <QSet>

namespace msi::setup {

namespace {

// Generic top-level domains and second-level labels that precede a country code
// ("example.co.uk"). A further label after one of these is a sandbox suffix.
const QSet<QString> &domainEndings()
{
    static const QSet<QString> endings{
        QStringLiteral("com"), QStringLiteral("org"), QStringLiteral("net"), QStringLiteral("edu"),
        QStringLiteral("gov"), QStringLiteral("io"),  QStringLiteral("biz"), QStringLiteral("info"),
        QStringLiteral("co"),  QStringLiteral("de"),  QStringLiteral("fr"),  QStringLiteral("uk"),
        QStringLiteral("ca"),  QStringLiteral("au"),  QStringLiteral("nl"),  QStringLiteral("eu"),
        QStringLiteral("us"),  QStringLiteral("ch"),  QStringLiteral("at"),  QStringLiteral("jp")};
    return endings;
}

// Names admins commonly give sandboxes; matched even when two letters long ("qa").
const QSet<QString> &sandboxNames()
{
    static const QSet<QString> names{
        QStringLiteral("uat"),     QStringLiteral("qa"),      QStringLiteral("dev"),
        QStringLiteral("test"),    QStringLiteral("sit"),     QStringLiteral("stage"),
        QStringLiteral("staging"), QStringLiteral("full"),    QStringLiteral("partial"),
        QStringLiteral("sandbox"), QStringLiteral("sb"),      QStringLiteral("preprod"),
        QStringLiteral("devpro"),  QStringLiteral("training")};
    return names;
}

} // namespace

QString SalesforceHostAdvice::sandboxSuffix(const QString &userName)
{
    const QString name = userName.trimmed().toLower();
    const qsizetype at = name.lastIndexOf(u'@');
    if (at <= 0)
        return {};
    const QStringList labels = name.mid(at + 1).split(u'.', Qt::SkipEmptyParts);
    if (labels.size() < 3)
        return {};
    const QString last = labels.constLast();
    const QString beforeLast = labels.at(labels.size() - 2);
    if (!domainEndings().contains(beforeLast))
        return {};
    // "example.com.au" is a real domain; "example.com.uat" is a sandbox user name.
    if (sandboxNames().contains(last) || (last.size() > 2 && !domainEndings().contains(last)))
        return last;
    return {};
}

SalesforceHostAdvice SalesforceHostAdvice::advise(SalesforceHostKind kind,
                                                  const QString &myDomainOrUrl,
                                                  const QString &userName)
{
    SalesforceHostAdvice out;
    QString input;
    switch (kind) {
    case SalesforceHostKind::Production:
        input = QStringLiteral("production");
        break;
    case SalesforceHostKind::Sandbox:
        input = QStringLiteral("sandbox");
        break;
    case SalesforceHostKind::MyDomain:
        input = myDomainOrUrl.trimmed();
        if (input.isEmpty()) {
            out.error = tr("Enter your My Domain name (for example \"exampleco\") or its address "
                           "(https://exampleco.my.salesforce.com).");
            return out;
        }
        break;
    }
    const salesforce::LoginHost::Parsed parsed = salesforce::LoginHost::parse(input);
    if (!parsed.url.isValid()) {
        out.error = parsed.hint.isEmpty()
                ? tr("\"%1\" is not a Salesforce login address.").arg(input)
                : parsed.hint;
        return out;
    }
    out.loginUrl = parsed.url;
    out.hint = parsed.hint;
    out.sandboxHost = parsed.isSandboxHost;

    const QString suffix = sandboxSuffix(userName);
    if (!suffix.isEmpty() && !out.sandboxHost && !parsed.url.host().isEmpty()
        && (kind != SalesforceHostKind::MyDomain
            || parsed.url.host().endsWith(u".salesforce.com"))) {
        out.userNameHint =
                tr("%1 looks like a sandbox user name (it ends in \".%2\"), but %3 signs in to "
                   "production, where this name fails with INVALID_LOGIN. Choose \"Sandbox\" "
                   "(test.salesforce.com) or your sandbox's My Domain, for example "
                   "https://<mydomain>--%2.sandbox.my.salesforce.com.")
                        .arg(userName.trimmed(), suffix, parsed.url.host());
    }
    return out;
}

} // namespace msi::setup
