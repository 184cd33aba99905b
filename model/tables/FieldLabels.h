#pragma once

#include <QJsonValue>
#include <QString>

namespace msi::tables {

// Turning API names and JSON values into what a table shows.
class FieldLabels final
{
public:
    // "FirstName" -> "First Name", "externalPersonId" -> "External Person Id",
    // "mkto_si__Priority__c" -> "Priority", "Custom_Score__c" -> "Custom Score".
    static QString label(const QString &apiName);
    // One line: text as is (line breaks shown as ", "), numbers in plain form
    // (1.39E8 -> 139000000), booleans as true/false, null empty, objects as compact JSON.
    static QString display(const QJsonValue &value);
    // Like display() but keeps line breaks (tooltips, copy).
    static QString fullText(const QJsonValue &value);
};

} // namespace msi::tables
