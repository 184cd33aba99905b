#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace msi::checks {

// The seven MSI values: where Marketo keeps them on a lead (read-only there) and which Salesforce
// Lead/Contact field receives them (managed package prefix mkto_si__, or none on some orgs).
class MsiFields final
{
public:
    enum class Kind { Text, DateTime, Number };
    struct Field
    {
        QString salesforceSuffix;   // e.g. Priority__c (the API name without mkto_si__)
        QStringList marketoNames;   // e.g. priority; alternatives seen on other instances
        Kind kind;
    };

    static const QList<Field> &all();
    static QString prefix() { return QStringLiteral("mkto_si__"); }

    // The value on a Marketo lead (first of the names present); null when absent.
    static QJsonValue marketoValue(const QJsonObject &lead, const Field &field);
    // The value on a Salesforce record (with or without the prefix); undefined when the record
    // does not carry the field at all.
    static QJsonValue salesforceValue(const QJsonObject &record, const Field &field);
    // The field's entry in a describe result (with or without the prefix); empty when absent.
    static QJsonObject describeField(const QJsonObject &describe, const Field &field);
    // Equal as MSI values: numbers numerically (72 == 72.0), dates as instants
    // ("2024-05-14T09:12:21Z" == "2024-05-14T09:12:21.000+0000"), text exactly; null == null.
    static bool sameValue(const QJsonValue &marketo, const QJsonValue &salesforce, Kind kind);
    static bool isEmpty(const QJsonValue &value);
    static QString display(const QJsonValue &value);
};

} // namespace msi::checks
