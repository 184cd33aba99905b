#pragma once

#include "sync/SyncPlan.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>

namespace msi::sync {

// Marketo calls a run needs per stage, against what is left of today's quota. Writes go in
// batches of at most batchSize records: a stage with n writes needs ceil(n / batchSize) calls
// (people: one more when some updates must go by Marketo id). Stage 6 reads the MSI values of
// every linked person (ceil(people / batchSize)) and writes Salesforce, not Marketo.
struct QuotaEstimate
{
    Q_DECLARE_TR_FUNCTIONS(msi::sync::QuotaEstimate)
public:
    struct StageCalls
    {
        Stage stage = Stage::SalesPersons;
        int records = 0;        // records to write
        int marketoCalls = 0;   // calls needed (writes, or reads for stage 6)
        int minimumCalls = 0;   // ceil(records / batchSize)
    };
    QList<StageCalls> stages;
    int totalCalls = 0;
    qint64 dailyQuota = 0;
    qint64 usedToday = 0;
    qint64 salesforceUsedToday = 0; // Salesforce REST calls recorded today (its own daily limit)
    QDateTime resetsAt;         // when today's quota comes back (UTC)

    qint64 remaining() const { return qMax<qint64>(0, dailyQuota - usedToday); }
    bool fits() const { return totalCalls <= remaining(); }
    static int callsFor(int records, int batchSize);
    // linkedPeople: people with a Marketo lead after stage 3 (for the stage 6 read).
    static QuotaEstimate forPlan(const SyncPlan &plan, const QList<Stage> &stages, int batchSize,
                                 int linkedPeople);
    QJsonObject toJson() const;
    // "Marketo calls needed: 4 (sales persons 1, ...); 49,990 of 50,000 left today"
    QString summary() const;
};

// Records done per second and the time left, from the moments records were finished.
class ProgressMeter final
{
public:
    void start(int total, qint64 nowMs);
    void advance(int done, qint64 nowMs);
    int done() const { return m_done; }
    int total() const { return m_total; }
    double ratePerSecond() const;
    // -1 when unknown (nothing done yet).
    qint64 etaMs() const;

private:
    int m_total = 0;
    int m_done = 0;
    qint64 m_startMs = 0;
    qint64 m_nowMs = 0;
};

} // namespace msi::sync
