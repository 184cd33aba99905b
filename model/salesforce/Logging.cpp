#include "salesforce/Logging.h"

Q_LOGGING_CATEGORY(lcSalesforce, "msibridge.salesforce", QtInfoMsg)
