#pragma once
#include <QLoggingCategory>

// msibridge.setup: the first-run setup (connection checks, readiness, first dry run).
// Never log tokens or secrets.
Q_DECLARE_LOGGING_CATEGORY(lcSetup)
