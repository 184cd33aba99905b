#include "net/Backoff.h"

#include <QRandomGenerator>

#include <algorithm>

namespace msi::net {

qint64 Backoff::delayMs(int attempt, qint64 baseMs, qint64 maxMs, double random01)
{
    attempt = std::max(1, attempt);
    baseMs = std::max<qint64>(0, baseMs);
    maxMs = std::max(baseMs, maxMs);
    qint64 ceiling = baseMs;
    for (int i = 1; i < attempt && ceiling < maxMs; ++i)
        ceiling *= 2;
    ceiling = std::min(ceiling, maxMs);
    random01 = std::clamp(random01, 0.0, 1.0);
    const qint64 half = ceiling / 2;
    return half + qint64(double(ceiling - half) * random01);
}

qint64 Backoff::delayMs(int attempt, qint64 baseMs, qint64 maxMs)
{
    return delayMs(attempt, baseMs, maxMs, QRandomGenerator::global()->generateDouble());
}

} // namespace msi::net
