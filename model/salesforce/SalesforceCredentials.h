#pragma once

#include "net/HttpRequest.h"

#include <QDateTime>
#include <QString>
#include <QUrl>

#include <functional>

namespace msi::salesforce {

enum class AuthFlow {
    ClientCredentials, // client id + secret, My Domain login URL required; no refresh token
    RefreshToken,      // a refresh token saved from an earlier browser sign-in
    AuthorizationCode, // the system browser, PKCE (S256) and a loopback redirect
};

// What the caller passes in (from the keychain or the environment); never stored or logged here.
struct SalesforceCredentials final
{
    QUrl loginUrl = QUrl(QStringLiteral("https://login.salesforce.com")); // see LoginHost::parse
    QString clientId;
    QString clientSecret;   // optional for AuthorizationCode / RefreshToken
    QString refreshToken;   // RefreshToken flow
    AuthFlow flow = AuthFlow::ClientCredentials;
};

// A signed-in session. sessionChanged() hands a new one to the caller (e.g. to keep a rotated
// refresh token in the keychain).
struct SalesforceSession final
{
    QString accessToken;
    QString refreshToken;
    QUrl instanceUrl;   // every API call goes here
    QUrl identityUrl;   // https://login.salesforce.com/id/<OrgId>/<UserId>
    QDateTime issuedAt;

    bool isValid() const { return !accessToken.isEmpty() && instanceUrl.isValid(); }
    QString orgId() const;  // from the identity URL
    QString userId() const;
};

struct SalesforceSettings final
{
    QString apiVersion = QStringLiteral("v62.0");
    net::RetryPolicy retry;
    net::Timeouts timeouts{120'000, 600'000}; // REST calls may run up to 10 minutes
    int queryBatchSize = 2000;                 // Sforce-Query-Options batchSize (200..2000)
    int maxLockRetries = 3;                    // UNABLE_TO_LOCK_ROW: rounds of per-record retries
    qint64 lockRetryBaseMs = 2'000;
    quint16 redirectPort = 1717;               // loopback redirect http://127.0.0.1:PORT/ (0 = any)
    QString scope = QStringLiteral("api refresh_token");
    qint64 browserTimeoutMs = 300'000;         // the user has 5 minutes to approve
    // Opens the authorize URL (the GUI passes QDesktopServices::openUrl; tests drive the approve
    // page themselves).
    std::function<void(const QUrl &)> openBrowser;
};

} // namespace msi::salesforce
