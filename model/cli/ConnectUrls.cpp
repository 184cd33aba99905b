#include "cli/ConnectUrls.h"

#include "net/EndpointPolicy.h"
#include "net/NetworkAccess.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace msi::cli {

namespace {

bool hostEndsWith(const QString &host, const QString &domain)
{
    return host == domain || host.endsWith(u'.' + domain);
}

// GET without credentials; the body when an answer came, else null.
QByteArray fetch(const QUrl &url, int timeoutMs, bool *answered)
{
    *answered = false;
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(timeoutMs);
    QNetworkReply *reply = net::NetworkAccess::manager()->get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs + 1000, &loop, &QEventLoop::quit);
    loop.exec();
    QByteArray body;
    if (reply->isFinished()) {
        *answered = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid();
        body = reply->readAll();
    } else {
        reply->abort();
    }
    reply->deleteLater();
    return body;
}

QUrl withPath(const QUrl &base, const QString &path)
{
    QUrl url = base;
    QString root = base.path();
    for (const QString &suffix : {QStringLiteral("/rest"), QStringLiteral("/identity")}) {
        while (root.endsWith(u'/'))
            root.chop(1);
        if (root.endsWith(suffix))
            root.chop(suffix.size());
    }
    while (root.endsWith(u'/'))
        root.chop(1);
    url.setPath(root + path);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

} // namespace

QString ConnectUrls::optionName(System system)
{
    return system == System::Marketo ? QStringLiteral("--marketo-url")
                                     : QStringLiteral("--salesforce-url");
}

QString ConnectUrls::systemName(System system)
{
    return system == System::Marketo ? tr("Marketo") : tr("Salesforce");
}

ConnectUrls::System ConnectUrls::systemOfHost(const QString &givenHost)
{
    const QString host = givenHost.toLower();
    for (const char *domain : {"mktorest.com", "mktoapi.com", "marketo.com", "marketo.net"}) {
        if (hostEndsWith(host, QString::fromLatin1(domain)))
            return System::Marketo;
    }
    for (const char *domain : {"salesforce.com", "force.com", "cloudforce.com",
                               "salesforce-setup.com", "visualforce.com"}) {
        if (hostEndsWith(host, QString::fromLatin1(domain)))
            return System::Salesforce;
    }
    return System::Unknown;
}

QString ConnectUrls::problem(System system, const QString &givenText, QUrl *url)
{
    const QString option = optionName(system);
    const QString text = givenText.trimmed();
    if (text.isEmpty())
        return tr("give %1 URL").arg(option);
    *url = QUrl(text, QUrl::StrictMode);
    if (!url->isValid())
        return tr("%1 '%2' is not a URL: %3").arg(option, text, url->errorString());
    const QString scheme = url->scheme().toLower();
    // "login.salesforce.com" has no scheme; "host.example.com:443" parses as scheme
    // "host.example.com", which no real scheme looks like.
    const bool noScheme = scheme.isEmpty()
        || (!text.contains(QLatin1String("://"))
            && (scheme.contains(u'.') || scheme == u"localhost"));
    if (noScheme) {
        const QString example = system == System::Marketo
            ? QStringLiteral("https://123-ABC-456.mktorest.com")
            : QStringLiteral("https://%1").arg(text.contains(u'.') ? text
                                                                   : QStringLiteral("login.salesforce.com"));
        return tr("%1 '%2' is not a URL: it has no scheme; give the whole URL, e.g. %3")
            .arg(option, text, example);
    }
    if (scheme != u"https" && scheme != u"http")
        return tr("%1 '%2' is not an http(s) URL (it uses %3:); give an https:// URL")
            .arg(option, text, scheme);
    if (url->host().isEmpty())
        return tr("%1 '%2' has no host name; give e.g. %3")
            .arg(option, text,
                 system == System::Marketo ? QStringLiteral("https://123-ABC-456.mktorest.com")
                                           : QStringLiteral("https://login.salesforce.com"));
    QString why;
    if (!net::EndpointPolicy::isAllowed(*url, &why))
        return tr("%1 '%2' cannot be used: %3").arg(option, text, why);
    const System other = system == System::Marketo ? System::Salesforce : System::Marketo;
    if (systemOfHost(url->host()) == other)
        return tr("%1 '%2' is a %3 host, not %4: did you swap --salesforce-url and --marketo-url?")
            .arg(option, text, systemName(other), systemName(system));
    return {};
}

QStringList ConnectUrls::problems(const QString &salesforceText, const QString &marketoText,
                                  QUrl *salesforceUrl, QUrl *marketoUrl)
{
    const QString sf = problem(System::Salesforce, salesforceText, salesforceUrl);
    const QString mk = problem(System::Marketo, marketoText, marketoUrl);
    if (!sf.isEmpty() && !mk.isEmpty() && systemOfHost(salesforceUrl->host()) == System::Marketo
        && systemOfHost(marketoUrl->host()) == System::Salesforce) {
        return {tr("--salesforce-url '%1' is a Marketo host and --marketo-url '%2' a Salesforce "
                   "host: did you swap --salesforce-url and --marketo-url?")
                    .arg(salesforceText.trimmed(), marketoText.trimmed())};
    }
    QStringList all;
    for (const QString &p : {sf, mk}) {
        if (!p.isEmpty())
            all << p;
    }
    return all;
}

ConnectUrls::System ConnectUrls::identify(const QUrl &url, int timeoutMs)
{
    bool answered = false;
    const QJsonDocument versions = QJsonDocument::fromJson(
        fetch(withPath(url, QStringLiteral("/services/data/")), timeoutMs, &answered));
    if (!answered)
        return System::Unknown; // not reachable: nothing to tell
    if (versions.isArray() && !versions.array().isEmpty()
        && versions.array().first().toObject().contains(u"version"))
        return System::Salesforce;
    const QJsonObject envelope = QJsonDocument::fromJson(
        fetch(withPath(url, QStringLiteral("/rest/v1/leads.json")), timeoutMs, &answered)).object();
    // Marketo's envelope ({"requestId", "success": false, "errors": [{"code": "600"/"601"}]})
    // is its own: no other API answers a missing token that way.
    if (envelope.contains(u"requestId") && envelope.contains(u"success"))
        return System::Marketo;
    return System::Unknown;
}

QString ConnectUrls::answeredLike(System expected, const QUrl &url)
{
    const System other = expected == System::Marketo ? System::Salesforce : System::Marketo;
    return tr("%1 %2 answered like a %3 instance, not %4: did you swap --salesforce-url and "
              "--marketo-url?")
        .arg(optionName(expected), url.toDisplayString(), systemName(other), systemName(expected));
}

} // namespace msi::cli
