#pragma once

#include "net/ApiError.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QList>
#include <QStringList>

namespace msi::salesforce {

struct RecordError final
{
    QString statusCode; // FIELD_CUSTOM_VALIDATION_EXCEPTION, UNABLE_TO_LOCK_ROW, ...
    QString message;
    QStringList fields;
};

// One input record of a composite update, mapped back by position.
struct UpdateOutcome final
{
    Q_DECLARE_TR_FUNCTIONS(msi::salesforce::UpdateOutcome)
public:
    int index = -1;
    QString id;
    bool success = false;
    bool sent = false;           // false: the run stopped before this record was sent
    QList<RecordError> errors;
    net::ApiError requestError;  // the whole call failed
    int attempts = 0;            // calls that carried this record (lock retries add more)

    bool isRowLock() const;
    // "0035g00000P2aaaAAA failed: FIELD_CUSTOM_VALIDATION_EXCEPTION ... (fields: Priority__c)"
    QString message() const;
    // Maps one call's response array (request order) to its inputs.
    static QList<UpdateOutcome> mapBatch(const QList<int> &indices, const QStringList &ids,
                                         const QJsonArray &response);
};

struct UpdateReport final
{
    Q_DECLARE_TR_FUNCTIONS(msi::salesforce::UpdateReport)
public:
    QList<UpdateOutcome> outcomes;  // one per input, input order
    net::ApiError error;            // the request-level error that stopped the run
    int calls = 0;

    int updated() const;
    int failed() const;
    QStringList failedIds() const;  // every record not updated (the retry list)
    QString summary() const;        // "2 updated, 1 failed"
};

} // namespace msi::salesforce
