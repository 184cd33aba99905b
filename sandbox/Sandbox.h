#pragma once

#include "sandbox/SandboxOptions.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <memory>

class QTimer;

namespace msi::sandbox {

class FaultInjector;
class MarketoSchema;
class MarketoServer;
class MarketoState;
class MsiActivity;
class OrgState;
class SalesforceSchema;
class SalesforceServer;
class SandboxClock;
struct HttpReply;
struct HttpRequest;

// The emulated Salesforce org and Marketo instance on 127.0.0.1, in-process. Used by the
// msi-bridge-sandbox executable, the GUI (embedded default) and integration tests.
class Sandbox final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Sandbox)
public:
    explicit Sandbox(QObject *parent = nullptr);
    ~Sandbox() override;

    bool start(const SandboxOptions &options, QString *error = nullptr);
    bool isRunning() const;
    const SandboxOptions &options() const { return m_options; }

    QUrl salesforceUrl() const;   // http://127.0.0.1:PORT (login host == instance_url host)
    QUrl marketoUrl() const;      // http://127.0.0.1:PORT (REST under /rest/v1, identity under /identity)
    static QString clientId();    // "sandbox-client" (both systems)
    static QString clientSecret();// "sandbox-secret"

    // ---- admin helpers for tests (also reachable over HTTP under /sandbox/admin/) ----
    // Edits a Salesforce record's fields (no validation) and advances its SystemModstamp to now.
    bool editSalesforceRecord(const QString &id, const QJsonObject &fields, QString *error = nullptr);
    QJsonObject salesforceRecord(const QString &id) const;   // stored form, {} when unknown
    QJsonArray salesforceRecords(const QString &type) const; // stored form, e.g. "Contact"
    // entity: leads, companies, salespersons, opportunities, opportunityRoles. Leads show their
    // MSI fields as of now (the simulated activity included).
    QJsonArray marketoRecords(const QString &entity) const;
    bool setFaults(const QString &spec, quint32 seed, QString *error = nullptr);
    void advanceClock(qint64 seconds);
    QDateTime now() const;
    void expireTokens(); // both systems' access tokens expire now
    int marketoCallsToday() const;
    // Changes the daily quota now (e.g. a test granting a few more calls instead of a new day).
    void setMarketoDailyQuota(int calls);
    int salesforceApiUsage() const;
    bool saveState(QString *error = nullptr); // writes --state now (also done after every write)

    // The four lines the executable prints before serving.
    QStringList startupLines() const;

private:
    bool seed(QString *error);
    HttpReply admin(const HttpRequest &request);
    void scheduleSave();
    QJsonObject stateJson() const;

    SandboxOptions m_options;
    std::unique_ptr<SandboxClock> m_clock;
    std::unique_ptr<FaultInjector> m_faults;
    std::unique_ptr<OrgState> m_org;
    std::unique_ptr<MarketoState> m_marketo;
    std::unique_ptr<SalesforceSchema> m_sfSchema;
    std::unique_ptr<MarketoSchema> m_mkSchema;
    std::unique_ptr<MsiActivity> m_activity;
    SalesforceServer *m_salesforce = nullptr;
    MarketoServer *m_marketoServer = nullptr;
    QTimer *m_saveTimer = nullptr;
};

} // namespace msi::sandbox
