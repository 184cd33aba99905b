#include "net/HttpJob.h"

#include "net/Backoff.h"
#include "net/EndpointPolicy.h"
#include "net/JsonBody.h"
#include "net/Logging.h"
#include "net/NetworkAccess.h"
#include "net/RateLimiter.h"
#include "net/Redactor.h"
#include "net/UsageCounter.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace msi::net {

namespace {
bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

ApiError fatal(const QString &code, const QString &message, const QString &endpoint)
{
    ApiError e;
    e.kind = ApiError::Kind::Fatal;
    e.code = code;
    e.serverMessage = message;
    e.endpoint = endpoint;
    return e;
}
} // namespace

HttpJob::HttpJob(HttpRequest request, QObject *parent)
    : QObject(parent),
      m_request(std::move(request)),
      m_currentUrl(m_request.url),
      m_currentMethod(m_request.method),
      m_currentBody(m_request.body)
{
    m_waitTimer.setSingleShot(true);
    m_inactivityTimer.setSingleShot(true);
    m_deadlineTimer.setSingleShot(true);
    connect(&m_inactivityTimer, &QTimer::timeout, this, [this] { onTimeout(true); });
    connect(&m_deadlineTimer, &QTimer::timeout, this, [this] { onTimeout(false); });
}

HttpJob::~HttpJob()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    releaseSlot();
}

HttpJob *HttpJob::run(HttpRequest request, QObject *context, Callback done)
{
    auto *job = new HttpJob(std::move(request), context);
    connect(job, &HttpJob::finished, context, [done = std::move(done)](const HttpResult &r) {
        if (done)
            done(r);
    });
    job->start();
    return job;
}

QString HttpJob::endpoint() const
{
    return Redactor::endpoint(m_currentMethod, m_currentUrl);
}

void HttpJob::start()
{
    QString why;
    if (!EndpointPolicy::isAllowed(m_request.url, &why)) {
        // Report asynchronously so callers see the same order of events as for a real call.
        const ApiError error = fatal(QStringLiteral("insecure URL"), why, endpoint());
        QMetaObject::invokeMethod(this, [this, error] {
            HttpResult r;
            r.error = error;
            finish(r);
        }, Qt::QueuedConnection);
        return;
    }
    m_visited.insert(m_currentUrl);
    acquireAndSend();
}

void HttpJob::cancel()
{
    m_cancelled = true;
    m_waitTimer.stop();
    if (m_reply) {
        m_reply->abort(); // onReplyFinished reports the cancellation
        return;
    }
    HttpResult r;
    r.attempts = m_attempts;
    r.error = ErrorClassifier::classifyNetwork(QNetworkReply::OperationCanceledError,
                                               tr("cancelled"), false, endpoint());
    r.error.code = QStringLiteral("cancelled");
    finish(r);
}

int HttpJob::cancelWaiting(QObject *owner)
{
    int cancelled = 0;
    const QList<HttpJob *> jobs = owner->findChildren<HttpJob *>(Qt::FindDirectChildrenOnly);
    for (const QPointer<HttpJob> job : jobs) {
        if (job && !job->m_finished && !job->onTheWire()) {
            job->cancel();
            ++cancelled;
        }
    }
    return cancelled;
}

void HttpJob::acquireAndSend()
{
    if (m_finished || m_cancelled)
        return;
    if (m_request.limiter) {
        const qint64 wait = m_request.limiter->tryAcquire();
        if (wait > 0) {
            m_waitTimer.disconnect(this);
            connect(&m_waitTimer, &QTimer::timeout, this, &HttpJob::acquireAndSend);
            m_waitTimer.start(int(std::min<qint64>(wait, std::numeric_limits<int>::max())));
            return;
        }
        m_holdsSlot = true;
    }
    if (!m_request.prepare) {
        send();
        return;
    }
    QPointer<HttpJob> self(this);
    m_request.prepare([self](const ApiError &error) {
        if (!self || self->m_finished)
            return;
        if (error.isError()) {
            HttpResult r;
            r.error = error;
            self->finish(r);
            return;
        }
        self->send();
    });
}

