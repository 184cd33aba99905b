#include "marketo/FilterChunker.h"

namespace msi::marketo {

namespace {
QByteArray encodedValue(const QString &value)
{
    return QUrl::toPercentEncoding(value);
}
} // namespace

QUrl FilterChunker::withValues(const QUrl &baseUrl, const QStringList &values)
{
    QByteArray joined;
    for (const QString &v : values) {
        if (!joined.isEmpty())
            joined += ',';
        joined += encodedValue(v);
    }
    QByteArray encoded = baseUrl.toEncoded();
    encoded += baseUrl.hasQuery() ? '&' : '?';
    encoded += "filterValues=" + joined;
    return QUrl::fromEncoded(encoded, QUrl::StrictMode);
}

qsizetype FilterChunker::encodedUrlLength(const QUrl &baseUrl, const QStringList &values)
{
    qsizetype length = baseUrl.toEncoded().size() + qsizetype(sizeof("&filterValues=") - 1);
    for (qsizetype i = 0; i < values.size(); ++i)
        length += encodedValue(values.at(i)).size() + (i > 0 ? 1 : 0);
    return length;
}

QList<FilterChunker::Chunk> FilterChunker::chunk(const QUrl &baseUrl, const QStringList &values,
                                                 int maxValues, int maxUrlBytes)
{
    QList<Chunk> chunks;
    const qsizetype baseLength = baseUrl.toEncoded().size() + qsizetype(sizeof("&filterValues=") - 1);
    Chunk current;
    qsizetype currentLength = baseLength;
    auto flush = [&] {
        if (!current.values.isEmpty())
            chunks << current;
        current = Chunk();
        currentLength = baseLength;
    };
    for (const QString &value : values) {
        const qsizetype add = encodedValue(value).size();
        if (baseLength + add >= maxUrlBytes) {
            // Too long for any GET URL: a chunk of its own, sent as POST _method=GET.
            flush();
            chunks << Chunk{QStringList{value}, true};
            continue;
        }
        const qsizetype withComma = add + (current.values.isEmpty() ? 0 : 1);
        if (current.values.size() >= maxValues || currentLength + withComma >= maxUrlBytes)
            flush();
        currentLength += add + (current.values.isEmpty() ? 0 : 1);
        current.values << value;
    }
    flush();
    return chunks;
}

} // namespace msi::marketo
