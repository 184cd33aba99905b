#include "store/UsageLedger.h"

#include "store/Logging.h"
#include "store/Workspace.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

namespace msi::store {

namespace {

QTimeZone zoneOf(System system)
{
    if (system == System::Marketo) {
        const QTimeZone central(QByteArrayLiteral("America/Chicago"));
        if (central.isValid())
            return central;
        return QTimeZone(-6 * 3600); // no tz database: Central Standard Time
    }
    return QTimeZone::utc();
}

} // namespace

UsageLedger::UsageLedger(Workspace &workspace)
    : m_workspace(workspace)
{
}

QDate UsageLedger::quotaDay(System system, const QDateTime &moment)
{
    return moment.toTimeZone(zoneOf(system)).date();
}

QDateTime UsageLedger::quotaResetAfter(System system, const QDateTime &moment)
{
    const QDate next = quotaDay(system, moment).addDays(1);
    return QDateTime(next, QTime(0, 0), zoneOf(system)).toUTC();
}

bool UsageLedger::addCalls(System system, int calls, const QDateTime &moment, QString *error)
{
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral(
        "INSERT INTO usage_ledger (system, day, calls) VALUES (?, ?, ?) "
        "ON CONFLICT (system, day) DO UPDATE SET calls = calls + excluded.calls"));
    query.addBindValue(nameOf(system));
    query.addBindValue(quotaDay(system, moment).toString(Qt::ISODate));
    query.addBindValue(calls);
    if (query.exec())
        return true;
    qCWarning(lcStore) << "usage ledger:" << query.lastError().text();
    if (error)
        *error = query.lastError().text();
    return false;
}

qint64 UsageLedger::callsOn(System system, const QDate &day) const
{
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral("SELECT calls FROM usage_ledger WHERE system = ? AND day = ?"));
    query.addBindValue(nameOf(system));
    query.addBindValue(day.toString(Qt::ISODate));
    if (query.exec() && query.next())
        return query.value(0).toLongLong();
    return 0;
}

qint64 UsageLedger::callsToday(System system) const
{
    return callsOn(system, quotaDay(system, QDateTime::currentDateTimeUtc()));
}

} // namespace msi::store
