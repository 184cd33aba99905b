#include "sandbox/OrgState.h"

#include "core/SalesforceId.h"

namespace msi::sandbox {

namespace {
const QList<QJsonObject> kEmpty;

QString canonicalId(const QString &id)
{
    if (id.size() == 18)
        return id.left(15) + id.right(3).toUpper();
    if (id.size() == 15)
        return id + core::SalesforceId::checksumSuffix(id);
    return id;
}
} // namespace

void OrgState::clear()
{
    m_records.clear();
    m_byId.clear();
}

void OrgState::setRecords(const QString &type, QList<QJsonObject> records)
{
    for (auto it = m_byId.begin(); it != m_byId.end();) {
        if (it->type == type)
            it = m_byId.erase(it);
        else
            ++it;
    }
    m_byId.reserve(m_byId.size() + records.size());
    for (int i = 0; i < records.size(); ++i)
        m_byId.insert(canonicalId(records.at(i).value(u"Id").toString()), Location{type, i});
    m_records.insert(type, std::move(records));
}

const QList<QJsonObject> &OrgState::records(const QString &type) const
{
    const auto it = m_records.constFind(type);
    return it == m_records.constEnd() ? kEmpty : it.value();
}

OrgState::Location OrgState::find(const QString &id) const
{
    if (id.size() != 15 && id.size() != 18)
        return {};
    const Location location = m_byId.value(canonicalId(id));
    if (!location.isValid())
        return {};
    // An 18-character id whose first 15 characters differ in case is another record.
    const QString stored = at(location).value(u"Id").toString();
    if (id.size() == 18 && stored.left(15) != id.left(15))
        return {};
    if (id.size() == 15 && stored.left(15) != id)
        return {};
    return location;
}

const QJsonObject &OrgState::at(const Location &location) const
{
    return m_records.find(location.type)->at(location.index);
}

void OrgState::update(const Location &location, const QJsonObject &fields, const QString &modstamp)
{
    QJsonObject &r = m_records[location.type][location.index];
    for (auto it = fields.begin(); it != fields.end(); ++it)
        r.insert(it.key(), it.value());
    if (r.contains(u"FirstName") || r.contains(u"LastName")) {
        if (fields.contains(u"FirstName") || fields.contains(u"LastName")) {
            const QString first = r.value(u"FirstName").toString();
            const QString last = r.value(u"LastName").toString();
            r.insert(u"Name"_qs, first.isEmpty() ? last : first + u' ' + last);
        }
    }
    r.insert(u"SystemModstamp"_qs, modstamp);
    r.insert(u"LastModifiedDate"_qs, modstamp);
}

QString OrgState::organizationId() const
{
    const auto &orgs = records(u"Organization"_qs);
    return orgs.isEmpty() ? u"00D7F000000sNbqUAE"_qs : orgs.first().value(u"Id").toString();
}

QString OrgState::integrationUserId() const
{
    const auto &users = records(u"User"_qs);
    for (const QJsonObject &u : users) {
        if (u.value(u"Name").toString().contains(u"Integration", Qt::CaseInsensitive))
            return u.value(u"Id").toString();
    }
    return users.isEmpty() ? u"0057F00000DfR2xQAF"_qs : users.first().value(u"Id").toString();
}

QJsonObject OrgState::toJson() const
{
    QJsonObject json;
    for (auto it = m_records.begin(); it != m_records.end(); ++it) {
        QJsonArray array;
        for (const QJsonObject &r : it.value())
            array.append(r);
        json.insert(it.key(), array);
    }
    return json;
}

void OrgState::fromJson(const QJsonObject &json)
{
    clear();
    for (auto it = json.begin(); it != json.end(); ++it) {
        QList<QJsonObject> list;
        const QJsonArray array = it.value().toArray();
        list.reserve(array.size());
        for (const QJsonValue &v : array)
            list.append(v.toObject());
        setRecords(it.key(), std::move(list));
    }
}

} // namespace msi::sandbox
