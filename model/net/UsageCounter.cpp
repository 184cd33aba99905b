#include "net/UsageCounter.h"

#include <QDateTime>
#include <QTimeZone>

namespace msi::net {

UsageCounter::UsageCounter(const QString &system, DayFunction today, QObject *parent)
    : QObject(parent), m_system(system)
{
    if (today)
        m_today = std::move(today);
    else if (system == u"marketo")
        m_today = &UsageCounter::marketoToday;
    else
        m_today = [] { return QDateTime::currentDateTimeUtc().date(); };
}

std::shared_ptr<UsageCounter> UsageCounter::forSystem(const QString &system)
{
    static QMutex registryMutex;
    static QHash<QString, std::weak_ptr<UsageCounter>> registry;
    QMutexLocker lock(&registryMutex);
    if (auto existing = registry.value(system).lock())
        return existing;
    auto counter = std::make_shared<UsageCounter>(system);
    registry.insert(system, counter);
    return counter;
}

QDate UsageCounter::marketoToday()
{
    QTimeZone central(QByteArrayLiteral("America/Chicago"));
    if (!central.isValid())
        central = QTimeZone(-6 * 3600);
    return QDateTime::currentDateTimeUtc().toTimeZone(central).date();
}

void UsageCounter::record(int calls)
{
    const QDate day = m_today();
    int total = 0;
    {
        QMutexLocker lock(&m_mutex);
        total = (m_calls[day] += calls);
    }
    emit callsChanged(m_system, day, total);
}

int UsageCounter::callsOn(const QDate &day) const
{
    QMutexLocker lock(&m_mutex);
    return m_calls.value(day);
}

int UsageCounter::callsToday() const
{
    return callsOn(m_today());
}

} // namespace msi::net
