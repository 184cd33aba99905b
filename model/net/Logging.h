#pragma once
#include <QLoggingCategory>

// msibridge.net: the HTTP job layer. Never log tokens or secrets: pass URLs and texts through
// msi::net::Redactor first.
Q_DECLARE_LOGGING_CATEGORY(lcNet)
