// MarketoClient against the sandbox over loopback: auth, describe2, sync with per-record results,
// chunking and paging, UTF-8 names, every error class (faults), a 606 storm, 615, a 607 that
// stops cleanly, a token expiring in the middle of a long read, and use from a worker thread.
// Windows, TTLs and back-off are compressed so the whole file runs in seconds.
#include "marketo/MarketoAuth.h"
#include "marketo/MarketoClient.h"
#include "net/RateLimiter.h"
#include "sandbox/Sandbox.h"
#include "sandbox/SandboxOptions.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace msi::marketo;
using msi::net::ApiError;
using msi::sandbox::Sandbox;
using msi::sandbox::SandboxOptions;
using Kind = ApiError::Kind;
using Status = SyncOutcome::Status;

namespace {

MarketoSettings fastSettings()
{
    MarketoSettings s;
    s.retry.maxAttempts = 4;
    s.retry.baseDelayMs = 20;
    s.retry.maxDelayMs = 200;
    s.retry.maxRateLimitWaits = 30;
    s.timeouts.inactivityMs = 5000;
    s.timeouts.totalMs = 20000;
    return s;
}

struct Fixture
{
    Sandbox sandbox;
    std::unique_ptr<MarketoClient> client;

    bool start(SandboxOptions options, MarketoSettings settings = fastSettings(),
               const QString &secret = Sandbox::clientSecret())
    {
        QString error;
        if (!sandbox.start(options, &error)) {
            qWarning() << "sandbox:" << error;
            return false;
        }
        client = std::make_unique<MarketoClient>(
                MarketoCredentials{sandbox.marketoUrl(), Sandbox::clientId(), secret}, settings);
        return true;
    }
};

template<typename Report, typename Call>
Report wait(Call call, int timeoutMs = 60000)
{
    Report out;
    bool done = false;
    call([&](const Report &r) {
        out = r;
        done = true;
    });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(done, timeoutMs); }();
    return out;
}

QJsonObject lead(const QString &email, const QString &first, const QString &last, const QString &personId)
{
    return QJsonObject{{u"email"_qs, email}, {u"firstName"_qs, first}, {u"lastName"_qs, last},
                       {u"externalPersonId"_qs, personId}};
}

QString fakeId(const char *prefix, int i)
{
    return QString::fromLatin1(prefix) + QString::number(i).rightJustified(9, u'0') + u"ZZZ"_qs;
}

} // namespace

class TestMarketoClient : public QObject
{
    Q_OBJECT
private slots:
    void authAndDescribe();
    void badCredentialsAreFatal();
    void utf8NamesRoundTrip();
    void partialFailuresNamed();
    void syncBatchesOf300();
    void filterChunksAndPages();
    void longEmailsInOneCall();
    void opportunityRolesByCompoundKey();
    void faults_data();
    void faults();
    void storm606();
    void budgetPreventsRateErrors();
    void concurrencyLimit615();
    void quota607StopsCleanly();
    void tokenExpiresMidRead();
    void tokenTtlShorterThanRead();
    void workerThread();
    void logsCarryNoSecrets();
};

namespace {
QStringList g_log;
void collect(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_log << message;
}
// ctest runs with QT_LOGGING_RULES=*.debug=false, which beats setFilterRules(); a category filter
// turns the product's debug output on regardless, so there is something to inspect.
QLoggingCategory::CategoryFilter g_previousFilter = nullptr;
void enableProductDebug(QLoggingCategory *category)
{
    if (g_previousFilter)
        g_previousFilter(category);
    if (qstrncmp(category->categoryName(), "msibridge.", 10) == 0)
        category->setEnabled(QtDebugMsg, true);
}
} // namespace

