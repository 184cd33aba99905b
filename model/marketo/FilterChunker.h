#pragma once

#include <QList>
#include <QStringList>
#include <QUrl>

namespace msi::marketo {

// Splits filterValues for "get by filter" into as few calls as Marketo's limits allow: at most
// maxValues (300) values a call. A chunk whose GET URL (with everything else in its query) would
// reach maxUrlBytes once percent-encoded (Marketo answers 414 above 8 KB) is marked usePost: it
// is sent as POST with _method=GET and a form body, so long e-mails cost no extra calls.
class FilterChunker final
{
public:
    struct Chunk
    {
        QStringList values;
        bool usePost = false;
    };
    static constexpr int kMaxValues = 300;
    static constexpr int kMaxUrlBytes = 7'900; // a little under Marketo's 8 KB URI limit

    // baseUrl: the full GET URL without filterValues (filterType, fields, batchSize already set).
    static QList<Chunk> chunk(const QUrl &baseUrl, const QStringList &values,
                              int maxValues = kMaxValues, int maxUrlBytes = kMaxUrlBytes);
    // Percent-encoded length of the GET URL for these values.
    static qsizetype encodedUrlLength(const QUrl &baseUrl, const QStringList &values);
    // baseUrl plus filterValues=v1,v2 (each value percent-encoded; the commas are separators).
    static QUrl withValues(const QUrl &baseUrl, const QStringList &values);
};

} // namespace msi::marketo
