// SalesforceClient against the sandbox over loopback: client credentials, browser sign-in with
// PKCE (the approve page driven by an HTTP GET instead of a browser), refresh tokens, paging with
// totalSize, queryAll, incremental reads, describe with and without field-level security,
// composite updates in chunks of 200 with per-record failures and row-lock retries, an expiring
// session in the middle of a read, error classes, identity, usage figures, a worker thread.
#include "net/NetworkAccess.h"
#include "salesforce/SalesforceAuth.h"
#include "salesforce/SalesforceClient.h"
#include "sandbox/Sandbox.h"
#include "sandbox/SandboxOptions.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QUrlQuery>

using namespace msi::salesforce;
using msi::net::ApiError;
using msi::sandbox::Sandbox;
using msi::sandbox::SandboxOptions;
using Kind = ApiError::Kind;

namespace {

SalesforceSettings fastSettings()
{
    SalesforceSettings s;
    s.retry.maxAttempts = 4;
    s.retry.baseDelayMs = 20;
    s.retry.maxDelayMs = 200;
    s.timeouts = {5000, 20000};
    s.lockRetryBaseMs = 20;
    s.redirectPort = 0;
    s.browserTimeoutMs = 20000;
    return s;
}

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

struct Fixture
{
    Sandbox sandbox;
    std::unique_ptr<SalesforceClient> client;

    bool start(SandboxOptions options, SalesforceSettings settings = fastSettings(),
               const QString &secret = Sandbox::clientSecret())
    {
        QString error;
        if (!sandbox.start(options, &error)) {
            qWarning() << "sandbox:" << error;
            return false;
        }
        SalesforceCredentials credentials;
        credentials.loginUrl = sandbox.salesforceUrl();
        credentials.clientId = Sandbox::clientId();
        credentials.clientSecret = secret;
        credentials.flow = AuthFlow::ClientCredentials;
        client = std::make_unique<SalesforceClient>(credentials, settings);
        return true;
    }
    ApiError signIn()
    {
        return wait<ApiError>([&](auto cb) { client->signIn(cb); });
    }
};

// Plays the user's part: opens the authorize URL with an HTTP client and lets the sandbox
// approve at once; the redirect lands on the client's loopback listener.
void approveInSandbox(const QUrl &authorizeUrl)
{
    QUrl url = authorizeUrl;
    QUrlQuery q(url);
    q.addQueryItem(u"sandbox_auto_approve"_qs, u"true"_qs);
    url.setQuery(q);
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkReply *reply = msi::net::NetworkAccess::manager()->get(request);
    QObject::connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
}

QList<QJsonObject> scorePatch(const QList<QJsonObject> &records, int priority)
{
    QList<QJsonObject> out;
    for (const QJsonObject &r : records)
        out << QJsonObject{{u"attributes"_qs, QJsonObject{{u"type"_qs, r.value(u"attributes"_qs).toObject().value(u"type"_qs)}}},
                           {u"id"_qs, r.value(u"Id"_qs)},
                           {u"mkto_si__Priority__c"_qs, priority}};
    return out;
}

} // namespace

class TestSalesforceClient : public QObject
{
    Q_OBJECT
private slots:
    void clientCredentialsAndIdentity();
    void badSecretIsFatal();
    void browserSignInWithPkceThenRefreshToken();
    void pagingChecksTotalSize();
    void defaultPagesOf2000();
    void queryAllAndUtf8();
    void incrementalSinceModstamp();
    void describeAndFieldSecurity();
    void errors_data();
    void errors();
    void sessionExpiresMidRead();
    void updateInChunksOf200();
    void updatePartialFailures();
    void rowLockRetriedPerRecord();
    void workerThread();
};

void TestSalesforceClient::clientCredentialsAndIdentity()
{
    Fixture f;
    QVERIFY(f.start(SandboxOptions()));
    QSignalSpy sessions(f.client.get(), &SalesforceClient::sessionChanged);
    const ApiError e = f.signIn();
    QVERIFY2(!e.isError(), qPrintable(e.message()));
    QCOMPARE(sessions.count(), 1);
    const SalesforceSession s = f.client->session();
    QVERIFY(s.isValid());
    QCOMPARE(s.instanceUrl.host(), f.sandbox.salesforceUrl().host());
    const IdentityResult id = wait<IdentityResult>([&](auto cb) { f.client->identity(cb); });
    QVERIFY2(!id.error.isError(), qPrintable(id.error.message()));
    QCOMPARE(id.orgId, u"00D7F000000sNbqUAE"_qs); // sample-org MANIFEST
    QCOMPARE(id.isSandbox, false);
    QVERIFY(!id.userId.isEmpty());
    QVERIFY(f.client->lastLimitInfo().isValid());
    QCOMPARE(f.client->lastLimitInfo().max, SandboxOptions().salesforceDailyApiLimit);
}

