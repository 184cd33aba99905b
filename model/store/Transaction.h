#pragma once

#include <QSqlDatabase>
#include <QString>

namespace msi::store {

// One SQLite transaction on a connection: begun by the constructor, rolled back by the
// destructor unless commit() succeeded. Uses BEGIN IMMEDIATE so that a writer takes the write
// lock up front and waits (busy timeout) instead of failing half-way on an upgrade.
class Transaction final
{
public:
    explicit Transaction(QSqlDatabase db);
    ~Transaction();
    Q_DISABLE_COPY_MOVE(Transaction)

    bool isActive() const { return m_active; }
    // Empty when begin succeeded.
    QString error() const { return m_error; }
    bool commit(QString *error = nullptr);
    void rollback();

private:
    QSqlDatabase m_db;
    bool m_active = false;
    QString m_error;
};

} // namespace msi::store
