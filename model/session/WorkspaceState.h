#pragma once

#include "checks/SystemState.h"

#include <QCoreApplication>
#include <QFuture>
#include <QString>

namespace msi::session {

// Loads the workspace snapshots of both systems as one checks::SystemState, so the checks and the
// diagnosis run on what was last read. load() opens its own store connection: call it from any
// thread; loadAsync() runs it on the thread pool so the GUI never waits on it.
class WorkspaceState final
{
    Q_DECLARE_TR_FUNCTIONS(msi::session::WorkspaceState)
public:
    static bool load(const QString &workspacePath, checks::SystemState *state, QString *error);
    // The fallback sales person the workspace's runs use (empty when none, or no workspace file).
    static QString fallbackSalesPerson(const QString &workspacePath);
    struct Loaded
    {
        checks::SystemState state;
        QString error;
        bool ok() const { return error.isEmpty(); }
    };
    static QFuture<Loaded> loadAsync(const QString &workspacePath);
};

} // namespace msi::session