void TestMarketoClient::logsCarryNoSecrets()
{
    SandboxOptions options;
    options.faults = u"mkto:expire~/rest/v1/leads.json#1,mkto:503~/rest/v1/leads.json#2"_qs;
    Fixture f;
    QVERIFY(f.start(options));
    QLoggingCategory::setFilterRules(u"msibridge.*.debug=true"_qs);
    g_previousFilter = QLoggingCategory::installFilter(enableProductDebug);
    g_log.clear();
    const QtMessageHandler previous = qInstallMessageHandler(collect);
    const FilterReport r = wait<FilterReport>([&](auto cb) {
        f.client->getByFilter(MarketoObject::Lead, u"email"_qs, {u"rose@edge.com"_qs}, {u"id"_qs}, cb);
    });
    qInstallMessageHandler(previous);
    QLoggingCategory::installFilter(g_previousFilter);
    QLoggingCategory::setFilterRules(QString());
    QVERIFY2(!r.error.isError(), qPrintable(r.error.message()));
    QVERIFY(g_log.size() >= 4); // requests, the refresh and the retry were logged
    // The token the client holds now (the identity service hands out the same one).
    QNetworkRequest probe(QUrl(u"http://x"_qs));
    f.client->auth()->authorize(probe);
    const QString token = QString::fromUtf8(probe.rawHeader("Authorization").mid(7));
    QVERIFY(token.size() > 8);
    const QString all = g_log.join(u'\n');
    QVERIFY2(!all.contains(Sandbox::clientSecret()), qPrintable(all));
    QVERIFY2(!all.contains(token), qPrintable(all));
}

void TestMarketoClient::authAndDescribe()
{
    Fixture f;
    QVERIFY(f.start(SandboxOptions()));
    const ApiError auth = wait<ApiError>([&](auto cb) { f.client->authenticate(cb); });
    QVERIFY2(!auth.isError(), qPrintable(auth.message()));
    const LeadSchemaReport schema = wait<LeadSchemaReport>([&](auto cb) { f.client->describeLeads(cb); });
    QVERIFY2(!schema.error.isError(), qPrintable(schema.error.message()));
    QVERIFY(schema.schema.hasField(u"email"_qs));
    QVERIFY(schema.schema.hasField(u"externalPersonId"_qs));
    QVERIFY(schema.schema.canFilterBy(u"email"_qs));
    const DescribeReport companies = wait<DescribeReport>([&](auto cb) {
        f.client->describe(MarketoObject::Company, cb);
    });
    QVERIFY(!companies.error.isError());
    QCOMPARE(companies.result.first().toObject().value(u"idField"_qs).toString(), u"id"_qs);
}

void TestMarketoClient::badCredentialsAreFatal()
{
    Fixture f;
    QVERIFY(f.start(SandboxOptions(), fastSettings(), u"wrong-secret"_qs));
    const FilterReport r = wait<FilterReport>([&](auto cb) {
        f.client->getByFilter(MarketoObject::Lead, u"email"_qs, {u"rose@edge.com"_qs}, {}, cb);
    });
    QCOMPARE(ApiError::kindName(r.error.kind), ApiError::kindName(Kind::Fatal));
    QVERIFY2(r.error.message().contains(u"/identity/oauth/token"_qs), qPrintable(r.error.message()));
    QVERIFY(!r.error.message().contains(u"wrong-secret"_qs));
    QCOMPARE(f.client->auth()->tokensFetched(), 1); // no retry loop on bad credentials
}

void TestMarketoClient::utf8NamesRoundTrip()
{
    Fixture f;
    QVERIFY(f.start(SandboxOptions()));
    const QList<QJsonObject> input = {
            lead(u"maria.jose@aurora-power.example"_qs, u"María José"_qs, u"Álvarez"_qs, u"0037F00000U7f01QAA"_qs),
            lead(u"chloe.lefevre@pyramid.example"_qs, u"Chloé"_qs, u"Lefèvre"_qs, u"0037F00000U7f02QAA"_qs),
            lead(u"nguyen@kitsune-robotics.example"_qs, u"Thị"_qs, u"Nguyễn"_qs, u"0037F00000U7f03QAA"_qs)};
    const SyncReport sync = wait<SyncReport>([&](auto cb) {
        f.client->sync(MarketoObject::Lead, input, SyncOptions(), cb);
    });
    QVERIFY2(sync.complete(), qPrintable(sync.summary()));
    QCOMPARE(sync.count(Status::Created), 3);

    const FilterReport read = wait<FilterReport>([&](auto cb) {
        f.client->getByFilter(MarketoObject::Lead, u"externalPersonId"_qs,
                              {u"0037F00000U7f01QAA"_qs, u"0037F00000U7f02QAA"_qs,
                               u"0037F00000U7f03QAA"_qs, u"0037F00000U7f09QAA"_qs},
                              {u"id"_qs, u"firstName"_qs, u"lastName"_qs, u"email"_qs}, cb);
    });
    QVERIFY2(!read.error.isError(), qPrintable(read.error.message()));
    QCOMPARE(read.records.size(), 3);
    QStringList names;
    for (const QJsonObject &r : read.records)
        names << r.value(u"firstName"_qs).toString() + u' ' + r.value(u"lastName"_qs).toString();
    names.sort();
    QCOMPARE(names, (QStringList{u"Chloé Lefèvre"_qs, u"María José Álvarez"_qs, u"Thị Nguyễn"_qs}));
    QCOMPARE(read.missingValues, QStringList{u"0037F00000U7f09QAA"_qs}); // "not synced yet"
}

