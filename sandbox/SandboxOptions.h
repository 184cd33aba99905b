#pragma once

#include <QString>
#include <QtGlobal>

namespace msi::sandbox {

// Everything that shapes one sandbox run (ports, data, limits, faults, instance settings).
struct SandboxOptions {
    quint16 salesforcePort = 0;   // 0 = any free port
    quint16 marketoPort = 0;
    QString seedDir;              // empty = bundled sample org (":/sample-org")
    int scale = 0;                // >0: deterministic generated org of about N people
    QString stateFile;            // empty = in memory
    int marketoRateCalls = 100;
    int marketoRateWindowSeconds = 20;
    int marketoConcurrency = 10;
    int marketoDailyQuota = 50000;
    int marketoLatencyMs = 0;     // simulated processing time of every Marketo REST call
    int tokenTtlSeconds = 3600;   // both systems' access tokens
    QString faults;               // fault spec, see FaultInjector.h
    quint32 faultSeed = 1;
    bool msiNonNative = true;     // false: leads lack externalPersonId etc.
    bool nativeCrmSync = false;   // true: companies/opportunities/roles/sales persons answer 1018
    bool msiFieldsVisible = true; // false: FLS hides mkto_si__ fields from the integration user
    int salesforcePageSize = 2000;
    int salesforceDailyApiLimit = 15000; // Developer Edition allocation
};

} // namespace msi::sandbox
