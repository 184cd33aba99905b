#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace msi::sandbox {

// The emulated Salesforce org's records, kept exactly as the REST query resource returns them
// (with "attributes"), one list per sObject type, plus an index by 18-character Id.
class OrgState final
{
public:
    struct Location {
        QString type;
        int index = -1;
        bool isValid() const { return index >= 0; }
    };

    void clear();
    // Replaces the records of one type. A record without LastModifiedDate reads as its SystemModstamp.
    void setRecords(const QString &type, QList<QJsonObject> records);
    const QList<QJsonObject> &records(const QString &type) const;
    QStringList types() const { return m_records.keys(); }
    int count(const QString &type) const { return records(type).size(); }

    // Finds a record by Id (15 or 18 characters, any type).
    Location find(const QString &id) const;
    const QJsonObject &at(const Location &location) const;
    // Sets fields, recomputes Name, stamps SystemModstamp/LastModifiedDate with modstamp.
    void update(const Location &location, const QJsonObject &fields, const QString &modstamp);

    QString organizationId() const;
    // The run-as user of the connected app: the user named "...Integration...", else the first.
    QString integrationUserId() const;

    QJsonObject toJson() const;
    void fromJson(const QJsonObject &json);

private:
    QHash<QString, QList<QJsonObject>> m_records;
    QHash<QString, Location> m_byId; // canonical 18-char id -> location
};

} // namespace msi::sandbox
