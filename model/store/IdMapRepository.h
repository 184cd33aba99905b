#pragma once

#include "store/StoreTypes.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace msi::store {

class Workspace;

struct IdMapping
{
    Entity entity = Entity::Person;
    QString salesforceId; // always the 18-character form
    qint64 marketoId = 0;
    qint64 runId = 0;     // the run that learned it; 0 when unknown
};

// Table `id_map`: which Marketo record each Salesforce record became. One Salesforce ID maps to
// one Marketo id per entity and vice versa (a unique index refuses a second claim).
class IdMapRepository final
{
    Q_DECLARE_TR_FUNCTIONS(msi::store::IdMapRepository)
public:
    explicit IdMapRepository(Workspace &workspace);

    // Stores (or replaces) all mappings in one transaction. Salesforce IDs are validated and
    // stored in 18-character form; an invalid ID or a Marketo id already claimed by another
    // Salesforce record fails the whole call with an error naming both records.
    bool put(const QList<IdMapping> &mappings, QString *error = nullptr);
    std::optional<qint64> marketoId(Entity entity, const QString &salesforceId) const;
    std::optional<QString> salesforceId(Entity entity, qint64 marketoId) const;
    // Salesforce ID (18) -> Marketo id, for the given IDs (any form); unknown IDs are absent.
    QHash<QString, qint64> marketoIds(Entity entity, const QStringList &salesforceIds) const;
    qint64 count(Entity entity) const;
    bool remove(Entity entity, const QString &salesforceId, QString *error = nullptr);

private:
    Workspace &m_workspace;
};

} // namespace msi::store
