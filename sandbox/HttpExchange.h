#pragma once

#include <QByteArray>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QTcpSocket>
#include <QUrlQuery>

#include <memory>

class QHttpServerRequest;

namespace msi::sandbox {

// A copy of what the handlers need from one HTTP request (QHttpServerRequest is not copyable and
// lives only as long as the synchronous handler call).
struct HttpRequest {
    QByteArray method;        // "GET", "POST", "PATCH", ...
    QString path;             // decoded path, e.g. /services/data/v62.0/query
    QUrlQuery query;
    QByteArray rawTarget;     // path + query as sent (for the 8 KB URI limit)
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    static HttpRequest fromServerRequest(const QHttpServerRequest &request);
    QByteArray header(const QByteArray &name) const; // case-insensitive, first match
    QString queryValue(const QString &key) const;    // fully decoded ('+' means space)
    bool hasQueryItem(const QString &key) const { return query.hasQueryItem(key); }
    // Form fields of an application/x-www-form-urlencoded body ('+' means space).
    QUrlQuery formBody() const;
};

// What a handler answers. Written by HttpExchange::send, possibly later (slow responses).
struct HttpReply {
    int status = 200;
    QByteArray contentType = QByteArrayLiteral("application/json;charset=UTF-8");
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    bool dropConnection = false; // fault: close the socket without an answer

    static HttpReply json(const QJsonObject &object, int status = 200);
    static HttpReply json(const QJsonArray &array, int status = 200);
    static HttpReply text(const QByteArray &body, const QByteArray &contentType, int status = 200);
    static HttpReply redirect(const QUrl &location);
    void setHeader(const QByteArray &name, const QByteArray &value);
};

// Writes replies to a responder, now or after a delay, and survives clients that hang up.
class HttpExchange final
{
public:
    // Takes over the responder; the reply is written by send().
    explicit HttpExchange(QHttpServerResponder &&responder);
    ~HttpExchange();
    Q_DISABLE_COPY_MOVE(HttpExchange)
    void send(const HttpReply &reply);
    bool clientGone() const { return m_socket.isNull(); }

private:
    std::unique_ptr<QHttpServerResponder> m_responder;
    QPointer<QTcpSocket> m_socket;
};

// Parses a body as JSON; *ok=false on syntax errors.
QJsonDocument parseJson(const QByteArray &body, bool *ok);
// Percent-decodes a form/query value where '+' means space.
QString formDecode(QByteArray value);

} // namespace msi::sandbox
