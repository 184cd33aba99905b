// Pure parts of model/net: back-off, rate limiter (injected clock), redaction, UTF-8 JSON
// decoding, endpoint policy.
#include "net/Backoff.h"
#include "net/EndpointPolicy.h"
#include "net/JsonBody.h"
#include "net/RateLimiter.h"
#include "net/Redactor.h"
#include "net/UsageCounter.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace msi::net;

class TestNetParts : public QObject
{
    Q_OBJECT
private slots:
    void backoff_data();
    void backoff();
    void backoffGrowsAndCaps();
    void limiterWindow();
    void limiterInFlight();
    void limiterHoldOff();
    void limiterSharedPerInstance();
    void redact_data();
    void redact();
    void redactUrl();
    void json_data();
    void json();
    void endpoint_data();
    void endpoint();
    void redirect_data();
    void redirect();
    void usageCounter();
};

void TestNetParts::backoff_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<double>("random");
    QTest::addColumn<qint64>("expected");
    // base 1000, max 30000: ceiling 1000, 2000, 4000, 8000, 16000, 30000...; wait in [c/2, c].
    QTest::newRow("1 low") << 1 << 0.0 << qint64(500);
    QTest::newRow("1 high") << 1 << 0.999999 << qint64(999);
    QTest::newRow("2 mid") << 2 << 0.5 << qint64(1500);
    QTest::newRow("3 low") << 3 << 0.0 << qint64(2000);
    QTest::newRow("6 capped low") << 6 << 0.0 << qint64(15000);
    QTest::newRow("40 capped") << 40 << 0.0 << qint64(15000);
}

void TestNetParts::backoff()
{
    QFETCH(int, attempt);
    QFETCH(double, random);
    QFETCH(qint64, expected);
    QCOMPARE(Backoff::delayMs(attempt, 1000, 30000, random), expected);
}

void TestNetParts::backoffGrowsAndCaps()
{
    for (int attempt = 1; attempt < 12; ++attempt) {
        const qint64 d = Backoff::delayMs(attempt, 1000, 30000);
        QVERIFY(d >= 500);
        QVERIFY(d <= 30000);
    }
}

void TestNetParts::limiterWindow()
{
    qint64 now = 1000;
    RateLimiter limiter({3, 20000, 10}, [&now] { return now; });
    QCOMPARE(limiter.tryAcquire(), 0);
    now += 100;
    QCOMPARE(limiter.tryAcquire(), 0);
    now += 100;
    QCOMPARE(limiter.tryAcquire(), 0);
    limiter.release();
    limiter.release();
    limiter.release();
    // Window full: wait until the first call (t=1000) leaves the 20 s window.
    QCOMPARE(limiter.tryAcquire(), qint64(1000 + 20000 - 1200));
    now = 21000;
    QCOMPARE(limiter.tryAcquire(), 0);
    QCOMPARE(limiter.callsInWindow(), 3);
}

void TestNetParts::limiterInFlight()
{
    qint64 now = 0;
    RateLimiter limiter({100, 20000, 2}, [&now] { return now; });
    QCOMPARE(limiter.tryAcquire(), 0);
    QCOMPARE(limiter.tryAcquire(), 0);
    QVERIFY(limiter.tryAcquire() > 0);
    QCOMPARE(limiter.inFlight(), 2);
    limiter.release();
    QCOMPARE(limiter.tryAcquire(), 0);
}

void TestNetParts::limiterHoldOff()
{
    qint64 now = 0;
    RateLimiter limiter({100, 20000, 4}, [&now] { return now; });
    limiter.holdOff(20000);
    QCOMPARE(limiter.tryAcquire(), qint64(20000));
    now = 19999;
    QCOMPARE(limiter.tryAcquire(), qint64(1));
    now = 20000;
    QCOMPARE(limiter.tryAcquire(), 0);
}

void TestNetParts::limiterSharedPerInstance()
{
    auto a = RateLimiter::forInstance(u"https://111-AAA-111.mktorest.com"_qs);
    auto b = RateLimiter::forInstance(u"https://111-AAA-111.mktorest.com"_qs);
    auto c = RateLimiter::forInstance(u"https://222-BBB-222.mktorest.com"_qs);
    QCOMPARE(a.get(), b.get());
    QVERIFY(a.get() != c.get());
    QCOMPARE(a->budget().callsPerWindow, 80);
    QCOMPARE(a->budget().maxInFlight, 4);
}

void TestNetParts::redact_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("secret");
    QTest::newRow("bearer") << u"Authorization: Bearer cdf01657-110d-4155-99a7-f986b2ff13a0:int"_qs
                            << u"cdf01657-110d-4155-99a7-f986b2ff13a0:int"_qs;
    QTest::newRow("query") << u"GET /identity/oauth/token?grant_type=client_credentials&client_id=abc&client_secret=s3cr3t+x"_qs
                           << u"s3cr3t+x"_qs;
    QTest::newRow("form refresh") << u"grant_type=refresh_token&refresh_token=5Aep861TSESvWeug_xvFHRBTTbf"_qs
                                  << u"5Aep861TSESvWeug_xvFHRBTTbf"_qs;
    QTest::newRow("json token") << u"{\"access_token\":\"T2-secret\",\"expires_in\":3599}"_qs
                                << u"T2-secret"_qs;
    QTest::newRow("sf session id") << u"token 00Dx0000000BV7z!AR8AQAxo9UfVkh8AlV0Gomt9Czx9LjHnSSpwBMmbRcgKFmxOtvxjTrKW19ye6PE3Ds1eQz3z8jr3W7_VbWmEu4Q8TVGSTHxs"_qs
                                   << u"AR8AQAxo9UfVkh8AlV0Gomt9Czx9LjHnSSpwBMmbRcgKFmxOtvxjTrKW19ye6PE3Ds1eQz3z8jr3W7_VbWmEu4Q8TVGSTHxs"_qs;
    QTest::newRow("code_verifier") << u"code=aPrx4sgoM2Nd&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_qs
                                   << u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_qs;
}

