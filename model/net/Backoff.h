#pragma once

#include <QtGlobal>

namespace msi::net {

// Jittered exponential back-off ("equal jitter"): attempt n (1-based) waits a random time in
// [d/2, d] where d = min(maxMs, baseMs * 2^(n-1)). Spreading the waits keeps parallel workers
// from retrying in lock-step.
class Backoff final
{
public:
    // random01 in [0, 1); pass a fixed value in tests.
    static qint64 delayMs(int attempt, qint64 baseMs, qint64 maxMs, double random01);
    // Same, with a random value from QRandomGenerator::global().
    static qint64 delayMs(int attempt, qint64 baseMs, qint64 maxMs);
};

} // namespace msi::net
