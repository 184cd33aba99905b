#pragma once

#include <QJsonObject>
#include <QString>

namespace msi::marketo {

// The five MSI object types, in the order Marketo needs them synced.
enum class MarketoObject { SalesPerson, Company, Lead, Opportunity, OpportunityRole };

// REST path segment under /rest/v1/: "salespersons", "companies", "leads", "opportunities",
// "opportunities/roles".
QString restPath(MarketoObject object);
// "sales person", "company", "lead", "opportunity", "opportunity role" (translated).
QString displayName(MarketoObject object);
// The MSI key of a record as people know it: "0035g00000P2aaaAAA / b@example.com" for a lead,
// the external id for the others, the compound key for a role.
QString recordLabel(MarketoObject object, const QJsonObject &record);

} // namespace msi::marketo
