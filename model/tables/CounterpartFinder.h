#pragma once

#include "store/StoreTypes.h"
#include "tables/RecordKinds.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QThreadPool>

namespace msi::store {
class Workspace;
}

namespace msi::tables {

// The record on the other side of a link, or why there is none.
struct Counterpart
{
    enum class Status { Found, Missing };
    Status status = Status::Missing;
    store::System system = store::System::Marketo; // the side it is (or would be) on
    QString objectType;
    QString recordKey;
    // One sentence for the admin: "No counterpart in Marketo: ..." or a note on a found link
    // (e.g. linked through a legacy 15-character ID); empty for a plain match.
    QString message;
    bool found() const { return status == Status::Found; }
};

// Finds the counterpart of a record through the external IDs MSI uses (externalSalesPersonId,
// externalCompanyId, externalPersonId, externalOpportunityId; roles through their opportunity and
// lead). IDs compare as Salesforce IDs: the 18-character form case-insensitively, a 15-character
// value through its 18-character form (reported as a legacy link). find() runs the lookup on a
// worker thread and emits found(); lookup() is the same, synchronous.
class CounterpartFinder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CounterpartFinder)
public:
    explicit CounterpartFinder(store::Workspace &workspace, QObject *parent = nullptr);
    ~CounterpartFinder() override;

    // Only the answer to the latest request is emitted.
    void find(RecordKind kind, store::System from, const QJsonObject &record);

    static Counterpart lookup(store::Workspace &workspace, RecordKind kind, store::System from,
                              const QJsonObject &record);

signals:
    void found(const msi::tables::Counterpart &counterpart);

private:
    store::Workspace &m_workspace;
    QThreadPool m_pool;
    quint64 m_request = 0;
};

} // namespace msi::tables

Q_DECLARE_METATYPE(msi::tables::Counterpart)