void TestSalesforceClient::badSecretIsFatal()
{
    Fixture f;
    QVERIFY(f.start(SandboxOptions(), fastSettings(), u"not-the-secret"_qs));
    const ApiError e = f.signIn();
    QCOMPARE(ApiError::kindName(e.kind), ApiError::kindName(Kind::Fatal));
    QVERIFY(!e.code.isEmpty());
    QVERIFY2(e.message().contains(u"/services/oauth2/token"_qs), qPrintable(e.message()));
    QVERIFY(!e.message().contains(u"not-the-secret"_qs));
}

void TestSalesforceClient::browserSignInWithPkceThenRefreshToken()
{
    Sandbox sandbox;
    QVERIFY(sandbox.start(SandboxOptions()));
    SalesforceSettings settings = fastSettings();
    QUrl opened;
    settings.openBrowser = [&opened](const QUrl &url) {
        opened = url;
        approveInSandbox(url);
    };
    SalesforceCredentials credentials;
    credentials.loginUrl = sandbox.salesforceUrl();
    credentials.clientId = Sandbox::clientId();
    credentials.flow = AuthFlow::AuthorizationCode;
    SalesforceClient browser(credentials, settings);
    const ApiError e = wait<ApiError>([&](auto cb) { browser.signIn(cb); });
    QVERIFY2(!e.isError(), qPrintable(e.message()));
    const QUrlQuery q(opened);
    QCOMPARE(q.queryItemValue(u"code_challenge_method"_qs), u"S256"_qs);
    QCOMPARE(q.queryItemValue(u"code_challenge"_qs).size(), 43);
    QVERIFY(q.queryItemValue(u"redirect_uri"_qs, QUrl::FullyDecoded).startsWith(u"http://127.0.0.1:"_qs));
    const QString refresh = browser.session().refreshToken;
    QVERIFY(!refresh.isEmpty());

    // A later start: sign in with the saved refresh token, no browser.
    SalesforceCredentials saved = credentials;
    saved.flow = AuthFlow::RefreshToken;
    saved.refreshToken = refresh;
    SalesforceClient later(saved, fastSettings());
    QVERIFY(!wait<ApiError>([&](auto cb) { later.signIn(cb); }).isError());
    const QueryResult users = wait<QueryResult>([&](auto cb) {
        later.query(u"SELECT Id, Name FROM User"_qs, cb);
    });
    QVERIFY2(!users.error.isError(), qPrintable(users.error.message()));
    QCOMPARE(users.records.size(), 5);

    // A refresh token that is not valid: invalid_grant, stated plainly.
    SalesforceCredentials bad = saved;
    bad.refreshToken = u"5Aep861-not-a-token"_qs;
    SalesforceClient broken(bad, fastSettings());
    const ApiError refused = wait<ApiError>([&](auto cb) { broken.signIn(cb); });
    QCOMPARE(refused.code, u"invalid_grant"_qs);
    QVERIFY(refused.message().contains(u"sign in again"_qs));
}

void TestSalesforceClient::pagingChecksTotalSize()
{
    SandboxOptions options;
    options.salesforcePageSize = 5;
    Fixture f;
    QVERIFY(f.start(options));
    QVERIFY(!f.signIn().isError());
    int pagesSeen = 0;
    int streamed = 0;
    const QueryResult r = wait<QueryResult>([&](auto cb) {
        f.client->query(u"SELECT Id, FirstName, LastName, Email, AccountId FROM Contact"_qs, cb,
                        [&](const QList<QJsonObject> &page) {
                            ++pagesSeen;
                            streamed += int(page.size());
                        });
    });
    QVERIFY2(!r.error.isError(), qPrintable(r.error.message()));
    QCOMPARE(r.totalSize, 21); // sample org: 21 contacts
    QCOMPARE(r.received, 21);
    QCOMPARE(streamed, 21);
    QCOMPARE(r.pages, 5);      // 5+5+5+5+1
    QCOMPARE(pagesSeen, 5);
    QVERIFY(r.records.isEmpty()); // streamed, not kept
    QVERIFY(r.countMatches());
    QVERIFY(r.countWarning().isEmpty());
}

