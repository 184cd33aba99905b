#pragma once

#include "checks/Finding.h"
#include "checks/RecordIndex.h"

#include <QCoreApplication>
#include <QStringList>

namespace msi::checks {

// Records whose parent or owner is missing, on either side:
//   SF_PARENT_MISSING (warning)        Contact/Opportunity → Account, role → Contact/Opportunity
//   SF_OWNER_MISSING (warning)         OwnerId names no user of the extract
//   SF_OWNER_INTEGRATION (info)        the integration user owns records: it must be a sales person
//   MKTO_OWNER_MISSING (info)          a Marketo company/linked lead/opportunity without owner
//   MKTO_SALESPERSON_MISSING (error)   externalSalesPersonId names no Marketo sales person (C03)
//   MKTO_COMPANY_MISSING (error)       externalCompanyId names no Marketo company (C01)
//   MKTO_OPPORTUNITY_MISSING (error)   a role's externalOpportunityId names no opportunity
//   MKTO_ROLE_LEAD_MISSING (error)     a role's leadId is no Marketo lead (C04)
class ReferenceAudit final
{
    Q_DECLARE_TR_FUNCTIONS(msi::checks::ReferenceAudit)
public:
    static Findings run(const RecordIndex &index, const QStringList &integrationUserTitles);

private:
    static void salesforce(const RecordIndex &index, Findings *out);
    static void integrationOwner(const RecordIndex &index, const QStringList &titles,
                                 Findings *out);
    static void marketo(const RecordIndex &index, Findings *out);
};

} // namespace msi::checks
