#include "marketo/MarketoClient.h"

#include "marketo/FilterChunker.h"
#include "marketo/Logging.h"
#include "marketo/MarketoAuth.h"
#include "marketo/SyncBatcher.h"
#include "net/RateLimiter.h"
#include "net/UsageCounter.h"

#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSet>

namespace msi::marketo {

using net::ApiError;
using net::HttpRequest;
using net::HttpResult;

struct MarketoClient::SyncRun
{
    MarketoObject object;
    QList<QJsonObject> records;
    QJsonObject envelope; // everything but "input"
    QList<QList<int>> batches;
    int nextBatch = 0;
    SyncReport report;
    std::function<void(const SyncReport &)> done;
};

struct MarketoClient::FilterRun
{
    MarketoObject object;
    QString filterType;
    QStringList fields;
    QStringList values;
    QList<FilterChunker::Chunk> chunks;
    int chunk = 0;
    QString pageToken;
    FilterReport report;
    std::function<void(const FilterReport &)> done;
};

struct MarketoClient::KeyRun
{
    MarketoObject object;
    QList<QJsonObject> keys;
    QStringList keyFields;
    QStringList fields;
    int chunk = 0;
    QString pageToken;
    FilterReport report;
    std::function<void(const FilterReport &)> done;
};

namespace {
QString keyText(const QJsonObject &record, const QStringList &keyFields)
{
    QStringList parts;
    for (const QString &k : keyFields) {
        const QJsonValue v = record.value(k);
        parts << (v.isDouble() ? QString::number(v.toInteger()) : v.toString()).toLower();
    }
    return parts.join(u'|');
}
} // namespace

MarketoClient::MarketoClient(const MarketoCredentials &credentials,
                             const MarketoSettings &settings, QObject *parent)
    : QObject(parent),
      m_settings(settings),
      m_auth(new MarketoAuth(credentials, settings, this)),
      m_limiter(net::RateLimiter::forInstance(
              MarketoAuth::normalizedBase(credentials.baseUrl).toString(), settings.budget)),
      m_usage(net::UsageCounter::forSystem(QStringLiteral("marketo")))
{
    m_limiter->setBudget(settings.budget);
}

MarketoClient::~MarketoClient() = default;

void MarketoClient::authenticate(std::function<void(const ApiError &)> done)
{
    m_auth->ensureToken(std::move(done));
}

void MarketoClient::send(HttpRequest request, net::HttpJob::Callback done)
{
    request.api = net::ErrorClassifier::Api::Marketo;
    request.limiter = m_limiter;
    request.usage = m_usage;
    request.retry = m_settings.retry;
    request.timeouts = m_settings.timeouts;
    auto usedGeneration = std::make_shared<int>(0);
    QPointer<MarketoAuth> auth = m_auth;
    request.authorize = [auth, usedGeneration](QNetworkRequest &r) {
        if (auth)
            *usedGeneration = auth->authorize(r);
    };
    request.reauthenticate = [auth, usedGeneration](std::function<void(const ApiError &)> cb) {
        if (auth)
            auth->renewAfterRefusal(*usedGeneration, std::move(cb));
    };
    // Before every attempt: a token with enough life left (a request may wait in the rate
    // limiter or out a 606 window longer than the token lives).
    request.prepare = [auth](std::function<void(const ApiError &)> cb) {
        if (auth)
            auth->ensureToken(std::move(cb));
    };
    net::HttpJob::run(request, this, std::move(done));
}

void MarketoClient::request(const QByteArray &method, const QString &path, const QByteArray &query,
                            const QByteArray &body, const QByteArray &contentType,
                            net::HttpJob::Callback done)
{
    HttpRequest r;
    r.method = method;
    r.url = m_auth->restUrl(path);
    if (!query.isEmpty())
        r.url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    r.body = body;
    if (!contentType.isEmpty())
        r.headers << qMakePair(QByteArrayLiteral("Content-Type"), contentType);
    send(r, std::move(done));
}

// ---- sync -------------------------------------------------------------------------------------

void MarketoClient::sync(MarketoObject object, const QList<QJsonObject> &records,
                         const SyncOptions &options, std::function<void(const SyncReport &)> done)
{
    auto run = std::make_shared<SyncRun>();
    run->object = object;
    run->records = records;
    run->done = std::move(done);
    run->report.object = object;
    run->report.outcomes.resize(records.size());
    for (int i = 0; i < records.size(); ++i)
        run->report.outcomes[i].index = i;

    run->envelope.insert(QStringLiteral("action"), options.action);
    if (object == MarketoObject::Lead) {
        if (!options.lookupField.isEmpty())
            run->envelope.insert(QStringLiteral("lookupField"), options.lookupField);
        if (!options.partitionName.isEmpty())
            run->envelope.insert(QStringLiteral("partitionName"), options.partitionName);
    } else {
        run->envelope.insert(QStringLiteral("dedupeBy"), options.dedupeBy.isEmpty()
                                     ? QStringLiteral("dedupeFields") : options.dedupeBy);
    }
    const qsizetype envelopeBytes =
            QJsonDocument(run->envelope).toJson(QJsonDocument::Compact).size() + 12; // ,"input":[]

    const SyncBatcher::Plan plan = SyncBatcher::plan(records, envelopeBytes,
                                                     m_settings.maxBatchRecords,
                                                     m_settings.maxBatchBytes);
    run->batches = plan.batches;
    for (int i : plan.oversized) {
        SyncOutcome &o = run->report.outcomes[i];
        o.status = SyncOutcome::Status::Failed;
        o.requestError.kind = ApiError::Kind::Fatal;
        o.requestError.code = QStringLiteral("too large");
        o.requestError.serverMessage = tr("the record is larger than Marketo's 1 MB request limit");
    }
    sendNextBatch(run);
}

void MarketoClient::sendNextBatch(const std::shared_ptr<SyncRun> &run)
{
    if (run->nextBatch >= run->batches.size()) {
        qCInfo(lcMarketo).noquote() << displayName(run->object) << "sync:" << run->report.summary();
        run->done(run->report);
        return;
    }
    const QList<int> indices = run->batches.at(run->nextBatch++);
    QJsonArray input;
    for (int i : indices)
        input.append(run->records.at(i));
    QJsonObject body = run->envelope;
    body.insert(QStringLiteral("input"), input);

    HttpRequest r;
    r.method = QByteArrayLiteral("POST");
    r.url = m_auth->restUrl(QStringLiteral("v1/") + restPath(run->object) + QStringLiteral(".json"));
    r.headers << qMakePair(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    send(r, [this, run, indices](const HttpResult &result) {
        run->report.calls += result.attempts;
        run->report.rateLimitWaits += result.rateLimitWaits;
        run->report.concurrencyWaits += result.concurrencyWaits;
        if (result.ok) {
            const QJsonArray entries = result.json.object().value(QStringLiteral("result")).toArray();
            for (const SyncOutcome &o : SyncOutcome::mapBatch(indices, entries))
                run->report.outcomes[o.index] = o;
            sendNextBatch(run);
            return;
        }
        // A request-level error stops the run. With 607 (and auth/config errors) Marketo did not
        // execute the call: this batch and every later one are NotSent and can be resumed.
        const bool executedMaybe = result.error.kind == ApiError::Kind::BadResponse
                || result.error.kind == ApiError::Kind::Network
                || result.error.kind == ApiError::Kind::Transient;
        run->report.error = result.error;
        for (int i : indices) {
            SyncOutcome &o = run->report.outcomes[i];
            o.status = executedMaybe ? SyncOutcome::Status::Failed : SyncOutcome::Status::NotSent;
            o.requestError = result.error;
        }
        for (int b = run->nextBatch; b < run->batches.size(); ++b)
            for (int i : run->batches.at(b))
                run->report.outcomes[i].requestError = result.error;
        run->nextBatch = int(run->batches.size());
        qCWarning(lcMarketo).noquote() << displayName(run->object) << "sync stopped:"
                                       << result.error.message();
        run->done(run->report);
    });
}

// ---- get by filter ----------------------------------------------------------------------------

void MarketoClient::getByFilter(MarketoObject object, const QString &filterType,
                                const QStringList &values, const QStringList &fields,
                                std::function<void(const FilterReport &)> done)
{
    auto run = std::make_shared<FilterRun>();
    run->object = object;
    run->filterType = filterType;
    run->fields = fields;
    if (!fields.isEmpty() && !fields.contains(filterType, Qt::CaseInsensitive)
        && filterType != u"dedupeFields" && filterType != u"idField")
        run->fields << filterType; // so every record can be matched back to its value
    run->done = std::move(done);
    QSet<QString> seen;
    for (const QString &v : values) {
        const QString key = v.trimmed().toLower();
        if (key.isEmpty() || seen.contains(key))
            continue;
        seen.insert(key);
        run->values << v.trimmed();
    }

    QUrl base = m_auth->restUrl(QStringLiteral("v1/") + restPath(object) + QStringLiteral(".json"));
    QByteArray query = "filterType=" + QUrl::toPercentEncoding(filterType);
    if (!run->fields.isEmpty())
        query += "&fields=" + QUrl::toPercentEncoding(run->fields.join(u','), ",");
    query += "&batchSize=" + QByteArray::number(m_settings.pageSize);
    // Room for the longest nextPageToken (about 60 characters) on later pages.
    base.setQuery(QString::fromLatin1(query + "&nextPageToken=" + QByteArray(80, 'x')),
                  QUrl::StrictMode);
    run->chunks = FilterChunker::chunk(base, run->values, m_settings.maxFilterValues,
                                       m_settings.maxUrlBytes);
    sendNextPage(run);
}

void MarketoClient::sendNextPage(const std::shared_ptr<FilterRun> &run)
{
    if (run->chunk >= run->chunks.size()) {
        QSet<QString> found;
        bool keyed = false;
        for (const QJsonObject &r : run->report.records) {
            const QJsonValue v = r.value(run->filterType);
            if (v.isUndefined())
                continue;
            keyed = true;
            found.insert((v.isString() ? v.toString() : QString::number(v.toInteger())).toLower());
        }
        if (keyed)
            for (const QString &v : run->values)
                if (!found.contains(v.toLower()))
                    run->report.missingValues << v;
        run->done(run->report);
        return;
    }
    const FilterChunker::Chunk &chunk = run->chunks.at(run->chunk);

    QByteArray params = "filterType=" + QUrl::toPercentEncoding(run->filterType);
    if (!run->fields.isEmpty())
        params += "&fields=" + QUrl::toPercentEncoding(run->fields.join(u','), ",");
    params += "&batchSize=" + QByteArray::number(m_settings.pageSize);
    if (!run->pageToken.isEmpty())
        params += "&nextPageToken=" + QUrl::toPercentEncoding(run->pageToken);
    QByteArray joined;
    for (const QString &v : chunk.values)
        joined += (joined.isEmpty() ? "" : ",") + QUrl::toPercentEncoding(v);
    params += "&filterValues=" + joined;

    HttpRequest r;
    r.url = m_auth->restUrl(QStringLiteral("v1/") + restPath(run->object) + QStringLiteral(".json"));
    if (chunk.usePost) {
        r.method = QByteArrayLiteral("POST");
        r.url.setQuery(QStringLiteral("_method=GET"));
        r.headers << qMakePair(QByteArrayLiteral("Content-Type"),
                               QByteArrayLiteral("application/x-www-form-urlencoded"));
        r.body = params;
    } else {
        r.method = QByteArrayLiteral("GET");
        r.url.setQuery(QString::fromLatin1(params), QUrl::StrictMode);
    }
    send(r, [this, run](const HttpResult &result) {
        run->report.calls += result.attempts;
        run->report.rateLimitWaits += result.rateLimitWaits;
        run->report.concurrencyWaits += result.concurrencyWaits;
        if (!result.ok) {
            run->report.error = result.error;
            run->done(run->report);
            return;
        }
        const QJsonObject o = result.json.object();
        for (const QJsonValue &v : o.value(QStringLiteral("result")).toArray())
            run->report.records << v.toObject();
        const bool more = o.value(QStringLiteral("moreResult")).toBool(false);
        const QString token = o.value(QStringLiteral("nextPageToken")).toString();
        if (more) {
            if (token.isEmpty() || token == run->pageToken) {
                run->report.error.kind = ApiError::Kind::BadResponse;
                run->report.error.code = QStringLiteral("paging");
                run->report.error.endpoint = result.error.endpoint;
                run->report.error.serverMessage =
                        tr("moreResult is true but no new nextPageToken was given");
                run->done(run->report);
                return;
            }
            run->pageToken = token;
        } else {
            run->pageToken.clear();
            run->report.valuesRead += run->chunks.at(run->chunk).values;
            ++run->chunk;
        }
        sendNextPage(run);
    });
}

// ---- get by compound key -------------------------------------------------------------------

void MarketoClient::getByKeys(MarketoObject object, const QList<QJsonObject> &keys,
                              const QStringList &fields,
                              std::function<void(const FilterReport &)> done)
{
    auto run = std::make_shared<KeyRun>();
    run->object = object;
    run->keys = keys;
    run->fields = fields;
    run->done = std::move(done);
    if (!keys.isEmpty())
        run->keyFields = keys.first().keys();
    for (const QString &k : std::as_const(run->keyFields))
        if (!run->fields.isEmpty() && !run->fields.contains(k))
            run->fields << k;
    sendNextKeyPage(run);
}

void MarketoClient::sendNextKeyPage(const std::shared_ptr<KeyRun> &run)
{
    const int perCall = std::max(1, m_settings.maxFilterValues);
    const int first = run->chunk * perCall;
    if (first >= run->keys.size()) {
        QSet<QString> found;
        for (const QJsonObject &r : std::as_const(run->report.records))
            found.insert(keyText(r, run->keyFields));
        for (const QJsonObject &k : std::as_const(run->keys))
            if (!found.contains(keyText(k, run->keyFields)))
                run->report.missingValues << keyText(k, run->keyFields);
        run->done(run->report);
        return;
    }
    QJsonArray input;
    for (int i = first; i < std::min<int>(first + perCall, int(run->keys.size())); ++i)
        input.append(run->keys.at(i));
    QJsonObject body{{QStringLiteral("filterType"), QStringLiteral("dedupeFields")},
                     {QStringLiteral("input"), input},
                     {QStringLiteral("batchSize"), m_settings.pageSize}};
    if (!run->fields.isEmpty())
        body.insert(QStringLiteral("fields"), QJsonArray::fromStringList(run->fields));
    if (!run->pageToken.isEmpty())
        body.insert(QStringLiteral("nextPageToken"), run->pageToken);

    HttpRequest r;
    r.method = QByteArrayLiteral("POST");
    r.url = m_auth->restUrl(QStringLiteral("v1/") + restPath(run->object) + QStringLiteral(".json"));
    r.url.setQuery(QStringLiteral("_method=GET"));
    r.headers << qMakePair(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    send(r, [this, run](const HttpResult &result) {
        run->report.calls += result.attempts;
        run->report.rateLimitWaits += result.rateLimitWaits;
        run->report.concurrencyWaits += result.concurrencyWaits;
        if (!result.ok) {
            run->report.error = result.error;
            run->done(run->report);
            return;
        }
        const QJsonObject o = result.json.object();
        for (const QJsonValue &v : o.value(QStringLiteral("result")).toArray())
            run->report.records << v.toObject();
        const QString token = o.value(QStringLiteral("nextPageToken")).toString();
        if (o.value(QStringLiteral("moreResult")).toBool(false)) {
            if (token.isEmpty() || token == run->pageToken) {
                run->report.error.kind = ApiError::Kind::BadResponse;
                run->report.error.code = QStringLiteral("paging");
                run->report.error.serverMessage =
                        tr("moreResult is true but no new nextPageToken was given");
                run->done(run->report);
                return;
            }
            run->pageToken = token;
        } else {
            run->pageToken.clear();
            ++run->chunk;
        }
        sendNextKeyPage(run);
    });
}

// ---- describe ---------------------------------------------------------------------------------

void MarketoClient::describe(MarketoObject object, std::function<void(const DescribeReport &)> done)
{
    HttpRequest r;
    r.url = m_auth->restUrl(QStringLiteral("v1/") + restPath(object) + QStringLiteral("/describe.json"));
    send(r, [done = std::move(done)](const HttpResult &result) {
        DescribeReport report;
        report.error = result.error;
        report.result = result.json.object().value(QStringLiteral("result")).toArray();
        done(report);
    });
}

void MarketoClient::describeLeads(std::function<void(const LeadSchemaReport &)> done)
{
    HttpRequest r;
    r.url = m_auth->restUrl(QStringLiteral("v1/leads/describe2.json"));
    send(r, [done = std::move(done)](const HttpResult &result) {
        LeadSchemaReport report;
        report.error = result.error;
        if (result.ok)
            report.schema = LeadSchema::fromDescribe2(result.json);
        done(report);
    });
}

} // namespace msi::marketo
