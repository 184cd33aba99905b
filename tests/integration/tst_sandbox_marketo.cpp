// Contract tests of the emulated Marketo instance over loopback. Expected shapes and codes come
// from ../shared/reference/marketo-api.md and field-cases.md; records from sample-org/MANIFEST.md.
#include "SandboxHttp.h"

#include "sandbox/Sandbox.h"

#include <QRegularExpression>
#include <QTest>

using msi::sandbox::Sandbox;
using msi::sandbox::SandboxOptions;

class TestSandboxMarketo : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void tokenShapeAndCountdown();
    void badCredentialsAre401();
    void bearerOnly_data();
    void bearerOnly();
    void describe_data();
    void describe();
    void describeLeads();
    void getLeadsByFilter_data();
    void getLeadsByFilter();
    void externalIdsMatchCaseInsensitively();
    void getPagesWithNextPageToken();
    void methodGetPostForLongQueries();
    void compoundRoleQuery();
    void syncReasons_data();
    void syncReasons();
    void fullChainCreatesRoles();
    void deleteVariants();
    void batchLimitAndSizes();
    void nativeCrmSyncAnswers1018();
    void withoutMsiNonNative();
    void msiFieldsMoveOverTime();

private:
    QUrl rest(const QString &path, const QUrlQuery &query = {}) const
    {
        return SandboxHttp::url(m_sandbox.marketoUrl(), u"/rest/v1/"_qs + path, query);
    }
    static void verifyEnvelope(const QJsonObject &o);
    Sandbox m_sandbox;
    SandboxHttp m_http;
    QByteArray m_token;
};

void TestSandboxMarketo::initTestCase()
{
    QString error;
    QVERIFY2(m_sandbox.start(SandboxOptions{}, &error), qPrintable(error));
    m_token = m_http.marketoToken(m_sandbox);
    QVERIFY(!m_token.isEmpty());
}

void TestSandboxMarketo::verifyEnvelope(const QJsonObject &o)
{
    // marketo-api.md §2: requestId "e42b#14272d07d78", success, result[] or errors[{code (string), message}].
    QVERIFY2(QRegularExpression(u"^[0-9a-f]+#[0-9a-f]+$"_qs).match(o.value(u"requestId").toString()).hasMatch(),
             qPrintable(o.value(u"requestId").toString()));
    QVERIFY(o.value(u"success").isBool());
    if (o.value(u"success").toBool()) {
        QVERIFY(o.value(u"result").isArray());
    } else {
        const QJsonArray errors = o.value(u"errors").toArray();
        QVERIFY(!errors.isEmpty());
        QVERIFY(errors.first().toObject().value(u"code").isString());
        QVERIFY(errors.first().toObject().value(u"message").isString());
    }
}

void TestSandboxMarketo::tokenShapeAndCountdown()
{
    const HttpResult first = m_http.get(SandboxHttp::marketoTokenUrl(m_sandbox));
    QCOMPARE(first.status, 200);
    const QJsonObject o = first.object();
    QVERIFY(o.value(u"access_token").isString());
    QCOMPARE(o.value(u"token_type").toString(), u"bearer"_qs);
    QVERIFY(o.value(u"expires_in").isDouble());
    QVERIFY(o.value(u"scope").isString());
    QVERIFY(o.value(u"expires_in").toInt() <= 3600);
    // Same token until it expires, with its remaining life.
    m_sandbox.advanceClock(100);
    const QJsonObject second = m_http.get(SandboxHttp::marketoTokenUrl(m_sandbox)).object();
    QCOMPARE(second.value(u"access_token").toString(), o.value(u"access_token").toString());
    QVERIFY(second.value(u"expires_in").toInt() <= o.value(u"expires_in").toInt() - 100);
    // POST works as well (the spec allows both).
    const HttpResult post = m_http.send("POST", SandboxHttp::marketoTokenUrl(m_sandbox));
    QCOMPARE(post.object().value(u"access_token").toString(), o.value(u"access_token").toString());
}

void TestSandboxMarketo::badCredentialsAre401()
{
    const HttpResult r = m_http.get(SandboxHttp::marketoTokenUrl(m_sandbox, u"wrong"_qs));
    QCOMPARE(r.status, 401);
    QVERIFY(r.object().value(u"error").isString());
}

void TestSandboxMarketo::bearerOnly_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<QString>("code");
    QTest::newRow("header") << u"header"_qs << QString();
    QTest::newRow("query parameter (retired)") << u"query"_qs << u"601"_qs;
    QTest::newRow("none") << u"none"_qs << u"601"_qs;
    QTest::newRow("unknown token") << u"garbage"_qs << u"601"_qs;
}

