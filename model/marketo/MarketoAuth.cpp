#include "marketo/MarketoAuth.h"

#include "marketo/Logging.h"
#include "net/HttpJob.h"

#include <QJsonObject>
#include <QNetworkRequest>

namespace msi::marketo {

MarketoAuth::MarketoAuth(const MarketoCredentials &credentials, const MarketoSettings &settings,
                         QObject *parent)
    : QObject(parent), m_credentials(credentials), m_settings(settings)
{
    m_credentials.baseUrl = normalizedBase(credentials.baseUrl);
}

QUrl MarketoAuth::normalizedBase(const QUrl &baseUrl)
{
    QUrl u = baseUrl;
    QString path = u.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    for (const QString &suffix : {QStringLiteral("/rest"), QStringLiteral("/identity")})
        if (path.endsWith(suffix))
            path.chop(suffix.size());
    u.setPath(path);
    u.setQuery(QString());
    return u;
}

QUrl MarketoAuth::restUrl(const QString &path) const
{
    QUrl u = m_credentials.baseUrl;
    // Normalise joins: Marketo's gateway deprecates double slashes.
    QString p = path;
    while (p.startsWith(u'/'))
        p.remove(0, 1);
    u.setPath(u.path() + QStringLiteral("/rest/") + p);
    return u;
}

int MarketoAuth::authorize(QNetworkRequest &request) const
{
    request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + m_token.toUtf8());
    return m_generation;
}

void MarketoAuth::ensureToken(Done done)
{
    if (!m_token.isEmpty() && m_expiry.remainingTime() > m_settings.tokenRenewMarginMs) {
        done(net::ApiError());
        return;
    }
    m_waiters << std::move(done);
    if (!m_fetching)
        fetch();
}

void MarketoAuth::renewAfterRefusal(int usedGeneration, Done done)
{
    if (usedGeneration < m_generation) { // someone already fetched a newer token
        done(net::ApiError());
        return;
    }
    m_token.clear();
    m_waiters << std::move(done);
    if (!m_fetching)
        fetch();
}

void MarketoAuth::fetch()
{
    m_fetching = true;
    QUrl url = m_credentials.baseUrl;
    url.setPath(url.path() + QStringLiteral("/identity/oauth/token"));
    // The documented form: client credentials as query parameters (Redactor masks them in logs).
    const QByteArray query = "grant_type=client_credentials&client_id="
            + QUrl::toPercentEncoding(m_credentials.clientId) + "&client_secret="
            + QUrl::toPercentEncoding(m_credentials.clientSecret);
    url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);

    net::HttpRequest request;
    request.method = QByteArrayLiteral("GET");
    request.url = url;
    request.api = net::ErrorClassifier::Api::MarketoIdentity;
    request.retry = m_settings.retry;
    request.timeouts = m_settings.timeouts;
    request.countsTowardUsage = false; // identity calls do not count against the quota
    net::HttpJob::run(request, this, [this](const net::HttpResult &result) {
        m_fetching = false;
        ++m_fetches;
        if (!result.ok) {
            net::ApiError error = result.error;
            if (error.kind == net::ApiError::Kind::Fatal || error.kind == net::ApiError::Kind::AuthExpired)
                error.serverMessage = tr("Marketo refused the client id and secret (%1). Check the "
                                         "LaunchPoint service's credentials. %2")
                                              .arg(error.code, error.serverMessage);
            qCWarning(lcMarketo).noquote() << "token request failed:" << error.message();
            finishWaiters(error);
            return;
        }
        const QJsonObject o = result.json.object();
        m_token = o.value(QStringLiteral("access_token")).toString();
        const qint64 expiresIn = o.value(QStringLiteral("expires_in")).toInteger(0);
        m_expiry.setRemainingTime(std::max<qint64>(0, expiresIn) * 1000);
        ++m_generation;
        qCDebug(lcMarketo) << "token renewed, expires in" << expiresIn << "s";
        emit tokenRenewed();
        finishWaiters(net::ApiError());
    });
}

void MarketoAuth::finishWaiters(const net::ApiError &error)
{
    // A freshly fetched token is used even when it has less than the margin left (the identity
    // service hands out the same token until it expires); a 601/602 then renews it once more.
    const QList<Done> waiters = std::exchange(m_waiters, {});
    for (const Done &w : waiters)
        w(error);
}

} // namespace msi::marketo
