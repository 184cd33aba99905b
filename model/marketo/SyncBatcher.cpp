#include "marketo/SyncBatcher.h"

#include <QJsonDocument>

namespace msi::marketo {

qsizetype SyncBatcher::recordBytes(const QJsonObject &record)
{
    return QJsonDocument(record).toJson(QJsonDocument::Compact).size();
}

SyncBatcher::Plan SyncBatcher::plan(const QList<QJsonObject> &records, qsizetype envelopeBytes,
                                    int maxRecords, qsizetype maxBytes)
{
    Plan plan;
    QList<int> current;
    qsizetype bytes = envelopeBytes;
    for (int i = 0; i < records.size(); ++i) {
        const qsizetype size = recordBytes(records.at(i));
        if (envelopeBytes + size > maxBytes) {
            plan.oversized << i;
            continue;
        }
        const qsizetype withComma = size + (current.isEmpty() ? 0 : 1);
        if (current.size() >= maxRecords || bytes + withComma > maxBytes) {
            plan.batches << current;
            current.clear();
            bytes = envelopeBytes;
        }
        bytes += size + (current.isEmpty() ? 0 : 1);
        current << i;
    }
    if (!current.isEmpty())
        plan.batches << current;
    return plan;
}

} // namespace msi::marketo