void TestSandboxMarketo::bearerOnly()
{
    QFETCH(QString, how);
    QFETCH(QString, code);
    QUrlQuery q(u"filterType=email&filterValues=rose@edge.com"_qs);
    if (how == u"query")
        q.addQueryItem(u"access_token"_qs, QString::fromLatin1(m_token));
    const QByteArray bearer = how == u"header" ? m_token : (how == u"garbage" ? QByteArray("abc:sb") : QByteArray());
    const HttpResult r = m_http.get(rest(u"leads.json"_qs, q), bearer);
    QCOMPARE(r.status, 200); // Marketo errors come back with HTTP 200
    verifyEnvelope(r.object());
    if (code.isEmpty()) {
        QCOMPARE(r.object().value(u"success").toBool(), true);
        QCOMPARE(r.object().value(u"result").toArray().first().toObject().value(u"id").toInt(), 1045);
    } else {
        QCOMPARE(r.object().value(u"errors").toArray().first().toObject().value(u"code").toString(), code);
    }
}

void TestSandboxMarketo::describe_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("idField");
    QTest::addColumn<QStringList>("dedupeFields");
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("length");
    // marketo-api.md §3, §4, §6, §7.
    QTest::newRow("salespersons") << u"salespersons/describe.json"_qs << u"id"_qs << QStringList{u"externalSalesPersonId"_qs}
                                  << u"externalSalesPersonId"_qs << 255;
    QTest::newRow("companies") << u"companies/describe.json"_qs << u"id"_qs << QStringList{u"externalCompanyId"_qs}
                               << u"externalCompanyId"_qs << 100;
    QTest::newRow("opportunities") << u"opportunities/describe.json"_qs << u"marketoGUID"_qs
                                   << QStringList{u"externalOpportunityId"_qs} << u"externalOpportunityId"_qs << 50;
    QTest::newRow("roles") << u"opportunities/roles/describe.json"_qs << u"marketoGUID"_qs
                           << QStringList{u"externalOpportunityId"_qs, u"leadId"_qs, u"role"_qs} << u"role"_qs << 50;
}

void TestSandboxMarketo::describe()
{
    QFETCH(QString, path);
    QFETCH(QString, idField);
    QFETCH(QStringList, dedupeFields);
    QFETCH(QString, field);
    QFETCH(int, length);
    const HttpResult r = m_http.get(rest(path), m_token);
    verifyEnvelope(r.object());
    const QJsonObject d = r.object().value(u"result").toArray().first().toObject();
    QCOMPARE(d.value(u"idField").toString(), idField);
    QStringList dedupe;
    for (const QJsonValue &v : d.value(u"dedupeFields").toArray())
        dedupe.append(v.toString());
    QCOMPARE(dedupe, dedupeFields);
    QVERIFY(d.value(u"searchableFields").isArray());
    bool found = false;
    for (const QJsonValue &v : d.value(u"fields").toArray()) {
        const QJsonObject f = v.toObject();
        QVERIFY(f.contains(u"name") && f.contains(u"dataType") && f.contains(u"updateable"));
        if (f.value(u"name").toString() == field) {
            found = true;
            QCOMPARE(f.value(u"length").toInt(), length);
        }
    }
    QVERIFY(found);
}

void TestSandboxMarketo::describeLeads()
{
    const HttpResult d1 = m_http.get(rest(u"leads/describe.json"_qs), m_token);
    verifyEnvelope(d1.object());
    bool sawPriority = false;
    for (const QJsonValue &v : d1.object().value(u"result").toArray()) {
        const QJsonObject f = v.toObject();
        QVERIFY(f.value(u"id").isDouble() && f.value(u"displayName").isString() && f.value(u"dataType").isString());
        QVERIFY(f.value(u"rest").toObject().value(u"name").isString());
        if (f.value(u"rest").toObject().value(u"name").toString() == u"priority") {
            sawPriority = true;
            QCOMPARE(f.value(u"rest").toObject().value(u"readOnly").toBool(), true); // MSI outputs are read-only
        }
    }
    QVERIFY(sawPriority);
    const HttpResult d2 = m_http.get(rest(u"leads/describe2.json"_qs), m_token);
    const QJsonObject r = d2.object().value(u"result").toArray().first().toObject();
    QCOMPARE(r.value(u"name").toString(), u"API Lead"_qs);
    QVERIFY(r.value(u"searchableFields").toArray().contains(QJsonArray{u"externalPersonId"_qs}));
    QVERIFY(r.value(u"searchableFields").toArray().contains(QJsonArray{u"email"_qs}));
    const QJsonObject f = r.value(u"fields").toArray().first().toObject();
    for (const char16_t *key : {u"name", u"displayName", u"dataType", u"updateable", u"crmManaged"})
        QVERIFY(f.contains(QString::fromUtf16(key)));
}

