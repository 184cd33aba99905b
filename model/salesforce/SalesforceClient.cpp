#include "salesforce/SalesforceClient.h"

#include "net/Backoff.h"
#include "net/Redactor.h"
#include "net/UsageCounter.h"
#include "salesforce/CollectionBatcher.h"
#include "salesforce/Logging.h"
#include "salesforce/SalesforceAuth.h"
#include "salesforce/Soql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>

namespace msi::salesforce {

using net::ApiError;
using net::HttpRequest;
using net::HttpResult;

QString QueryResult::countWarning() const
{
    if (error.isError() || countMatches())
        return QString();
    return tr("Salesforce reported %1 matching records but %2 arrived").arg(totalSize).arg(received);
}

struct SalesforceClient::QueryRun
{
    QueryResult result;
    std::function<void(const QueryResult &)> done;
    PageCallback onPage;
};

struct SalesforceClient::UpdateRun
{
    QList<QJsonObject> records;
    QList<QList<int>> batches;
    int nextBatch = 0;
    int lockRound = 0;
    UpdateReport report;
    std::function<void(const UpdateReport &)> done;
};

SalesforceClient::SalesforceClient(const SalesforceCredentials &credentials,
                                   const SalesforceSettings &settings, QObject *parent)
    : QObject(parent),
      m_settings(settings),
      m_auth(new SalesforceAuth(credentials, settings, this)),
      m_usage(net::UsageCounter::forSystem(QStringLiteral("salesforce")))
{
    connect(m_auth, &SalesforceAuth::sessionChanged, this, &SalesforceClient::sessionChanged);
}

SalesforceClient::~SalesforceClient() = default;

SalesforceSession SalesforceClient::session() const
{
    return m_auth->session();
}

void SalesforceClient::setSession(const SalesforceSession &session)
{
    m_auth->setSession(session);
}

void SalesforceClient::signIn(std::function<void(const ApiError &)> done)
{
    m_auth->signIn(std::move(done));
}

QUrl SalesforceClient::apiUrl(const QString &path) const
{
    QUrl u = m_auth->session().instanceUrl;
    if (path.startsWith(u'/'))
        return u.resolved(QUrl(path));
    u.setPath(QStringLiteral("/services/data/") + m_settings.apiVersion + u'/' + path);
    return u;
}

void SalesforceClient::send(HttpRequest request, net::HttpJob::Callback done)
{
    if (!m_auth->session().isValid()
        && m_auth->credentials().flow != AuthFlow::AuthorizationCode) {
        // Not signed in yet: do it now (client credentials or a saved refresh token).
        QPointer<SalesforceClient> self(this);
        m_auth->signIn([self, request = std::move(request), done](const ApiError &error) mutable {
            if (!self)
                return;
            if (error.isError()) {
                HttpResult r;
                r.error = error;
                done(r);
                return;
            }
            self->send(std::move(request), std::move(done));
        });
        return;
    }
    if (!m_auth->session().isValid()) {
        HttpResult r;
        r.error.kind = ApiError::Kind::AuthExpired;
        r.error.code = QStringLiteral("not signed in");
        r.error.serverMessage = tr("sign in to Salesforce first");
        QMetaObject::invokeMethod(this, [r, done] { done(r); }, Qt::QueuedConnection);
        return;
    }
    if (request.url.host().isEmpty()) // built before the sign-in knew the instance URL
        request.url = m_auth->session().instanceUrl.resolved(request.url);
    request.api = net::ErrorClassifier::Api::Salesforce;
    request.usage = m_usage;
    request.retry = m_settings.retry;
    request.timeouts = m_settings.timeouts;
    request.headers << qMakePair(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    auto usedGeneration = std::make_shared<int>(0);
    QPointer<SalesforceAuth> auth = m_auth;
    request.authorize = [auth, usedGeneration](QNetworkRequest &r) {
        if (auth)
            *usedGeneration = auth->authorize(r);
    };
    request.reauthenticate = [auth, usedGeneration](std::function<void(const ApiError &)> cb) {
        if (auth)
            auth->renewAfterRefusal(*usedGeneration, std::move(cb));
    };
    net::HttpJob::run(request, this, [this, done = std::move(done)](const HttpResult &result) {
        const LimitInfo info = LimitInfo::parse(result.header(QByteArrayLiteral("Sforce-Limit-Info")));
        if (info.isValid()) {
            m_limit = info;
            emit limitInfoChanged(info.used, info.max);
        }
        done(result);
    });
}

void SalesforceClient::request(const QByteArray &method, const QString &path,
                               const QByteArray &body, net::HttpJob::Callback done)
{
    HttpRequest r;
    r.method = method;
    r.url = apiUrl(path);
    r.body = body;
    if (!body.isEmpty())
        r.headers << qMakePair(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    send(r, std::move(done));
}

// ---- query ------------------------------------------------------------------------------------

void SalesforceClient::query(const QString &soql, std::function<void(const QueryResult &)> done,
                             PageCallback onPage)
{
    runQuery(QStringLiteral("query"), soql, std::move(done), std::move(onPage));
}

void SalesforceClient::queryAll(const QString &soql, std::function<void(const QueryResult &)> done,
                                PageCallback onPage)
{
    runQuery(QStringLiteral("queryAll"), soql, std::move(done), std::move(onPage));
}

void SalesforceClient::queryChangedSince(const QString &object, const QStringList &fields,
                                         const QDateTime &since,
                                         std::function<void(const QueryResult &)> done,
                                         PageCallback onPage)
{
    query(Soql::changedSince(object, fields, since), std::move(done), std::move(onPage));
}

void SalesforceClient::runQuery(const QString &resource, const QString &soql,
                                std::function<void(const QueryResult &)> done, PageCallback onPage)
{
    auto run = std::make_shared<QueryRun>();
    run->done = std::move(done);
    run->onPage = std::move(onPage);
    QUrl url = apiUrl(resource);
    // Percent-encode everything ('+' included, so date-time offsets survive).
    url.setQuery(QStringLiteral("q=") + QString::fromLatin1(QUrl::toPercentEncoding(soql)),
                 QUrl::StrictMode);
    fetchPage(run, url);
}

void SalesforceClient::fetchPage(const std::shared_ptr<QueryRun> &run, const QUrl &url)
{
    HttpRequest r;
    r.url = url;
    // 2000 is Salesforce's default (and maximum): only ask for smaller pages.
    if (m_settings.queryBatchSize > 0 && m_settings.queryBatchSize < 2000)
        r.headers << qMakePair(QByteArrayLiteral("Sforce-Query-Options"),
                               "batchSize=" + QByteArray::number(m_settings.queryBatchSize));
    send(r, [this, run, url](const HttpResult &result) {
        QueryResult &q = run->result;
        q.calls += result.attempts;
        if (!result.ok) {
            q.error = result.error;
            run->done(q);
            return;
        }
        const QJsonObject o = result.json.object();
        if (!o.contains(QStringLiteral("records")) || !o.contains(QStringLiteral("done"))) {
            q.error.kind = ApiError::Kind::BadResponse;
            q.error.code = QStringLiteral("not a query result");
            q.error.endpoint = net::Redactor::endpoint("GET", url);
            run->done(q);
            return;
        }
        if (q.totalSize < 0)
            q.totalSize = o.value(QStringLiteral("totalSize")).toInt();
        const QJsonArray records = o.value(QStringLiteral("records")).toArray();
        QList<QJsonObject> page;
        page.reserve(records.size());
        for (const QJsonValue &v : records)
            page << v.toObject();
        q.received += int(page.size());
        ++q.pages;
        if (run->onPage)
            run->onPage(page);
        else
            q.records << page;

        const bool done = o.value(QStringLiteral("done")).toBool(true);
        const QString next = o.value(QStringLiteral("nextRecordsUrl")).toString();
        if (!done && !next.isEmpty()) {
            fetchPage(run, apiUrl(next)); // relative to the instance URL, as given
            return;
        }
        if (!done) {
            q.error.kind = ApiError::Kind::BadResponse;
            q.error.code = QStringLiteral("paging");
            q.error.serverMessage = tr("done is false but there is no nextRecordsUrl");
            q.error.endpoint = net::Redactor::endpoint("GET", url);
        } else if (!q.countMatches()) {
            qCWarning(lcSalesforce).noquote() << q.countWarning();
        }
        run->done(q);
    });
}

// ---- describe and identity --------------------------------------------------------------------

void SalesforceClient::describe(const QString &sobject,
                                std::function<void(const DescribeResult &)> done)
{
    HttpRequest r;
    r.url = apiUrl(QStringLiteral("sobjects/") + sobject + QStringLiteral("/describe"));
    send(r, [done = std::move(done)](const HttpResult &result) {
        DescribeResult d;
        d.error = result.error;
        d.describe = result.json.object();
        done(d);
    });
}

void SalesforceClient::identity(std::function<void(const IdentityResult &)> done)
{
    auto out = std::make_shared<IdentityResult>();
    out->orgId = m_auth->session().orgId();
    out->userId = m_auth->session().userId();
    auto queryOrg = [this, out, done] {
        query(QStringLiteral("SELECT Id, Name, IsSandbox FROM Organization"),
              [out, done](const QueryResult &q) {
                  if (q.error.isError()) {
                      out->error = q.error;
                  } else if (!q.records.isEmpty()) {
                      const QJsonObject org = q.records.first();
                      out->isSandbox = org.value(QStringLiteral("IsSandbox")).toBool();
                      out->organizationName = org.value(QStringLiteral("Name")).toString();
                      if (out->orgId.isEmpty())
                          out->orgId = org.value(QStringLiteral("Id")).toString();
                  }
                  done(*out);
              });
    };
    const QUrl idUrl = m_auth->session().identityUrl;
    if (!idUrl.isValid() || idUrl.isEmpty()) {
        queryOrg();
        return;
    }
    HttpRequest r;
    r.url = idUrl;
    send(r, [out, done, queryOrg](const HttpResult &result) {
        if (!result.ok) {
            out->error = result.error;
            done(*out);
            return;
        }
        const QJsonObject o = result.json.object();
        out->username = o.value(QStringLiteral("username")).toString();
        if (const QString org = o.value(QStringLiteral("organization_id")).toString(); !org.isEmpty())
            out->orgId = org;
        if (const QString user = o.value(QStringLiteral("user_id")).toString(); !user.isEmpty())
            out->userId = user;
        queryOrg();
    });
}

// ---- composite updates ------------------------------------------------------------------------

void SalesforceClient::updateRecords(const QList<QJsonObject> &records,
                                     std::function<void(const UpdateReport &)> done)
{
    auto run = std::make_shared<UpdateRun>();
    run->records = records;
    run->done = std::move(done);
    run->report.outcomes.resize(records.size());
    for (int i = 0; i < records.size(); ++i) {
        UpdateOutcome &o = run->report.outcomes[i];
        o.index = i;
        o.id = records.at(i).value(QStringLiteral("id")).toString();
        if (o.id.isEmpty())
            o.id = records.at(i).value(QStringLiteral("Id")).toString();
    }
    run->batches = CollectionBatcher::plan(records);
    sendUpdateBatch(run);
}

void SalesforceClient::sendUpdateBatch(const std::shared_ptr<UpdateRun> &run)
{
    if (run->nextBatch >= run->batches.size()) {
        // Records that lost a row lock go again, alone and in small calls, after a back-off.
        QList<QJsonObject> locked;
        QList<int> lockedIndex;
        for (const UpdateOutcome &o : run->report.outcomes)
            if (!o.success && o.sent && o.isRowLock()) {
                locked << run->records.at(o.index);
                lockedIndex << o.index;
            }
        if (lockedIndex.isEmpty() || run->lockRound >= m_settings.maxLockRetries) {
            qCInfo(lcSalesforce).noquote() << "update:" << run->report.summary();
            run->done(run->report);
            return;
        }
        ++run->lockRound;
        const int size = std::max(1, CollectionBatcher::kMaxRecords >> (run->lockRound + 1));
        run->batches.clear();
        for (const QList<int> &b : CollectionBatcher::plan(locked, size)) {
            QList<int> mapped;
            for (int i : b)
                mapped << lockedIndex.at(i);
            run->batches << mapped;
        }
        run->nextBatch = 0;
        const qint64 wait = net::Backoff::delayMs(run->lockRound, m_settings.lockRetryBaseMs,
                                                  m_settings.retry.maxDelayMs);
        qCInfo(lcSalesforce).noquote() << lockedIndex.size() << "records hit UNABLE_TO_LOCK_ROW;"
                                       << "retrying in" << wait << "ms";
        QTimer::singleShot(int(wait), this, [this, run] { sendUpdateBatch(run); });
        return;
    }

    const QList<int> indices = run->batches.at(run->nextBatch++);
    QJsonArray records;
    QStringList ids;
    for (int i : indices) {
        records.append(run->records.at(i));
        ids << run->report.outcomes.at(i).id;
    }
    const QJsonObject body{{QStringLiteral("allOrNone"), false}, {QStringLiteral("records"), records}};
    HttpRequest r;
    r.method = QByteArrayLiteral("PATCH");
    r.url = apiUrl(QStringLiteral("composite/sobjects"));
    r.headers << qMakePair(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    send(r, [this, run, indices, ids](const HttpResult &result) {
        run->report.calls += result.attempts;
        if (result.ok && result.json.isArray()) {
            for (UpdateOutcome o : UpdateOutcome::mapBatch(indices, ids, result.json.array())) {
                o.attempts = run->report.outcomes.at(o.index).attempts + 1;
                run->report.outcomes[o.index] = o;
            }
            sendUpdateBatch(run);
            return;
        }
        ApiError error = result.error;
        if (!error.isError()) {
            error.kind = ApiError::Kind::BadResponse;
            error.code = QStringLiteral("not an array");
        }
        // The call failed as a whole: with quota, auth and fatal errors nothing was applied.
        run->report.error = error;
        const bool maybeApplied = error.kind == ApiError::Kind::BadResponse
                || error.kind == ApiError::Kind::Network || error.kind == ApiError::Kind::Transient;
        for (int i : indices) {
            UpdateOutcome &o = run->report.outcomes[i];
            o.success = false;
            o.sent = maybeApplied;
            o.requestError = error;
            ++o.attempts;
        }
        for (int b = run->nextBatch; b < run->batches.size(); ++b)
            for (int i : run->batches.at(b))
                run->report.outcomes[i].requestError = error;
        qCWarning(lcSalesforce).noquote() << "update stopped:" << error.message();
        run->done(run->report);
    });
}

} // namespace msi::salesforce
