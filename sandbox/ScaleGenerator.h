#pragma once

#include <QtGlobal>

namespace msi::sandbox {

class MarketoState;
class OrgState;

// A deterministic generated org of about N people (same N, same data): half Contacts, half
// Leads, with proportional Users, Accounts, Opportunities and OpportunityContactRoles, checksum-
// valid 18-character ids, and a Marketo instance where ~10 % of the people already exist as
// unlinked web-form leads (same e-mail) plus a pilot sales person and company.
class ScaleGenerator final
{
public:
    struct Counts {
        int users = 0, accounts = 0, contacts = 0, leads = 0, opportunities = 0, roles = 0, marketoLeads = 0;
    };
    static Counts generate(int people, OrgState *org, MarketoState *marketo);
};

} // namespace msi::sandbox
