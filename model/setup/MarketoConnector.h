#pragma once

#include "marketo/MarketoCredentials.h"
#include "setup/MarketoEndpoint.h"

#include <QObject>

#include <memory>

namespace msi::marketo {
class MarketoClient;
}

namespace msi::setup {

// Connects to Marketo with the endpoint (Munchkin ID or URL) and the API user's client ID and
// secret, and tests the connection by fetching a token and reading the lead schema.
class MarketoConnector final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MarketoConnector)
public:
    explicit MarketoConnector(QObject *parent = nullptr);
    ~MarketoConnector() override;

    void setSettings(const marketo::MarketoSettings &settings) { m_settings = settings; }

    void connectTo(const QString &endpoint, const QString &clientId, const QString &clientSecret);
    void cancel();
    bool isBusy() const { return m_busy; }
    bool isConnected() const { return m_connected; }

    marketo::MarketoClient *client() const { return m_client.get(); }
    const MarketoEndpoint &endpoint() const { return m_endpoint; }
    const marketo::MarketoCredentials &credentials() const { return m_credentials; }
    int leadFieldCount() const { return m_leadFields; }

signals:
    void connected(const QString &summary);
    void failed(const QString &message);

private:
    void fail(const QString &message);

    marketo::MarketoSettings m_settings;
    marketo::MarketoCredentials m_credentials;
    MarketoEndpoint m_endpoint;
    std::unique_ptr<marketo::MarketoClient> m_client;
    bool m_busy = false;
    bool m_connected = false;
    int m_attempt = 0;
    int m_leadFields = 0;
};

} // namespace msi::setup
