#pragma once

#include <QJsonObject>
#include <QList>

namespace msi::salesforce {

// Plans sObject Collections updates: at most 200 records per call, records of one type kept
// together (Salesforce processes contiguous same-type records as one chunk and allows at most 10
// chunks per call). Types keep the order of their first appearance; records keep input order
// within their type.
class CollectionBatcher final
{
public:
    static constexpr int kMaxRecords = 200;
    static constexpr int kMaxTypeChunks = 10;
    static QString recordType(const QJsonObject &record);
    static QList<QList<int>> plan(const QList<QJsonObject> &records, int maxRecords = kMaxRecords,
                                  int maxTypeChunks = kMaxTypeChunks);
};

} // namespace msi::salesforce