void TestSandboxMarketo::getLeadsByFilter_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QList<int>>("ids");
    // MANIFEST: M-03 two leads share spavlova@uog.com; M-04 'Sean@Edge.COM ' is lead 1048;
    // M-02 lead 1049 has externalPersonId 0037F000009XkPgQAK.
    QTest::newRow("email shared") << u"filterType=email&filterValues=spavlova@uog.com"_qs << QList<int>{1047, 1052};
    QTest::newRow("email case+space") << u"filterType=email&filterValues=sean@edge.com"_qs << QList<int>{1048};
    QTest::newRow("externalPersonId") << u"filterType=externalPersonId&filterValues=0037F000009XkPgQAK"_qs << QList<int>{1049};
    QTest::newRow("id list") << u"filterType=id&filterValues=1050,1041,99999"_qs << QList<int>{1041, 1050};
    QTest::newRow("no match") << u"filterType=email&filterValues=nobody@nowhere.example"_qs << QList<int>{};
}

void TestSandboxMarketo::getLeadsByFilter()
{
    QFETCH(QString, query);
    QFETCH(QList<int>, ids);
    QUrlQuery q(query);
    q.addQueryItem(u"fields"_qs, u"id,email,externalPersonId,priority,relativeUrgency,relativeScoring"_qs);
    const HttpResult r = m_http.get(rest(u"leads.json"_qs, q), m_token);
    QCOMPARE(r.status, 200);
    verifyEnvelope(r.object());
    QCOMPARE(r.object().value(u"success").toBool(), true);
    QList<int> got;
    for (const QJsonValue &v : r.object().value(u"result").toArray()) {
        const QJsonObject lead = v.toObject();
        got.append(lead.value(u"id").toInt());
        // Requested fields are present (null when empty).
        QVERIFY(lead.contains(u"externalPersonId") && lead.contains(u"priority"));
    }
    QCOMPARE(got, ids);
}

void TestSandboxMarketo::externalIdsMatchCaseInsensitively()
{
    const HttpResult r = m_http.get(rest(u"companies.json"_qs, QUrlQuery(u"filterType=externalCompanyId&filterValues=0017f000007y8ffqay"_qs)), m_token);
    const QJsonArray result = r.object().value(u"result").toArray();
    QCOMPARE(result.size(), 1);
    QCOMPARE(result.first().toObject().value(u"id").toInt(), 8); // M-10 Edge Communications
    QCOMPARE(result.first().toObject().value(u"seq").toInt(), 0);
    // M-02: the legacy 15-character id does not match the 18-character Account id.
    const HttpResult legacy = m_http.get(rest(u"companies.json"_qs, QUrlQuery(u"filterType=externalCompanyId&filterValues=0017F000007y8FKQAY"_qs)), m_token);
    QCOMPARE(legacy.object().value(u"result").toArray().size(), 0);
}

void TestSandboxMarketo::getPagesWithNextPageToken()
{
    QUrlQuery q(u"filterType=id&filterValues=1041,1042,1043,1044,1045&batchSize=2"_qs);
    QList<int> ids;
    QList<int> pages;
    for (int guard = 0; guard < 10; ++guard) {
        const QJsonObject o = m_http.get(rest(u"leads.json"_qs, q), m_token).object();
        verifyEnvelope(o);
        pages.append(int(o.value(u"result").toArray().size()));
        for (const QJsonValue &v : o.value(u"result").toArray())
            ids.append(v.toObject().value(u"id").toInt());
        QVERIFY(o.value(u"moreResult").isBool());
        if (!o.value(u"moreResult").toBool()) {
            QVERIFY(!o.contains(u"nextPageToken"));
            break;
        }
        q.removeAllQueryItems(u"nextPageToken"_qs);
        q.addQueryItem(u"nextPageToken"_qs, o.value(u"nextPageToken").toString());
    }
    QCOMPARE(pages, (QList<int>{2, 2, 1}));
    QCOMPARE(ids, (QList<int>{1041, 1042, 1043, 1044, 1045}));
}

