#pragma once

#include <QJsonObject>
#include <QList>

namespace msi::marketo {

// Splits sync input into calls of at most 300 records and at most 1 MB of JSON (Marketo answers
// 413 above 1 MB). Batches keep input order; a record that alone exceeds the size limit is
// listed in `oversized` and never sent.
class SyncBatcher final
{
public:
    static constexpr int kMaxRecords = 300;
    static constexpr qsizetype kMaxBytes = 1'000'000;

    struct Plan
    {
        QList<QList<int>> batches; // input indices per call
        QList<int> oversized;
    };
    // envelopeBytes: the size of the request without its input records.
    static Plan plan(const QList<QJsonObject> &records, qsizetype envelopeBytes,
                     int maxRecords = kMaxRecords, qsizetype maxBytes = kMaxBytes);
    static qsizetype recordBytes(const QJsonObject &record);
};

} // namespace msi::marketo
