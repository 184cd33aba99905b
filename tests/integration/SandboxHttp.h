#pragma once

// Test helper: blocking HTTP calls against the sandbox over loopback (a real QNetworkAccessManager,
// no mocks), plus token helpers for both systems.

#include "sandbox/Sandbox.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>

struct HttpResult {
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;

    QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(body).array(); }
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
};

class SandboxHttp
{
public:
    HttpResult send(const QByteArray &verb, const QUrl &url, const QByteArray &body = {},
                    const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        for (const auto &h : headers)
            request.setRawHeader(h.first, h.second);
        QNetworkReply *reply = m_nam.sendCustomRequest(request, verb, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        loop.exec();
        HttpResult r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        r.headers = reply->rawHeaderPairs();
        r.error = reply->error();
        reply->deleteLater();
        return r;
    }
    HttpResult get(const QUrl &url, const QByteArray &bearer = {})
    {
        return send("GET", url, {}, bearerHeader(bearer));
    }
    HttpResult postForm(const QUrl &url, const QUrlQuery &form, const QByteArray &bearer = {})
    {
        auto headers = bearerHeader(bearer);
        headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
        return send("POST", url, form.toString(QUrl::FullyEncoded).toUtf8(), headers);
    }
    HttpResult sendJson(const QByteArray &verb, const QUrl &url, const QJsonDocument &doc, const QByteArray &bearer = {})
    {
        auto headers = bearerHeader(bearer);
        headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        return send(verb, url, doc.toJson(QJsonDocument::Compact), headers);
    }

    static QList<QPair<QByteArray, QByteArray>> bearerHeader(const QByteArray &bearer)
    {
        if (bearer.isEmpty())
            return {};
        return {{"Authorization", "Bearer " + bearer}};
    }

    QByteArray salesforceToken(const msi::sandbox::Sandbox &sandbox)
    {
        QUrlQuery form;
        form.addQueryItem(u"grant_type"_qs, u"client_credentials"_qs);
        form.addQueryItem(u"client_id"_qs, msi::sandbox::Sandbox::clientId());
        form.addQueryItem(u"client_secret"_qs, msi::sandbox::Sandbox::clientSecret());
        const HttpResult r = postForm(url(sandbox.salesforceUrl(), u"/services/oauth2/token"_qs), form);
        return r.object().value(u"access_token").toString().toLatin1();
    }
    QByteArray marketoToken(const msi::sandbox::Sandbox &sandbox)
    {
        return get(marketoTokenUrl(sandbox)).object().value(u"access_token").toString().toLatin1();
    }
    static QUrl marketoTokenUrl(const msi::sandbox::Sandbox &sandbox, const QString &secret = msi::sandbox::Sandbox::clientSecret())
    {
        QUrl u = url(sandbox.marketoUrl(), u"/identity/oauth/token"_qs);
        QUrlQuery q;
        q.addQueryItem(u"grant_type"_qs, u"client_credentials"_qs);
        q.addQueryItem(u"client_id"_qs, msi::sandbox::Sandbox::clientId());
        q.addQueryItem(u"client_secret"_qs, secret);
        u.setQuery(q);
        return u;
    }
    static QUrl url(const QUrl &base, const QString &path, const QUrlQuery &query = {})
    {
        QUrl u = base;
        u.setPath(path);
        if (!query.isEmpty())
            u.setQuery(query);
        return u;
    }
    static QUrl soql(const msi::sandbox::Sandbox &sandbox, const QString &soql, const QString &resource = u"query"_qs)
    {
        QUrl u = url(sandbox.salesforceUrl(), u"/services/data/v62.0/"_qs + resource);
        // '+' in date-time offsets must be sent as %2B (salesforce-api.md §2).
        u.setQuery(u"q="_qs + QString::fromLatin1(QUrl::toPercentEncoding(soql)), QUrl::StrictMode);
        return u;
    }

    QNetworkAccessManager &nam() { return m_nam; }

private:
    QNetworkAccessManager m_nam;
};