void TestSandboxMarketo::methodGetPostForLongQueries()
{
    // Field case C12: 300 e-mails of ~32 characters are ~10 KB once encoded: HTTP 414 as a GET,
    // fine as POST ?_method=GET with a form body.
    QStringList values;
    for (int i = 0; i < 299; ++i)
        values.append(QStringLiteral("firstname.lastname%1@company-domain.example").arg(i));
    values.append(u"asong@uog.com"_qs);
    QUrlQuery getQuery;
    getQuery.addQueryItem(u"filterType"_qs, u"email"_qs);
    getQuery.addQueryItem(u"filterValues"_qs, values.join(u','));
    const HttpResult tooLong = m_http.get(rest(u"leads.json"_qs, getQuery), m_token);
    QCOMPARE(tooLong.status, 414);

    QUrlQuery form = getQuery;
    form.addQueryItem(u"fields"_qs, u"id,externalPersonId"_qs);
    form.removeAllQueryItems(u"filterValues"_qs);
    form.addQueryItem(u"filterValues"_qs, QString::fromLatin1(QUrl::toPercentEncoding(values.join(u','))));
    const HttpResult r = m_http.postForm(rest(u"leads.json"_qs, QUrlQuery(u"_method=GET"_qs)), form, m_token);
    QCOMPARE(r.status, 200);
    verifyEnvelope(r.object());
    const QJsonArray result = r.object().value(u"result").toArray();
    QCOMPARE(result.size(), 1);
    QCOMPARE(result.first().toObject().value(u"id").toInt(), 1049);
}

void TestSandboxMarketo::compoundRoleQuery()
{
    // Create opportunity + role, then find the role by its compound key (POST _method=GET, JSON).
    const QJsonObject opp{{u"input"_qs, QJsonArray{QJsonObject{{u"externalOpportunityId"_qs, u"0067F000004dRtGQAU"_qs},
                                                               {u"name"_qs, u"United Oil Plant Standby Generators"_qs},
                                                               {u"externalCompanyId"_qs, u"0017F000007y8FKQAY"_qs}}}}};
    QCOMPARE(m_http.sendJson("POST", rest(u"opportunities.json"_qs), QJsonDocument(opp), m_token)
                 .object().value(u"result").toArray().first().toObject().value(u"status").toString(), u"created"_qs);
    const QJsonObject role{{u"input"_qs, QJsonArray{QJsonObject{{u"externalOpportunityId"_qs, u"0067F000004dRtGQAU"_qs},
                                                                {u"leadId"_qs, 1049}, {u"role"_qs, u"Decision Maker"_qs},
                                                                {u"isPrimary"_qs, true}}}}};
    const QJsonObject created = m_http.sendJson("POST", rest(u"opportunities/roles.json"_qs), QJsonDocument(role), m_token).object();
    verifyEnvelope(created);
    const QJsonObject createdRow = created.value(u"result").toArray().first().toObject();
    QCOMPARE(createdRow.value(u"status").toString(), u"created"_qs);
    QVERIFY(createdRow.value(u"marketoGUID").isString());
    const QJsonObject lookup{{u"filterType"_qs, u"dedupeFields"_qs},
                             {u"fields"_qs, QJsonArray{u"marketoGUID"_qs, u"leadId"_qs, u"role"_qs, u"isPrimary"_qs}},
                             {u"input"_qs, QJsonArray{QJsonObject{{u"externalOpportunityId"_qs, u"0067f000004drtgqau"_qs},
                                                                  {u"leadId"_qs, 1049}, {u"role"_qs, u"Decision Maker"_qs}}}}};
    const HttpResult r = m_http.sendJson("POST", rest(u"opportunities/roles.json"_qs, QUrlQuery(u"_method=GET"_qs)),
                                         QJsonDocument(lookup), m_token);
    verifyEnvelope(r.object());
    const QJsonArray result = r.object().value(u"result").toArray();
    QCOMPARE(result.size(), 1);
    QCOMPARE(result.first().toObject().value(u"marketoGUID").toString(), createdRow.value(u"marketoGUID").toString());
    QCOMPARE(result.first().toObject().value(u"isPrimary").toBool(), true);
    // Same key again: updated, not a second role.
    const QJsonObject again = m_http.sendJson("POST", rest(u"opportunities/roles.json"_qs), QJsonDocument(role), m_token).object();
    QCOMPARE(again.value(u"result").toArray().first().toObject().value(u"status").toString(), u"updated"_qs);
}

