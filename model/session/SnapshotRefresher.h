#pragma once

#include "store/StoreTypes.h"
#include "sync/SyncEngine.h"

#include <QObject>
#include <QSet>
#include <QStringList>
#include <atomic>
#include <memory>

namespace msi::store { class Workspace; }

namespace msi::session {

// Reads what the admin looks at into the workspace snapshots: every Salesforce record of the six
// objects (full read), then Marketo's sales persons, companies, leads (by externalPersonId and by
// e-mail), opportunities and roles that belong to them. Reads only; nothing is written to either
// system. Lives in a worker thread (RefreshController). Given record IDs, it reads only those
// Salesforce records (and the Marketo records that belong to them): the re-check after a Fix.
class SnapshotRefresher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SnapshotRefresher)
public:
    struct Result
    {
        bool ok = false;
        QString message;          // plain words, naming what failed
        bool quotaExhausted = false; // a daily API quota stopped the read
        int salesforceRecords = 0;
        int marketoRecords = 0;
        int marketoCalls = 0;
    };

    SnapshotRefresher(QString workspacePath, sync::EngineConnection connection,
                      QSet<QString> onlyRecords = {}, QObject *parent = nullptr);
    ~SnapshotRefresher() override;

    void start();
    void requestCancel() { m_cancel.store(true); }

signals:
    void phaseChanged(const QString &text);
    void finished(const msi::session::SnapshotRefresher::Result &result);

private:
    void readSalesforce(int step);
    void readSalesforceChunk(int step, const QStringList &fields, const QStringList &ids,
                             int offset);
    void readDescribes(int step);
    void readMarketo(int step);
    void countCalls(store::System system, int calls);
    void finish(bool ok, const QString &message);
    QStringList idsOf(const QString &objectType, const QString &field) const;

    QString m_workspacePath;
    sync::EngineConnection m_connection;
    QSet<QString> m_only; // 18-character IDs; empty: every record
    std::atomic<bool> m_cancel{false};
    std::unique_ptr<store::Workspace> m_workspace;
    salesforce::SalesforceClient *m_salesforce = nullptr;
    marketo::MarketoClient *m_marketo = nullptr;
    Result m_result;
    bool m_done = false;
};

} // namespace msi::session

Q_DECLARE_METATYPE(msi::session::SnapshotRefresher::Result)
