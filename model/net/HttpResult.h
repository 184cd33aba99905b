#pragma once

#include "net/ApiError.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QMetaType>
#include <QPair>

namespace msi::net {

// The typed outcome of one HttpJob (after redirects, retries and a possible token refresh).
struct HttpResult final
{
    bool ok = false;
    int httpStatus = 0;
    QByteArray body;          // raw bytes (UTF-8)
    QJsonDocument json;       // parsed body; null when the body was empty
    QList<QPair<QByteArray, QByteArray>> headers;
    ApiError error;           // kind None when ok
    int attempts = 0;         // requests sent, including retries and the replay after a refresh
    int rateLimitWaits = 0;   // 606-style waits taken
    int concurrencyWaits = 0; // back-offs after a concurrency-limit answer (Marketo 615)
    bool reauthenticated = false;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers)
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        return QByteArray();
    }
};

} // namespace msi::net

Q_DECLARE_METATYPE(msi::net::HttpResult)
