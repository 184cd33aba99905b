#pragma once
#include <QLoggingCategory>

// One logging category for the emulated servers. Never log tokens or secrets.
Q_DECLARE_LOGGING_CATEGORY(lcSandbox)