void TestSalesforceClient::defaultPagesOf2000()
{
    // field-cases.md C18: 4,500 contacts arrive as 2,000 + 2,000 + 500 with the default page size.
    SandboxOptions options;
    options.scale = 9000; // half of the people are contacts
    Fixture f;
    QVERIFY(f.start(options));
    const QueryResult r = wait<QueryResult>([&](auto cb) {
        f.client->query(u"SELECT Id, Email, OwnerId, AccountId FROM Contact"_qs, cb);
    });
    QVERIFY2(!r.error.isError(), qPrintable(r.error.message()));
    QCOMPARE(r.totalSize, 4500);
    QCOMPARE(r.records.size(), 4500);
    QCOMPARE(r.pages, 3);
    QSet<QString> ids;
    for (const QJsonObject &c : r.records)
        ids.insert(c.value(u"Id"_qs).toString());
    QCOMPARE(ids.size(), 4500); // no page read twice
}

void TestSalesforceClient::queryAllAndUtf8()
{
    Fixture f;
    QVERIFY(f.start(SandboxOptions()));
    // No explicit sign-in: the first call signs in with the client credentials.
    const QueryResult r = wait<QueryResult>([&](auto cb) {
        f.client->queryAll(u"SELECT Id, Name, Email FROM User WHERE Email = 'maria.alvarez@aurora-power.example'"_qs, cb);
    });
    QVERIFY2(!r.error.isError(), qPrintable(r.error.message()));
    QCOMPARE(r.records.size(), 1);
    QCOMPARE(r.records.first().value(u"Name"_qs).toString(), u"María José Álvarez"_qs);
    QCOMPARE(r.records.first().value(u"Id"_qs).toString(), u"0057F00000Bq3LmQAJ"_qs);
}

void TestSalesforceClient::incrementalSinceModstamp()
{
    Fixture f;
    QVERIFY(f.start(SandboxOptions()));
    QVERIFY(!f.signIn().isError());
    const QDateTime watermark = f.sandbox.now();
    const QueryResult none = wait<QueryResult>([&](auto cb) {
        f.client->queryChangedSince(u"Contact"_qs, {u"Email"_qs}, watermark, cb);
    });
    QVERIFY2(!none.error.isError(), qPrintable(none.error.message()));
    QCOMPARE(none.received, 0);

    f.sandbox.advanceClock(60);
    QVERIFY(f.sandbox.editSalesforceRecord(u"0037F000009XkPUQA0"_qs,
                                           QJsonObject{{u"Email"_qs, u"rose.gonzalez@edge.com"_qs}}));
    const QueryResult changed = wait<QueryResult>([&](auto cb) {
        f.client->queryChangedSince(u"Contact"_qs, {u"Email"_qs}, watermark, cb);
    });
    QVERIFY2(!changed.error.isError(), qPrintable(changed.error.message()));
    QCOMPARE(changed.records.size(), 1);
    QCOMPARE(changed.records.first().value(u"Id"_qs).toString(), u"0037F000009XkPUQA0"_qs);
    QCOMPARE(changed.records.first().value(u"Email"_qs).toString(), u"rose.gonzalez@edge.com"_qs);
    QVERIFY(changed.records.first().contains(u"SystemModstamp"_qs));
}

void TestSalesforceClient::describeAndFieldSecurity()
{
    {
        Fixture f;
        QVERIFY(f.start(SandboxOptions()));
        QVERIFY(!f.signIn().isError());
        const DescribeResult d = wait<DescribeResult>([&](auto cb) { f.client->describe(u"Contact"_qs, cb); });
        QVERIFY2(!d.error.isError(), qPrintable(d.error.message()));
        bool found = false;
        for (const QJsonValue &v : d.describe.value(u"fields"_qs).toArray())
            if (v.toObject().value(u"name"_qs).toString() == u"mkto_si__Priority__c") {
                found = true;
                QVERIFY(v.toObject().value(u"updateable"_qs).toBool());
            }
        QVERIFY(found);
    }
    // field-cases.md C21: FLS hides the MSI fields from the integration user.
    SandboxOptions hidden;
    hidden.msiFieldsVisible = false;
    Fixture f;
    QVERIFY(f.start(hidden));
    QVERIFY(!f.signIn().isError());
    const QueryResult r = wait<QueryResult>([&](auto cb) {
        f.client->query(u"SELECT Id, mkto_si__Last_Interesting_Moment_Date__c FROM Contact LIMIT 1"_qs, cb);
    });
    QCOMPARE(r.error.code, u"INVALID_FIELD"_qs);
    QCOMPARE(r.error.kind, Kind::Fatal);
    QVERIFY(r.error.message().contains(u"mkto_si__Last_Interesting_Moment_Date__c"_qs));
}

