#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QString>

namespace msi::net {

// Decodes a response body as UTF-8 JSON whatever charset the Content-Type header claims (both
// vendors send UTF-8; some proxies label it ISO-8859-1). A UTF-8 byte-order mark is skipped.
struct JsonBody final
{
    QJsonDocument document;
    bool ok = false;       // true for valid JSON and for an empty body (document is null)
    QString parseError;    // when !ok: what is wrong and at which byte

    static JsonBody parse(const QByteArray &body);
};

} // namespace msi::net
