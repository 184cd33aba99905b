#include "sync/RunStatusKey.h"

#include "store/RunRepository.h"
#include "sync/RunOptions.h"

namespace msi::sync {

QString RunStatusKey::of(const store::RunInfo &run)
{
    if (!run.result.isEmpty())
        return run.result;
    switch (run.status) {
    case store::RunStatus::Running: return QStringLiteral("running");
    case store::RunStatus::Interrupted: return QStringLiteral("interrupted");
    case store::RunStatus::Cancelled:
        return RunResult::statusKey(RunResult::Status::Cancelled);
    case store::RunStatus::QuotaExhausted:
        return RunResult::statusKey(RunResult::Status::QuotaExhausted);
    case store::RunStatus::Failed:
        // A run is journaled only once the workspace opened: it failed on a connection.
        return RunResult::statusKey(RunResult::Status::Connection);
    case store::RunStatus::Succeeded:
        break;
    }
    for (const QJsonValue &stage : run.stageCounts) {
        const QJsonObject counts = stage.toObject();
        for (const store::Outcome outcome : {store::Outcome::Blocked, store::Outcome::Failed,
                                             store::Outcome::Skipped, store::Outcome::Deferred}) {
            if (counts.value(store::nameOf(outcome)).toInt() > 0)
                return RunResult::statusKey(RunResult::Status::Findings);
        }
    }
    return RunResult::statusKey(RunResult::Status::Succeeded);
}

} // namespace msi::sync
