#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace msi::sandbox {

class FaultInjector;
class OrgState;
class SalesforceSchema;

// Record updates with Salesforce's per-record validation: the sObject Collections update
// (PATCH composite/sobjects, at most 200 records, allOrNone) and the single-record PATCH.
class SalesforceWriter final
{
public:
    SalesforceWriter(OrgState &org, const SalesforceSchema &schema, FaultInjector &faults)
        : m_org(org), m_schema(schema), m_faults(faults) {}

    struct Result {
        int httpStatus = 200;
        QJsonArray body; // per-record results, or a top-level error array
    };
    Result updateCollection(const QJsonObject &request, const QString &modstamp);
    // Single PATCH /sobjects/<Type>/<Id>: empty array on success, else the error array.
    QJsonArray updateOne(const QString &type, const QString &id, const QJsonObject &fields, const QString &modstamp);

private:
    // Validates one record; returns the errors (statusCode/message/fields) or an empty array.
    QJsonArray validate(const QString &type, const QString &id, const QJsonObject &record, bool useFaults,
                        QJsonObject *changes) const;
    OrgState &m_org;
    const SalesforceSchema &m_schema;
    FaultInjector &m_faults;
};

} // namespace msi::sandbox