void TestSandboxMarketo::syncReasons_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QStringList>("outcomes"); // "created", "updated", or a reason code per record
    auto rec = [](std::initializer_list<QPair<QString, QJsonValue>> fields) {
        QJsonObject o;
        for (const auto &f : fields)
            o.insert(f.first, f.second);
        return o;
    };
    // M-01: Daniel Okafor exists as sales person id 4 with an old alias -> updated, not created.
    QTest::newRow("sales person update") << u"salespersons.json"_qs
        << QJsonObject{{u"input"_qs, QJsonArray{rec({{u"externalSalesPersonId"_qs, u"0057F000009Zt4AQAS"_qs},
                                                    {u"email"_qs, u"daniel.okafor@aurora-power.example"_qs}}),
                                                rec({{u"externalSalesPersonId"_qs, u"0057F00000DfR2xQAF"_qs},
                                                    {u"email"_qs, u"salesops@aurora-power.example"_qs}})}}}
        << QStringList{u"updated"_qs, u"created"_qs};
    QTest::newRow("companies 1036/718") << u"companies.json"_qs
        << QJsonObject{{u"input"_qs, QJsonArray{rec({{u"externalCompanyId"_qs, u"0017F000007y8FGQAY"_qs},
                                                    {u"company"_qs, u"Burlington Textiles Corp of America"_qs},
                                                    {u"externalSalesPersonId"_qs, u"0057F000009Zt4AQAS"_qs}}),
                                                rec({{u"externalCompanyId"_qs, u"0017F000007y8FGQAY"_qs}}),
                                                rec({{u"externalCompanyId"_qs, u"0017F000007y8FHQAY"_qs},
                                                    {u"externalSalesPersonId"_qs, u"0057F00000NoSuchAAA"_qs}}),
                                                rec({{u"company"_qs, u"no key"_qs}})}}}
        << QStringList{u"created"_qs, u"1036"_qs, u"718"_qs, u"1002"_qs};
    QTest::newRow("company createOnly existing") << u"companies.json"_qs
        << QJsonObject{{u"action"_qs, u"createOnly"_qs},
                       {u"input"_qs, QJsonArray{rec({{u"externalCompanyId"_qs, u"0017F000007y8FFQAY"_qs}})}}}
        << QStringList{u"1017"_qs};
    QTest::newRow("leads lookups") << u"leads.json"_qs
        << QJsonObject{{u"action"_qs, u"createOrUpdate"_qs}, {u"lookupField"_qs, u"email"_qs},
                       {u"input"_qs, QJsonArray{rec({{u"email"_qs, u"spavlova@uog.com"_qs}}),             // M-03 -> 1007
                                                rec({{u"email"_qs, u"bertha@fcof.net"_qs},
                                                     {u"externalPersonId"_qs, u"00Q7F000006QwAbUAK"_qs}}), // M-05 adopt
                                                rec({{u"email"_qs, u"brand.new@example.com"_qs}}),
                                                rec({{u"email"_qs, u"x@example.com"_qs}, {u"shoeSize"_qs, 42}}),
                                                rec({{u"email"_qs, u"y@example.com"_qs}, {u"priority"_qs, 5}})}}}
        << QStringList{u"1007"_qs, u"updated"_qs, u"created"_qs, u"1006"_qs, u"1003"_qs};
    QTest::newRow("leads createOnly/updateOnly") << u"leads.json"_qs
        << QJsonObject{{u"action"_qs, u"createOnly"_qs},
                       {u"input"_qs, QJsonArray{rec({{u"email"_qs, u"keiko.tanaka@kitsune-robotics.example"_qs}})}}}
        << QStringList{u"1005"_qs};
    QTest::newRow("leads updateOnly missing") << u"leads.json"_qs
        << QJsonObject{{u"action"_qs, u"updateOnly"_qs}, {u"lookupField"_qs, u"externalPersonId"_qs},
                       {u"input"_qs, QJsonArray{rec({{u"externalPersonId"_qs, u"0037F000009XkPUQA0"_qs}, {u"firstName"_qs, u"Rose"_qs}})}}}
        << QStringList{u"1004"_qs};
    QTest::newRow("opportunity without name / unknown owner") << u"opportunities.json"_qs
        << QJsonObject{{u"input"_qs, QJsonArray{rec({{u"externalOpportunityId"_qs, u"0067F000004dRt0QAE"_qs}}),
                                                rec({{u"externalOpportunityId"_qs, u"0067F000004dRt1QAE"_qs},
                                                     {u"name"_qs, u"x"_qs},
                                                     {u"externalSalesPersonId"_qs, u"0057F00000NoSuchAAA"_qs}})}}}
        << QStringList{u"1002"_qs, u"718"_qs};
    // C04: a Salesforce ContactId as leadId is refused; an unknown opportunity too.
    QTest::newRow("roles") << u"opportunities/roles.json"_qs
        << QJsonObject{{u"input"_qs, QJsonArray{rec({{u"externalOpportunityId"_qs, u"0065g00000Opp01AAA"_qs},
                                                     {u"leadId"_qs, u"0035g00000AbCdEAAV"_qs}, {u"role"_qs, u"Decision Maker"_qs}}),
                                                rec({{u"externalOpportunityId"_qs, u"0065g00000Opp01AAA"_qs},
                                                     {u"leadId"_qs, 1041}, {u"role"_qs, u"Decision Maker"_qs}})}}}
        << QStringList{u"1001"_qs, u"1013"_qs};
}