void TestSalesforceClient::errors_data()
{
    QTest::addColumn<QString>("faults");
    QTest::addColumn<QString>("soql");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("code");

    const QString users = u"SELECT Id, Name FROM User"_qs;
    QTest::newRow("MALFORMED_QUERY") << QString() << u"SELEKT Id FROM User"_qs << false << Kind::Fatal
                                     << u"MALFORMED_QUERY"_qs;
    QTest::newRow("INVALID_TYPE") << QString() << u"SELECT Id FROM Widget__c"_qs << false << Kind::Fatal
                                  << u"INVALID_TYPE"_qs;
    QTest::newRow("503 once") << u"sf:503~/query#1"_qs << users << true << Kind::None << QString();
    QTest::newRow("500 once") << u"sf:500~/query#1"_qs << users << true << Kind::None << QString();
    QTest::newRow("502 every call") << u"sf:502~/query"_qs << users << false << Kind::Transient
                                    << u"HTTP 502"_qs;
    QTest::newRow("dropped once") << u"sf:drop~/query#1"_qs << users << true << Kind::None << QString();
}

void TestSalesforceClient::errors()
{
    QFETCH(QString, faults);
    QFETCH(QString, soql);
    QFETCH(bool, ok);
    QFETCH(Kind, kind);
    QFETCH(QString, code);
    SandboxOptions options;
    options.faults = faults;
    Fixture f;
    QVERIFY(f.start(options));
    QVERIFY(!f.signIn().isError());
    const QueryResult r = wait<QueryResult>([&](auto cb) { f.client->query(soql, cb); });
    QCOMPARE(ApiError::kindName(r.error.kind), ApiError::kindName(kind));
    if (ok) {
        QCOMPARE(r.records.size(), 5);
    } else {
        QCOMPARE(r.error.code, code);
        QVERIFY2(r.error.message().contains(u"/services/data/"_qs), qPrintable(r.error.message()));
    }
}

void TestSalesforceClient::sessionExpiresMidRead()
{
    // field-cases.md C19: INVALID_SESSION_ID on the 3rd page; refresh once, replay, continue.
    SandboxOptions options;
    options.salesforcePageSize = 4;
    options.faults = u"sf:expire~/query#3"_qs;
    Fixture f;
    QVERIFY(f.start(options));
    QVERIFY(!f.signIn().isError());
    QSignalSpy sessions(f.client.get(), &SalesforceClient::sessionChanged);
    const QueryResult r = wait<QueryResult>([&](auto cb) {
        f.client->query(u"SELECT Id, Email FROM Lead"_qs, cb);
    });
    QVERIFY2(!r.error.isError(), qPrintable(r.error.message()));
    QCOMPARE(r.records.size(), 22);
    QVERIFY(r.countMatches());
    QCOMPARE(sessions.count(), 1); // exactly one new session
}

void TestSalesforceClient::updateInChunksOf200()
{
    SandboxOptions options;
    options.scale = 600; // about 300 contacts
    Fixture f;
    QVERIFY(f.start(options));
    QVERIFY(!f.signIn().isError());
    const QueryResult contacts = wait<QueryResult>([&](auto cb) {
        f.client->query(u"SELECT Id FROM Contact LIMIT 250"_qs, cb);
    });
    QVERIFY2(!contacts.error.isError(), qPrintable(contacts.error.message()));
    QCOMPARE(contacts.records.size(), 250);
    const UpdateReport report = wait<UpdateReport>([&](auto cb) {
        f.client->updateRecords(scorePatch(contacts.records, 87), cb);
    });
    QCOMPARE(report.summary(), u"250 updated, 0 failed"_qs);
    QCOMPARE(report.calls, 2); // field-cases.md C14: 200 + 50
    const QString someId = contacts.records.at(230).value(u"Id"_qs).toString();
    QCOMPARE(f.sandbox.salesforceRecord(someId).value(u"mkto_si__Priority__c"_qs).toDouble(), 87.0);
}

