#include "core/Logging.h"

Q_LOGGING_CATEGORY(lcCore, "msibridge.core", QtInfoMsg)
