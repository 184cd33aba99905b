#include "tables/Logging.h"

Q_LOGGING_CATEGORY(lcTables, "msibridge.tables", QtInfoMsg)
