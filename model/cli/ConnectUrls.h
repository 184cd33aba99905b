#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace msi::cli {

// What `connect` can tell about its two URLs: before any call (not http(s), no host, plain http
// off loopback, a well-known Marketo host given as --salesforce-url or the reverse) and, after a
// failed sign-in, by asking the URL without credentials which system answers (a swapped pair).
// Messages name the option, the URL and what is wrong.
class ConnectUrls final
{
    Q_DECLARE_TR_FUNCTIONS(msi::cli::ConnectUrls)
public:
    enum class System { Unknown, Salesforce, Marketo };

    // Empty when text can be tried as the URL of system; otherwise why not. *url gets the
    // parsed URL.
    static QString problem(System system, const QString &text, QUrl *url);
    // Both URLs at once, so a swapped pair is named once: "did you swap ...?".
    static QStringList problems(const QString &salesforceText, const QString &marketoText,
                                QUrl *salesforceUrl, QUrl *marketoUrl);

    // The system a well-known host name belongs to (*.mktorest.com, *.salesforce.com, ...).
    static System systemOfHost(const QString &host);

    // Asks url, without credentials, which system it is: Salesforce lists its API versions at
    // /services/data/, Marketo answers /rest/v1/leads.json without a token with its envelope
    // ({"requestId", "success": false, "errors": [...]}).
    // Synchronous (local event loop), at most timeoutMs per request.
    static System identify(const QUrl &url, int timeoutMs = 15000);

    // The sentence for a URL that answered like the other system.
    static QString answeredLike(System expected, const QUrl &url);

    static QString optionName(System system);
    static QString systemName(System system);
};

} // namespace msi::cli