void TestSandboxMarketo::syncReasons()
{
    QFETCH(QString, path);
    QFETCH(QJsonObject, body);
    QFETCH(QStringList, outcomes);
    const HttpResult r = m_http.sendJson("POST", rest(path), QJsonDocument(body), m_token);
    QCOMPARE(r.status, 200);
    verifyEnvelope(r.object());
    QCOMPARE(r.object().value(u"success").toBool(), true);
    const QJsonArray result = r.object().value(u"result").toArray();
    QCOMPARE(result.size(), outcomes.size());
    for (int i = 0; i < result.size(); ++i) {
        const QJsonObject row = result.at(i).toObject();
        if (path != u"leads.json")
            QCOMPARE(row.value(u"seq").toInt(), i);
        const QString expected = outcomes.at(i);
        if (expected == u"created" || expected == u"updated") {
            QCOMPARE(row.value(u"status").toString(), expected);
            QVERIFY(row.contains(u"id") || row.contains(u"marketoGUID"));
        } else {
            QCOMPARE(row.value(u"status").toString(), u"skipped"_qs);
            const QJsonObject why = row.value(u"reasons").toArray().first().toObject();
            QCOMPARE(why.value(u"code").toString(), expected);
            QVERIFY(!why.value(u"message").toString().isEmpty());
        }
    }
    if (path == u"salespersons.json")
        QCOMPARE(result.first().toObject().value(u"id").toInt(), 4);
}

void TestSandboxMarketo::fullChainCreatesRoles()
{
    // MSI order: sales person -> company -> lead -> opportunity -> role, then read back.
    auto post = [&](const QString &path, const QJsonObject &body) {
        const QJsonObject o = m_http.sendJson("POST", rest(path), QJsonDocument(body), m_token).object();
        return o.value(u"result").toArray().first().toObject();
    };
    QCOMPARE(post(u"salespersons.json"_qs, {{u"input"_qs, QJsonArray{QJsonObject{{u"externalSalesPersonId"_qs, u"0057F00000Bq3LmQAJ"_qs},
                                                                                    {u"email"_qs, u"maria.alvarez@aurora-power.example"_qs}}}}})
                 .value(u"status").toString(), u"created"_qs);
    QCOMPARE(post(u"companies.json"_qs, {{u"input"_qs, QJsonArray{QJsonObject{{u"externalCompanyId"_qs, u"0017F000007y8FNQAY"_qs},
                                                                                 {u"company"_qs, u"University of Arizona"_qs},
                                                                                 {u"externalSalesPersonId"_qs, u"0057F00000Bq3LmQAJ"_qs}}}}})
                 .value(u"status").toString(), u"created"_qs);
    const QJsonObject lead = post(u"leads.json"_qs, {{u"lookupField"_qs, u"email"_qs},
                                                     {u"input"_qs, QJsonArray{QJsonObject{{u"email"_qs, u"jane_gray@uoa.edu"_qs},
                                                                                          {u"externalPersonId"_qs, u"0037F000009XkPfQAK"_qs},
                                                                                          {u"externalCompanyId"_qs, u"0017F000007y8FNQAY"_qs},
                                                                                          {u"externalSalesPersonId"_qs, u"0057F00000Bq3LmQAJ"_qs}}}}});
    QCOMPARE(lead.value(u"status").toString(), u"updated"_qs); // M-05: Jane Grey adopts lead 1046
    QCOMPARE(lead.value(u"id").toInt(), 1046);
    QCOMPARE(post(u"opportunities.json"_qs, {{u"input"_qs, QJsonArray{QJsonObject{{u"externalOpportunityId"_qs, u"0067F000004dRtQQAU"_qs},
                                                                                     {u"name"_qs, u"University of AZ Portable Generators"_qs},
                                                                                     {u"externalCompanyId"_qs, u"0017F000007y8FNQAY"_qs},
                                                                                     {u"externalSalesPersonId"_qs, u"0057F00000Bq3LmQAJ"_qs}}}}})
                 .value(u"status").toString(), u"created"_qs);
    QCOMPARE(post(u"opportunities/roles.json"_qs, {{u"input"_qs, QJsonArray{QJsonObject{{u"externalOpportunityId"_qs, u"0067F000004dRtQQAU"_qs},
                                                                                           {u"leadId"_qs, 1046}, {u"role"_qs, u"Evaluator"_qs}}}}})
                 .value(u"status").toString(), u"created"_qs);
    // The linked lead inherits the company's fields.
    const QJsonObject back = m_http.get(rest(u"leads.json"_qs, QUrlQuery(u"filterType=externalPersonId&filterValues=0037F000009XkPfQAK&fields=id,company,externalCompanyId"_qs)), m_token)
                                 .object().value(u"result").toArray().first().toObject();
    QCOMPARE(back.value(u"company").toString(), u"University of Arizona"_qs);
    QVERIFY(m_sandbox.marketoRecords(u"opportunityRoles"_qs).size() >= 1);
}

