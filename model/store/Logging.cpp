#include "store/Logging.h"

Q_LOGGING_CATEGORY(lcStore, "msibridge.store", QtInfoMsg)
