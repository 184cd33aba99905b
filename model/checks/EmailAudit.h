#pragma once

#include "checks/Finding.h"
#include "checks/RecordIndex.h"

#include <QCoreApplication>

namespace msi::checks {

// Every Marketo sales person against its Salesforce user (found by externalSalesPersonId) with
// core::EmailMatch: MSI links a rep by e-mail, so a mismatch empties the rep's MSI tab (C02).
// Codes: MKTO_SP_EMAIL_MISMATCH (error), MKTO_SP_EMAIL_NORMALIZED_ONLY (warning),
// MKTO_SP_NO_SF_USER (warning: no Salesforce user has that ID).
class EmailAudit final
{
    Q_DECLARE_TR_FUNCTIONS(msi::checks::EmailAudit)
public:
    static Findings run(const RecordIndex &index);
};

} // namespace msi::checks
