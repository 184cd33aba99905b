#include "checks/CheckSuite.h"

#include "checks/DescribeAudit.h"
#include "checks/EmailAudit.h"
#include "checks/IdAudit.h"
#include "checks/Logging.h"
#include "checks/PeopleAudit.h"
#include "checks/RecordIndex.h"
#include "checks/ReferenceAudit.h"

namespace msi::checks {

Findings CheckSuite::run(const SystemState &state, const CheckOptions &options)
{
    const RecordIndex index(state);
    Findings out = IdAudit::run(state);
    out += EmailAudit::run(index);
    out += PeopleAudit::run(index);
    out += ReferenceAudit::run(index, options.integrationUserTitles);
    out += DescribeAudit::run(state);
    qCDebug(lcChecks) << "checks found" << out.size() << "findings";
    return out;
}

Findings CheckSuite::runIds(const SystemState &state)
{
    return IdAudit::run(state);
}

} // namespace msi::checks
