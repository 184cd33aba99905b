#include "net/JsonBody.h"

#include <QCoreApplication>
#include <QJsonParseError>

namespace msi::net {

JsonBody JsonBody::parse(const QByteArray &raw)
{
    JsonBody out;
    QByteArray body = raw;
    if (body.startsWith("\xEF\xBB\xBF"))
        body.remove(0, 3);
    if (body.trimmed().isEmpty()) {
        out.ok = true;
        return out;
    }
    QJsonParseError error;
    out.document = QJsonDocument::fromJson(body, &error);
    out.ok = error.error == QJsonParseError::NoError && !out.document.isNull();
    if (!out.ok)
        out.parseError = QCoreApplication::translate("msi::net::JsonBody", "%1 at byte %2")
                                 .arg(error.errorString())
                                 .arg(error.offset);
    return out;
}

} // namespace msi::net
