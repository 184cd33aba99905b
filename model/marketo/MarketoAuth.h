#pragma once

#include "marketo/MarketoCredentials.h"
#include "net/ApiError.h"

#include <QDeadlineTimer>
#include <QObject>

#include <functional>
#include <memory>

class QNetworkRequest;

namespace msi::marketo {

// The access token of one Marketo client: fetched from /identity/oauth/token with the client
// credentials, sent only as "Authorization: Bearer", renewed when less than the margin is left,
// and renewed once after 601/602 (renewAfterRefusal). Concurrent callers share one token request.
class MarketoAuth final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MarketoAuth)
public:
    using Done = std::function<void(const net::ApiError &)>;

    MarketoAuth(const MarketoCredentials &credentials, const MarketoSettings &settings,
                QObject *parent = nullptr);

    static QUrl normalizedBase(const QUrl &baseUrl);
    QUrl restUrl(const QString &path) const; // base + /rest + path

    // Calls done once a usable token is there (fetching one if needed).
    void ensureToken(Done done);
    // After a 601/602 from a request sent with token generation `usedGeneration`: fetch a new
    // token unless another request already did.
    void renewAfterRefusal(int usedGeneration, Done done);
    // Sets the Bearer header; returns the token generation used.
    int authorize(QNetworkRequest &request) const;
    bool hasToken() const { return !m_token.isEmpty(); }
    int generation() const { return m_generation; }
    int tokensFetched() const { return m_fetches; }

signals:
    void tokenRenewed();

private:
    void fetch();
    void finishWaiters(const net::ApiError &error);

    MarketoCredentials m_credentials;
    MarketoSettings m_settings;
    QString m_token;
    QDeadlineTimer m_expiry;
    int m_generation = 0;
    int m_fetches = 0;
    bool m_fetching = false;
    QList<Done> m_waiters;
};

} // namespace msi::marketo
