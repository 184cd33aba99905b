#pragma once
#include <QLoggingCategory>

// One logging category per subsystem. Never log tokens or secrets.
Q_DECLARE_LOGGING_CATEGORY(lcSync)
