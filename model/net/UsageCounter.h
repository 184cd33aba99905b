#pragma once

#include <QDate>
#include <QHash>
#include <QMutex>
#include <QObject>

#include <functional>
#include <memory>

namespace msi::net {

// Counts API calls used per system per day ("salesforce", "marketo"), so the store can record
// them in its usage ledger: connect to callsChanged. Thread-safe; one shared counter per system
// (forSystem). Marketo's day runs on US Central time (its quota resets there); other systems use
// the UTC date.
class UsageCounter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsageCounter)
public:
    using DayFunction = std::function<QDate()>;
    explicit UsageCounter(const QString &system, DayFunction today = DayFunction(),
                          QObject *parent = nullptr);

    static std::shared_ptr<UsageCounter> forSystem(const QString &system);
    static QDate marketoToday();

    QString system() const { return m_system; }
    void record(int calls = 1);
    int callsOn(const QDate &day) const;
    int callsToday() const;

signals:
    void callsChanged(const QString &system, const QDate &day, int callsThatDay);

private:
    const QString m_system;
    DayFunction m_today;
    mutable QMutex m_mutex;
    QHash<QDate, int> m_calls;
};

} // namespace msi::net
