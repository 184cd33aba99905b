#pragma once
#include <QLoggingCategory>

// The workspace store's logging category (style rule 7). Record contents are never logged.
Q_DECLARE_LOGGING_CATEGORY(lcStore)
