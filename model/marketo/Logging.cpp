#include "marketo/Logging.h"

Q_LOGGING_CATEGORY(lcMarketo, "msibridge.marketo", QtInfoMsg)
