#pragma once

#include <QJsonObject>
#include <QList>

namespace msi::checks {

// The state of both systems as records, exactly as the APIs return them: Salesforce records with
// "attributes" (query resource), Marketo records with an integer "id" (the `result` entries of the
// REST GETs). The same struct holds a seed folder, a workspace snapshot or a live read of one
// record's neighbourhood, so every check and the diagnosis run on any of them.
struct SystemState
{
    QList<QJsonObject> sfUsers;
    QList<QJsonObject> sfAccounts;
    QList<QJsonObject> sfContacts;
    QList<QJsonObject> sfLeads;
    QList<QJsonObject> sfOpportunities;
    QList<QJsonObject> sfContactRoles; // OpportunityContactRole

    QList<QJsonObject> mktoSalesPersons;
    QList<QJsonObject> mktoCompanies;
    QList<QJsonObject> mktoLeads;
    QList<QJsonObject> mktoOpportunities;
    QList<QJsonObject> mktoOpportunityRoles;

    // GET /sobjects/Lead/describe and /sobjects/Contact/describe as the integration user sees them
    // (field-level security shows as a missing field or updateable=false). Empty = not read.
    QJsonObject sfLeadDescribe;
    QJsonObject sfContactDescribe;

    // The workspace's fallback sales person for records owned by a queue (18-character User
    // ID, sync::WorkspacePolicy); empty = such records are blocked by the sync.
    QString fallbackSalesPersonId;
};

} // namespace msi::checks
