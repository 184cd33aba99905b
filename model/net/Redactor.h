#pragma once

#include <QString>
#include <QUrl>

namespace msi::net {

// Masks secrets before anything reaches a log or an error message: bearer tokens, OAuth
// parameters in query strings and form bodies, token fields in JSON, Salesforce session ids.
class Redactor final
{
public:
    static QString text(const QString &text);
    // The URL without user info and with the values of secret query parameters masked.
    static QString url(const QUrl &url);
    // "GET https://host/path" without any query string: what error messages name.
    static QString endpoint(const QByteArray &method, const QUrl &url);
    static bool isSecretParameter(const QString &name);
};

} // namespace msi::net
