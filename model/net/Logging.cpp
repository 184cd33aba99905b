#include "net/Logging.h"

Q_LOGGING_CATEGORY(lcNet, "msibridge.net", QtInfoMsg)
