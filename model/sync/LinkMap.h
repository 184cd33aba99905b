#pragma once

#include "sync/SyncTypes.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace msi::sync {

// What an earlier run (or this one) left in Marketo for one Salesforce record.
struct MarketoLink
{
    qint64 marketoId = 0;      // integer id (sales persons, companies, leads)
    QString marketoGuid;       // opportunities and roles
    QByteArray payloadHash;    // hash of the payload last sent and accepted (PayloadHash)

    bool isNull() const { return marketoId == 0 && marketoGuid.isEmpty(); }
};

// The planner's view of the ID map: Salesforce ID (canonical 18-character form, compared exactly)
// -> Marketo record, per stage. The workspace store persists it; this is a plain value.
class LinkMap final
{
public:
    void insert(Stage stage, const QString &salesforceId18, const MarketoLink &link);
    void remove(Stage stage, const QString &salesforceId18);
    // A null link when unknown.
    MarketoLink value(Stage stage, const QString &salesforceId18) const;
    bool contains(Stage stage, const QString &salesforceId18) const;
    qsizetype size() const { return m_links.size(); }
    // All links of one stage (Salesforce ID -> link).
    QHash<QString, MarketoLink> stageLinks(Stage stage) const;

private:
    static QString key(Stage stage, const QString &salesforceId18);
    QHash<QString, MarketoLink> m_links;
};

} // namespace msi::sync
