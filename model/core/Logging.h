#pragma once
#include <QLoggingCategory>

// One logging category per subsystem (style rule 7). Never log tokens or secrets.
Q_DECLARE_LOGGING_CATEGORY(lcCore)
