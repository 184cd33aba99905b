#include "sandbox/SalesforceServer.h"

#include "sandbox/FaultInjector.h"
#include "sandbox/OrgState.h"
#include "sandbox/SalesforceSchema.h"
#include "sandbox/SandboxClock.h"
#include "sandbox/SoqlParser.h"

#include <QRegularExpression>

namespace msi::sandbox {

namespace {

constexpr int kMaxOpenCursors = 50;

QString releaseLabel(int major)
{
    // 62.0 = Winter '25, 63.0 = Spring '25, 64.0 = Summer '25, 65.0 = Winter '26 ...
    const int k = major - 62;
    const int season = ((k % 3) + 3) % 3;
    const int year = 25 + (k >= 0 ? k / 3 : -((-k + 2) / 3));
    static const char16_t *names[] = {u"Winter", u"Spring", u"Summer"};
    return QString::fromUtf16(names[season]) + u" '"_qs + QStringLiteral("%1").arg(year, 2, 10, QLatin1Char('0'));
}

} // namespace

SalesforceServer::SalesforceServer(OrgState &org, const SalesforceSchema &schema, FaultInjector &faults,
                                   const SandboxClock &clock, QObject *parent)
    : HttpService(parent), m_org(org), m_schema(schema), m_faults(faults), m_clock(clock),
      m_auth(clock, org.organizationId(), org.integrationUserId()), m_writer(org, schema, faults)
{
}

bool SalesforceServer::start(quint16 port, QString *error)
{
    if (!listen(port, error))
        return false;
    m_auth.setBaseUrl(baseUrl());
    return true;
}

QStringList SalesforceServer::supportedVersions()
{
    QStringList list;
    for (int v = 31; v <= 66; ++v)
        list.append(QString::number(v) + u".0"_qs);
    return list;
}

HttpReply SalesforceServer::restError(const QString &errorCode, const QString &message, int status)
{
    return HttpReply::json(QJsonArray{QJsonObject{{u"message"_qs, message}, {u"errorCode"_qs, errorCode}}}, status);
}

QString SalesforceServer::modstampNow() const
{
    return SandboxClock::salesforceDateTime(m_clock.now());
}

HttpService::Outcome SalesforceServer::handle(const HttpRequest &request)
{
    Outcome outcome;
    const QList<FaultInjector::Fault> faults = m_faults.forRequest(FaultInjector::System::Salesforce, request.path);
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
            if (fault.value == 502) {
                outcome.reply = HttpReply::text("<html><body><h1>502 Bad Gateway</h1></body></html>",
                                                "text/html", 502);
            } else if (fault.value == 503) {
                outcome.reply = restError(u"SERVER_UNAVAILABLE"_qs,
                                          u"Server temporarily unavailable, please try again later"_qs, 503);
            } else {
                outcome.reply = restError(u"UNKNOWN_EXCEPTION"_qs,
                                          u"An unexpected error occurred. Please include this ErrorId if you contact "
                                          u"support: 1466547286-36291 (-1125349811)"_qs,
                                          fault.value);
            }
            return outcome;
        default:
            break;
        }
    }
    outcome.reply = route(request);
    return outcome;
}

