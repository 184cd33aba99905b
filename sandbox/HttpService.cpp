#include "sandbox/HttpService.h"

#include "sandbox/SandboxLogging.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QTimer>
#include <QUrl>

namespace msi::sandbox {

HttpService::HttpService(QObject *parent) : QObject(parent), m_server(new QHttpServer(this))
{
    m_server->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        dispatch(HttpRequest::fromServerRequest(request), std::move(responder));
    });
}

HttpService::~HttpService() = default;

bool HttpService::listen(quint16 port, QString *error)
{
    m_port = m_server->listen(QHostAddress::LocalHost, port);
    if (m_port == 0) {
        if (error)
            *error = QStringLiteral("cannot listen on 127.0.0.1:%1 (port in use?)").arg(port);
        return false;
    }
    return true;
}

QUrl HttpService::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

void HttpService::dispatch(const HttpRequest &request, QHttpServerResponder &&responder)
{
    auto exchange = std::make_shared<HttpExchange>(std::move(responder));
    Outcome outcome;
    if (request.path.startsWith(u"/sandbox/admin/") && m_admin)
        outcome.reply = m_admin(request);
    else
        outcome = handle(request);
    qCDebug(lcSandbox) << request.method << request.path << "->" << outcome.reply.status
                       << (outcome.delayMs > 0 ? QStringLiteral("after %1 ms").arg(outcome.delayMs) : QString());
    if (outcome.delayMs <= 0) {
        exchange->send(outcome.reply);
        if (outcome.onSent)
            outcome.onSent();
        return;
    }
    QTimer::singleShot(outcome.delayMs, this, [exchange, reply = outcome.reply, onSent = outcome.onSent]() {
        exchange->send(reply);
        if (onSent)
            onSent();
    });
}

} // namespace msi::sandbox
