#pragma once

#include <QString>

namespace msi::store { struct RunInfo; }

namespace msi::sync {

// How a journaled run ended, named with the keys of `sync --json` (RunResult::statusKey:
// succeeded, findings, usage, connection, quota, cancelled) plus running and interrupted for runs
// that did not end. The engine keeps the key with the run (runs.result); runs journaled before
// are named from their journal status and outcome counts (any blocked, failed, skipped or
// deferred record: findings). Used by `msi-bridge-cli runs` and the GUI's History panel.
class RunStatusKey final
{
public:
    static QString of(const store::RunInfo &run);
};

} // namespace msi::sync
