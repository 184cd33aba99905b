#include "sandbox/MarketoState.h"

namespace msi::sandbox {

QString MarketoState::entityName(Entity entity)
{
    switch (entity) {
    case Entity::Leads: return u"leads"_qs;
    case Entity::Companies: return u"companies"_qs;
    case Entity::SalesPersons: return u"salespersons"_qs;
    case Entity::Opportunities: return u"opportunities"_qs;
    case Entity::OpportunityRoles: return u"opportunityRoles"_qs;
    }
    return {};
}

bool MarketoState::entityFromName(const QString &name, Entity *entity)
{
    const QString n = name.toLower();
    if (n == u"leads" || n == u"lead")
        *entity = Entity::Leads;
    else if (n == u"companies" || n == u"company")
        *entity = Entity::Companies;
    else if (n == u"salespersons" || n == u"salesperson")
        *entity = Entity::SalesPersons;
    else if (n == u"opportunities" || n == u"opportunity")
        *entity = Entity::Opportunities;
    else if (n == u"opportunityroles" || n == u"roles" || n == u"opportunityrole")
        *entity = Entity::OpportunityRoles;
    else
        return false;
    return true;
}

MarketoState::MarketoState()
{
    table(Entity::Leads).indexedFields = {u"id"_qs, u"email"_qs, u"externalPersonId"_qs};
    table(Entity::Companies).indexedFields = {u"id"_qs, u"externalCompanyId"_qs};
    table(Entity::SalesPersons).indexedFields = {u"id"_qs, u"externalSalesPersonId"_qs};
    table(Entity::Opportunities).indexedFields = {u"marketoGUID"_qs, u"externalOpportunityId"_qs};
    table(Entity::OpportunityRoles).indexedFields = {u"marketoGUID"_qs, u"externalOpportunityId"_qs, u"leadId"_qs};
}

void MarketoState::clear()
{
    for (Table &t : m_tables) {
        t.rows.clear();
        t.indexes.clear();
        t.live = 0;
        t.nextId = 1;
    }
}

QString MarketoState::normalise(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::number(qint64(value.toDouble()));
    return value.toString().trimmed().toLower();
}

void MarketoState::indexRow(Table &t, int row, bool add)
{
    const QJsonObject &r = t.rows.at(row);
    for (const QString &field : std::as_const(t.indexedFields)) {
        const QJsonValue v = r.value(field);
        if (v.isNull() || v.isUndefined())
            continue;
        const QString key = normalise(v);
        if (add)
            t.indexes[field].insert(key, row);
        else
            t.indexes[field].remove(key, row);
    }
}

void MarketoState::setRecords(Entity entity, const QList<QJsonObject> &records)
{
    Table &t = table(entity);
    t.rows.clear();
    t.indexes.clear();
    t.live = 0;
    t.nextId = 1;
    for (const QJsonObject &r : records)
        insert(entity, r);
}

QJsonArray MarketoState::records(Entity entity) const
{
    QJsonArray array;
    for (const QJsonObject &r : table(entity).rows) {
        if (!r.isEmpty())
            array.append(r);
    }
    return array;
}

int MarketoState::count(Entity entity) const
{
    return table(entity).live;
}

QList<int> MarketoState::find(Entity entity, const QString &field, const QJsonValue &value) const
{
    const Table &t = table(entity);
    const QString key = normalise(value);
    QList<int> rows;
    if (key.isEmpty())
        return rows;
    if (t.indexedFields.contains(field)) {
        rows = t.indexes.value(field).values(key);
        std::sort(rows.begin(), rows.end());
        return rows;
    }
    for (int i = 0; i < t.rows.size(); ++i) {
        const QJsonValue v = t.rows.at(i).value(field);
        if (!t.rows.at(i).isEmpty() && !v.isNull() && !v.isUndefined() && normalise(v) == key)
            rows.append(i);
    }
    return rows;
}

int MarketoState::insert(Entity entity, QJsonObject record)
{
    Table &t = table(entity);
    if (record.contains(u"id"))
        t.nextId = qMax(t.nextId, record.value(u"id").toInt() + 1);
    t.rows.append(record);
    ++t.live;
    indexRow(t, int(t.rows.size()) - 1, true);
    return int(t.rows.size()) - 1;
}

void MarketoState::update(Entity entity, int row, const QJsonObject &fields)
{
    Table &t = table(entity);
    indexRow(t, row, false);
    QJsonObject &r = t.rows[row];
    for (auto it = fields.begin(); it != fields.end(); ++it)
        r.insert(it.key(), it.value());
    indexRow(t, row, true);
}

void MarketoState::remove(Entity entity, int row)
{
    Table &t = table(entity);
    if (t.rows.at(row).isEmpty())
        return;
    indexRow(t, row, false);
    t.rows[row] = QJsonObject();
    --t.live;
}

int MarketoState::nextId(Entity entity)
{
    return table(entity).nextId++;
}

QJsonObject MarketoState::toJson() const
{
    QJsonObject json;
    for (int i = 0; i < kEntityCount; ++i)
        json.insert(entityName(Entity(i)), records(Entity(i)));
    return json;
}

void MarketoState::fromJson(const QJsonObject &json)
{
    clear();
    for (int i = 0; i < kEntityCount; ++i) {
        const QJsonArray array = json.value(entityName(Entity(i))).toArray();
        QList<QJsonObject> list;
        list.reserve(array.size());
        for (const QJsonValue &v : array)
            list.append(v.toObject());
        setRecords(Entity(i), list);
    }
}

} // namespace msi::sandbox