void HttpJob::send()
{
    QNetworkRequest req(m_currentUrl);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const auto &h : m_request.headers)
        req.setRawHeader(h.first, h.second);
    // Credentials go only to the origin the request was made for, never to a redirect target
    // on another host or port.
    if (m_request.authorize && m_currentUrl.scheme() == m_request.url.scheme()
        && m_currentUrl.host() == m_request.url.host() && m_currentUrl.port() == m_request.url.port())
        m_request.authorize(req);

    ++m_attempts;
    m_timedOut = false;
    qCDebug(lcNet).noquote() << "->" << QString::fromLatin1(m_currentMethod)
                             << Redactor::url(m_currentUrl) << "attempt" << m_attempts;

    QNetworkAccessManager *nam = NetworkAccess::manager();
    if (m_currentMethod == "GET")
        m_reply = nam->get(req);
    else
        m_reply = nam->sendCustomRequest(req, m_currentMethod, m_currentBody);

    auto activity = [this] { m_inactivityTimer.start(); };
    connect(m_reply, &QNetworkReply::downloadProgress, this, activity);
    connect(m_reply, &QNetworkReply::uploadProgress, this, activity);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, activity);
    connect(m_reply, &QNetworkReply::finished, this, &HttpJob::onReplyFinished);
    m_inactivityTimer.setInterval(int(m_request.timeouts.inactivityMs));
    m_deadlineTimer.setInterval(int(m_request.timeouts.totalMs));
    m_inactivityTimer.start();
    m_deadlineTimer.start();
}

void HttpJob::onTimeout(bool inactivity)
{
    if (!m_reply)
        return;
    qCInfo(lcNet).noquote() << endpoint() << (inactivity ? "inactive for" : "took longer than")
                            << (inactivity ? m_request.timeouts.inactivityMs
                                           : m_request.timeouts.totalMs)
                            << "ms; aborting";
    m_timedOut = true;
    m_reply->abort();
}

void HttpJob::releaseSlot()
{
    if (m_holdsSlot && m_request.limiter)
        m_request.limiter->release();
    m_holdsSlot = false;
}

void HttpJob::onReplyFinished()
{
    m_inactivityTimer.stop();
    m_deadlineTimer.stop();
    releaseSlot();
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->deleteLater();

    HttpResult result;
    result.attempts = m_attempts;
    result.rateLimitWaits = m_rateLimitWaits;
    result.concurrencyWaits = m_concurrencyWaits;
    result.reauthenticated = m_reauthenticated;
    result.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.headers = reply->rawHeaderPairs();
    if (reply->isOpen())
        result.body = reply->readAll();

    if (m_cancelled) {
        result.error = ErrorClassifier::classifyNetwork(QNetworkReply::OperationCanceledError,
                                                        tr("cancelled"), false, endpoint());
        result.error.code = QStringLiteral("cancelled");
        finish(result);
        return;
    }

    if (result.httpStatus == 0 || m_timedOut
        || (reply->error() != QNetworkReply::NoError && result.httpStatus == 0)) {
        result.error = ErrorClassifier::classifyNetwork(reply->error(),
                                                        Redactor::text(reply->errorString()),
                                                        m_timedOut, endpoint(), m_currentUrl.host());
        handleError(result);
        return;
    }
    // A reply cut off in the middle of the body: the status line arrived, the rest did not.
    if (reply->error() == QNetworkReply::RemoteHostClosedError
        || reply->error() == QNetworkReply::UnknownNetworkError) {
        result.error = ErrorClassifier::classifyNetwork(reply->error(),
                                                        Redactor::text(reply->errorString()),
                                                        false, endpoint());
        handleError(result);
        return;
    }

    if (isRedirect(result.httpStatus)) {
        const QUrl target = m_currentUrl.resolved(
                QUrl::fromEncoded(reply->rawHeader(QByteArrayLiteral("Location"))));
        QString why;
        if (++m_redirects > m_request.maxRedirects) {
            result.error = fatal(QStringLiteral("too many redirects"),
                                 tr("more than %1 redirects").arg(m_request.maxRedirects),
                                 endpoint());
        } else if (m_visited.contains(target)) {
            result.error = fatal(QStringLiteral("redirect loop"),
                                 tr("redirected back to %1").arg(Redactor::url(target)), endpoint());
        } else if (!EndpointPolicy::isAllowedRedirect(m_currentUrl, target, &why)) {
            result.error = fatal(QStringLiteral("insecure redirect"), why, endpoint());
        }
        if (result.error.isError()) {
            finish(result);
            return;
        }
        qCDebug(lcNet).noquote() << endpoint() << "redirected to" << Redactor::url(target);
        m_visited.insert(target);
        m_currentUrl = target;
        if (result.httpStatus == 303) {
            m_currentMethod = QByteArrayLiteral("GET");
            m_currentBody.clear();
        }
        acquireAndSend();
        return;
    }

    const JsonBody parsed = JsonBody::parse(result.body);
    result.json = parsed.document;
    result.error = ErrorClassifier::classify(m_request.api, result.httpStatus, parsed.document,
                                             parsed.ok, endpoint());
    if (result.error.kind == ApiError::Kind::BadResponse && !parsed.parseError.isEmpty())
        result.error.serverMessage = parsed.parseError;

    if (m_request.usage && m_request.countsTowardUsage
        && (m_request.api != ErrorClassifier::Api::Marketo
            || ErrorClassifier::countsTowardMarketoQuota(result.error)))
        m_request.usage->record();

    if (!result.error.isError()) {
        result.ok = true;
        finish(result);
        return;
    }
    handleError(result);
}