void TestSandboxMarketo::deleteVariants()
{
    auto post = [&](const QString &path, const QJsonObject &body) {
        return m_http.sendJson("POST", rest(path), QJsonDocument(body), m_token).object();
    };
    const QJsonObject created = post(u"leads.json"_qs, {{u"input"_qs, QJsonArray{QJsonObject{{u"email"_qs, u"to.delete@example.com"_qs}}}}});
    const int id = created.value(u"result").toArray().first().toObject().value(u"id").toInt();
    const QJsonObject del = post(u"leads/delete.json"_qs, {{u"input"_qs, QJsonArray{QJsonObject{{u"id"_qs, id}},
                                                                                  QJsonObject{{u"id"_qs, 987654}}}}});
    verifyEnvelope(del);
    QCOMPARE(del.value(u"result").toArray().at(0).toObject().value(u"status").toString(), u"deleted"_qs);
    QCOMPARE(del.value(u"result").toArray().at(1).toObject().value(u"reasons").toArray().first().toObject().value(u"code").toString(), u"1004"_qs);
    const QJsonObject company = post(u"companies/delete.json"_qs, {{u"deleteBy"_qs, u"dedupeFields"_qs},
                                                                   {u"input"_qs, QJsonArray{QJsonObject{{u"externalCompanyId"_qs, u"0017F00000NOSUCHAAA"_qs}}}}});
    QCOMPARE(company.value(u"result").toArray().first().toObject().value(u"reasons").toArray().first().toObject().value(u"code").toString(), u"1013"_qs);
    // A sales person with leads or companies is in use.
    const QJsonObject person = post(u"salespersons/delete.json"_qs, {{u"input"_qs, QJsonArray{QJsonObject{{u"externalSalesPersonId"_qs, u"0057F000009Zt4AQAS"_qs}}}}});
    QCOMPARE(person.value(u"result").toArray().first().toObject().value(u"reasons").toArray().first().toObject().value(u"code").toString(), u"1022"_qs);
}

void TestSandboxMarketo::batchLimitAndSizes()
{
    QJsonArray input;
    for (int i = 0; i < 301; ++i)
        input.append(QJsonObject{{u"email"_qs, QStringLiteral("bulk%1@example.com").arg(i)}});
    const HttpResult over = m_http.sendJson("POST", rest(u"leads.json"_qs), QJsonDocument(QJsonObject{{u"input"_qs, input}}), m_token);
    verifyEnvelope(over.object());
    QCOMPARE(over.object().value(u"success").toBool(), false);
    QCOMPARE(over.object().value(u"errors").toArray().first().toObject().value(u"code").toString(), u"1003"_qs);
    // Body above 1 MB: HTTP 413.
    QJsonArray big;
    for (int i = 0; i < 300; ++i)
        big.append(QJsonObject{{u"email"_qs, QStringLiteral("big%1@example.com").arg(i)}, {u"title"_qs, QString(4000, u'x')}});
    const HttpResult large = m_http.sendJson("POST", rest(u"leads.json"_qs), QJsonDocument(QJsonObject{{u"input"_qs, big}}), m_token);
    QCOMPARE(large.status, 413);
    // Bad JSON and wrong method use the envelope (609, 605); unknown resource 610.
    const HttpResult badJson = m_http.send("POST", rest(u"companies.json"_qs), "{nope", {{"Authorization", "Bearer " + m_token}, {"Content-Type", "application/json"}});
    QCOMPARE(badJson.object().value(u"errors").toArray().first().toObject().value(u"code").toString(), u"609"_qs);
    const HttpResult wrongMethod = m_http.send("PUT", rest(u"leads.json"_qs), "{}", {{"Authorization", "Bearer " + m_token}});
    QCOMPARE(wrongMethod.object().value(u"errors").toArray().first().toObject().value(u"code").toString(), u"605"_qs);
    const HttpResult missing = m_http.get(rest(u"widgets.json"_qs), m_token);
    QCOMPARE(missing.object().value(u"errors").toArray().first().toObject().value(u"code").toString(), u"610"_qs);
}

void TestSandboxMarketo::nativeCrmSyncAnswers1018()
{
    Sandbox native;
    SandboxOptions options;
    options.nativeCrmSync = true;
    QVERIFY(native.start(options));
    SandboxHttp http;
    const QByteArray token = http.marketoToken(native);
    for (const QString &path : {u"companies.json"_qs, u"opportunities.json"_qs}) {
        const QJsonObject o = http.sendJson("POST", SandboxHttp::url(native.marketoUrl(), u"/rest/v1/"_qs + path),
                                            QJsonDocument(QJsonObject{{u"input"_qs, QJsonArray{QJsonObject{{u"externalCompanyId"_qs, u"0017F000007y8FGQAY"_qs},
                                                                                                            {u"externalOpportunityId"_qs, u"0067F000004dRt0QAE"_qs},
                                                                                                            {u"name"_qs, u"x"_qs}}}}}),
                                            token).object();
        QCOMPARE(o.value(u"result").toArray().first().toObject().value(u"reasons").toArray().first().toObject().value(u"code").toString(), u"1018"_qs);
    }
}