void TestMarketoClient::partialFailuresNamed()
{
    Fixture f;
    QVERIFY(f.start(SandboxOptions()));
    // field-cases.md C06: spavlova@uog.com is on two Marketo leads (1047, 1052); upserting by
    // e-mail skips that row (1007) without naming it: the outcome is mapped back by position.
    const QList<QJsonObject> input = {
            lead(u"new.person@aurora-power.example"_qs, u"New"_qs, u"Person"_qs, u"0037F00000U7f11QAA"_qs),
            lead(u"spavlova@uog.com"_qs, u"Stella"_qs, u"Pavlova"_qs, u"0037F000009XkPhQAK"_qs)};
    SyncOptions options;
    options.lookupField = u"email"_qs;
    const SyncReport report = wait<SyncReport>([&](auto cb) {
        f.client->sync(MarketoObject::Lead, input, options, cb);
    });
    QVERIFY(!report.error.isError());
    QCOMPARE(report.outcomes.at(0).status, Status::Created);
    QCOMPARE(report.outcomes.at(1).status, Status::Skipped);
    QCOMPARE(report.outcomes.at(1).reasons.value(0).code, u"1007"_qs);
    const QString message = report.outcomes.at(1).message(MarketoObject::Lead, input.at(1));
    QVERIFY2(message.contains(u"spavlova@uog.com"_qs) && message.contains(u"0037F000009XkPhQAK"_qs)
                     && message.contains(u"1007"_qs),
             qPrintable(message));
    QVERIFY(!report.complete() || report.count(Status::Skipped) == 1);

    // createOnly on an existing lead: 1005, and the new one beside it still goes through.
    SyncOptions createOnly;
    createOnly.action = u"createOnly"_qs;
    createOnly.lookupField = u"email"_qs;
    const SyncReport second = wait<SyncReport>([&](auto cb) {
        f.client->sync(MarketoObject::Lead,
                       {lead(u"rose@edge.com"_qs, u"Rose"_qs, u"Gonzalez"_qs, u"0037F000009XkPUQA0"_qs),
                        lead(u"another.new@aurora-power.example"_qs, u"An"_qs, u"Other"_qs, u"0037F00000U7f12QAA"_qs)},
                       createOnly, cb);
    });
    QCOMPARE(second.outcomes.at(0).status, Status::Skipped);
    QCOMPARE(second.outcomes.at(0).reasons.value(0).code, u"1005"_qs);
    QCOMPARE(second.outcomes.at(1).status, Status::Created);
    QCOMPARE(second.summary(), u"1 created, 0 updated, 1 skipped"_qs);
}

void TestMarketoClient::syncBatchesOf300()
{
    Fixture f;
    QVERIFY(f.start(SandboxOptions()));
    QList<QJsonObject> companies;
    for (int i = 0; i < 650; ++i)
        companies << QJsonObject{{u"externalCompanyId"_qs, fakeId("001", i)},
                                 {u"company"_qs, u"Company %1 Ünited"_qs.arg(i)}};
    const SyncReport report = wait<SyncReport>([&](auto cb) {
        f.client->sync(MarketoObject::Company, companies, SyncOptions(), cb);
    });
    QVERIFY2(report.complete(), qPrintable(report.summary()));
    QCOMPARE(report.count(Status::Created), 650);
    QCOMPARE(report.calls, 3); // 300 + 300 + 50
    for (const SyncOutcome &o : report.outcomes)
        QVERIFY(o.id.toInteger() > 0);
}

