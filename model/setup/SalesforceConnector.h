#pragma once

#include "salesforce/SalesforceCredentials.h"
#include "setup/SalesforceHostAdvice.h"
#include "store/StoreTypes.h"

#include <QObject>

#include <memory>

namespace msi::salesforce {
class SalesforceClient;
}

namespace msi::setup {

// What the admin entered on the Salesforce page.
struct SalesforceSignIn
{
    SalesforceHostKind hostKind = SalesforceHostKind::Production;
    QString myDomain;       // MyDomain: a name, an address or a Lightning address
    QString userName;       // optional; only used for the sandbox user name hint
    store::Environment environment = store::Environment::Production; // what the admin says
    salesforce::AuthFlow flow = salesforce::AuthFlow::AuthorizationCode;
    QString clientId;       // consumer key of the connected app / external client app
    QString clientSecret;   // client credentials (optional for the browser flow)
};

// What the API itself says about the connection.
struct SalesforceConnection
{
    QUrl loginUrl;
    QUrl instanceUrl;
    QString orgId;
    QString organizationName;
    QString userId;
    QString userName;
    bool isSandbox = false;       // SELECT IsSandbox FROM Organization
    QString environmentWarning;   // the API contradicts the admin's choice (C22 config C)
};

// Signs in to Salesforce (browser PKCE with a loopback redirect, or client credentials), then
// reads the org, the user and IsSandbox. The browser sign-in can be cancelled; when the browser
// never comes back, the message says so and what to do. Owns the client it signed in with.
class SalesforceConnector final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SalesforceConnector)
public:
    explicit SalesforceConnector(QObject *parent = nullptr);
    ~SalesforceConnector() override;

    // Port 1717 and a 5-minute browser timeout by default (the connected app must list
    // http://127.0.0.1:<port>/ as a callback URL).
    void setSettings(const salesforce::SalesforceSettings &settings) { m_settings = settings; }
    const salesforce::SalesforceSettings &settings() const { return m_settings; }

    void signIn(const SalesforceSignIn &request);
    void cancel();
    bool isBusy() const { return m_busy; }
    bool isConnected() const { return m_connected; }

    salesforce::SalesforceClient *client() const { return m_client.get(); }
    const SalesforceConnection &connection() const { return m_connection; }
    const SalesforceSignIn &request() const { return m_request; }
    // Credentials for later runs: a browser sign-in becomes the refresh-token flow.
    salesforce::SalesforceCredentials credentials() const;

    static QString contradiction(store::Environment chosen, bool isSandbox, const QUrl &host);

signals:
    void started(bool browser);
    void connected(const msi::setup::SalesforceConnection &connection);
    void failed(const QString &message);

private:
    void fail(const QString &message);
    void readIdentity();

    salesforce::SalesforceSettings m_settings;
    SalesforceSignIn m_request;
    salesforce::SalesforceCredentials m_credentials;
    std::unique_ptr<salesforce::SalesforceClient> m_client;
    SalesforceConnection m_connection;
    bool m_busy = false;
    bool m_connected = false;
    int m_attempt = 0;
};

} // namespace msi::setup
