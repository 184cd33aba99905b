#include "checks/Logging.h"

Q_LOGGING_CATEGORY(lcChecks, "msibridge.checks", QtInfoMsg)