void TestMarketoClient::filterChunksAndPages()
{
    Fixture f;
    MarketoSettings settings = fastSettings();
    settings.pageSize = 7;
    QVERIFY(f.start(SandboxOptions(), settings));
    QList<QJsonObject> companies;
    for (int i = 0; i < 20; ++i)
        companies << QJsonObject{{u"externalCompanyId"_qs, fakeId("001", 5000 + i)},
                                 {u"company"_qs, u"Paged %1"_qs.arg(i)}};
    QVERIFY(wait<SyncReport>([&](auto cb) {
                f.client->sync(MarketoObject::Company, companies, SyncOptions(), cb);
            }).complete());

    // field-cases.md C12: 700 ids -> 3 chunks; the 20 that exist come back over several pages.
    QStringList ids;
    for (int i = 0; i < 700; ++i)
        ids << fakeId("001", 5000 + i);
    const FilterReport r = wait<FilterReport>([&](auto cb) {
        f.client->getByFilter(MarketoObject::Company, u"externalCompanyId"_qs, ids,
                              {u"id"_qs, u"externalCompanyId"_qs, u"company"_qs}, cb);
    });
    QVERIFY2(!r.error.isError(), qPrintable(r.error.message()));
    QCOMPARE(r.records.size(), 20);
    QCOMPARE(r.missingValues.size(), 680);
    QVERIFY(r.calls >= 3 + 2); // 3 chunks, the first one paged (20 records / 7 per page)
}

void TestMarketoClient::longEmailsInOneCall()
{
    // field-cases.md C12 variant: 300 e-mails of ~40 characters are over 8 KB as a GET (414);
    // they go in one POST _method=GET call, not split into more calls of the daily quota.
    QStringList emails;
    for (int i = 0; i < 299; ++i)
        emails << u"firstname.lastname%1@company-domain.example"_qs.arg(i, 3, 10, QLatin1Char('0'));
    emails << u"asong@uog.com"_qs; // a seeded lead of the sample org
    Fixture f;
    QVERIFY(f.start(SandboxOptions()));
    const FilterReport r = wait<FilterReport>([&](auto cb) {
        f.client->getByFilter(MarketoObject::Lead, u"email"_qs, emails, {u"id"_qs, u"email"_qs}, cb);
    });
    QVERIFY2(!r.error.isError(), qPrintable(r.error.message()));
    QCOMPARE(r.calls, 1);
    QCOMPARE(r.records.size(), 1);
    QCOMPARE(r.records.first().value(u"email"_qs).toString(), u"asong@uog.com"_qs);
    QCOMPARE(r.missingValues.size(), 299);
}

void TestMarketoClient::opportunityRolesByCompoundKey()
{
    Fixture f;
    QVERIFY(f.start(SandboxOptions()));
    // The MSI order: company (seeded: 0017F000007y8FFQAY), opportunity, lead, then the role with
    // the Marketo lead id (field-cases.md C04), read back by the compound dedupe key.
    const SyncReport opp = wait<SyncReport>([&](auto cb) {
        f.client->sync(MarketoObject::Opportunity,
                       {QJsonObject{{u"externalOpportunityId"_qs, u"0067F00000Rk01aQAB"_qs},
                                    {u"name"_qs, u"Edge Emergency Generators"_qs},
                                    {u"externalCompanyId"_qs, u"0017F000007y8FFQAY"_qs},
                                    {u"externalSalesPersonId"_qs, u"0057F00000CkP8sQAF"_qs}}},
                       SyncOptions(), cb);
    });
    QVERIFY2(opp.complete(), qPrintable(opp.summary()));
    QVERIFY(!opp.outcomes.first().id.toString().isEmpty()); // marketoGUID
    const FilterReport lead = wait<FilterReport>([&](auto cb) {
        f.client->getByFilter(MarketoObject::Lead, u"email"_qs, {u"rose@edge.com"_qs}, {u"id"_qs}, cb);
    });
    QCOMPARE(lead.records.size(), 1);
    const int leadId = lead.records.first().value(u"id"_qs).toInt();
    const QJsonObject role{{u"externalOpportunityId"_qs, u"0067F00000Rk01aQAB"_qs},
                           {u"leadId"_qs, leadId}, {u"role"_qs, u"Decision Maker"_qs}};
    QJsonObject withPrimary = role;
    withPrimary.insert(u"isPrimary"_qs, true);
    const SyncReport roles = wait<SyncReport>([&](auto cb) {
        f.client->sync(MarketoObject::OpportunityRole, {withPrimary}, SyncOptions(), cb);
    });
    QVERIFY2(roles.complete(), qPrintable(roles.summary()));

    QJsonObject absent = role;
    absent.insert(u"role"_qs, u"Influencer"_qs);
    const FilterReport read = wait<FilterReport>([&](auto cb) {
        f.client->getByKeys(MarketoObject::OpportunityRole, {role, absent},
                            {u"marketoGUID"_qs, u"isPrimary"_qs}, cb);
    });
    QVERIFY2(!read.error.isError(), qPrintable(read.error.message()));
    QCOMPARE(read.records.size(), 1);
    QCOMPARE(read.records.first().value(u"leadId"_qs).toInt(), leadId);
    QCOMPARE(read.missingValues,
             QStringList{u"0067f00000rk01aqab|%1|influencer"_qs.arg(leadId)});
}

