#include "creds/Logging.h"

Q_LOGGING_CATEGORY(lcCreds, "msibridge.creds", QtInfoMsg)
