#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace msi::setup {

// The Marketo REST endpoint from what the admin pastes: the Munchkin ID ("123-ABC-456"), the
// REST endpoint (https://123-ABC-456.mktorest.com/rest) or the identity endpoint; the other
// parts are derived (Admin > Web Services shows both URLs).
class MarketoEndpoint final
{
    Q_DECLARE_TR_FUNCTIONS(msi::setup::MarketoEndpoint)
public:
    QString munchkinId;   // upper case; empty when the input was a URL on another host
    QUrl baseUrl;         // https://123-ABC-456.mktorest.com
    QUrl restUrl;         // .../rest
    QUrl identityUrl;     // .../identity
    QString error;        // why the input cannot be used

    bool isValid() const { return error.isEmpty() && baseUrl.isValid(); }

    static MarketoEndpoint parse(const QString &input);
    static bool isMunchkinId(const QString &text);
};

} // namespace msi::setup