void TestMarketoClient::faults_data()
{
    QTest::addColumn<QString>("faults");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<int>("calls");

    const QString leads = u"~/rest/v1/leads.json"_qs;
    QTest::newRow("604 once") << u"mkto:604"_qs + leads + u"#1"_qs << true << Kind::None << 2;
    QTest::newRow("608 once") << u"mkto:608"_qs + leads + u"#1"_qs << true << Kind::None << 2;
    QTest::newRow("611 once") << u"mkto:611"_qs + leads + u"#1"_qs << true << Kind::None << 2;
    QTest::newRow("713 once") << u"mkto:713"_qs + leads + u"#1"_qs << true << Kind::None << 2;
    QTest::newRow("500 once") << u"mkto:500"_qs + leads + u"#1"_qs << true << Kind::None << 2;
    QTest::newRow("502 every call") << u"mkto:502"_qs + leads << false << Kind::Transient << 4;
    QTest::newRow("503 once") << u"mkto:503"_qs + leads + u"#1"_qs << true << Kind::None << 2;
    // A dropped keep-alive connection may be resent by Qt itself before the job sees it: -1 =
    // any number of calls, as long as the read succeeds.
    QTest::newRow("dropped once") << u"mkto:drop"_qs + leads + u"#1"_qs << true << Kind::None << -1;
    QTest::newRow("dropped every call") << u"mkto:drop"_qs + leads << false << Kind::Network << 4;
    QTest::newRow("713 always") << u"mkto:713"_qs + leads << false << Kind::Transient << 4;
    QTest::newRow("token expired (602)") << u"mkto:expire"_qs + leads + u"#1"_qs << true << Kind::None << 2;
}

void TestMarketoClient::faults()
{
    QFETCH(QString, faults);
    QFETCH(bool, ok);
    QFETCH(Kind, kind);
    QFETCH(int, calls);
    SandboxOptions options;
    options.faults = faults;
    Fixture f;
    QVERIFY(f.start(options));
    const FilterReport r = wait<FilterReport>([&](auto cb) {
        f.client->getByFilter(MarketoObject::Lead, u"email"_qs, {u"rose@edge.com"_qs},
                              {u"id"_qs, u"email"_qs}, cb);
    });
    QCOMPARE(ApiError::kindName(r.error.kind), ApiError::kindName(kind));
    if (calls >= 0)
        QCOMPARE(r.calls, calls);
    if (ok) {
        QCOMPARE(r.records.size(), 1);
        QCOMPARE(r.records.first().value(u"id"_qs).toInt(), 1045);
    } else {
        QVERIFY(r.error.message().contains(u"/rest/v1/leads.json"_qs));
    }
}

void TestMarketoClient::storm606()
{
    // field-cases.md C07: a client configured above the instance's real limit (5 calls per 1 s
    // here) gets 606s; it waits out the window each time and loses nothing.
    SandboxOptions options;
    options.marketoRateCalls = 5;
    options.marketoRateWindowSeconds = 1;
    MarketoSettings settings = fastSettings();
    settings.budget = {100, 1000, 4};
    settings.maxBatchRecords = 1; // one call per lead
    Fixture f;
    QVERIFY(f.start(options, settings));
    QList<QJsonObject> input;
    for (int i = 0; i < 20; ++i)
        input << lead(u"storm%1@aurora-power.example"_qs.arg(i), u"Storm"_qs, QString::number(i),
                      fakeId("003", 9000 + i));
    const SyncReport report = wait<SyncReport>([&](auto cb) {
        f.client->sync(MarketoObject::Lead, input, SyncOptions(), cb);
    });
    QVERIFY2(report.complete(), qPrintable(report.summary()));
    QCOMPARE(report.count(Status::Created), 20); // 20 OK, 0 lost
    QVERIFY(report.rateLimitWaits > 0);         // and the report says how many 606 retries
    QCOMPARE(report.calls, 20 + report.rateLimitWaits);
}

