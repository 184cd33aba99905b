#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace msi::sandbox {

// The describe metadata of the emulated objects: User, Account, Contact, Lead, Opportunity,
// OpportunityContactRole, Organization, including the MSI managed-package fields (mkto_si__...)
// on Lead and Contact with the types and updateability seen in real orgs (salesforce-api.md §8).
class SalesforceSchema final
{
public:
    struct Field {
        QString name;
        QString label;
        QString type;          // id, string, reference, picklist, double, int, currency, ...
        int length = 0;
        int precision = 0;
        int scale = 0;
        bool updateable = false;
        bool createable = false;
        bool nillable = true;
        bool custom = false;
        bool calculated = false;
        QStringList referenceTo;
        QString relationshipName;
        QStringList picklist;
        bool isMsi() const { return name.startsWith(u"mkto_si__"); }
    };
    struct Object {
        QString name;
        QString label;
        QString labelPlural;
        QString keyPrefix;
        bool updateable = true;
        bool hasIsDeleted = true;
        QList<Field> fields;
        QHash<QString, int> byLowerName;
        QHash<QString, int> relationshipByLowerName; // lower relationship name -> field index
    };

    // msiFieldsVisible=false hides every mkto_si__ field (field-level security).
    explicit SalesforceSchema(bool msiFieldsVisible = true);

    QStringList objectNames() const { return m_order; }
    const Object *object(const QString &name) const; // case-insensitive
    const Field *field(const QString &objectName, const QString &fieldName) const;
    QString objectForKeyPrefix(QStringView prefix) const;
    bool msiFieldsVisible() const { return m_msiVisible; }

    QJsonObject describe(const Object &object, const QString &version) const;
    QJsonObject describeGlobalEntry(const Object &object, const QString &version) const;
    static QJsonObject describeField(const Field &field);

private:
    void add(Object object);
    QHash<QString, Object> m_objects; // by lower-case name
    QStringList m_order;
    bool m_msiVisible = true;
};

} // namespace msi::sandbox
