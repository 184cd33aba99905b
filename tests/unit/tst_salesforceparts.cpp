// Pure parts of the Salesforce client: login hosts, PKCE, Sforce-Limit-Info, SOQL builders,
// composite batching (200 records, grouped by type), per-record result mapping.
#include "salesforce/CollectionBatcher.h"
#include "salesforce/LimitInfo.h"
#include "salesforce/LoginHost.h"
#include "salesforce/Pkce.h"
#include "salesforce/SalesforceClient.h"
#include "salesforce/SalesforceCredentials.h"
#include "salesforce/Soql.h"
#include "salesforce/UpdateReport.h"

#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace msi::salesforce;

class TestSalesforceParts : public QObject
{
    Q_OBJECT
private slots:
    void loginHost_data();
    void loginHost();
    void pkce();
    void limitInfo_data();
    void limitInfo();
    void soql();
    void batches_data();
    void batches();
    void mixedTypesGrouped();
    void mapComposite();
    void sessionIds();
    void countWarning();
};

void TestSalesforceParts::countWarning()
{
    QueryResult r;
    r.totalSize = 5989;
    r.received = 2000;
    QVERIFY(!r.countMatches());
    QVERIFY(r.countWarning().contains(u"5989"_qs));
    QVERIFY(r.countWarning().contains(u"2000"_qs));
    r.received = 5989;
    QVERIFY(r.countWarning().isEmpty());
}

void TestSalesforceParts::loginHost_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("sandbox");
    QTest::addColumn<bool>("hint");
    QTest::newRow("production") << u"production"_qs << u"https://login.salesforce.com"_qs << false << false;
    QTest::newRow("sandbox") << u"sandbox"_qs << u"https://test.salesforce.com"_qs << true << false;
    QTest::newRow("my domain") << u"exampleco"_qs << u"https://exampleco.my.salesforce.com"_qs << false << false;
    QTest::newRow("sandbox my domain") << u"exampleco--uat"_qs
                                       << u"https://exampleco--uat.sandbox.my.salesforce.com"_qs << true << false;
    QTest::newRow("full url") << u"https://exampleco.my.salesforce.com/"_qs
                              << u"https://exampleco.my.salesforce.com"_qs << false << false;
    // field-cases.md C22 config B: a Lightning UI host is not an API host.
    QTest::newRow("lightning sandbox") << u"https://exampleco--uat.sandbox.lightning.force.com"_qs
                                       << u"https://exampleco--uat.sandbox.my.salesforce.com"_qs << true << true;
    QTest::newRow("lightning") << u"https://exampleco.lightning.force.com"_qs
                               << u"https://exampleco.my.salesforce.com"_qs << false << true;
    QTest::newRow("http refused") << u"http://exampleco.my.salesforce.com"_qs << QString() << false << true;
    QTest::newRow("loopback sandbox server") << u"http://127.0.0.1:8443"_qs << u"http://127.0.0.1:8443"_qs
                                             << false << false;
}

void TestSalesforceParts::loginHost()
{
    QFETCH(QString, input);
    QFETCH(QString, url);
    QFETCH(bool, sandbox);
    QFETCH(bool, hint);
    const LoginHost::Parsed p = LoginHost::parse(input);
    QCOMPARE(p.url.toString(), url);
    QCOMPARE(p.isSandboxHost, sandbox);
    QCOMPARE(!p.hint.isEmpty(), hint);
}

void TestSalesforceParts::pkce()
{
    // RFC 7636 appendix B.
    QCOMPARE(Pkce::challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
             QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    const QByteArray v = Pkce::makeVerifier();
    QVERIFY(v.size() >= 43 && v.size() <= 128);
    for (char c : v)
        QVERIFY(QByteArray("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~").contains(c));
    QVERIFY(Pkce::makeVerifier() != v);
}

void TestSalesforceParts::limitInfo_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<int>("used");
    QTest::addColumn<int>("max");
    QTest::newRow("plain") << QByteArray("api-usage=10018/100000") << 10018 << 100000;
    QTest::newRow("bursts") << QByteArray("api-usage=25/15000; api-bursts=1/750") << 25 << 15000;
    QTest::newRow("bursts first") << QByteArray("api-bursts=1/750;api-usage=7/115000") << 7 << 115000;
    QTest::newRow("missing") << QByteArray() << -1 << -1;
    QTest::newRow("garbage") << QByteArray("api-usage=a/b") << -1 << -1;
}

void TestSalesforceParts::limitInfo()
{
    QFETCH(QByteArray, header);
    QFETCH(int, used);
    QFETCH(int, max);
    const LimitInfo info = LimitInfo::parse(header);
    QCOMPARE(info.used, used);
    QCOMPARE(info.max, max);
}

void TestSalesforceParts::soql()
{
    const QDateTime since(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC);
    QCOMPARE(Soql::changedSince(u"Lead"_qs, {u"Email"_qs, u"OwnerId"_qs}, since),
             u"SELECT Id, Email, OwnerId, SystemModstamp FROM Lead WHERE SystemModstamp > "
             "2024-01-01T00:00:00Z ORDER BY SystemModstamp"_qs);
    // Offsets are converted to UTC ('Z'), so no '+' needs encoding.
    const QDateTime paris(QDate(2024, 6, 1), QTime(12, 30), QTimeZone("Europe/Paris"));
    QCOMPARE(Soql::dateTimeLiteral(paris), u"2024-06-01T10:30:00Z"_qs);
    QCOMPARE(Soql::changedSince(u"User"_qs, {u"Id"_qs}, QDateTime()),
             u"SELECT Id, SystemModstamp FROM User ORDER BY SystemModstamp"_qs);
    QCOMPARE(Soql::quote(u"O'Brien \\ Co"_qs), u"'O\\'Brien \\\\ Co'"_qs);
}