void TestMarketoClient::budgetPreventsRateErrors()
{
    // The same instance limit, but the client's budget under it: no 606 at all, by construction.
    SandboxOptions options;
    options.marketoRateCalls = 5;
    options.marketoRateWindowSeconds = 1;
    MarketoSettings settings = fastSettings();
    settings.budget = {4, 1000, 2};
    settings.maxBatchRecords = 1;
    Fixture f;
    QVERIFY(f.start(options, settings));
    QList<QJsonObject> input;
    for (int i = 0; i < 12; ++i)
        input << lead(u"paced%1@aurora-power.example"_qs.arg(i), u"Paced"_qs, QString::number(i),
                      fakeId("003", 9100 + i));
    const SyncReport report = wait<SyncReport>([&](auto cb) {
        f.client->sync(MarketoObject::Lead, input, SyncOptions(), cb);
    });
    QVERIFY2(report.complete(), qPrintable(report.summary()));
    QCOMPARE(report.rateLimitWaits, 0);
    QCOMPARE(report.calls, 12);
}

void TestMarketoClient::concurrencyLimit615()
{
    // field-cases.md C08: the instance allows 1 call in flight (slow answers); the client sends 4
    // at once, gets 615s, backs off and every read still completes.
    SandboxOptions options;
    options.marketoConcurrency = 1;
    options.marketoLatencyMs = 150;
    MarketoSettings settings = fastSettings();
    settings.budget = {100, 20000, 4};
    settings.retry.maxAttempts = 12;
    Fixture f;
    QVERIFY(f.start(options, settings));
    const QStringList emails = {u"rose@edge.com"_qs, u"pat@pyramid.net"_qs, u"asong@uog.com"_qs,
                                u"jane_gray@uoa.edu"_qs, u"bertha@fcof.net"_qs, u"norm_may@greenwich.net"_qs};
    int done = 0;
    int found = 0;
    int calls = 0;
    QStringList errors;
    for (const QString &email : emails)
        f.client->getByFilter(MarketoObject::Lead, u"email"_qs, {email}, {u"id"_qs}, [&](const FilterReport &r) {
            ++done;
            found += int(r.records.size());
            calls += r.calls;
            if (r.error.isError())
                errors << r.error.message();
        });
    QTRY_COMPARE_WITH_TIMEOUT(done, int(emails.size()), 60000);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(found, int(emails.size()));
    QVERIFY(calls > int(emails.size())); // some calls met 615 and were retried
}

void TestMarketoClient::quota607StopsCleanly()
{
    // field-cases.md C09: the daily quota runs out in the middle of a sync.
    SandboxOptions options;
    options.marketoDailyQuota = 3;
    MarketoSettings settings = fastSettings();
    settings.maxBatchRecords = 2;
    Fixture f;
    QVERIFY(f.start(options, settings));
    QList<QJsonObject> input;
    for (int i = 0; i < 10; ++i)
        input << lead(u"quota%1@aurora-power.example"_qs.arg(i), u"Quota"_qs, QString::number(i),
                      fakeId("003", 9200 + i));
    const SyncReport report = wait<SyncReport>([&](auto cb) {
        f.client->sync(MarketoObject::Lead, input, SyncOptions(), cb);
    });
    QVERIFY(report.quotaExhausted());
    QCOMPARE(report.count(Status::Created), 6);
    QCOMPARE(report.count(Status::NotSent), 4);
    QCOMPARE(report.pendingIndices(), (QList<int>{6, 7, 8, 9}));
    QCOMPARE(report.calls, 4); // stopped at the first 607, no retry
    QVERIFY(report.error.resetsAt.isValid());
    const QString message = report.summary();
    QVERIFY2(message.contains(u"607"_qs) && message.contains(u"00:00 US Central"_qs)
                     && message.contains(u"4 not sent"_qs),
             qPrintable(message));
    for (int i : report.pendingIndices())
        QVERIFY(report.outcomes.at(i).message(MarketoObject::Lead, input.at(i)).contains(u"not sent"_qs));
}

