#pragma once

#include "checks/Finding.h"
#include "checks/RecordIndex.h"

#include <QCoreApplication>

namespace msi::checks {

// People in both systems, matched the way the lead sync does (18-char externalPersonId, else the
// trimmed lower-case e-mail):
//   SF_EMAIL_INVALID (warning)            a Contact/Lead/User e-mail that is not an address
//   SF_EMAIL_SHARED_LEAD_CONTACT (warning) a Lead and a Contact share an e-mail ("Contact wins")
//   SF_EMAIL_DUPLICATE (warning)           two Contacts (or two Leads) share an e-mail
//   MKTO_LEAD_DUP_EMAIL (error)            two Marketo leads share an e-mail: upsert by e-mail fails
//   MKTO_LEAD_UNLINKED_EMAIL_MATCH (info)  a Marketo lead without externalPersonId matches by e-mail
//   MKTO_LEAD_EMAIL_NORMALIZED_ONLY (warning) ... but only after trimming / lower-casing
//   MKTO_LEAD_NO_SF_MATCH (info)           a Marketo-only lead (left untouched)
//   MKTO_PERSON_NOT_IN_SF (warning)        externalPersonId names no Salesforce Contact/Lead
class PeopleAudit final
{
    Q_DECLARE_TR_FUNCTIONS(msi::checks::PeopleAudit)
public:
    static Findings run(const RecordIndex &index);

private:
    static void salesforceEmails(const RecordIndex &index, Findings *out);
    static void marketoDuplicates(const RecordIndex &index, Findings *out);
    static void marketoMatches(const RecordIndex &index, Findings *out);
};

} // namespace msi::checks
