#pragma once

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

namespace msi::sync {

// One Marketo MSI output field and the Salesforce Lead/Contact field it is written back to.
struct MsiFieldMapping
{
    QString marketoField;     // e.g. "priority"
    QString salesforceField;  // e.g. "mkto_si__Priority__c"
    bool isDateTime = false;  // keep the instant; sent as UTC "yyyy-MM-ddThh:mm:ss.zzzZ"
    QString salesforceObject; // "Lead" or "Contact" when only that object has this target;
                              // empty = both
    bool appliesTo(QStringView objectType) const
    {
        return salesforceObject.isEmpty() || salesforceObject == objectType;
    }
};

// The admin's choices that change what a run does.
struct SyncPolicy
{
    enum class LeadLookup {
        Email,            // match and upsert people by trimmed, lower-cased e-mail
        ExternalPersonId, // the instance allows externalPersonId as a lookup field (describe2)
    };

    // 18-character User ID used as the sales person for records owned by a queue (00G);
    // empty = such records are blocked.
    QString fallbackSalesPersonId;
    // The Salesforce user the run signed in as (18 characters, from the identity URL); empty =
    // not known. Records it owns are reported (MANIFEST M-09), its sales person is synced first.
    QString integrationUserId;
    // When a Lead and a Contact share an e-mail, the Contact is synced and the Lead skipped.
    // (The only rule supported; kept explicit so the report can say which rule applied.)
    bool contactWins = true;
    LeadLookup leadLookup = LeadLookup::Email;
    QList<MsiFieldMapping> msiFields = defaultMsiFields();
    // Marketo opportunity fields beyond the documented ones (name, type, stage, amount, source,
    // externalCreatedDate) that the instance's describe lists: closeDate, isClosed, isWon,
    // probability. Sent only when present here.
    QSet<QString> extraOpportunityFields;
    // True when the snapshot holds every Salesforce record (full run), so Marketo people that
    // match nothing can be reported as "not in Salesforce".
    bool fullSnapshot = true;

    // The mkto_si__ value fields of the Marketo Sales Insight package.
    static QList<MsiFieldMapping> defaultMsiFields();
    // Reads a leads/describe2.json response (or its result[0]): ExternalPersonId when
    // "externalPersonId" is one of the searchable fields, otherwise Email.
    static LeadLookup leadLookupFromDescribe2(const QJsonObject &describe2);
    static QString leadLookupKey(LeadLookup lookup);
};

} // namespace msi::sync
