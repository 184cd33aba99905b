#include "salesforce/Pkce.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace msi::salesforce {

QByteArray Pkce::makeVerifier()
{
    static const char alphabet[] =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    QByteArray out;
    out.reserve(64);
    auto *rng = QRandomGenerator::system();
    for (int i = 0; i < 64; ++i)
        out += alphabet[rng->bounded(int(sizeof(alphabet) - 1))];
    return out;
}

QByteArray Pkce::challenge(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace msi::salesforce
