#pragma once

#include "marketo/MarketoObject.h"
#include "net/ApiError.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>

namespace msi::marketo {

struct RecordReason final
{
    QString code;    // "1007"
    QString message; // "Multiple lead match lookup criteria"
};

// What happened to one input record of a sync call, mapped back to it by position (or by seq).
struct SyncOutcome final
{
    Q_DECLARE_TR_FUNCTIONS(msi::marketo::SyncOutcome)
public:
    enum class Status {
        Created,
        Updated,
        Skipped,   // Marketo refused this record: reasons say why
        Failed,    // its call failed as a whole (requestError), or the record was not sendable
        NotSent,   // never sent because the run stopped first (e.g. 607); resumable
    };

    int index = -1;            // position in the caller's input list
    Status status = Status::NotSent;
    QJsonValue id;             // Marketo integer id, or marketoGUID for opportunities and roles
    QList<RecordReason> reasons;
    net::ApiError requestError;

    bool succeeded() const { return status == Status::Created || status == Status::Updated; }
    static QString statusName(Status status);
    // "lead b@example.com / 0035g00000P2aaaAAA skipped: 1007 Multiple lead match lookup criteria"
    QString message(MarketoObject object, const QJsonObject &input) const;

    // Maps one batch's result[] to its inputs. inputIndices[i] is the caller's index of the
    // batch's i-th record. Entries carry seq (the position in the batch) when Marketo sends it;
    // otherwise position i. Inputs with no entry are Failed ("no result for this record").
    static QList<SyncOutcome> mapBatch(const QList<int> &inputIndices, const QJsonArray &result);
};

// Everything one sync() call did, one outcome per input record, in input order.
struct SyncReport final
{
    Q_DECLARE_TR_FUNCTIONS(msi::marketo::SyncReport)
public:
    MarketoObject object = MarketoObject::Lead;
    QList<SyncOutcome> outcomes;
    net::ApiError error;   // the request-level error that stopped the run, if any
    int calls = 0;         // HTTP requests sent (retries included)
    int rateLimitWaits = 0;   // 606 waits
    int concurrencyWaits = 0; // 615 back-offs

    int count(SyncOutcome::Status status) const;
    bool complete() const { return !error.isError() && count(SyncOutcome::Status::NotSent) == 0
                                   && count(SyncOutcome::Status::Failed) == 0; }
    bool quotaExhausted() const { return error.kind == net::ApiError::Kind::QuotaExhausted; }
    // Inputs to send again later (NotSent and Failed), e.g. after the quota resets.
    QList<int> pendingIndices() const;
    // "298 created, 1 updated, 1 skipped" (+ failed / not sent when any).
    QString summary() const;
};

} // namespace msi::marketo
