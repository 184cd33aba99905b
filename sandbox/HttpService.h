#pragma once

#include "sandbox/HttpExchange.h"

#include <QHostAddress>
#include <QObject>

#include <functional>

class QHttpServer;

namespace msi::sandbox {

// One loopback listener: turns every request into an HttpRequest, asks handle() for the outcome
// and writes the reply now or after the outcome's delay (slow responses, latency, concurrency).
class HttpService : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpService)
public:
    struct Outcome {
        HttpReply reply;
        int delayMs = 0;
        std::function<void()> onSent; // runs when the reply was written (or the client left)
    };
    // Admin endpoints under /sandbox/admin/ are answered by this function on every listener.
    using AdminHandler = std::function<HttpReply(const HttpRequest &)>;

    explicit HttpService(QObject *parent = nullptr);
    ~HttpService() override;

    bool listen(quint16 port, QString *error);
    quint16 port() const { return m_port; }
    QUrl baseUrl() const;
    void setAdminHandler(AdminHandler handler) { m_admin = std::move(handler); }

protected:
    virtual Outcome handle(const HttpRequest &request) = 0;
    AdminHandler m_admin;

private:
    void dispatch(const HttpRequest &request, QHttpServerResponder &&responder);
    QHttpServer *m_server = nullptr;
    quint16 m_port = 0;
};

} // namespace msi::sandbox
