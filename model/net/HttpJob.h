#pragma once

#include "net/HttpRequest.h"
#include "net/HttpResult.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

class QNetworkReply;

namespace msi::net {

// One HTTP call as a QObject job (style rule 3): URL policy (https or loopback), rate limiter
// slot, inactivity and total timeouts, manual redirects with loop and https->http downgrade
// protection, classification (ErrorClassifier), one token refresh and replay on AuthExpired,
// retries with jittered back-off for transient failures, 606 waits. Emits finished() exactly once
// and deletes itself afterwards. Lives on the thread that creates it and uses that thread's
// QNetworkAccessManager.
class HttpJob : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpJob)
public:
    using Callback = std::function<void(const HttpResult &)>;

    explicit HttpJob(HttpRequest request, QObject *parent = nullptr);
    ~HttpJob() override;

    // Creates a job owned by context, calls done (in context's thread) and starts it.
    static HttpJob *run(HttpRequest request, QObject *context, Callback done);

    void start();
    // Stops the call; finished() reports a Network error "cancelled".
    void cancel();
    // True while a request is on the wire (its answer may change the server's state); false
    // while the job waits: for the rate limiter, a back-off, a 606 window, a token.
    bool onTheWire() const { return !m_reply.isNull(); }
    // Cancels every job of `owner` (its direct children) that is not on the wire; the number.
    static int cancelWaiting(QObject *owner);

    const HttpRequest &request() const { return m_request; }
    QString endpoint() const;

signals:
    void finished(const msi::net::HttpResult &result);

private:
    void acquireAndSend();
    void send();
    void onReplyFinished();
    void onTimeout(bool inactivity);
    void handleError(HttpResult result);
    void waitThen(qint64 ms, const char *why, const ApiError &error);
    void finish(HttpResult result);
    void releaseSlot();

    HttpRequest m_request;
    QUrl m_currentUrl;
    QByteArray m_currentMethod;
    QByteArray m_currentBody;
    QPointer<QNetworkReply> m_reply;
    QTimer m_waitTimer;
    QTimer m_inactivityTimer;
    QTimer m_deadlineTimer;
    QSet<QUrl> m_visited;
    int m_redirects = 0;
    int m_attempts = 0;         // requests sent
    int m_retryAttempts = 1;    // attempts counted against RetryPolicy::maxAttempts
    int m_rateLimitWaits = 0;
    int m_concurrencyWaits = 0;
    bool m_reauthenticated = false;
    bool m_holdsSlot = false;
    bool m_timedOut = false;
    bool m_cancelled = false;
    bool m_finished = false;
};

} // namespace msi::net
