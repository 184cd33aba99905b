#pragma once
#include <QLoggingCategory>

// msibridge.marketo: the Marketo REST client. Never log tokens or client secrets.
Q_DECLARE_LOGGING_CATEGORY(lcMarketo)
