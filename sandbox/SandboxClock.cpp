#include "sandbox/SandboxClock.h"

#include <QTimeZone>

namespace msi::sandbox {

SandboxClock::SandboxClock(QObject *parent) : QObject(parent) {}

qint64 SandboxClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch() + m_offsetMs;
}

void SandboxClock::advance(qint64 milliseconds)
{
    if (milliseconds <= 0)
        return;
    m_offsetMs += milliseconds;
    emit advanced(milliseconds);
}

QString SandboxClock::salesforceDateTime(const QDateTime &utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + u"+0000";
}

QString SandboxClock::marketoDateTime(const QDateTime &utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + u'Z';
}

} // namespace msi::sandbox
