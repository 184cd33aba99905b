#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMultiHash>
#include <QString>
#include <QStringList>

namespace msi::sandbox {

// The emulated Marketo instance's records: leads, companies, salespersons, opportunities and
// opportunityRoles, each shaped like the REST "result" objects (integer "id" or "marketoGUID").
// Lookups by external ids and e-mail are case-insensitive (and e-mail is trimmed), as in Marketo.
class MarketoState final
{
public:
    enum class Entity { Leads, Companies, SalesPersons, Opportunities, OpportunityRoles };
    static constexpr int kEntityCount = 5;
    static QString entityName(Entity entity); // "leads", "companies", "salespersons", "opportunities", "opportunityRoles"
    static bool entityFromName(const QString &name, Entity *entity);

    MarketoState();
    void clear();
    void setRecords(Entity entity, const QList<QJsonObject> &records);
    // Live records (deleted ones skipped), in insertion order.
    QJsonArray records(Entity entity) const;
    int count(Entity entity) const;
    int slotCount(Entity entity) const { return int(table(entity).rows.size()); }
    const QJsonObject &at(Entity entity, int row) const { return table(entity).rows.at(row); }
    bool isLive(Entity entity, int row) const { return !table(entity).rows.at(row).isEmpty(); }

    // Rows whose field equals value (normalised); uses an index for the key fields, else scans.
    QList<int> find(Entity entity, const QString &field, const QJsonValue &value) const;
    int insert(Entity entity, QJsonObject record); // returns row
    void update(Entity entity, int row, const QJsonObject &fields);
    void remove(Entity entity, int row);

    int nextId(Entity entity);
    static QString normalise(const QJsonValue &value);

    QJsonObject toJson() const;
    void fromJson(const QJsonObject &json);

private:
    struct Table {
        QList<QJsonObject> rows; // an empty object marks a deleted row
        QStringList indexedFields;
        QHash<QString, QMultiHash<QString, int>> indexes;
        int live = 0;
        int nextId = 1;
    };
    Table &table(Entity entity) { return m_tables[int(entity)]; }
    const Table &table(Entity entity) const { return m_tables[int(entity)]; }
    void indexRow(Table &t, int row, bool add);

    Table m_tables[kEntityCount];
};

} // namespace msi::sandbox
