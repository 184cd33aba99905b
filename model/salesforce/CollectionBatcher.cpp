#include "salesforce/CollectionBatcher.h"

#include <QStringList>

namespace msi::salesforce {

QString CollectionBatcher::recordType(const QJsonObject &record)
{
    return record.value(QStringLiteral("attributes")).toObject().value(QStringLiteral("type")).toString();
}

QList<QList<int>> CollectionBatcher::plan(const QList<QJsonObject> &records, int maxRecords,
                                          int maxTypeChunks)
{
    QStringList typeOrder;
    QList<QList<int>> byType;
    for (int i = 0; i < records.size(); ++i) {
        const QString type = recordType(records.at(i));
        qsizetype t = typeOrder.indexOf(type);
        if (t < 0) {
            typeOrder << type;
            byType.append(QList<int>());
            t = typeOrder.size() - 1;
        }
        byType[t] << i;
    }
    QList<QList<int>> batches;
    QList<int> current;
    int chunksInCurrent = 0;
    for (const QList<int> &group : byType) {
        bool newChunk = true;
        for (int index : group) {
            if (current.size() >= maxRecords || (newChunk && chunksInCurrent >= maxTypeChunks)) {
                batches << current;
                current.clear();
                chunksInCurrent = 0;
                newChunk = true;
            }
            if (newChunk) {
                ++chunksInCurrent;
                newChunk = false;
            }
            current << index;
        }
    }
    if (!current.isEmpty())
        batches << current;
    return batches;
}

} // namespace msi::salesforce
