#include "setup/MarketoConnector.h"

#include "marketo/MarketoClient.h"
#include "setup/Logging.h"

namespace msi::setup {

MarketoConnector::MarketoConnector(QObject *parent) : QObject(parent) {}

MarketoConnector::~MarketoConnector() = default;

void MarketoConnector::connectTo(const QString &endpoint, const QString &clientId,
                                 const QString &clientSecret)
{
    cancel();
    m_endpoint = MarketoEndpoint::parse(endpoint);
    if (!m_endpoint.isValid()) {
        fail(m_endpoint.error);
        return;
    }
    if (clientId.trimmed().isEmpty() || clientSecret.isEmpty()) {
        fail(tr("Enter the client ID and client secret of the API-only user's LaunchPoint "
                "service (Marketo Admin > Integration > LaunchPoint > View Details)."));
        return;
    }
    m_credentials.baseUrl = m_endpoint.baseUrl;
    m_credentials.clientId = clientId.trimmed();
    m_credentials.clientSecret = clientSecret;
    m_client = std::make_unique<marketo::MarketoClient>(m_credentials, m_settings);
    m_busy = true;
    const int attempt = ++m_attempt;
    qCInfo(lcSetup).noquote() << "testing the Marketo connection to" << m_endpoint.baseUrl.host();
    m_client->authenticate([this, attempt](const net::ApiError &e) {
        if (attempt != m_attempt)
            return;
        if (e.isError()) {
            fail(tr("Marketo refused the connection: %1 Check the client ID and secret and that "
                    "%2 is your instance's REST endpoint.")
                         .arg(e.message(), m_endpoint.restUrl.toString()));
            return;
        }
        m_client->describeLeads([this, attempt](const marketo::LeadSchemaReport &r) {
            if (attempt != m_attempt)
                return;
            if (r.error.isError()) {
                fail(tr("Signed in to Marketo, but the lead schema could not be read: %1")
                             .arg(r.error.message()));
                return;
            }
            m_busy = false;
            m_connected = true;
            m_leadFields = int(r.schema.fieldNames().size());
            emit connected(tr("Connected to %1 (identity %2); the lead schema has %3 fields.")
                                   .arg(m_endpoint.restUrl.toString(),
                                        m_endpoint.identityUrl.toString())
                                   .arg(m_leadFields));
        });
    });
}

void MarketoConnector::cancel()
{
    ++m_attempt;
    m_busy = false;
    m_connected = false;
    if (m_client) {
        m_client->disconnect();
        m_client.release()->deleteLater();
    }
}

void MarketoConnector::fail(const QString &message)
{
    m_busy = false;
    m_connected = false;
    qCWarning(lcSetup).noquote() << "Marketo connection failed:" << message;
    emit failed(message);
}

} // namespace msi::setup