void TestSandboxMarketo::withoutMsiNonNative()
{
    Sandbox plain;
    SandboxOptions options;
    options.msiNonNative = false;
    QVERIFY(plain.start(options));
    SandboxHttp http;
    const QByteArray token = http.marketoToken(plain);
    const QJsonObject d2 = http.get(SandboxHttp::url(plain.marketoUrl(), u"/rest/v1/leads/describe2.json"_qs), token)
                               .object().value(u"result").toArray().first().toObject();
    for (const QJsonValue &f : d2.value(u"fields").toArray())
        QVERIFY(f.toObject().value(u"name").toString() != u"externalPersonId");
    const QJsonObject get = http.get(SandboxHttp::url(plain.marketoUrl(), u"/rest/v1/leads.json"_qs,
                                                      QUrlQuery(u"filterType=externalPersonId&filterValues=0037F000009XkPgQAK"_qs)),
                                     token).object();
    QCOMPARE(get.value(u"success").toBool(), false);
    QCOMPARE(get.value(u"errors").toArray().first().toObject().value(u"code").toString(), u"1006"_qs);
    const QJsonObject sync = http.sendJson("POST", SandboxHttp::url(plain.marketoUrl(), u"/rest/v1/leads.json"_qs),
                                           QJsonDocument(QJsonObject{{u"input"_qs, QJsonArray{QJsonObject{{u"email"_qs, u"a@b.example"_qs},
                                                                                                         {u"externalPersonId"_qs, u"00Q7F000006QwAaUAK"_qs}}}}}),
                                           token).object();
    QCOMPARE(sync.value(u"result").toArray().first().toObject().value(u"reasons").toArray().first().toObject().value(u"code").toString(), u"1006"_qs);
}

void TestSandboxMarketo::msiFieldsMoveOverTime()
{
    Sandbox moving;
    QVERIFY(moving.start(SandboxOptions{}));
    SandboxHttp http;
    const QUrl url = SandboxHttp::url(moving.marketoUrl(), u"/rest/v1/leads.json"_qs,
                                      QUrlQuery(u"filterType=id&filterValues=1041,1042,1043,1044,1045,1046,1048,1049,1050,1051,1052&fields=id,priority,relativeUrgency,relativeScoring,msiLastInterestingMomentDate"_qs));
    const QByteArray token = http.marketoToken(moving);
    const QJsonArray before = http.get(url, token).object().value(u"result").toArray();
    // Seeded values stand at start (MANIFEST: lead 1048 priority 0).
    for (const QJsonValue &v : before) {
        if (v.toObject().value(u"id").toInt() == 1048)
            QCOMPARE(v.toObject().value(u"priority").toInt(-1), 0);
    }
    moving.advanceClock(14 * 24 * 3600);
    const QByteArray token2 = http.marketoToken(moving);
    const QJsonArray after = http.get(url, token2).object().value(u"result").toArray();
    QCOMPARE(after.size(), before.size());
    int changed = 0;
    for (int i = 0; i < after.size(); ++i) {
        const QJsonObject a = after.at(i).toObject();
        if (a != before.at(i).toObject()) {
            ++changed;
            QVERIFY(a.value(u"msiLastInterestingMomentDate").toString() > before.at(i).toObject().value(u"msiLastInterestingMomentDate").toString());
            QVERIFY(a.value(u"priority").toInt() >= 0 && a.value(u"priority").toInt() <= 100);
        }
    }
    QVERIFY(changed > 0);
    // Deterministic: a second sandbox with the same seed and elapsed time gives the same values.
    Sandbox twin;
    QVERIFY(twin.start(SandboxOptions{}));
    twin.advanceClock(14 * 24 * 3600);
    const QJsonArray twinLeads = twin.marketoRecords(u"leads"_qs);
    for (const QJsonValue &v : after) {
        const QJsonObject a = v.toObject();
        for (const QJsonValue &t : twinLeads) {
            if (t.toObject().value(u"id").toInt() == a.value(u"id").toInt()) {
                QCOMPARE(t.toObject().value(u"priority"), a.value(u"priority"));
                QCOMPARE(t.toObject().value(u"relativeUrgency"), a.value(u"relativeUrgency"));
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestSandboxMarketo)
#include "tst_sandbox_marketo.moc"
