#include "setup/SalesforceConnector.h"

#include "salesforce/SalesforceClient.h"
#include "setup/Logging.h"

namespace msi::setup {

SalesforceConnector::SalesforceConnector(QObject *parent) : QObject(parent) {}

SalesforceConnector::~SalesforceConnector() = default;

QString SalesforceConnector::contradiction(store::Environment chosen, bool isSandbox,
                                           const QUrl &host)
{
    if (chosen == store::Environment::Sandbox && !isSandbox)
        return tr("You chose a sandbox, but Salesforce reports that this org (%1) is a "
                  "PRODUCTION org (IsSandbox = false). A test run here would change production "
                  "data. Check the login host, or change the environment to Production if this "
                  "is intended.").arg(host.host());
    if (chosen == store::Environment::Production && isSandbox)
        return tr("You chose production, but Salesforce reports that this org (%1) is a "
                  "sandbox (IsSandbox = true). Change the environment to Sandbox so the "
                  "workspace is labelled correctly.").arg(host.host());
    return {};
}

salesforce::SalesforceCredentials SalesforceConnector::credentials() const
{
    salesforce::SalesforceCredentials c = m_credentials;
    if (c.flow == salesforce::AuthFlow::AuthorizationCode && m_client) {
        c.flow = salesforce::AuthFlow::RefreshToken;
        c.refreshToken = m_client->session().refreshToken;
    }
    return c;
}

void SalesforceConnector::signIn(const SalesforceSignIn &request)
{
    cancel();
    m_request = request;
    m_connection = SalesforceConnection();
    const SalesforceHostAdvice host =
            SalesforceHostAdvice::advise(request.hostKind, request.myDomain, request.userName);
    if (!host.isValid()) {
        fail(host.error);
        return;
    }
    if (request.clientId.trimmed().isEmpty()) {
        fail(tr("Enter the consumer key (client ID) of the connected app or external client app."));
        return;
    }
    if (request.flow == salesforce::AuthFlow::ClientCredentials) {
        if (request.clientSecret.isEmpty()) {
            fail(tr("Client credentials need the consumer secret as well."));
            return;
        }
        if (host.loginUrl.host() == u"login.salesforce.com"
            || host.loginUrl.host() == u"test.salesforce.com") {
            fail(tr("The client credentials flow works only on your My Domain host "
                    "(https://<mydomain>.my.salesforce.com), not on %1. Choose \"My Domain\" and "
                    "enter it.").arg(host.loginUrl.host()));
            return;
        }
    }
    m_credentials = salesforce::SalesforceCredentials();
    m_credentials.loginUrl = host.loginUrl;
    m_credentials.clientId = request.clientId.trimmed();
    m_credentials.clientSecret = request.clientSecret;
    m_credentials.flow = request.flow;
    m_client = std::make_unique<salesforce::SalesforceClient>(m_credentials, m_settings);
    m_busy = true;
    const int attempt = ++m_attempt;
    const bool browser = request.flow == salesforce::AuthFlow::AuthorizationCode;
    emit started(browser);
    qCInfo(lcSetup).noquote() << "signing in to Salesforce at" << host.loginUrl.host()
                              << (browser ? "with the browser" : "with client credentials");
    m_client->signIn([this, attempt, browser](const net::ApiError &e) {
        if (attempt != m_attempt)
            return;
        if (!e.isError()) {
            readIdentity();
            return;
        }
        if (browser && e.code == u"timeout") {
            fail(tr("The browser did not come back within %1 minutes, so the sign-in was "
                    "stopped. Finish signing in in the browser window that opened (check that "
                    "the connected app lists http://127.0.0.1:%2/ as a callback URL) and press "
                    "Sign in again.")
                         .arg(qMax<qint64>(1, m_settings.browserTimeoutMs / 60000))
                         .arg(m_settings.redirectPort));
        } else if (browser && e.code == u"redirect port") {
            fail(e.serverMessage);
        } else {
            fail(tr("Salesforce sign-in failed: %1").arg(e.message()));
        }
    });
}

void SalesforceConnector::readIdentity()
{
    const int attempt = m_attempt;
    m_client->identity([this, attempt](const salesforce::IdentityResult &id) {
        if (attempt != m_attempt)
            return;
        if (id.error.isError()) {
            fail(tr("Signed in, but the org and user could not be read: %1")
                         .arg(id.error.message()));
            return;
        }
        m_connection.loginUrl = m_credentials.loginUrl;
        m_connection.instanceUrl = m_client->session().instanceUrl;
        m_connection.orgId = id.orgId;
        m_connection.organizationName = id.organizationName;
        m_connection.userId = id.userId;
        m_connection.userName = id.username;
        m_connection.isSandbox = id.isSandbox;
        m_connection.environmentWarning =
                contradiction(m_request.environment, id.isSandbox, m_connection.instanceUrl);
        m_busy = false;
        m_connected = true;
        qCInfo(lcSetup).noquote() << "Salesforce org" << id.orgId
                                  << (id.isSandbox ? "(sandbox)" : "(production)");
        emit connected(m_connection);
    });
}

void SalesforceConnector::cancel()
{
    ++m_attempt;
    const bool wasBusy = m_busy;
    m_busy = false;
    m_connected = false;
    if (m_client) {
        // Deleting the client ends its browser flow and closes the loopback listener.
        m_client->disconnect();
        m_client.release()->deleteLater();
    }
    if (wasBusy)
        emit failed(tr("Sign-in cancelled."));
}

void SalesforceConnector::fail(const QString &message)
{
    m_busy = false;
    m_connected = false;
    qCWarning(lcSetup).noquote() << "Salesforce connection failed:" << message;
    emit failed(message);
}

} // namespace msi::setup
