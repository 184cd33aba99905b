#include "sandbox/HttpExchange.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonParseError>
#include <QUrl>

namespace msi::sandbox {

QString formDecode(QByteArray value)
{
    value.replace('+', ' ');
    return QUrl::fromPercentEncoding(value);
}

static QUrlQuery parseForm(const QByteArray &encoded)
{
    // QUrlQuery keeps '+' literally; decode every pair ourselves so '+' means space (HTML forms).
    QUrlQuery result;
    const QList<QByteArray> pairs = encoded.split('&');
    for (const QByteArray &pair : pairs) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const QString key = formDecode(eq < 0 ? pair : pair.left(eq));
        const QString value = eq < 0 ? QString() : formDecode(pair.mid(eq + 1));
        result.addQueryItem(key, value);
    }
    return result;
}

HttpRequest HttpRequest::fromServerRequest(const QHttpServerRequest &request)
{
    HttpRequest r;
    const QUrl url = request.url();
    switch (request.method()) {
    case QHttpServerRequest::Method::Get: r.method = "GET"; break;
    case QHttpServerRequest::Method::Post: r.method = "POST"; break;
    case QHttpServerRequest::Method::Put: r.method = "PUT"; break;
    case QHttpServerRequest::Method::Patch: r.method = "PATCH"; break;
    case QHttpServerRequest::Method::Delete: r.method = "DELETE"; break;
    case QHttpServerRequest::Method::Head: r.method = "HEAD"; break;
    case QHttpServerRequest::Method::Options: r.method = "OPTIONS"; break;
    default: r.method = "UNKNOWN"; break;
    }
    r.path = url.path(QUrl::FullyDecoded);
    const QByteArray encodedQuery = url.query(QUrl::FullyEncoded).toUtf8();
    r.query = parseForm(encodedQuery);
    r.rawTarget = url.path(QUrl::FullyEncoded).toUtf8();
    if (!encodedQuery.isEmpty())
        r.rawTarget += '?' + encodedQuery;
    r.headers = request.headers();
    r.body = request.body();
    return r;
}

QByteArray HttpRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QString HttpRequest::queryValue(const QString &key) const
{
    return query.queryItemValue(key, QUrl::FullyDecoded);
}

QUrlQuery HttpRequest::formBody() const
{
    return parseForm(body.trimmed());
}

HttpReply HttpReply::json(const QJsonObject &object, int status)
{
    HttpReply r;
    r.status = status;
    r.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return r;
}

HttpReply HttpReply::json(const QJsonArray &array, int status)
{
    HttpReply r;
    r.status = status;
    r.body = QJsonDocument(array).toJson(QJsonDocument::Compact);
    return r;
}

HttpReply HttpReply::text(const QByteArray &body, const QByteArray &contentType, int status)
{
    HttpReply r;
    r.status = status;
    r.body = body;
    r.contentType = contentType;
    return r;
}

HttpReply HttpReply::redirect(const QUrl &location)
{
    HttpReply r;
    r.status = 302;
    r.contentType = QByteArrayLiteral("text/html;charset=UTF-8");
    r.setHeader(QByteArrayLiteral("Location"), location.toEncoded());
    r.body = QByteArrayLiteral("<html><body>Redirecting...</body></html>");
    return r;
}

void HttpReply::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            h.second = value;
            return;
        }
    }
    headers.append({name, value});
}

HttpExchange::HttpExchange(QHttpServerResponder &&responder)
    : m_responder(std::make_unique<QHttpServerResponder>(std::move(responder)))
{
    m_socket = m_responder->socket();
}

HttpExchange::~HttpExchange()
{
    // A responder whose socket is already gone must not be destroyed normally (it would touch
    // the deleted socket); leaking the small object is the safe choice.
    if (m_responder && m_socket.isNull())
        (void)m_responder.release();
}

void HttpExchange::send(const HttpReply &reply)
{
    if (!m_responder)
        return;
    if (m_socket.isNull()) {
        // The client hung up while the reply was pending; nothing left to write to.
        (void)m_responder.release(); // its socket is gone, so its destructor must not touch it
        return;
    }
    if (reply.dropConnection) {
        m_socket->abort();
        (void)m_responder.release();
        return;
    }
    QHttpServerResponse response(reply.contentType, reply.body,
                                 static_cast<QHttpServerResponse::StatusCode>(reply.status));
    for (const auto &h : reply.headers)
        response.setHeader(h.first, h.second);
    response.write(std::move(*m_responder));
    m_responder.reset();
}

QJsonDocument parseJson(const QByteArray &body, bool *ok)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    *ok = error.error == QJsonParseError::NoError;
    return doc;
}

} // namespace msi::sandbox
