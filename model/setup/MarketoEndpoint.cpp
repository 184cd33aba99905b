#include "setup/MarketoEndpoint.h"

#include "net/EndpointPolicy.h"

#include <QRegularExpression>

namespace msi::setup {

namespace {
const QRegularExpression &munchkinPattern()
{
    static const QRegularExpression re(QStringLiteral("^(\\d{3}-[A-Za-z]{3}-\\d{3})$"));
    return re;
}
} // namespace

bool MarketoEndpoint::isMunchkinId(const QString &text)
{
    return munchkinPattern().match(text.trimmed()).hasMatch();
}

MarketoEndpoint MarketoEndpoint::parse(const QString &rawInput)
{
    MarketoEndpoint out;
    const QString input = rawInput.trimmed();
    if (input.isEmpty()) {
        out.error = tr("Enter the Munchkin ID (for example 123-ABC-456) or the REST endpoint "
                       "from Marketo Admin > Web Services.");
        return out;
    }
    QUrl base;
    if (isMunchkinId(input)) {
        out.munchkinId = input.toUpper();
        base = QUrl(QStringLiteral("https://") + out.munchkinId + QStringLiteral(".mktorest.com"));
    } else {
        base = QUrl::fromUserInput(input);
        if (!input.contains(QStringLiteral("://")))
            base.setScheme(QStringLiteral("https"));
        QString path = base.path();
        while (path.endsWith(u'/'))
            path.chop(1);
        for (const QString &suffix : {QStringLiteral("/rest/v1"), QStringLiteral("/rest"),
                                      QStringLiteral("/identity/oauth/token"),
                                      QStringLiteral("/identity")}) {
            if (path.endsWith(suffix)) {
                path.chop(suffix.size());
                break;
            }
        }
        if (!path.isEmpty()) {
            out.error = tr("%1 is not a Marketo REST endpoint: it should end in /rest (for "
                           "example https://123-ABC-456.mktorest.com/rest).")
                                .arg(input);
            return out;
        }
        base.setPath(QString());
        base.setQuery(QString());
        base.setFragment(QString());
        const QString host = base.host().toLower();
        static const QRegularExpression mktorest(
                QStringLiteral("^(\\d{3}-[a-z]{3}-\\d{3})\\.mktorest\\.com$"));
        if (const auto m = mktorest.match(host); m.hasMatch()) {
            out.munchkinId = m.captured(1).toUpper();
            base.setHost(out.munchkinId + QStringLiteral(".mktorest.com"));
        } else if (host.endsWith(u".marketo.com") || host.endsWith(u".mktoweb.com")) {
            out.error = tr("%1 is a Marketo user interface or landing page address, not the REST "
                           "API. Use the REST endpoint from Admin > Web Services "
                           "(https://<Munchkin ID>.mktorest.com/rest) or the Munchkin ID.")
                                .arg(host);
            return out;
        }
    }
    QString why;
    if (!net::EndpointPolicy::isAllowed(base, &why)) {
        out.error = why;
        return out;
    }
    out.baseUrl = base;
    out.restUrl = base;
    out.restUrl.setPath(QStringLiteral("/rest"));
    out.identityUrl = base;
    out.identityUrl.setPath(QStringLiteral("/identity"));
    return out;
}

} // namespace msi::setup