void TestMarketoClient::tokenExpiresMidRead()
{
    // field-cases.md C10: the token dies on the 3rd page; 602 -> new token -> same page again.
    SandboxOptions options;
    options.faults = u"mkto:expire~/rest/v1/companies.json#3"_qs;
    MarketoSettings settings = fastSettings();
    settings.pageSize = 3;
    Fixture f;
    QVERIFY(f.start(options, settings));
    QList<QJsonObject> companies;
    for (int i = 0; i < 14; ++i)
        companies << QJsonObject{{u"externalCompanyId"_qs, fakeId("001", 7000 + i)},
                                 {u"company"_qs, u"Expiry %1"_qs.arg(i)}};
    QVERIFY(wait<SyncReport>([&](auto cb) {
                f.client->sync(MarketoObject::Company, companies, SyncOptions(), cb);
            }).complete());
    QStringList ids;
    for (const QJsonObject &c : companies)
        ids << c.value(u"externalCompanyId"_qs).toString();
    const int tokensBefore = f.client->auth()->tokensFetched();
    const FilterReport r = wait<FilterReport>([&](auto cb) {
        f.client->getByFilter(MarketoObject::Company, u"externalCompanyId"_qs, ids,
                              {u"id"_qs, u"externalCompanyId"_qs}, cb);
    });
    QVERIFY2(!r.error.isError(), qPrintable(r.error.message()));
    QCOMPARE(r.records.size(), 14);
    QVERIFY(r.missingValues.isEmpty());
    QCOMPARE(f.client->auth()->tokensFetched(), tokensBefore + 1);
}

void TestMarketoClient::tokenTtlShorterThanRead()
{
    // A token that lives 1 s and a read that takes longer; no renewal margin, so the expiry shows
    // up as 602 in the middle of the read.
    SandboxOptions options;
    options.tokenTtlSeconds = 1;
    options.marketoLatencyMs = 120;
    MarketoSettings settings = fastSettings();
    settings.pageSize = 1;
    settings.tokenRenewMarginMs = 0;
    Fixture f;
    QVERIFY(f.start(options, settings));
    const FilterReport r = wait<FilterReport>([&](auto cb) {
        f.client->getByFilter(MarketoObject::Lead, u"email"_qs,
                              {u"rose@edge.com"_qs, u"pat@pyramid.net"_qs, u"asong@uog.com"_qs,
                               u"jane_gray@uoa.edu"_qs, u"bertha@fcof.net"_qs, u"norm_may@greenwich.net"_qs,
                               u"brenda@cardinal.net"_qs, u"pcotton@abbottins.net"_qs, u"spavlova@uog.com"_qs,
                               u"keiko.tanaka@kitsune-robotics.example"_qs},
                              {u"id"_qs, u"email"_qs}, cb);
    });
    QVERIFY2(!r.error.isError(), qPrintable(r.error.message()));
    QCOMPARE(r.records.size(), 11); // spavlova@uog.com is on two leads
    QVERIFY(f.client->auth()->tokensFetched() >= 2);
}

void TestMarketoClient::workerThread()
{
    Fixture f;
    QVERIFY(f.start(SandboxOptions()));
    const QUrl url = f.sandbox.marketoUrl();
    QThread worker;
    worker.start();
    QObject anchor;
    anchor.moveToThread(&worker);
    std::atomic<bool> done = false;
    std::atomic<int> records = 0;
    std::atomic<bool> onWorker = false;
    MarketoClient *client = nullptr;
    QMetaObject::invokeMethod(&anchor, [&] {
        client = new MarketoClient(MarketoCredentials{url, Sandbox::clientId(), Sandbox::clientSecret()},
                                   fastSettings(), &anchor);
        client->getByFilter(MarketoObject::Lead, u"email"_qs, {u"rose@edge.com"_qs}, {u"id"_qs},
                            [&](const FilterReport &r) {
                                records = int(r.records.size());
                                onWorker = QThread::currentThread() == &worker;
                                done = true;
                            });
    });
    QTRY_VERIFY_WITH_TIMEOUT(done.load(), 20000);
    QCOMPARE(records.load(), 1);
    QVERIFY(onWorker);
    QMetaObject::invokeMethod(&anchor, [client] { delete client; }, Qt::BlockingQueuedConnection);
    worker.quit();
    worker.wait();
}

QTEST_GUILESS_MAIN(TestMarketoClient)
#include "tst_marketoclient.moc"
