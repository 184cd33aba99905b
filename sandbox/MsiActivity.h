#pragma once

#include <QJsonObject>
#include <QtGlobal>

namespace msi::sandbox {

class SandboxClock;

// Simulated engagement that moves MSI's read-only lead fields over time. Every lead has
// deterministic "interesting moments" in hourly slots after the sandbox's start (about one a day,
// from a hash of lead id, slot and seed). Until a lead's first simulated moment the seeded values
// stand; after it, msiLastInterestingMoment*, priority, relativeUrgency and relativeScoring
// follow the moments. Same seed + same elapsed sandbox time = same values.
class MsiActivity final
{
public:
    MsiActivity(const SandboxClock &clock, quint32 seed) : m_clock(clock), m_seed(seed) {}

    void setStartMs(qint64 startMs) { m_startMs = startMs; }
    qint64 startMs() const { return m_startMs; }
    // The lead with its MSI fields as of now.
    QJsonObject overlay(const QJsonObject &lead) const;

private:
    quint32 hash(qint64 leadId, qint64 slot, quint32 salt) const;
    bool hasMoment(qint64 leadId, qint64 slot) const;

    const SandboxClock &m_clock;
    quint32 m_seed;
    qint64 m_startMs = 0;
};

} // namespace msi::sandbox
