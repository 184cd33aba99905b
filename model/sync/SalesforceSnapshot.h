#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace msi::sync {

// The Salesforce records one run works on, exactly as the REST query resource returns them
// (with "attributes"). In an incremental run only the records changed since the watermark.
struct SalesforceSnapshot
{
    Q_DECLARE_TR_FUNCTIONS(msi::sync::SalesforceSnapshot)
public:
    QList<QJsonObject> users;
    QList<QJsonObject> accounts;
    QList<QJsonObject> contacts;
    QList<QJsonObject> leads;
    QList<QJsonObject> opportunities;
    QList<QJsonObject> contactRoles;

    qsizetype size() const;
    // Reads <dir>/salesforce/{User,Account,Contact,Lead,Opportunity,OpportunityContactRole}.json
    // (the sample-org layout). Missing files give empty lists; unreadable ones fail.
    static bool loadDirectory(const QString &dir, SalesforceSnapshot *snapshot, QString *error);
    // A JSON array file of records; used by both snapshot loaders.
    static bool readArrayFile(const QString &path, QList<QJsonObject> *records, QString *error);
};

// What Marketo currently holds for the keys a run is about, shaped like the `result` arrays of
// the Marketo REST GETs (integer "id"; opportunities and roles carry "marketoGUID").
struct MarketoState
{
    QList<QJsonObject> salesPersons;
    QList<QJsonObject> companies;
    QList<QJsonObject> leads;
    QList<QJsonObject> opportunities;
    QList<QJsonObject> roles;

    // Reads <dir>/marketo/{salespersons,companies,leads,opportunities,opportunityroles}.json.
    static bool loadDirectory(const QString &dir, MarketoState *state, QString *error);
};

} // namespace msi::sync
