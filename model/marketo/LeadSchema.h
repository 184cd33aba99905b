#pragma once

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace msi::marketo {

// The lead fields of one Marketo instance, from GET /rest/v1/leads/describe2.json: which fields
// exist (REST names), which are updateable, and which can be a filterType (searchableFields).
class LeadSchema final
{
public:
    static LeadSchema fromDescribe2(const QJsonDocument &response);

    bool isEmpty() const { return m_fields.isEmpty(); }
    QStringList fieldNames() const { return m_order; }
    bool hasField(const QString &name) const;
    QJsonObject field(const QString &name) const;
    bool isUpdateable(const QString &name) const;
    // A single-field searchable key: usable as filterType in get-by-filter (and as lookupField).
    bool canFilterBy(const QString &name) const;
    QList<QStringList> searchableFields() const { return m_searchable; }

private:
    QHash<QString, QJsonObject> m_fields; // key: lower-case name
    QStringList m_order;
    QList<QStringList> m_searchable;
};

} // namespace msi::marketo
