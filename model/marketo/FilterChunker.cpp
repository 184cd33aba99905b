#include "marketo/FilterChunker.h"

#include <algorithm>

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
    // Each call is worth the same share of the daily quota whatever its size, so chunks are
    // filled to maxValues; one whose GET URL would be too long is sent as POST _method=GET (a
    // form body, up to 1 MB) instead of being split into more calls.
    QList<Chunk> chunks;
    const int perChunk = std::max(1, maxValues);
    for (qsizetype first = 0; first < values.size(); first += perChunk) {
        Chunk chunk;
        chunk.values = values.mid(first, perChunk);
        chunk.usePost = encodedUrlLength(baseUrl, chunk.values) >= maxUrlBytes;
        chunks << chunk;
    }
    return chunks;
}

} // namespace msi::marketo
