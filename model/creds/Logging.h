#pragma once
#include <QLoggingCategory>

// The credentials subsystem's logging category. Never log a secret; keys (workspace, profile,
// kind) are fine.
Q_DECLARE_LOGGING_CATEGORY(lcCreds)
