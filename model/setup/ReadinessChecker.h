#pragma once

#include "marketo/LeadSchema.h"
#include "setup/ReadinessCheck.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

namespace msi::salesforce {
class SalesforceClient;
}
namespace msi::marketo {
class MarketoClient;
}

namespace msi::setup {

// What the readiness run read, kept for the mapping proposal (no second round of calls).
struct SchemaSnapshot
{
    QHash<QString, QJsonObject> salesforceDescribes; // sObject name -> describe
    marketo::LeadSchema marketoLeads;                // leads/describe2
    QHash<QString, QJsonObject> marketoDescribes;    // "companies", "opportunities", ... -> result[0]
};

// Runs every readiness check against the live systems, in parallel, and reports each verdict as
// it arrives (checkChanged) and once at the end (finished). Read-only on both sides: the native
// CRM sync probe asks Marketo to delete a company and an opportunity whose external IDs cannot
// exist ("msi-bridge-readiness-probe-..."), which Marketo answers with 1013 "not found" — or with
// 1018 "CRM Enabled" when native sync has disabled those APIs.
class ReadinessChecker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReadinessChecker)
public:
    ReadinessChecker(salesforce::SalesforceClient *salesforce, marketo::MarketoClient *marketo,
                     QObject *parent = nullptr);

    // Marketo's daily quota of this instance (not readable over the API; 50,000 is typical).
    void setMarketoDailyQuota(int quota) { m_marketoQuota = quota; }
    void start();
    bool isRunning() const { return m_outstanding > 0; }
    const ReadinessReport &report() const { return m_report; }
    const SchemaSnapshot &schema() const { return m_schema; }

    // The Salesforce objects the sync reads; Lead and Contact are also written (MSI values).
    static QStringList salesforceObjects();

signals:
    void checkChanged(const msi::setup::ReadinessCheck &check);
    void finished(const msi::setup::ReadinessReport &report);

private:
    void set(ReadinessItem item, Verdict verdict, const QString &detail, const QString &fix = {});
    void begin() { ++m_outstanding; }
    void end();

    void checkSalesforceObjects();
    void concludeSalesforceObjects();
    void concludeMsiFields(ReadinessItem item, const QString &object);
    void checkSalesforceQuota();
    void checkMarketoObjects();
    void concludeMarketoObjects();
    void checkNativeCrmSync();
    void checkMarketoQuota();

    QPointer<salesforce::SalesforceClient> m_salesforce;
    QPointer<marketo::MarketoClient> m_marketo;
    int m_marketoQuota = 50000;
    int m_outstanding = 0;
    int m_generation = 0;
    ReadinessReport m_report;
    SchemaSnapshot m_schema;
    QHash<QString, QString> m_salesforceErrors; // object -> error message
    QHash<QString, QString> m_marketoErrors;    // REST path -> error message
    QHash<QString, QString> m_crmProbe;         // REST path -> "1018", "1013", or an error
};

} // namespace msi::setup
