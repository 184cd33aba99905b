#pragma once
#include <QLoggingCategory>

// msibridge.salesforce: the Salesforce REST client. Never log tokens, codes or secrets.
Q_DECLARE_LOGGING_CATEGORY(lcSalesforce)
