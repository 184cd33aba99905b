#include "setup/Logging.h"

Q_LOGGING_CATEGORY(lcSetup, "msibridge.setup", QtInfoMsg)
