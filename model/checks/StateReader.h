#pragma once

#include "checks/SystemState.h"
#include "net/ApiError.h"

#include <QObject>
#include <QSet>

#include <functional>
#include <memory>

namespace msi::salesforce { class SalesforceClient; }
namespace msi::marketo { class MarketoClient; }

namespace msi::checks {

// Reads, through the API clients, what the diagnosis of one record needs from both live systems
// into a SystemState: the record found by ID, e-mail or name; its account, contacts,
// opportunities, contact roles and owners; the Lead/Contact describe of the integration user; and
// from Marketo the leads under the people's external IDs (18- and 15-character) and e-mails, the
// sales persons, companies, opportunities and roles under theirs. MsiDiagnosis then runs on the
// result exactly as on a seed. Asynchronous; `done` is called once, on this object's thread.
class StateReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StateReader)
public:
    struct Result
    {
        SystemState state;
        net::ApiError error;   // the first call that failed; the state is then incomplete
        int salesforceCalls = 0;
        int marketoCalls = 0;
    };

    StateReader(salesforce::SalesforceClient *salesforce, marketo::MarketoClient *marketo,
                QObject *parent = nullptr);
    ~StateReader() override;

    void read(const QString &query, std::function<void(const Result &)> done);
    // The sales person the sync sends for queue-owned records (18-character User ID): read with
    // the owners when a queue owns a record, and kept in the state for the diagnosis.
    void setFallbackSalesPerson(const QString &userId18) { m_fallbackSalesPerson = userId18; }

private:
    struct Run;
    void describe(const std::shared_ptr<Run> &run);
    void findTarget(const std::shared_ptr<Run> &run);
    void expand(const std::shared_ptr<Run> &run);
    void readOwnersAndContacts(const std::shared_ptr<Run> &run);
    void readMarketo(const std::shared_ptr<Run> &run);
    void query(const std::shared_ptr<Run> &run, const QString &soql,
               QList<QJsonObject> SystemState::*list);
    void marketoQuery(const std::shared_ptr<Run> &run, int object, const QString &filterType,
                      const QStringList &values, const QStringList &fields,
                      QList<QJsonObject> SystemState::*list);
    void finishStep(const std::shared_ptr<Run> &run);
    QString fields(const QString &object, const std::shared_ptr<Run> &run) const;

    salesforce::SalesforceClient *m_salesforce;
    marketo::MarketoClient *m_marketo;
    QString m_fallbackSalesPerson;
};

} // namespace msi::checks
