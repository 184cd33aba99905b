#include "marketo/LeadSchema.h"

#include <QJsonArray>

namespace msi::marketo {

LeadSchema LeadSchema::fromDescribe2(const QJsonDocument &response)
{
    LeadSchema schema;
    const QJsonArray result = response.object().value(QStringLiteral("result")).toArray();
    for (const QJsonValue &entry : result) {
        const QJsonObject o = entry.toObject();
        for (const QJsonValue &f : o.value(QStringLiteral("fields")).toArray()) {
            const QJsonObject field = f.toObject();
            const QString name = field.value(QStringLiteral("name")).toString();
            if (name.isEmpty() || schema.m_fields.contains(name.toLower()))
                continue;
            schema.m_fields.insert(name.toLower(), field);
            schema.m_order << name;
        }
        for (const QJsonValue &key : o.value(QStringLiteral("searchableFields")).toArray()) {
            QStringList names;
            for (const QJsonValue &n : key.toArray())
                names << n.toString();
            if (!names.isEmpty())
                schema.m_searchable << names;
        }
    }
    return schema;
}

bool LeadSchema::hasField(const QString &name) const
{
    return m_fields.contains(name.toLower());
}

QJsonObject LeadSchema::field(const QString &name) const
{
    return m_fields.value(name.toLower());
}

bool LeadSchema::isUpdateable(const QString &name) const
{
    return field(name).value(QStringLiteral("updateable")).toBool(false);
}

bool LeadSchema::canFilterBy(const QString &name) const
{
    for (const QStringList &key : m_searchable)
        if (key.size() == 1 && key.first().compare(name, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

} // namespace msi::marketo