void HttpJob::handleError(HttpResult result)
{
    const ApiError &error = result.error;
    switch (error.kind) {
    case ApiError::Kind::AuthExpired:
        if (m_request.reauthenticate && !m_reauthenticated) {
            m_reauthenticated = true;
            qCInfo(lcNet).noquote() << endpoint() << "token refused (" << error.code
                                    << "); refreshing once and replaying";
            QPointer<HttpJob> self(this);
            m_request.reauthenticate([self, result](const ApiError &refreshError) mutable {
                if (!self || self->m_finished)
                    return;
                if (refreshError.isError()) {
                    result.error = refreshError;
                    self->finish(result);
                    return;
                }
                self->acquireAndSend();
            });
            return;
        }
        finish(result);
        return;

    case ApiError::Kind::RateLimited:
        if (m_rateLimitWaits < m_request.retry.maxRateLimitWaits) {
            ++m_rateLimitWaits;
            qint64 wait = m_request.retry.rateLimitWaitMs > 0 ? m_request.retry.rateLimitWaitMs
                                                               : error.retryAfterMs;
            if (wait <= 0)
                wait = Backoff::delayMs(m_rateLimitWaits, m_request.retry.baseDelayMs,
                                        m_request.retry.maxDelayMs);
            if (m_request.limiter)
                m_request.limiter->holdOff(wait);
            waitThen(wait, "rate limit", error);
            return;
        }
        finish(result);
        return;

    case ApiError::Kind::Transient:
    case ApiError::Kind::ConcurrencyLimited:
    case ApiError::Kind::Network:
        if (error.isRetryable() && m_retryAttempts < m_request.retry.maxAttempts) {
            if (error.kind == ApiError::Kind::ConcurrencyLimited)
                ++m_concurrencyWaits;
            const qint64 wait = Backoff::delayMs(m_retryAttempts, m_request.retry.baseDelayMs,
                                                 m_request.retry.maxDelayMs);
            ++m_retryAttempts;
            waitThen(wait, "transient failure", error);
            return;
        }
        finish(result);
        return;

    default:
        finish(result);
        return;
    }
}

void HttpJob::waitThen(qint64 ms, const char *why, const ApiError &error)
{
    qCInfo(lcNet).noquote() << endpoint() << QString::fromLatin1(why) << error.code
                            << "- retrying in" << ms << "ms";
    m_waitTimer.disconnect(this);
    connect(&m_waitTimer, &QTimer::timeout, this, &HttpJob::acquireAndSend);
    m_waitTimer.start(int(ms));
}

void HttpJob::finish(HttpResult result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_waitTimer.stop();
    releaseSlot();
    result.attempts = m_attempts;
    result.rateLimitWaits = m_rateLimitWaits;
    result.concurrencyWaits = m_concurrencyWaits;
    result.reauthenticated = m_reauthenticated;
    if (result.error.isError())
        qCInfo(lcNet).noquote() << endpoint() << "failed:" << ApiError::kindName(result.error.kind)
                                << result.error.code;
    emit finished(result);
    deleteLater();
}

} // namespace msi::net
