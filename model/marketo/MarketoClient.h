#pragma once

#include "marketo/LeadSchema.h"
#include "marketo/MarketoCredentials.h"
#include "marketo/MarketoObject.h"
#include "marketo/SyncOutcome.h"
#include "net/HttpJob.h"

#include <QJsonArray>
#include <QObject>

#include <functional>
#include <memory>

namespace msi::net {
class RateLimiter;
class UsageCounter;
} // namespace msi::net

namespace msi::marketo {

class MarketoAuth;

struct SyncOptions final
{
    QString action = QStringLiteral("createOrUpdate"); // createOnly | updateOnly | createOrUpdate
    QString dedupeBy;     // non-lead objects; empty = "dedupeFields"
    QString lookupField;  // leads only; empty = Marketo's default (email)
    QString partitionName;
};

struct FilterReport final
{
    net::ApiError error;
    QList<QJsonObject> records;  // every page of every chunk, merged
    QStringList missingValues;   // asked-for values that matched no record (when the records
                                 // carry the filterType field; compared case-insensitively)
    QStringList valuesRead;      // values whose chunk was read to its last page (all of them
                                 // unless error is set): what a stopped read did not lose
    int calls = 0;
    int rateLimitWaits = 0;      // 606 waits
    int concurrencyWaits = 0;    // 615 back-offs
};

struct DescribeReport final
{
    net::ApiError error;
    QJsonArray result;
};

struct LeadSchemaReport final
{
    net::ApiError error;
    LeadSchema schema;
};

// The Marketo REST client used by the sync engine (one per thread; every call is asynchronous and
// answers through a callback on this object's thread). All calls share the instance's
// RateLimiter and the "marketo" UsageCounter; request-level errors are classified by
// net::ErrorClassifier and retried / waited out / stopped on as it says.
class MarketoClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MarketoClient)
public:
    MarketoClient(const MarketoCredentials &credentials, const MarketoSettings &settings = {},
                  QObject *parent = nullptr);
    ~MarketoClient() override;

    const MarketoSettings &settings() const { return m_settings; }
    std::shared_ptr<net::RateLimiter> rateLimiter() const { return m_limiter; }
    std::shared_ptr<net::UsageCounter> usageCounter() const { return m_usage; }
    MarketoAuth *auth() const { return m_auth; }

    // Gets a token now (a connection test); done(ApiError()) on success.
    void authenticate(std::function<void(const net::ApiError &)> done);

    // Sync (create/update) records in calls of <= 300 records and <= 1 MB. The report has one
    // outcome per input in input order. A request-level error stops the run: with 607 the rest is
    // NotSent (resumable, report.error says when the quota resets).
    void sync(MarketoObject object, const QList<QJsonObject> &records, const SyncOptions &options,
              std::function<void(const SyncReport &)> done);

    // Get by filterType/filterValues: values chunked by 300 and by URL length (or POST
    // _method=GET for values too long for any URL), each chunk paged with nextPageToken until
    // moreResult is false. fields may be empty (Marketo's defaults).
    void getByFilter(MarketoObject object, const QString &filterType, const QStringList &values,
                     const QStringList &fields, std::function<void(const FilterReport &)> done);

    // Get by compound key (opportunity roles: externalOpportunityId + leadId + role): POST
    // _method=GET with a JSON body, keys chunked by 300, each chunk paged until moreResult is
    // false. missingValues lists the keys (as "a|b|c") that matched nothing.
    void getByKeys(MarketoObject object, const QList<QJsonObject> &keys, const QStringList &fields,
                   std::function<void(const FilterReport &)> done);

    void describe(MarketoObject object, std::function<void(const DescribeReport &)> done);
    void describeLeads(std::function<void(const LeadSchemaReport &)> done); // describe2

    // Any other authenticated call (path under /rest, e.g. "v1/leads/delete.json").
    void request(const QByteArray &method, const QString &path, const QByteArray &query,
                 const QByteArray &body, const QByteArray &contentType, net::HttpJob::Callback done);

private:
    struct SyncRun;
    struct FilterRun;
    struct KeyRun;
    void send(net::HttpRequest request, net::HttpJob::Callback done);
    void sendNextBatch(const std::shared_ptr<SyncRun> &run);
    void sendNextPage(const std::shared_ptr<FilterRun> &run);
    void sendNextKeyPage(const std::shared_ptr<KeyRun> &run);

    MarketoSettings m_settings;
    MarketoAuth *m_auth = nullptr;
    std::shared_ptr<net::RateLimiter> m_limiter;
    std::shared_ptr<net::UsageCounter> m_usage;
};

} // namespace msi::marketo
