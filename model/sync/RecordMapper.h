#pragma once

#include "sync/SyncPolicy.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QSet>
#include <QString>

namespace msi::sync {

// Maps one Salesforce record to the Marketo payload of its stage (and Marketo MSI values back to
// a Salesforce update). Pure functions: no lookups, no state. Every external ID written is the
// canonical 18-character form; null Salesforce values stay JSON null (PayloadCompare decides
// whether a null is sent).
class RecordMapper final
{
    Q_DECLARE_TR_FUNCTIONS(msi::sync::RecordMapper)
public:
    // The canonical 18-character form of an ID value, or an empty string when it is null or not
    // a valid Salesforce ID.
    static QString id18(const QJsonValue &value);
    // attributes.type ("Contact", "Lead", ...).
    static QString recordType(const QJsonObject &record);
    // "Contact Rose Gonzalez", "Account Edge Communications", "Opportunity role Decision Maker".
    static QString displayName(const QJsonObject &record);

    static QJsonObject salesPerson(const QJsonObject &user);
    static QJsonObject company(const QJsonObject &account, const QString &salesPersonId);
    // A Lead or a Contact. companyId is empty for Leads (they have no Account) and for Contacts
    // without one; a person linked to a company gets no company fields (Marketo refuses them, 1021).
    static QJsonObject lead(const QJsonObject &person, const QString &salesPersonId,
                            const QString &companyId);
    static QJsonObject opportunity(const QJsonObject &opportunity, const QString &companyId,
                                   const QString &salesPersonId,
                                   const QSet<QString> &extraFields);
    // leadId 0 = not known yet (filled in after stage 3 by StagePlan::resolveLeadIds).
    static QJsonObject role(const QJsonObject &contactRole, qint64 leadId);

    // The Salesforce update for one person: only the mapped fields whose Marketo value differs
    // from the Salesforce value. A Marketo field that is absent is left alone; null clears; 0 is a
    // value; date-times are compared and written as instants. Returns an empty object when nothing
    // differs; otherwise {"attributes":{"type":T},"id":ID, field: value...}.
    static QJsonObject msiUpdate(const QJsonObject &person, const QJsonObject &marketoLead,
                                 const QList<MsiFieldMapping> &fields);

    // Salesforce ("2024-05-14T09:12:33.000+0000") and Marketo ("2024-05-14T09:12:33Z") date-times;
    // invalid QDateTime when the text is not one.
    static QDateTime parseDateTime(const QString &text);
    static QString marketoDateTime(const QDateTime &instant);
    static QString salesforceDateTime(const QDateTime &instant);
};

} // namespace msi::sync
