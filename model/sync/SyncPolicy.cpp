#include "sync/SyncPolicy.h"

#include <QJsonArray>

namespace msi::sync {

QList<MsiFieldMapping> SyncPolicy::defaultMsiFields()
{
    return {
        {QStringLiteral("msiLastInterestingMomentType"),
         QStringLiteral("mkto_si__Last_Interesting_Moment_Type__c"), false, {}},
        {QStringLiteral("msiLastInterestingMomentDate"),
         QStringLiteral("mkto_si__Last_Interesting_Moment_Date__c"), true, {}},
        {QStringLiteral("msiLastInterestingMomentDesc"),
         QStringLiteral("mkto_si__Last_Interesting_Moment_Desc__c"), false, {}},
        {QStringLiteral("msiLastInterestingMomentSource"),
         QStringLiteral("mkto_si__Last_Interesting_Moment_Source__c"), false, {}},
        {QStringLiteral("priority"), QStringLiteral("mkto_si__Priority__c"), false, {}},
        {QStringLiteral("relativeUrgency"), QStringLiteral("mkto_si__Urgency_Value__c"), false, {}},
        {QStringLiteral("relativeScoring"), QStringLiteral("mkto_si__Relative_Score_Value__c"), false, {}},
    };
}

SyncPolicy::LeadLookup SyncPolicy::leadLookupFromDescribe2(const QJsonObject &describe2)
{
    QJsonObject api = describe2;
    if (describe2.contains(u"result"))
        api = describe2.value(u"result").toArray().at(0).toObject();
    // searchableFields is an array of arrays (compound keys); a single-field entry can be a lookup.
    const QJsonArray searchable = api.value(u"searchableFields").toArray();
    for (const QJsonValue &entry : searchable) {
        const QJsonArray key = entry.isArray() ? entry.toArray() : QJsonArray{entry};
        if (key.size() == 1
            && key.at(0).toString().compare(u"externalPersonId", Qt::CaseInsensitive) == 0)
            return LeadLookup::ExternalPersonId;
    }
    return LeadLookup::Email;
}

QString SyncPolicy::leadLookupKey(LeadLookup lookup)
{
    return lookup == LeadLookup::ExternalPersonId ? QStringLiteral("externalPersonId")
                                                  : QStringLiteral("email");
}

} // namespace msi::sync
