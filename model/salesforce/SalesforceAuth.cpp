#include "salesforce/SalesforceAuth.h"

#include "net/EndpointPolicy.h"
#include "net/HttpJob.h"
#include "net/NetworkAccess.h"
#include "net/Redactor.h"
#include "salesforce/LoginHost.h"
#include "salesforce/Logging.h"
#include "salesforce/Pkce.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QOAuth2AuthorizationCodeFlow>
#include <QOAuthHttpServerReplyHandler>
#include <QTimer>

namespace msi::salesforce {

using net::ApiError;

namespace {
QString pathPart(const QUrl &identity, int fromEnd)
{
    const QStringList parts = identity.path().split(u'/', Qt::SkipEmptyParts);
    return parts.size() >= 3 ? parts.at(parts.size() - fromEnd) : QString();
}

ApiError authError(const QString &code, const QString &message, const QString &endpoint)
{
    ApiError e;
    e.kind = ApiError::Kind::Fatal;
    e.code = code;
    e.serverMessage = message;
    e.endpoint = endpoint;
    return e;
}
} // namespace

QString SalesforceSession::orgId() const { return pathPart(identityUrl, 2); }
QString SalesforceSession::userId() const { return pathPart(identityUrl, 1); }

SalesforceAuth::SalesforceAuth(const SalesforceCredentials &credentials,
                               const SalesforceSettings &settings, QObject *parent)
    : QObject(parent), m_credentials(credentials), m_settings(settings)
{
}

void SalesforceAuth::setSession(const SalesforceSession &session)
{
    m_session = session;
    ++m_generation;
}

int SalesforceAuth::authorize(QNetworkRequest &request) const
{
    request.setRawHeader(QByteArrayLiteral("Authorization"),
                         "Bearer " + m_session.accessToken.toUtf8());
    return m_generation;
}

void SalesforceAuth::signIn(Done done)
{
    m_waiters << std::move(done);
    if (m_renewing)
        return;
    m_renewing = true;
    const auto finish = [this](const ApiError &e) { finishWaiters(e); };
    switch (m_credentials.flow) {
    case AuthFlow::ClientCredentials:
        tokenRequest({{"grant_type", QStringLiteral("client_credentials")},
                      {"client_id", m_credentials.clientId},
                      {"client_secret", m_credentials.clientSecret}}, finish);
        return;
    case AuthFlow::RefreshToken: {
        QList<QPair<QByteArray, QString>> form = {{"grant_type", QStringLiteral("refresh_token")},
                                                  {"refresh_token", m_credentials.refreshToken},
                                                  {"client_id", m_credentials.clientId}};
        if (!m_credentials.clientSecret.isEmpty())
            form.append({"client_secret", m_credentials.clientSecret});
        tokenRequest(form, finish);
        return;
    }
    case AuthFlow::AuthorizationCode:
        browserSignIn(finish);
        return;
    }
}

void SalesforceAuth::renewAfterRefusal(int usedGeneration, Done done)
{
    if (usedGeneration < m_generation) { // another request already renewed the token
        done(ApiError());
        return;
    }
    const QString refresh = !m_session.refreshToken.isEmpty() ? m_session.refreshToken
                                                              : m_credentials.refreshToken;
    if (!refresh.isEmpty()) {
        m_waiters << std::move(done);
        if (m_renewing)
            return;
        m_renewing = true;
        QList<QPair<QByteArray, QString>> form = {{"grant_type", QStringLiteral("refresh_token")},
                                                  {"refresh_token", refresh},
                                                  {"client_id", m_credentials.clientId}};
        if (!m_credentials.clientSecret.isEmpty())
            form.append({"client_secret", m_credentials.clientSecret});
        tokenRequest(form, [this](const ApiError &e) { finishWaiters(e); });
        return;
    }
    if (m_credentials.flow == AuthFlow::ClientCredentials) {
        signIn(std::move(done));
        return;
    }
    done(authError(QStringLiteral("INVALID_SESSION_ID"),
                   tr("the Salesforce session expired and there is no refresh token; sign in "
                      "again"),
                   QString()));
}

void SalesforceAuth::tokenRequest(const QList<QPair<QByteArray, QString>> &form, Done done)
{
    QByteArray body;
    for (const auto &field : form) {
        if (!body.isEmpty())
            body += '&';
        body += field.first + '=' + QUrl::toPercentEncoding(field.second);
    }
    net::HttpRequest request;
    request.method = QByteArrayLiteral("POST");
    request.url = m_credentials.loginUrl;
    request.url.setPath(QStringLiteral("/services/oauth2/token"));
    request.headers << qMakePair(QByteArrayLiteral("Content-Type"),
                                 QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.headers << qMakePair(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    request.body = body;
    request.api = net::ErrorClassifier::Api::SalesforceOAuth;
    request.retry = m_settings.retry;
    request.timeouts = m_settings.timeouts;
    request.countsTowardUsage = false;
    net::HttpJob::run(request, this, [this, done = std::move(done)](const net::HttpResult &result) {
        if (!result.ok) {
            ApiError e = result.error;
            if (e.code == u"invalid_grant")
                e.serverMessage = tr("Salesforce refused the saved sign-in (%1); sign in again.")
                                          .arg(e.serverMessage);
            qCWarning(lcSalesforce).noquote() << "token request failed:" << e.message();
            done(e);
            return;
        }
        const QJsonObject o = result.json.object();
        SalesforceSession s;
        s.accessToken = o.value(QStringLiteral("access_token")).toString();
        s.refreshToken = o.value(QStringLiteral("refresh_token")).toString();
        if (s.refreshToken.isEmpty()) // no rotation: keep the one we have
            s.refreshToken = !m_session.refreshToken.isEmpty() ? m_session.refreshToken
                                                               : m_credentials.refreshToken;
        s.instanceUrl = QUrl(o.value(QStringLiteral("instance_url")).toString());
        s.identityUrl = QUrl(o.value(QStringLiteral("id")).toString());
        s.issuedAt = QDateTime::fromMSecsSinceEpoch(
                o.value(QStringLiteral("issued_at")).toString().toLongLong(), Qt::UTC);
        done(acceptSession(s, result.error.endpoint.isEmpty()
                                      ? net::Redactor::endpoint("POST", m_credentials.loginUrl)
                                      : result.error.endpoint));
    });
}

ApiError SalesforceAuth::acceptSession(SalesforceSession session, const QString &endpoint)
{
    QString why;
    if (!net::EndpointPolicy::isAllowed(session.instanceUrl, &why))
        return authError(QStringLiteral("instance_url"),
                         tr("Salesforce returned an instance URL that cannot be used: %1").arg(why),
                         endpoint);
    const LoginHost::Parsed parsed = LoginHost::parse(session.instanceUrl.toString());
    if (!parsed.hint.isEmpty()) {
        qCInfo(lcSalesforce).noquote() << parsed.hint;
        session.instanceUrl = parsed.url;
    }
    m_session = session;
    ++m_generation;
    qCInfo(lcSalesforce).noquote() << "signed in; API on" << m_session.instanceUrl.toString()
                                   << "org" << m_session.orgId();
    emit sessionChanged(m_session);
    return ApiError();
}

void SalesforceAuth::browserSignIn(Done done)
{
    if (!m_settings.openBrowser) {
        done(authError(QStringLiteral("no browser"),
                       tr("browser sign-in needs a way to open the browser"), QString()));
        return;
    }
    auto *flow = new QOAuth2AuthorizationCodeFlow(net::NetworkAccess::manager(), this);
    QUrl authorize = m_credentials.loginUrl;
    authorize.setPath(QStringLiteral("/services/oauth2/authorize"));
    QUrl token = m_credentials.loginUrl;
    token.setPath(QStringLiteral("/services/oauth2/token"));
    flow->setAuthorizationUrl(authorize);
    flow->setAccessTokenUrl(token);
    flow->setClientIdentifier(m_credentials.clientId);
    if (!m_credentials.clientSecret.isEmpty())
        flow->setClientIdentifierSharedKey(m_credentials.clientSecret);
    flow->setScope(m_settings.scope);

    auto *handler = new QOAuthHttpServerReplyHandler(QHostAddress::LocalHost,
                                                     m_settings.redirectPort, flow);
    if (!handler->isListening()) {
        flow->deleteLater();
        done(authError(QStringLiteral("redirect port"),
                       tr("cannot listen on 127.0.0.1:%1 for the sign-in redirect; another program "
                          "uses the port").arg(m_settings.redirectPort),
                       net::Redactor::endpoint("GET", authorize)));
        return;
    }
    handler->setCallbackText(tr("MSI Bridge is signed in to Salesforce. You can close this page."));
    flow->setReplyHandler(handler);

    const QByteArray verifier = Pkce::makeVerifier();
    const QByteArray challenge = Pkce::challenge(verifier);
    flow->setModifyParametersFunction(
            [verifier, challenge](QAbstractOAuth::Stage stage, QMultiMap<QString, QVariant> *p) {
                if (stage == QAbstractOAuth::Stage::RequestingAuthorization) {
                    p->insert(QStringLiteral("code_challenge"), QString::fromLatin1(challenge));
                    p->insert(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
                } else if (stage == QAbstractOAuth::Stage::RequestingAccessToken) {
                    p->insert(QStringLiteral("code_verifier"), QString::fromLatin1(verifier));
                }
            });

    auto shared = std::make_shared<Done>(std::move(done));
    auto finishOnce = [flow, shared](const ApiError &e) {
        if (!*shared)
            return;
        const Done d = std::exchange(*shared, Done());
        flow->disconnect();
        flow->deleteLater();
        d(e);
    };
    const QString endpoint = net::Redactor::endpoint("GET", authorize);
    auto *timer = new QTimer(flow);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, flow, [finishOnce, endpoint] {
        finishOnce(authError(QStringLiteral("timeout"),
                             tr("no answer from the browser sign-in in time"), endpoint));
    });
    timer->start(int(m_settings.browserTimeoutMs));

    connect(flow, &QAbstractOAuth::authorizeWithBrowser, flow,
            [open = m_settings.openBrowser](const QUrl &url) { open(url); });
    connect(flow, &QAbstractOAuth2::error, flow,
            [finishOnce, endpoint](const QString &error, const QString &description, const QUrl &) {
                finishOnce(authError(error, description, endpoint));
            });
    connect(flow, &QAbstractOAuth::requestFailed, flow, [finishOnce, endpoint](QAbstractOAuth::Error) {
        finishOnce(authError(QStringLiteral("token request failed"),
                             tr("the sign-in could not be completed"), endpoint));
    });
    connect(flow, &QAbstractOAuth::granted, flow, [this, flow, finishOnce, endpoint] {
        const QVariantMap extra = flow->extraTokens();
        SalesforceSession s;
        s.accessToken = flow->token();
        s.refreshToken = flow->refreshToken();
        s.instanceUrl = QUrl(extra.value(QStringLiteral("instance_url")).toString());
        s.identityUrl = QUrl(extra.value(QStringLiteral("id")).toString());
        s.issuedAt = QDateTime::fromMSecsSinceEpoch(
                extra.value(QStringLiteral("issued_at")).toString().toLongLong(), Qt::UTC);
        finishOnce(acceptSession(s, endpoint));
    });
    flow->grant();
}

void SalesforceAuth::finishWaiters(const ApiError &error)
{
    m_renewing = false;
    const QList<Done> waiters = std::exchange(m_waiters, {});
    for (const Done &w : waiters)
        w(error);
}

} // namespace msi::salesforce
