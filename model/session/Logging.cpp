#include "session/Logging.h"

Q_LOGGING_CATEGORY(lcSession, "msibridge.session", QtInfoMsg)
