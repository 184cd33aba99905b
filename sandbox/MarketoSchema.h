#pragma once

#include "sandbox/MarketoState.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace msi::sandbox {

// Field metadata of the five Marketo entities and their describe answers. With MSI non-native
// disabled, leads have no externalPersonId/externalSalesPersonId/externalCompanyId and no MSI fields.
class MarketoSchema final
{
public:
    struct Field {
        QString name;
        QString displayName;
        QString dataType; // string, email, integer, currency, datetime, date, boolean, text, url, phone
        int length = 0;
        bool updateable = true;
        bool crmManaged = false;
        int id = 0;
    };
    using Entity = MarketoState::Entity;

    explicit MarketoSchema(bool msiNonNative = true);

    const QList<Field> &fields(Entity entity) const { return m_fields[int(entity)]; }
    const Field *field(Entity entity, const QString &name) const;
    QString idField(Entity entity) const; // "id" or "marketoGUID"
    QStringList dedupeFields(Entity entity) const;
    QList<QStringList> searchableFields(Entity entity) const;
    bool isSearchable(Entity entity, const QString &name) const;
    QStringList defaultFields(Entity entity) const;
    // Lead fields that a linked company owns (Sync Leads cannot change them: 1021).
    static QStringList companyFields();
    bool msiNonNative() const { return m_nonNative; }

    QJsonObject describe(Entity entity) const;       // companies/salespersons/opportunities/roles
    QJsonArray describeLeads() const;                 // leads/describe.json result
    QJsonObject describeLeads2() const;               // leads/describe2.json result[0]

private:
    QList<Field> m_fields[MarketoState::kEntityCount];
    bool m_nonNative = true;
};

} // namespace msi::sandbox
