#pragma once

#include "net/HttpJob.h"
#include "salesforce/LimitInfo.h"
#include "salesforce/SalesforceCredentials.h"
#include "salesforce/UpdateReport.h"

#include <QJsonObject>
#include <QObject>

#include <functional>
#include <memory>

namespace msi::net {
class UsageCounter;
}

namespace msi::salesforce {

class SalesforceAuth;

struct QueryResult final
{
    Q_DECLARE_TR_FUNCTIONS(msi::salesforce::QueryResult)
public:
    net::ApiError error;
    QList<QJsonObject> records;  // empty when the caller took the pages through onPage
    int totalSize = -1;          // what Salesforce said matched
    int received = 0;            // records actually received over all pages
    int pages = 0;
    int calls = 0;               // requests sent (every page, with retries and replays)
    bool countMatches() const { return totalSize == received; }
    // Empty, or a warning when fewer/more records arrived than totalSize promised.
    QString countWarning() const;
};

struct DescribeResult final
{
    net::ApiError error;
    QJsonObject describe;        // the sObject describe as Salesforce returns it
};

struct IdentityResult final
{
    net::ApiError error;
    QString orgId;
    QString userId;
    QString username;
    QString organizationName;
    bool isSandbox = false;      // SELECT IsSandbox FROM Organization
};

// The Salesforce REST client (one per thread; asynchronous, answers through callbacks on this
// object's thread). Every call goes to the session's instance_url; a 401 INVALID_SESSION_ID
// refreshes the token once and replays the same request.
class SalesforceClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SalesforceClient)
public:
    using PageCallback = std::function<void(const QList<QJsonObject> &page)>;

    SalesforceClient(const SalesforceCredentials &credentials,
                     const SalesforceSettings &settings = {}, QObject *parent = nullptr);
    ~SalesforceClient() override;

    const SalesforceSettings &settings() const { return m_settings; }
    SalesforceAuth *auth() const { return m_auth; }
    std::shared_ptr<net::UsageCounter> usageCounter() const { return m_usage; }
    SalesforceSession session() const;
    void setSession(const SalesforceSession &session);
    LimitInfo lastLimitInfo() const { return m_limit; }

    void signIn(std::function<void(const net::ApiError &)> done);

    // SOQL with full paging (nextRecordsUrl until done), checking the count against totalSize.
    // With onPage, pages are handed over as they arrive and not kept in the result.
    void query(const QString &soql, std::function<void(const QueryResult &)> done,
               PageCallback onPage = {});
    void queryAll(const QString &soql, std::function<void(const QueryResult &)> done,
                  PageCallback onPage = {});
    // Records of `object` changed after `since` (SystemModstamp, ordered); invalid since = all.
    void queryChangedSince(const QString &object, const QStringList &fields, const QDateTime &since,
                           std::function<void(const QueryResult &)> done, PageCallback onPage = {});

    void describe(const QString &sobject, std::function<void(const DescribeResult &)> done);

    // PATCH composite/sobjects (allOrNone false) in calls of <= 200 records grouped by type;
    // UNABLE_TO_LOCK_ROW records are retried on their own, serially, with back-off.
    void updateRecords(const QList<QJsonObject> &records,
                       std::function<void(const UpdateReport &)> done);

    void identity(std::function<void(const IdentityResult &)> done);

    // Any other call relative to /services/data/<version>/ (or absolute path starting with '/').
    void request(const QByteArray &method, const QString &path, const QByteArray &body,
                 net::HttpJob::Callback done);

signals:
    void sessionChanged(const msi::salesforce::SalesforceSession &session);
    void limitInfoChanged(int used, int max);

private:
    struct QueryRun;
    struct UpdateRun;
    QUrl apiUrl(const QString &path) const;
    void send(net::HttpRequest request, net::HttpJob::Callback done);
    void runQuery(const QString &resource, const QString &soql,
                  std::function<void(const QueryResult &)> done, PageCallback onPage);
    void fetchPage(const std::shared_ptr<QueryRun> &run, const QUrl &url);
    void sendUpdateBatch(const std::shared_ptr<UpdateRun> &run);

    SalesforceSettings m_settings;
    SalesforceAuth *m_auth = nullptr;
    std::shared_ptr<net::UsageCounter> m_usage;
    LimitInfo m_limit;
};

} // namespace msi::salesforce
