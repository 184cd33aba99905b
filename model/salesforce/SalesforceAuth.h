#pragma once

#include "net/ApiError.h"
#include "salesforce/SalesforceCredentials.h"

#include <QObject>

class QNetworkRequest;

namespace msi::salesforce {

// Gets and renews Salesforce access tokens: client credentials, refresh token, or the
// authorization-code flow with PKCE through the system browser and a loopback redirect
// (Qt NetworkAuth; PKCE parameters added with setModifyParametersFunction since Qt 6.4 has no
// built-in PKCE). One refresh serves every request that got INVALID_SESSION_ID at once.
class SalesforceAuth final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SalesforceAuth)
public:
    using Done = std::function<void(const net::ApiError &)>;

    SalesforceAuth(const SalesforceCredentials &credentials, const SalesforceSettings &settings,
                   QObject *parent = nullptr);

    void signIn(Done done);
    void setSession(const SalesforceSession &session);
    const SalesforceSession &session() const { return m_session; }
    const SalesforceCredentials &credentials() const { return m_credentials; }

    int authorize(QNetworkRequest &request) const; // returns the token generation used
    void renewAfterRefusal(int usedGeneration, Done done);

signals:
    void sessionChanged(const msi::salesforce::SalesforceSession &session);

private:
    void tokenRequest(const QList<QPair<QByteArray, QString>> &form, Done done);
    void browserSignIn(Done done);
    void finishWaiters(const net::ApiError &error);
    net::ApiError acceptSession(SalesforceSession session, const QString &endpoint);

    SalesforceCredentials m_credentials;
    SalesforceSettings m_settings;
    SalesforceSession m_session;
    int m_generation = 0;
    bool m_renewing = false;
    QList<Done> m_waiters;
};

} // namespace msi::salesforce
