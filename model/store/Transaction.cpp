#include "store/Transaction.h"

#include "store/Logging.h"

#include <QSqlError>
#include <QSqlQuery>

namespace msi::store {

Transaction::Transaction(QSqlDatabase db)
    : m_db(std::move(db))
{
    QSqlQuery begin(m_db);
    if (begin.exec(QStringLiteral("BEGIN IMMEDIATE")))
        m_active = true;
    else
        m_error = begin.lastError().text();
}

Transaction::~Transaction()
{
    if (m_active)
        rollback();
}

bool Transaction::commit(QString *error)
{
    if (!m_active) {
        if (error)
            *error = m_error;
        return false;
    }
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("COMMIT"))) {
        m_error = query.lastError().text();
        qCWarning(lcStore) << "commit failed:" << m_error;
        if (error)
            *error = m_error;
        rollback();
        return false;
    }
    m_active = false;
    return true;
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("ROLLBACK")))
        qCWarning(lcStore) << "rollback failed:" << query.lastError().text();
    m_active = false;
}

} // namespace msi::store