void TestSalesforceClient::updatePartialFailures()
{
    // field-cases.md C13: HTTP 200 with one record refused by a validation rule.
    SandboxOptions options;
    options.faults = u"sf:validation~0037F000009XkPV"_qs;
    Fixture f;
    QVERIFY(f.start(options));
    QVERIFY(!f.signIn().isError());
    const QueryResult people = wait<QueryResult>([&](auto cb) {
        f.client->query(u"SELECT Id FROM Contact WHERE Id IN ('0037F000009XkPUQA0', '0037F000009XkPVQA0', '0037F000009XkPWQA0')"_qs, cb);
    });
    QCOMPARE(people.records.size(), 3);
    QList<QJsonObject> patch = scorePatch(people.records, 12);
    const QueryResult leads = wait<QueryResult>([&](auto cb) {
        f.client->query(u"SELECT Id FROM Lead LIMIT 2"_qs, cb);
    });
    patch.insert(1, scorePatch(leads.records, 40).first()); // a Lead between Contacts
    const UpdateReport report = wait<UpdateReport>([&](auto cb) { f.client->updateRecords(patch, cb); });
    QCOMPARE(report.summary(), u"3 updated, 1 failed"_qs);
    QCOMPARE(report.failedIds(), QStringList{u"0037F000009XkPVQA0"_qs});
    const UpdateOutcome failed = report.outcomes.at(2); // input order kept despite grouping
    QCOMPARE(failed.id, u"0037F000009XkPVQA0"_qs);
    QCOMPARE(failed.errors.value(0).statusCode, u"FIELD_CUSTOM_VALIDATION_EXCEPTION"_qs);
    QVERIFY(failed.message().contains(u"0037F000009XkPVQA0"_qs));
    QCOMPARE(report.calls, 1);
}

void TestSalesforceClient::rowLockRetriedPerRecord()
{
    // field-cases.md C20: the first update of one contact meets UNABLE_TO_LOCK_ROW; only that
    // record is sent again and succeeds. A record locked every time fails after the retries.
    SandboxOptions options;
    options.faults = u"sf:lock~0037F000009XkPU#1,sf:lock~0037F000009XkPW"_qs;
    Fixture f;
    QVERIFY(f.start(options));
    QVERIFY(!f.signIn().isError());
    const QueryResult people = wait<QueryResult>([&](auto cb) {
        f.client->query(u"SELECT Id FROM Contact WHERE Id IN ('0037F000009XkPUQA0', '0037F000009XkPVQA0', '0037F000009XkPWQA0')"_qs, cb);
    });
    QCOMPARE(people.records.size(), 3);
    const UpdateReport report = wait<UpdateReport>([&](auto cb) {
        f.client->updateRecords(scorePatch(people.records, 5), cb);
    });
    QCOMPARE(report.summary(), u"2 updated, 1 failed"_qs);
    QCOMPARE(report.failedIds(), QStringList{u"0037F000009XkPWQA0"_qs});
    for (const UpdateOutcome &o : report.outcomes) {
        if (o.id == u"0037F000009XkPUQA0")
            QCOMPARE(o.attempts, 2);
        else if (o.id == u"0037F000009XkPVQA0")
            QCOMPARE(o.attempts, 1);
        else
            QCOMPARE(o.attempts, 1 + fastSettings().maxLockRetries);
    }
    QVERIFY(report.outcomes.last().isRowLock() || report.outcomes.at(2).isRowLock());
}

void TestSalesforceClient::workerThread()
{
    Sandbox sandbox;
    QVERIFY(sandbox.start(SandboxOptions()));
    SalesforceCredentials credentials;
    credentials.loginUrl = sandbox.salesforceUrl();
    credentials.clientId = Sandbox::clientId();
    credentials.clientSecret = Sandbox::clientSecret();
    QThread worker;
    worker.start();
    QObject anchor;
    anchor.moveToThread(&worker);
    std::atomic<bool> done = false;
    std::atomic<int> records = 0;
    std::atomic<bool> onWorker = false;
    SalesforceClient *client = nullptr;
    QMetaObject::invokeMethod(&anchor, [&] {
        client = new SalesforceClient(credentials, fastSettings(), &anchor);
        client->signIn([&](const ApiError &e) {
            if (e.isError()) {
                done = true;
                return;
            }
            client->query(u"SELECT Id FROM Account"_qs, [&](const QueryResult &r) {
                records = int(r.records.size());
                onWorker = QThread::currentThread() == &worker;
                done = true;
            });
        });
    });
    QTRY_VERIFY_WITH_TIMEOUT(done.load(), 20000);
    QCOMPARE(records.load(), 12);
    QVERIFY(onWorker);
    QMetaObject::invokeMethod(&anchor, [client] { delete client; }, Qt::BlockingQueuedConnection);
    worker.quit();
    worker.wait();
}

QTEST_GUILESS_MAIN(TestSalesforceClient)
#include "tst_salesforceclient.moc"