HttpReply SalesforceServer::route(const HttpRequest &request)
{
    const QString path = request.path.endsWith(u'/') && request.path.size() > 1 ? request.path.chopped(1)
                                                                                 : request.path;
    if (path == u"/services/oauth2/token")
        return m_auth.token(request);
    if (path == u"/services/oauth2/authorize")
        return m_auth.authorize(request);
    if (path == u"/services/oauth2/revoke")
        return m_auth.revoke(request);
    if (path == u"/services/oauth2/userinfo")
        return identity(request, true);
    if (path.startsWith(u"/id/"))
        return identity(request, false);
    if (path == u"/services/data")
        return versions();
    static const QRegularExpression dataRe(QStringLiteral("^/services/data/v(\\d+\\.\\d)(?:/(.*))?$"));
    const QRegularExpressionMatch m = dataRe.match(path);
    if (!m.hasMatch())
        return restError(u"NOT_FOUND"_qs, u"The requested resource does not exist"_qs, 404);
    const QString version = u"v"_qs + m.captured(1);
    if (!supportedVersions().contains(m.captured(1)))
        return restError(u"NOT_FOUND"_qs, u"The requested resource does not exist"_qs, 404);

    switch (m_auth.check(request)) {
    case SalesforceAuth::TokenStatus::Valid:
        break;
    case SalesforceAuth::TokenStatus::Missing:
    case SalesforceAuth::TokenStatus::Invalid:
    case SalesforceAuth::TokenStatus::Expired: {
        HttpReply r = restError(u"INVALID_SESSION_ID"_qs, u"Session expired or invalid"_qs, 401);
        r.setHeader("WWW-Authenticate", "Token");
        return r;
    }
    }
    ++m_apiUsage;
    const QString usage = u"api-usage="_qs + QString::number(m_apiUsage) + u'/' + QString::number(m_apiLimit);
    HttpReply reply;
    if (m_apiUsage > m_apiLimit) {
        reply = restError(u"REQUEST_LIMIT_EXCEEDED"_qs,
                          u"TotalRequests Limit exceeded."_qs, 403);
    } else {
        const QStringList parts = m.captured(2).isEmpty() ? QStringList() : m.captured(2).split(u'/');
        reply = dataResource(request, version, parts);
    }
    reply.setHeader("Sforce-Limit-Info", usage.toLatin1());
    return reply;
}

HttpReply SalesforceServer::versions() const
{
    QJsonArray list;
    for (const QString &v : supportedVersions()) {
        list.append(QJsonObject{{u"label"_qs, releaseLabel(v.left(v.indexOf(u'.')).toInt())},
                                {u"url"_qs, QString(u"/services/data/v"_qs + v)},
                                {u"version"_qs, v}});
    }
    return HttpReply::json(list);
}

HttpReply SalesforceServer::limits() const
{
    auto limit = [](int max, int remaining) {
        return QJsonObject{{u"Max"_qs, max}, {u"Remaining"_qs, remaining}};
    };
    return HttpReply::json(QJsonObject{
        {u"DailyApiRequests"_qs, limit(m_apiLimit, qMax(0, m_apiLimit - m_apiUsage))},
        {u"DailyBulkApiBatches"_qs, limit(15000, 15000)},
        {u"DailyBulkV2QueryJobs"_qs, limit(10000, 10000)},
        {u"DailyBulkV2QueryFileStorageMB"_qs, limit(976562, 976562)},
        {u"DataStorageMB"_qs, limit(5, 5)},
        {u"FileStorageMB"_qs, limit(20, 20)},
    });
}

