#pragma once

#include <QDateTime>
#include <QObject>
#include <QTimeZone>

namespace msi::sandbox {

// The sandbox's notion of "now": wall-clock time plus an offset that tests and admins can move
// forward (token expiry, rate windows, daily quota, MSI activity all read this clock).
class SandboxClock final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxClock)
public:
    explicit SandboxClock(QObject *parent = nullptr);

    qint64 nowMs() const;
    QDateTime now() const { return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC); }
    qint64 offsetMs() const { return m_offsetMs; }
    void advance(qint64 milliseconds);
    void setOffsetMs(qint64 offsetMs) { m_offsetMs = offsetMs; }

    // Salesforce text form: 2024-05-14T09:12:33.000+0000
    static QString salesforceDateTime(const QDateTime &utc);
    // Marketo text form: 2024-05-14T09:12:33Z
    static QString marketoDateTime(const QDateTime &utc);

signals:
    void advanced(qint64 milliseconds);

private:
    qint64 m_offsetMs = 0;
};

} // namespace msi::sandbox
