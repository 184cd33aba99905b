#pragma once

#include "checks/Finding.h"
#include "checks/SystemState.h"

#include <QStringList>

namespace msi::checks {

struct CheckOptions
{
    // Users with one of these titles are treated as the integration user (SF_OWNER_INTEGRATION).
    QStringList integrationUserTitles{QStringLiteral("Integration User")};
};

// Every check the product can run before a sync, over one state, as one list: IDs, sales-person
// e-mails, people and e-mails, references, MSI field access. Pure logic, no network.
class CheckSuite final
{
public:
    static Findings run(const SystemState &state, const CheckOptions &options = {});
    // Only the ID audit (the `check ids` verb).
    static Findings runIds(const SystemState &state);
};

} // namespace msi::checks
