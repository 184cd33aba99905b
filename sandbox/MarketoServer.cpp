#include "sandbox/MarketoServer.h"

#include "sandbox/FaultInjector.h"
#include "sandbox/MarketoSchema.h"
#include "sandbox/MarketoState.h"
#include "sandbox/SandboxClock.h"

#include <QRegularExpression>

namespace msi::sandbox {

namespace {

constexpr qsizetype kMaxBody = 1024 * 1024; // 1 MB
constexpr qsizetype kMaxUri = 8 * 1024;     // 8 KB

QString marketoMessage(int code)
{
    switch (code) {
    case 604: return u"Request timed out"_qs;
    case 606: return u"Max rate limit exceeded"_qs;
    case 607: return u"Daily quota reached"_qs;
    case 608: return u"API Temporarily Unavailable"_qs;
    case 611: return u"System error"_qs;
    case 615: return u"Concurrent access limit reached"_qs;
    case 713: return u"Transient Error"_qs;
    default: return u"Error"_qs;
    }
}

} // namespace

MarketoServer::MarketoServer(MarketoState &state, const MarketoSchema &schema, const MsiActivity &activity,
                             FaultInjector &faults, const SandboxClock &clock, const Limits &limits,
                             bool nativeCrmSync, QObject *parent)
    : HttpService(parent), m_state(state), m_schema(schema), m_faults(faults), m_clock(clock), m_auth(clock),
      m_limiter(clock, limits.rateCalls, limits.rateWindowSeconds, limits.concurrency, limits.dailyQuota),
      m_sync(state, schema, activity, clock, nativeCrmSync), m_latencyMs(limits.latencyMs)
{
}

QString MarketoServer::requestId() const
{
    // Marketo request ids look like "e42b#14272d07d78".
    return QString::number(0x1000 + (++m_requestSerial % 0xefff), 16) + u'#'
        + QString::number(m_clock.nowMs(), 16);
}

HttpReply MarketoServer::failure(const QString &code, const QString &message) const
{
    return HttpReply::json(QJsonObject{{u"requestId"_qs, requestId()}, {u"success"_qs, false},
                                       {u"errors"_qs, QJsonArray{QJsonObject{{u"code"_qs, code}, {u"message"_qs, message}}}}});
}

HttpReply MarketoServer::envelope(const MarketoSync::Answer &answer) const
{
    if (!answer.ok())
        return failure(answer.errorCode, answer.errorMessage);
    QJsonObject body{{u"requestId"_qs, requestId()}, {u"result"_qs, answer.result}, {u"success"_qs, true}};
    if (answer.paged) {
        body.insert(u"moreResult"_qs, answer.moreResult);
        if (!answer.nextPageToken.isEmpty())
            body.insert(u"nextPageToken"_qs, answer.nextPageToken);
    }
    return HttpReply::json(body);
}

HttpService::Outcome MarketoServer::handle(const HttpRequest &request)
{
    Outcome outcome;
    if (request.rawTarget.size() > kMaxUri) {
        outcome.reply = HttpReply::text("<html><head><title>414 Request-URI Too Large</title></head><body>"
                                        "<center><h1>414 Request-URI Too Large</h1></center></body></html>",
                                        "text/html", 414);
        return outcome;
    }
    if (request.body.size() > kMaxBody) {
        outcome.reply = HttpReply::text("<html><head><title>413 Request Entity Too Large</title></head><body>"
                                        "<center><h1>413 Request Entity Too Large</h1></center></body></html>",
                                        "text/html", 413);
        return outcome;
    }
    const QList<FaultInjector::Fault> faults = m_faults.forRequest(FaultInjector::System::Marketo, request.path);
    for (const FaultInjector::Fault &fault : faults) {
        switch (fault.kind) {
        case FaultInjector::Kind::Expire:
            m_auth.expireAll();
            break;
        case FaultInjector::Kind::Slow:
            outcome.delayMs += fault.value;
            break;
        case FaultInjector::Kind::Drop:
            outcome.reply.dropConnection = true;
            return outcome;
        case FaultInjector::Kind::HttpStatus:
            outcome.reply = HttpReply::text("<html><body><h1>" + QByteArray::number(fault.value)
                                                + " Server Error</h1></body></html>",
                                            "text/html", fault.value);
            return outcome;
        case FaultInjector::Kind::MarketoError:
            if (!request.path.startsWith(u"/identity")) {
                outcome.reply = failure(QString::number(fault.value), marketoMessage(fault.value));
                return outcome;
            }
            break;
        default:
            break;
        }
    }
    if (request.path == u"/identity/oauth/token") {
        outcome.reply = m_auth.token(request);
        return outcome;
    }
    static const QRegularExpression restRe(QStringLiteral("^/rest/v1/(.+)\\.json$"));
    const QRegularExpressionMatch m = restRe.match(request.path);
    if (!m.hasMatch()) {
        if (request.path.startsWith(u"/rest/"))
            outcome.reply = failure(u"610"_qs, u"Requested resource not found"_qs);
        else
            outcome.reply = HttpReply::text("<html><body><h1>404 Not Found</h1></body></html>", "text/html", 404);
        return outcome;
    }
    switch (m_auth.check(request)) {
    case MarketoAuth::TokenStatus::Valid:
        break;
    case MarketoAuth::TokenStatus::Expired:
        outcome.reply = failure(u"602"_qs, u"Access token expired"_qs);
        return outcome;
    case MarketoAuth::TokenStatus::QueryParameter:
    case MarketoAuth::TokenStatus::Missing:
    case MarketoAuth::TokenStatus::Invalid:
        // Marketo retired the access_token query parameter: the sandbox answers it as invalid.
        outcome.reply = failure(u"601"_qs, u"Access token invalid"_qs);
        return outcome;
    }
    switch (m_limiter.admit()) {
    case MarketoLimiter::Verdict::Admitted:
        break;
    case MarketoLimiter::Verdict::QuotaReached:
        outcome.reply = failure(u"607"_qs, u"Daily quota reached"_qs);
        return outcome;
    case MarketoLimiter::Verdict::RateLimited:
        outcome.reply = failure(u"606"_qs, u"Max rate limit '"_qs + QString::number(m_limiter.rateCalls())
                                               + u"' exceeded with in '"_qs
                                               + QString::number(m_limiter.rateWindowSeconds()) + u"' secs"_qs);
        return outcome;
    case MarketoLimiter::Verdict::ConcurrencyLimited:
        outcome.reply = failure(u"615"_qs, u"Concurrent access limit reached"_qs);
        return outcome;
    }
    outcome.reply = rest(request, m.captured(1));
    outcome.delayMs += m_latencyMs;
    outcome.onSent = [this]() { m_limiter.release(); };
    return outcome;
}

HttpReply MarketoServer::rest(const HttpRequest &request, const QString &resource)
{
    using Entity = MarketoState::Entity;
    const bool methodGet = request.method == "GET"
        || (request.method == "POST" && request.queryValue(u"_method"_qs).compare(u"GET", Qt::CaseInsensitive) == 0);
    QStringList parts = resource.split(u'/');
    // Resources: leads, leads/describe, leads/describe2, leads/delete, lead/{id}, companies[...],
    // salespersons[...], opportunities[...], opportunities/roles[...].
    Entity entity;
    if (parts.size() >= 2 && parts.at(0) == u"opportunities" && parts.at(1) == u"roles") {
        entity = Entity::OpportunityRoles;
        parts.removeFirst();
    } else if (parts.size() == 2 && parts.at(0) == u"lead") {
        if (!methodGet)
            return failure(u"605"_qs, u"HTTP Method not supported"_qs);
        bool ok = false;
        const int id = parts.at(1).toInt(&ok);
        MarketoSync::Query q;
        q.filterType = u"id"_qs;
        q.filterValues = {QString::number(id)};
        const QString fields = request.queryValue(u"fields"_qs);
        if (!fields.isEmpty())
            q.fields = fields.split(u',', Qt::SkipEmptyParts);
        return envelope(ok ? m_sync.get(Entity::Leads, q) : MarketoSync::Answer{});
    } else if (!MarketoState::entityFromName(parts.at(0), &entity) || parts.at(0) == u"roles"
               || parts.at(0).endsWith(u"s") == false) {
        return failure(u"610"_qs, u"Requested resource not found"_qs);
    }
    const QString action = parts.size() > 1 ? parts.at(1) : QString();
    if (parts.size() > 2)
        return failure(u"610"_qs, u"Requested resource not found"_qs);

    if (action == u"describe" || action == u"describe2") {
        if (!methodGet)
            return failure(u"605"_qs, u"HTTP Method not supported"_qs);
        MarketoSync::Answer a;
        if (entity == Entity::Leads)
            a.result = action == u"describe" ? m_schema.describeLeads() : QJsonArray{m_schema.describeLeads2()};
        else if (action == u"describe")
            a.result = QJsonArray{m_schema.describe(entity)};
        else
            return failure(u"610"_qs, u"Requested resource not found"_qs);
        return envelope(a);
    }
    if (!action.isEmpty() && action != u"delete")
        return failure(u"610"_qs, u"Requested resource not found"_qs);

    if (methodGet && action.isEmpty()) {
        MarketoSync::Query q;
        QUrlQuery params = request.query;
        const QByteArray contentType = request.header("Content-Type");
        if (request.method == "POST" && contentType.startsWith("application/json")) {
            bool ok = false;
            const QJsonDocument doc = parseJson(request.body, &ok);
            if (!ok || !doc.isObject())
                return failure(u"609"_qs, u"Invalid JSON"_qs);
            const QJsonObject o = doc.object();
            q.filterType = o.value(u"filterType").toString();
            q.compoundInput = o.value(u"input").toArray();
            for (const QJsonValue &v : o.value(u"filterValues").toArray())
                q.filterValues.append(v.isDouble() ? QString::number(v.toInteger()) : v.toString());
            for (const QJsonValue &v : o.value(u"fields").toArray())
                q.fields.append(v.toString());
            if (o.contains(u"batchSize"))
                q.batchSize = o.value(u"batchSize").toInt(300);
            q.nextPageToken = o.value(u"nextPageToken").toString();
            if (q.filterType != u"dedupeFields" && !q.compoundInput.isEmpty() && q.filterValues.isEmpty()) {
                for (const QJsonValue &v : std::as_const(q.compoundInput)) {
                    const QJsonValue key = v.toObject().value(q.filterType);
                    q.filterValues.append(key.isDouble() ? QString::number(key.toInteger()) : key.toString());
                }
                q.compoundInput = QJsonArray();
            }
        } else {
            if (request.method == "POST") {
                const QUrlQuery form = request.formBody();
                for (const auto &item : form.queryItems(QUrl::FullyDecoded))
                    params.addQueryItem(item.first, item.second);
            }
            auto value = [&](const char16_t *key) {
                return params.queryItemValue(QString::fromUtf16(key), QUrl::FullyDecoded);
            };
            q.filterType = value(u"filterType");
            q.filterValues = value(u"filterValues").split(u',', Qt::SkipEmptyParts);
            q.fields = value(u"fields").split(u',', Qt::SkipEmptyParts);
            for (QString &f : q.fields)
                f = f.trimmed();
            if (!value(u"batchSize").isEmpty())
                q.batchSize = value(u"batchSize").toInt();
            q.nextPageToken = value(u"nextPageToken");
        }
        return envelope(m_sync.get(entity, q));
    }
    if (request.method != "POST")
        return failure(u"605"_qs, u"HTTP Method not supported"_qs);
    if (!request.header("Content-Type").startsWith("application/json"))
        return failure(u"612"_qs, u"Invalid Content Type"_qs);
    bool ok = false;
    const QJsonDocument doc = parseJson(request.body, &ok);
    if (!ok || !doc.isObject())
        return failure(u"609"_qs, u"Invalid JSON"_qs);
    const MarketoSync::Answer answer = action == u"delete" ? m_sync.remove(entity, doc.object())
                                                            : m_sync.sync(entity, doc.object());
    if (answer.ok())
        emit recordsChanged();
    return envelope(answer);
}

} // namespace msi::sandbox
