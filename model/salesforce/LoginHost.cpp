#include "salesforce/LoginHost.h"

#include "net/EndpointPolicy.h"

#include <QRegularExpression>

namespace msi::salesforce {

bool LoginHost::looksLikeSandbox(const QUrl &url)
{
    const QString host = url.host().toLower();
    return host == u"test.salesforce.com" || host.endsWith(u".sandbox.my.salesforce.com");
}

LoginHost::Parsed LoginHost::parse(const QString &rawInput)
{
    Parsed out;
    const QString input = rawInput.trimmed();
    const QString lower = input.toLower();
    if (lower.isEmpty() || lower == u"production" || lower == u"login") {
        out.url = QUrl(QStringLiteral("https://login.salesforce.com"));
        return out;
    }
    if (lower == u"sandbox" || lower == u"test") {
        out.url = QUrl(QStringLiteral("https://test.salesforce.com"));
        out.isSandboxHost = true;
        return out;
    }
    static const QRegularExpression myDomainName(QStringLiteral("^[a-z0-9][a-z0-9-]*(--[a-z0-9-]+)?$"));
    QUrl url;
    if (myDomainName.match(lower).hasMatch()) {
        // "exampleco" or "exampleco--uat" (a sandbox with enhanced domains).
        const bool sandbox = lower.contains(QStringLiteral("--"));
        url = QUrl(QStringLiteral("https://") + lower
                   + (sandbox ? QStringLiteral(".sandbox.my.salesforce.com")
                              : QStringLiteral(".my.salesforce.com")));
    } else {
        url = QUrl::fromUserInput(input);
        if (!input.contains(QStringLiteral("://")))
            url.setScheme(QStringLiteral("https"));
    }
    url.setPath(QString());
    url.setQuery(QString());
    url.setFragment(QString());

    QString host = url.host().toLower();
    static const QRegularExpression lightning(
            QStringLiteral("^(.+?)(\\.sandbox)?\\.lightning\\.force\\.com$"));
    if (const auto m = lightning.match(host); m.hasMatch()) {
        const QString apiHost = m.captured(1) + (m.capturedLength(2) ? QStringLiteral(".sandbox") : QString())
                + QStringLiteral(".my.salesforce.com");
        out.hint = tr("%1 is the Lightning user interface, not an API host; using %2 instead")
                           .arg(host, apiHost);
        url.setHost(apiHost);
        url.setScheme(QStringLiteral("https"));
    }
    QString why;
    if (!net::EndpointPolicy::isAllowed(url, &why)) {
        out.hint = why;
        return out;
    }
    out.url = url;
    out.isSandboxHost = looksLikeSandbox(url);
    return out;
}

} // namespace msi::salesforce
