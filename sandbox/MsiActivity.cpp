#include "sandbox/MsiActivity.h"

#include "sandbox/SandboxClock.h"

namespace msi::sandbox {

namespace {

constexpr qint64 kSlotMs = 3600 * 1000; // one hour
constexpr qint64 kLookBackSlots = 24 * 60;
constexpr quint32 kPerMille = 42;        // ~1 moment per day

struct Moment {
    const char16_t *type;
    const char16_t *source;
    const char16_t *desc;
};
const Moment kMoments[] = {
    {u"Web", u"Web", u"Visited web page: /products/standby-generators"},
    {u"Web", u"Web form fill", u"Filled out form: Request a Quote"},
    {u"Email", u"Email", u"Opened email: Monthly Power Newsletter"},
    {u"Email", u"Email", u"Clicked link in email: Service Plan Renewal"},
    {u"Milestone", u"Webinar", u"Attended webinar: Backup Power Planning"},
    {u"Web", u"Web", u"Downloaded: Generator Sizing Guide (PDF)"},
    {u"Milestone", u"Salesforce", u"Opportunity role added"},
};

} // namespace

quint32 MsiActivity::hash(qint64 leadId, qint64 slot, quint32 salt) const
{
    // SplitMix-style mixing; stable across platforms and runs.
    quint64 x = quint64(leadId) * 0x9E3779B97F4A7C15ULL ^ quint64(slot) * 0xC2B2AE3D27D4EB4FULL
        ^ (quint64(m_seed) << 32) ^ salt;
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBULL;
    x ^= x >> 31;
    return quint32(x);
}

bool MsiActivity::hasMoment(qint64 leadId, qint64 slot) const
{
    return hash(leadId, slot, 0) % 1000 < kPerMille;
}

QJsonObject MsiActivity::overlay(const QJsonObject &lead) const
{
    const qint64 elapsed = m_clock.nowMs() - m_startMs;
    if (elapsed < kSlotMs)
        return lead;
    const qint64 leadId = lead.value(u"id").toInteger();
    const qint64 current = elapsed / kSlotMs; // slots 1..current have happened
    qint64 last = 0;
    int lastWeek = 0;
    int total = 0;
    const qint64 from = qMax<qint64>(1, current - kLookBackSlots);
    for (qint64 slot = current; slot >= from; --slot) {
        if (!hasMoment(leadId, slot))
            continue;
        if (last == 0)
            last = slot;
        if (current - slot < 24 * 7)
            ++lastWeek;
        ++total;
    }
    if (last == 0)
        return lead;
    const Moment &m = kMoments[hash(leadId, last, 1) % (sizeof(kMoments) / sizeof(kMoments[0]))];
    const qint64 momentMs = m_startMs + last * kSlotMs + qint64(hash(leadId, last, 2) % 3600) * 1000;
    const int recent = current - last < 24 ? 1 : 0;
    const int urgency = qMin(5, lastWeek + recent);
    const int baseScore = lead.value(u"relativeScoring").isDouble() ? lead.value(u"relativeScoring").toInt()
                                                                      : int(hash(leadId, 0, 3) % 3);
    const int scoring = qMin(5, baseScore + total / 4);
    const int priority = qMin(99, urgency * 11 + scoring * 8 + int(hash(leadId, last, 4) % 10));
    QJsonObject result = lead;
    result.insert(u"msiLastInterestingMomentType"_qs, QString::fromUtf16(m.type));
    result.insert(u"msiLastInterestingMomentSource"_qs, QString::fromUtf16(m.source));
    result.insert(u"msiLastInterestingMomentDesc"_qs, QString::fromUtf16(m.desc));
    result.insert(u"msiLastInterestingMomentDate"_qs,
                  SandboxClock::marketoDateTime(QDateTime::fromMSecsSinceEpoch(momentMs, Qt::UTC)));
    result.insert(u"priority"_qs, priority);
    result.insert(u"relativeUrgency"_qs, urgency);
    result.insert(u"relativeScoring"_qs, scoring);
    const QString updated = SandboxClock::marketoDateTime(QDateTime::fromMSecsSinceEpoch(momentMs, Qt::UTC));
    if (lead.value(u"updatedAt").toString() < updated)
        result.insert(u"updatedAt"_qs, updated);
    return result;
}

} // namespace msi::sandbox