static QList<QJsonObject> contacts(int n, const QString &type = u"Contact"_qs)
{
    QList<QJsonObject> out;
    for (int i = 0; i < n; ++i)
        out << QJsonObject{{u"attributes"_qs, QJsonObject{{u"type"_qs, type}}},
                           {u"id"_qs, u"0035g0000%1AAA"_qs.arg(i, 5, 10, QLatin1Char('0'))}};
    return out;
}

void TestSalesforceParts::batches_data()
{
    QTest::addColumn<int>("records");
    QTest::addColumn<QList<int>>("sizes");
    // field-cases.md C14: 250 -> 200 + 50.
    QTest::newRow("250") << 250 << QList<int>{200, 50};
    QTest::newRow("200") << 200 << QList<int>{200};
    QTest::newRow("1000") << 1000 << QList<int>{200, 200, 200, 200, 200};
}

void TestSalesforceParts::batches()
{
    QFETCH(int, records);
    QFETCH(QList<int>, sizes);
    QList<int> got;
    for (const auto &b : CollectionBatcher::plan(contacts(records)))
        got << int(b.size());
    QCOMPARE(got, sizes);
}

void TestSalesforceParts::mixedTypesGrouped()
{
    QList<QJsonObject> input;
    for (int i = 0; i < 30; ++i)
        input << contacts(1, i % 2 ? u"Lead"_qs : u"Contact"_qs);
    const auto plan = CollectionBatcher::plan(input);
    QCOMPARE(plan.size(), 1);
    // Contacts (even) first, then Leads (odd): two chunks instead of 30.
    QList<int> expected;
    for (int i = 0; i < 30; i += 2)
        expected << i;
    for (int i = 1; i < 30; i += 2)
        expected << i;
    QCOMPARE(plan.first(), expected);

    // 12 types of 1 record: at most 10 type chunks per call.
    QList<QJsonObject> many;
    for (int i = 0; i < 12; ++i)
        many << contacts(1, u"Type%1__c"_qs.arg(i));
    const auto plan2 = CollectionBatcher::plan(many);
    QCOMPARE(plan2.size(), 2);
    QCOMPARE(plan2.at(0).size(), 10);
}

void TestSalesforceParts::mapComposite()
{
    // field-cases.md C13: HTTP 200 with a failure in the middle.
    const QJsonArray response = QJsonDocument::fromJson(R"([
        {"id":"0035g00000P1aaaAAA","success":true,"errors":[]},
        {"id":"0035g00000P2aaaAAA","success":false,"errors":[{"statusCode":"FIELD_CUSTOM_VALIDATION_EXCEPTION","message":"Score must be positive","fields":["mkto_si__Priority__c"]}]},
        {"id":"0035g00000P3aaaAAA","success":true,"errors":[]}])").array();
    UpdateReport report;
    report.outcomes = UpdateOutcome::mapBatch({0, 1, 2},
            {u"0035g00000P1aaaAAA"_qs, u"0035g00000P2aaaAAA"_qs, u"0035g00000P3aaaAAA"_qs}, response);
    QCOMPARE(report.summary(), u"2 updated, 1 failed"_qs);
    QCOMPARE(report.failedIds(), QStringList{u"0035g00000P2aaaAAA"_qs});
    const QString message = report.outcomes.at(1).message();
    QVERIFY2(message.contains(u"0035g00000P2aaaAAA"_qs)
                     && message.contains(u"FIELD_CUSTOM_VALIDATION_EXCEPTION"_qs)
                     && message.contains(u"mkto_si__Priority__c"_qs),
             qPrintable(message));
    QVERIFY(!report.outcomes.at(1).isRowLock());

    // C20: a row lock is recognised per record. Error entries may lack the id.
    const auto locked = UpdateOutcome::mapBatch({7}, {u"0035g00000P7aaaAAA"_qs}, QJsonDocument::fromJson(
            R"([{"success":false,"errors":[{"statusCode":"UNABLE_TO_LOCK_ROW","message":"unable to obtain exclusive access to this record or 1 records","fields":[]}]}])").array());
    QVERIFY(locked.first().isRowLock());
    QCOMPARE(locked.first().id, u"0035g00000P7aaaAAA"_qs);
}

void TestSalesforceParts::sessionIds()
{
    SalesforceSession s;
    s.identityUrl = QUrl(u"https://login.salesforce.com/id/00Dx0000000BV7zEAG/005x00000012Q9PAAU"_qs);
    QCOMPARE(s.orgId(), u"00Dx0000000BV7zEAG"_qs);
    QCOMPARE(s.userId(), u"005x00000012Q9PAAU"_qs);
}

QTEST_GUILESS_MAIN(TestSalesforceParts)
#include "tst_salesforceparts.moc"
