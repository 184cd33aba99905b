#include "net/Redactor.h"

#include <QRegularExpression>
#include <QUrlQuery>

namespace msi::net {

namespace {
const QString kMask = QStringLiteral("***");

const QStringList &secretNames()
{
    static const QStringList names = {
        QStringLiteral("access_token"), QStringLiteral("refresh_token"),
        QStringLiteral("client_secret"), QStringLiteral("code"), QStringLiteral("code_verifier"),
        QStringLiteral("id_token"), QStringLiteral("password"), QStringLiteral("assertion"),
        QStringLiteral("signature"), QStringLiteral("token")};
    return names;
}
} // namespace

bool Redactor::isSecretParameter(const QString &name)
{
    return secretNames().contains(name, Qt::CaseInsensitive);
}

QString Redactor::text(const QString &input)
{
    static const QRegularExpression bearer(QStringLiteral("(Bearer\\s+)[^\\s\"',;]+"),
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression param(
            QStringLiteral("\\b((?:access_token|refresh_token|client_secret|code_verifier|code|"
                           "id_token|password|assertion|token)=)[^&\\s\"']+"),
            QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression jsonField(
            QStringLiteral("(\"(?:access_token|refresh_token|client_secret|id_token|signature|"
                           "code_verifier)\"\\s*:\\s*\")[^\"]*"),
            QRegularExpression::CaseInsensitiveOption);
    // Salesforce session ids: "<15/18-char org id>!<opaque>".
    static const QRegularExpression sessionId(QStringLiteral("\\b00D[0-9A-Za-z]{12,15}![^\\s\"',;&]+"));
    QString out = input;
    out.replace(bearer, QStringLiteral("\\1") + kMask);
    out.replace(param, QStringLiteral("\\1") + kMask);
    out.replace(jsonField, QStringLiteral("\\1") + kMask);
    out.replace(sessionId, kMask);
    return out;
}

QString Redactor::url(const QUrl &input)
{
    QUrl u = input;
    u.setUserInfo(QString());
    if (u.hasQuery()) {
        QUrlQuery q(u);
        auto items = q.queryItems(QUrl::FullyEncoded);
        for (auto &item : items)
            if (isSecretParameter(item.first))
                item.second = kMask;
        q.setQueryItems(items);
        u.setQuery(q);
    }
    return text(u.toString());
}

QString Redactor::endpoint(const QByteArray &method, const QUrl &input)
{
    QUrl u = input;
    u.setQuery(QString());
    u.setFragment(QString());
    u.setUserInfo(QString());
    return QString::fromLatin1(method) + u' ' + u.toString();
}

} // namespace msi::net
