#pragma once

#include "store/StoreTypes.h"

#include <QDate>
#include <QDateTime>

namespace msi::store {

class Workspace;

// Table `usage_ledger`: API calls per system and quota day, so the daily budget survives restarts.
// A Marketo quota day runs midnight to midnight US Central time (America/Chicago), the time at
// which Marketo resets the daily quota; a Salesforce day is a UTC day.
class UsageLedger final
{
public:
    explicit UsageLedger(Workspace &workspace);

    // The quota day that contains the given moment.
    static QDate quotaDay(System system, const QDateTime &moment);
    // When the quota day containing the given moment ends (UTC).
    static QDateTime quotaResetAfter(System system, const QDateTime &moment);

    bool addCalls(System system, int calls, const QDateTime &moment = QDateTime::currentDateTimeUtc(),
                  QString *error = nullptr);
    qint64 callsOn(System system, const QDate &day) const;
    qint64 callsToday(System system) const;

private:
    Workspace &m_workspace;
};

} // namespace msi::store