int SalesforceServer::batchSize(const HttpRequest &request) const
{
    const QByteArray options = request.header("Sforce-Query-Options");
    static const QRegularExpression re(QStringLiteral("batchSize\\s*=\\s*(\\d+)"), QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(QString::fromLatin1(options));
    if (m.hasMatch())
        return qBound(200, m.captured(1).toInt(), 2000); // Salesforce honours 200..2000
    return m_pageSize;
}

HttpReply SalesforceServer::dataResource(const HttpRequest &request, const QString &version, const QStringList &parts)
{
    const QByteArray method = request.method;
    auto notAllowed = [&](const char16_t *allowed) {
        return restError(u"METHOD_NOT_ALLOWED"_qs,
                         u"HTTP Method '"_qs + QString::fromLatin1(method) + u"' not allowed. Allowed are "_qs
                             + QString::fromUtf16(allowed),
                         405);
    };
    const QString base = u"/services/data/"_qs + version;
    if (parts.isEmpty()) {
        return HttpReply::json(QJsonObject{{u"sobjects"_qs, QString(base + u"/sobjects"_qs)},
                                           {u"query"_qs, QString(base + u"/query"_qs)},
                                           {u"queryAll"_qs, QString(base + u"/queryAll"_qs)},
                                           {u"limits"_qs, QString(base + u"/limits"_qs)},
                                           {u"composite"_qs, QString(base + u"/composite"_qs)}});
    }
    const QString head = parts.first();
    if (head == u"limits" && parts.size() == 1)
        return method == "GET" ? limits() : notAllowed(u"GET,HEAD");
    if ((head == u"query" || head == u"queryAll") && parts.size() == 1)
        return method == "GET" ? query(request, version, head == u"queryAll") : notAllowed(u"GET,HEAD");
    if ((head == u"query" || head == u"queryAll") && parts.size() == 2)
        return method == "GET" ? queryMore(request, version, parts.at(1)) : notAllowed(u"GET,HEAD,DELETE");
    if (head == u"composite" && parts.size() == 2 && parts.at(1) == u"sobjects") {
        if (method != "PATCH")
            return notAllowed(u"PATCH");
        bool ok = false;
        const QJsonDocument doc = parseJson(request.body, &ok);
        if (!ok || !doc.isObject())
            return restError(u"JSON_PARSER_ERROR"_qs, u"Unexpected character in the request body"_qs, 400);
        const SalesforceWriter::Result result = m_writer.updateCollection(doc.object(), modstampNow());
        emit recordsChanged();
        return HttpReply::json(result.body, result.httpStatus);
    }
    if (head == u"sobjects") {
        if (parts.size() == 1) {
            QJsonArray objects;
            for (const QString &name : m_schema.objectNames())
                objects.append(m_schema.describeGlobalEntry(*m_schema.object(name), version));
            return HttpReply::json(QJsonObject{{u"encoding"_qs, u"UTF-8"_qs}, {u"maxBatchSize"_qs, 200},
                                               {u"sobjects"_qs, objects}});
        }
        const SalesforceSchema::Object *object = m_schema.object(parts.at(1));
        if (!object || object->name != parts.at(1)) {
            return restError(u"NOT_FOUND"_qs, u"The requested resource does not exist"_qs, 404);
        }
        if (parts.size() == 2) {
            return HttpReply::json(QJsonObject{{u"objectDescribe"_qs, m_schema.describeGlobalEntry(*object, version)},
                                               {u"recentItems"_qs, QJsonArray()}});
        }
        if (parts.size() == 3 && parts.at(2) == u"describe")
            return method == "GET" ? HttpReply::json(m_schema.describe(*object, version)) : notAllowed(u"GET,HEAD");
        if (parts.size() == 3)
            return sobjectRecord(request, version, object->name, parts.at(2));
    }
    return restError(u"NOT_FOUND"_qs, u"The requested resource does not exist"_qs, 404);
}

HttpReply SalesforceServer::sobjectRecord(const HttpRequest &request, const QString &version, const QString &type,
                                          const QString &id)
{
    const OrgState::Location location = m_org.find(id);
    if (!location.isValid() || location.type != type) {
        return restError(u"NOT_FOUND"_qs, u"Provided external ID field does not exist or is not accessible: "_qs + id,
                         404);
    }
    if (request.method == "GET") {
        const SalesforceSchema::Object *object = m_schema.object(type);
        QStringList fields;
        const QString requested = request.queryValue(u"fields"_qs);
        if (!requested.isEmpty()) {
            fields = requested.split(u',', Qt::SkipEmptyParts);
        } else {
            for (const SalesforceSchema::Field &f : object->fields)
                fields.append(f.name);
        }
        SoqlQuery q;
        q.objectName = type;
        for (const QString &name : std::as_const(fields)) {
            const SalesforceSchema::Field *f = m_schema.field(type, name.trimmed());
            if (!f)
                return restError(u"INVALID_FIELD"_qs, u"No such column '"_qs + name + u"' on entity '"_qs + type + u'\'',
                                 400);
            q.fields.append(SoqlFieldRef{QString(), QString(), QString(), f->name, f->type});
        }
        return HttpReply::json(q.project(m_org.at(location), m_org, version));
    }
    if (request.method == "PATCH") {
        bool ok = false;
        const QJsonDocument doc = parseJson(request.body, &ok);
        if (!ok || !doc.isObject())
            return restError(u"JSON_PARSER_ERROR"_qs, u"Unexpected character in the request body"_qs, 400);
        const QJsonArray errors = m_writer.updateOne(type, id, doc.object(), modstampNow());
        if (!errors.isEmpty())
            return HttpReply::json(errors, 400);
        emit recordsChanged();
        return HttpReply::text(QByteArray(), "application/json;charset=UTF-8", 204);
    }
    return restError(u"METHOD_NOT_ALLOWED"_qs,
                     u"HTTP Method '"_qs + QString::fromLatin1(request.method) + u"' not allowed. Allowed are GET,PATCH,HEAD"_qs,
                     405);
}

HttpReply SalesforceServer::query(const HttpRequest &request, const QString &version, bool all)
{
    const QString soql = request.queryValue(u"q"_qs);
    if (soql.trimmed().isEmpty())
        return restError(u"MALFORMED_QUERY"_qs, u"A query string must be provided."_qs, 400);
    SoqlQuery q;
    SoqlParser::Error error;
    SoqlParser parser(m_schema);
    if (!parser.parse(soql, &q, &error))
        return restError(error.errorCode, error.message, 400);
    const QList<QJsonObject> &records = m_org.records(q.objectName);
    QList<int> rows;
    for (int i = 0; i < records.size(); ++i) {
        if (!all && records.at(i).value(u"IsDeleted").toBool())
            continue;
        if (q.matches(records.at(i), m_org))
            rows.append(i);
    }
    q.sort(rows, m_org);
    if (q.offset > 0)
        rows = rows.mid(q.offset);
    if (q.limit >= 0 && rows.size() > q.limit)
        rows.resize(q.limit);
    if (q.countOnly) {
        return HttpReply::json(QJsonObject{{u"totalSize"_qs, int(rows.size())}, {u"done"_qs, true},
                                           {u"records"_qs, QJsonArray()}});
    }
    const QString locator = u"01g7F0000"_qs + QString::number(++m_cursorSerial).rightJustified(6, u'0') + u"AAA"_qs;
    Cursor cursor{q, rows, 0, version};
    return page(locator, cursor, batchSize(request));
}

HttpReply SalesforceServer::queryMore(const HttpRequest &request, const QString &version, const QString &locator)
{
    const qsizetype dash = locator.lastIndexOf(u'-');
    const QString key = dash > 0 ? locator.left(dash) : locator;
    const auto it = m_cursors.find(key);
    bool ok = false;
    const int position = dash > 0 ? locator.mid(dash + 1).toInt(&ok) : 0;
    if (it == m_cursors.end() || !ok || position != it->position)
        return restError(u"INVALID_QUERY_LOCATOR"_qs, u"invalid query locator"_qs, 400);
    Q_UNUSED(version);
    Cursor cursor = it.value();
    return page(key, cursor, batchSize(request));
}

HttpReply SalesforceServer::page(const QString &locator, Cursor &cursor, int batchSize)
{
    const int end = qMin(int(cursor.rows.size()), cursor.position + batchSize);
    QJsonArray records;
    const QList<QJsonObject> &all = m_org.records(cursor.query.objectName);
    for (int i = cursor.position; i < end; ++i) {
        const int row = cursor.rows.at(i);
        if (row < all.size())
            records.append(cursor.query.project(all.at(row), m_org, cursor.version));
    }
    QJsonObject body{{u"totalSize"_qs, int(cursor.rows.size())}, {u"done"_qs, end >= cursor.rows.size()}};
    if (end < cursor.rows.size()) {
        cursor.position = end;
        m_cursors.insert(locator, cursor);
        m_cursorOrder.removeAll(locator);
        m_cursorOrder.append(locator);
        while (m_cursorOrder.size() > kMaxOpenCursors)
            m_cursors.remove(m_cursorOrder.takeFirst());
        body.insert(u"nextRecordsUrl"_qs,
                    QString(u"/services/data/"_qs + cursor.version + u"/query/"_qs + locator + u'-' + QString::number(end)));
    } else {
        m_cursors.remove(locator);
        m_cursorOrder.removeAll(locator);
    }
    body.insert(u"records"_qs, records);
    return HttpReply::json(body);
}

HttpReply SalesforceServer::identity(const HttpRequest &request, bool openIdShape)
{
    HttpRequest authRequest = request;
    const QString oauthToken = request.queryValue(u"oauth_token"_qs);
    if (!oauthToken.isEmpty())
        authRequest.headers.append({QByteArrayLiteral("Authorization"), "Bearer " + oauthToken.toLatin1()});
    if (m_auth.check(authRequest) != SalesforceAuth::TokenStatus::Valid) {
        if (openIdShape)
            return HttpReply::text("Bad_OAuth_Token", "text/plain", 403);
        return HttpReply::text("Bad_OAuth_Token", "text/plain", 403);
    }
    const OrgState::Location loc = m_org.find(m_auth.userId());
    const QJsonObject user = loc.isValid() ? m_org.at(loc) : QJsonObject();
    const QString base = baseUrl().toString();
    const QString v = u"62.0"_qs;
    QJsonObject urls{{u"enterprise"_qs, QString(base + u"/services/Soap/c/{version}/"_qs + m_auth.orgId().left(15))},
                     {u"partner"_qs, QString(base + u"/services/Soap/u/{version}/"_qs + m_auth.orgId().left(15))},
                     {u"rest"_qs, QString(base + u"/services/data/v{version}/"_qs)},
                     {u"sobjects"_qs, QString(base + u"/services/data/v{version}/sobjects/"_qs)},
                     {u"query"_qs, QString(base + u"/services/data/v{version}/query/"_qs)},
                     {u"custom_domain"_qs, base}};
    if (openIdShape) {
        return HttpReply::json(QJsonObject{
            {u"sub"_qs, m_auth.identityUrl()}, {u"user_id"_qs, m_auth.userId()},
            {u"organization_id"_qs, m_auth.orgId()}, {u"preferred_username"_qs, user.value(u"Username")},
            {u"nickname"_qs, user.value(u"FirstName")}, {u"name"_qs, user.value(u"Name")},
            {u"email"_qs, user.value(u"Email")}, {u"email_verified"_qs, true},
            {u"given_name"_qs, user.value(u"FirstName")}, {u"family_name"_qs, user.value(u"LastName")},
            {u"zoneinfo"_qs, u"America/Los_Angeles"_qs}, {u"locale"_qs, u"en_US"_qs},
            {u"active"_qs, true}, {u"user_type"_qs, u"STANDARD"_qs}, {u"language"_qs, u"en_US"_qs},
            {u"urls"_qs, urls}, {u"is_app_installed"_qs, true}});
    }
    Q_UNUSED(v);
    return HttpReply::json(QJsonObject{
        {u"id"_qs, m_auth.identityUrl()}, {u"asserted_user"_qs, true}, {u"user_id"_qs, m_auth.userId()},
        {u"organization_id"_qs, m_auth.orgId()}, {u"username"_qs, user.value(u"Username")},
        {u"nick_name"_qs, user.value(u"FirstName")}, {u"display_name"_qs, user.value(u"Name")},
        {u"email"_qs, user.value(u"Email")}, {u"email_verified"_qs, true},
        {u"first_name"_qs, user.value(u"FirstName")}, {u"last_name"_qs, user.value(u"LastName")},
        {u"timezone"_qs, u"America/Los_Angeles"_qs}, {u"active"_qs, true}, {u"user_type"_qs, u"STANDARD"_qs},
        {u"language"_qs, u"en_US"_qs}, {u"locale"_qs, u"en_US"_qs}, {u"utcOffset"_qs, -28800000},
        {u"last_modified_date"_qs, user.value(u"SystemModstamp")}, {u"is_app_installed"_qs, true},
        {u"urls"_qs, urls}});
}

} // namespace msi::sandbox