void TestNetParts::redact()
{
    QFETCH(QString, input);
    QFETCH(QString, secret);
    const QString out = Redactor::text(input);
    QVERIFY2(!out.contains(secret), qPrintable(out));
    QVERIFY(out.contains(u"***"_qs));
}

void TestNetParts::redactUrl()
{
    QUrl url;
    url.setUrl(u"https://123-ABC-456.mktorest.com/identity/oauth/token?grant_type=client_credentials&client_id=id1&client_secret=topsecret"_qs);
    const QString out = Redactor::url(url);
    QVERIFY2(!out.contains(u"topsecret"_qs), qPrintable(out));
    QVERIFY(out.contains(u"client_id=id1"_qs));
    const QString ep = Redactor::endpoint("GET", url);
    QCOMPARE(ep, u"GET https://123-abc-456.mktorest.com/identity/oauth/token"_qs); // hosts are case-insensitive
}

void TestNetParts::json_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("firstName");
    QTest::newRow("utf8 names") << QByteArray("{\"firstName\":\"Mar\xC3\xAD" "a Jos\xC3\xA9 \xC3\x81lvarez\"}")
                                << true << u"María José Álvarez"_qs;
    QTest::newRow("vietnamese") << QByteArray("{\"firstName\":\"Nguy\xE1\xBB\x85n\"}") << true << u"Nguyễn"_qs;
    QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF{\"firstName\":\"Chlo\xC3\xA9 Lef\xC3\xA8vre\"}")
                         << true << u"Chloé Lefèvre"_qs;
    QTest::newRow("escaped") << QByteArray(R"({"firstName":"Chlo\u00e9"})") << true << u"Chloé"_qs;
    QTest::newRow("empty") << QByteArray("  ") << true << QString();
    QTest::newRow("truncated") << QByteArray("{\"firstName\":\"Chlo") << false << QString();
    QTest::newRow("html error page") << QByteArray("<html><body>502 Bad Gateway</body></html>") << false
                                     << QString();
}

void TestNetParts::json()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(QString, firstName);
    const JsonBody parsed = JsonBody::parse(body);
    QCOMPARE(parsed.ok, ok);
    if (ok)
        QCOMPARE(parsed.document.object().value(u"firstName"_qs).toString(), firstName);
    else
        QVERIFY(!parsed.parseError.isEmpty());
}

void TestNetParts::endpoint_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("https") << u"https://123-ABC-456.mktorest.com/rest"_qs << true;
    QTest::newRow("http remote") << u"http://123-ABC-456.mktorest.com/rest"_qs << false;
    QTest::newRow("http loopback v4") << u"http://127.0.0.1:8080/"_qs << true;
    QTest::newRow("http loopback v6") << u"http://[::1]:8080/"_qs << true;
    QTest::newRow("http localhost") << u"http://localhost:1717/"_qs << true;
    QTest::newRow("http lookalike") << u"http://127.0.0.1.example.com/"_qs << false;
    QTest::newRow("ftp") << u"ftp://127.0.0.1/"_qs << false;
    QTest::newRow("no host") << u"https:///path"_qs << false;
}

void TestNetParts::endpoint()
{
    QFETCH(QString, url);
    QFETCH(bool, allowed);
    QString why;
    QCOMPARE(EndpointPolicy::isAllowed(QUrl(url), &why), allowed);
    QCOMPARE(why.isEmpty(), allowed);
}

void TestNetParts::redirect_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("https to https") << u"https://test.salesforce.com/x"_qs
                                    << u"https://exampleco--uat.sandbox.my.salesforce.com/x"_qs << true;
    QTest::newRow("https downgrade") << u"https://test.salesforce.com/x"_qs
                                     << u"http://test.salesforce.com/x"_qs << false;
    QTest::newRow("https to loopback http") << u"https://login.salesforce.com/x"_qs
                                            << u"http://127.0.0.1/x"_qs << false;
    QTest::newRow("loopback to loopback") << u"http://127.0.0.1:1/x"_qs << u"http://127.0.0.1:1/y"_qs
                                          << true;
}

void TestNetParts::redirect()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(bool, allowed);
    QCOMPARE(EndpointPolicy::isAllowedRedirect(QUrl(from), QUrl(to)), allowed);
}

void TestNetParts::usageCounter()
{
    QDate day(2026, 12, 3);
    UsageCounter counter(u"marketo"_qs, [&day] { return day; });
    QSignalSpy spy(&counter, &UsageCounter::callsChanged);
    counter.record();
    counter.record(2);
    QCOMPARE(counter.callsToday(), 3);
    day = day.addDays(1);
    counter.record();
    QCOMPARE(counter.callsToday(), 1);
    QCOMPARE(counter.callsOn(QDate(2026, 12, 3)), 3);
    QCOMPARE(spy.count(), 3);
    QCOMPARE(spy.last().at(0).toString(), u"marketo"_qs);
    QCOMPARE(spy.last().at(2).toInt(), 1);
}

QTEST_GUILESS_MAIN(TestNetParts)
#include "tst_netparts.moc"
