// Marketo limits (606 rate window, 615 concurrency, 607 daily quota), token expiry on both systems
// and fault injection, on a compressed window and a movable sandbox clock. Codes and messages from
// ../shared/reference/marketo-api.md §8-9 and field cases C07-C10.
#include "SandboxHttp.h"

#include "sandbox/Sandbox.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using msi::sandbox::Sandbox;
using msi::sandbox::SandboxOptions;

namespace {

QString errorCode(const HttpResult &r)
{
    return r.object().value(u"errors").toArray().first().toObject().value(u"code").toString();
}

QUrl leadsUrl(const Sandbox &sandbox)
{
    return SandboxHttp::url(sandbox.marketoUrl(), u"/rest/v1/leads.json"_qs,
                            QUrlQuery(u"filterType=email&filterValues=rose@edge.com"_qs));
}

} // namespace

class TestSandboxLimits : public QObject
{
    Q_OBJECT
private slots:
    void rateWindow606();
    void identityCallsAreNotCounted();
    void concurrency615();
    void dailyQuota607ResetsAtCentralMidnight();
    void tokenExpiry_data();
    void tokenExpiry();
    void faultsOnNthCall_data();
    void faultsOnNthCall();
    void faultsAreDeterministicWithASeed();
    void droppedConnectionAndSlowAnswer();
    void faultSpecErrors_data();
    void faultSpecErrors();
};

void TestSandboxLimits::rateWindow606()
{
    Sandbox sandbox;
    SandboxOptions options;
    options.marketoRateCalls = 5;
    options.marketoRateWindowSeconds = 2;
    QVERIFY(sandbox.start(options));
    SandboxHttp http;
    const QByteArray token = http.marketoToken(sandbox);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(http.get(leadsUrl(sandbox), token).object().value(u"success").toBool(), true);
    const HttpResult sixth = http.get(leadsUrl(sandbox), token);
    QCOMPARE(sixth.status, 200);
    QCOMPARE(errorCode(sixth), u"606"_qs);
    QCOMPARE(sixth.object().value(u"errors").toArray().first().toObject().value(u"message").toString(),
             u"Max rate limit '5' exceeded with in '2' secs"_qs);
    // Rejected calls do not occupy the window: once it has passed, calls go through again.
    sandbox.advanceClock(3);
    QCOMPARE(http.get(leadsUrl(sandbox), token).object().value(u"success").toBool(), true);
}

void TestSandboxLimits::identityCallsAreNotCounted()
{
    Sandbox sandbox;
    SandboxOptions options;
    options.marketoRateCalls = 3;
    options.marketoDailyQuota = 3;
    QVERIFY(sandbox.start(options));
    SandboxHttp http;
    for (int i = 0; i < 10; ++i)
        QCOMPARE(http.get(SandboxHttp::marketoTokenUrl(sandbox)).status, 200);
    const QByteArray token = http.marketoToken(sandbox);
    QCOMPARE(http.get(leadsUrl(sandbox), token).object().value(u"success").toBool(), true);
    QCOMPARE(sandbox.marketoCallsToday(), 1);
    // 601 answers are free too.
    QCOMPARE(errorCode(http.get(leadsUrl(sandbox), "nonsense")), u"601"_qs);
    QCOMPARE(sandbox.marketoCallsToday(), 1);
}

void TestSandboxLimits::concurrency615()
{
    // Field case C08: more calls in flight than allowed get 615; 5 at once against a limit of 2.
    Sandbox sandbox;
    SandboxOptions options;
    options.marketoConcurrency = 2;
    options.marketoLatencyMs = 400;
    QVERIFY(sandbox.start(options));
    SandboxHttp http;
    const QByteArray token = http.marketoToken(sandbox);
    QList<QNetworkAccessManager *> managers;
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 5; ++i) {
        auto *nam = new QNetworkAccessManager(this); // one connection each, so all 5 are in flight
        managers.append(nam);
        QNetworkRequest request(leadsUrl(sandbox));
        request.setRawHeader("Authorization", "Bearer " + token);
        replies.append(nam->get(request));
    }
    int finished = 0;
    for (QNetworkReply *reply : std::as_const(replies)) {
        if (!reply->isFinished())
            QVERIFY(QSignalSpy(reply, &QNetworkReply::finished).wait(10000));
        ++finished;
    }
    QCOMPARE(finished, 5);
    int ok = 0, limited = 0;
    for (QNetworkReply *reply : std::as_const(replies)) {
        const QJsonObject o = QJsonDocument::fromJson(reply->readAll()).object();
        if (o.value(u"success").toBool())
            ++ok;
        else if (o.value(u"errors").toArray().first().toObject().value(u"code").toString() == u"615")
            ++limited;
    }
    QCOMPARE(ok, 2);
    QCOMPARE(limited, 3);
    qDeleteAll(managers);
    // Once the slots are free again, a call succeeds.
    QCOMPARE(http.get(leadsUrl(sandbox), token).object().value(u"success").toBool(), true);
}

void TestSandboxLimits::dailyQuota607ResetsAtCentralMidnight()
{
    Sandbox sandbox;
    SandboxOptions options;
    options.marketoDailyQuota = 3;
    QVERIFY(sandbox.start(options));
    SandboxHttp http;
    const QByteArray token = http.marketoToken(sandbox);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(http.get(leadsUrl(sandbox), token).object().value(u"success").toBool(), true);
    const HttpResult over = http.get(leadsUrl(sandbox), token);
    QCOMPARE(errorCode(over), u"607"_qs);
    QCOMPARE(over.object().value(u"errors").toArray().first().toObject().value(u"message").toString(), u"Daily quota reached"_qs);
    // Move the sandbox clock to 00:00:30 US Central of the next day.
    const QTimeZone central(QByteArrayLiteral("America/Chicago"));
    const QDateTime local = sandbox.now().toTimeZone(central);
    const QDateTime nextMidnight(local.date().addDays(1), QTime(0, 0, 30), central);
    sandbox.advanceClock(sandbox.now().secsTo(nextMidnight));
    const QByteArray fresh = http.marketoToken(sandbox);
    QCOMPARE(http.get(leadsUrl(sandbox), fresh).object().value(u"success").toBool(), true);
}

void TestSandboxLimits::tokenExpiry_data()
{
    QTest::addColumn<bool>("useFault");
    QTest::newRow("ttl runs out") << false;
    QTest::newRow("expire fault mid-run") << true;
}

void TestSandboxLimits::tokenExpiry()
{
    QFETCH(bool, useFault);
    Sandbox sandbox;
    SandboxOptions options;
    options.tokenTtlSeconds = 30;
    QVERIFY(sandbox.start(options));
    SandboxHttp http;
    const QByteArray mkto = http.marketoToken(sandbox);
    const QByteArray sf = http.salesforceToken(sandbox);
    QCOMPARE(http.get(leadsUrl(sandbox), mkto).object().value(u"success").toBool(), true);
    if (useFault)
        // The next Marketo call and the second Salesforce call expire the tokens.
        QVERIFY(sandbox.setFaults(u"mkto:expire#1,sf:expire#2"_qs, 1));
    else
        sandbox.advanceClock(31);
    // C10: Marketo says 602, a new token from Identity works; the identity answer counted down to 0 before.
    QCOMPARE(errorCode(http.get(leadsUrl(sandbox), mkto)), u"602"_qs);
    const QJsonObject renewed = http.get(SandboxHttp::marketoTokenUrl(sandbox)).object();
    QVERIFY(renewed.value(u"access_token").toString().toLatin1() != mkto);
    QCOMPARE(renewed.value(u"expires_in").toInt(), 30);
    QCOMPARE(http.get(leadsUrl(sandbox), renewed.value(u"access_token").toString().toLatin1()).object().value(u"success").toBool(), true);
    // C19: Salesforce says 401 INVALID_SESSION_ID.
    const HttpResult r = http.get(SandboxHttp::soql(sandbox, u"SELECT Id FROM User"_qs), sf);
    if (!useFault) {
        QCOMPARE(r.status, 401);
        QCOMPARE(r.array().first().toObject().value(u"errorCode").toString(), u"INVALID_SESSION_ID"_qs);
    } else {
        // The first Salesforce call is #1: still valid; the second expires it.
        QCOMPARE(r.status, 200);
        const HttpResult second = http.get(SandboxHttp::soql(sandbox, u"SELECT Id FROM User"_qs), sf);
        QCOMPARE(second.status, 401);
    }
}

void TestSandboxLimits::faultsOnNthCall_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<int>("failingCall"); // 1-based
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QString>("code");
    QTest::newRow("604") << u"marketo:604#2"_qs << 2 << 200 << u"604"_qs;
    QTest::newRow("608") << u"mkto:608#1"_qs << 1 << 200 << u"608"_qs;
    QTest::newRow("611") << u"mkto:611#3"_qs << 3 << 200 << u"611"_qs;
    QTest::newRow("713") << u"mkto:713~/rest/v1/leads.json#2"_qs << 2 << 200 << u"713"_qs;
    QTest::newRow("500") << u"mkto:500#2"_qs << 2 << 500 << QString();
    QTest::newRow("502") << u"mkto:502#1"_qs << 1 << 502 << QString();
    QTest::newRow("503") << u"mkto:503#3"_qs << 3 << 503 << QString();
}

void TestSandboxLimits::faultsOnNthCall()
{
    QFETCH(QString, spec);
    QFETCH(int, failingCall);
    QFETCH(int, httpStatus);
    QFETCH(QString, code);
    Sandbox sandbox;
    QVERIFY(sandbox.start(SandboxOptions{}));
    SandboxHttp http;
    const QByteArray token = http.marketoToken(sandbox); // identity call before the rules exist
    QVERIFY(sandbox.setFaults(spec, 1));
    for (int call = 1; call <= 4; ++call) {
        const HttpResult r = http.get(leadsUrl(sandbox), token);
        if (call != failingCall) {
            QCOMPARE(r.status, 200);
            QCOMPARE(r.object().value(u"success").toBool(), true);
            continue;
        }
        QCOMPARE(r.status, httpStatus);
        if (!code.isEmpty())
            QCOMPARE(errorCode(r), code);
    }
}

void TestSandboxLimits::faultsAreDeterministicWithASeed()
{
    auto run = [](quint32 seed) {
        Sandbox sandbox;
        SandboxOptions options;
        options.faults = u"mkto:606~/rest/@0.3"_qs;
        options.faultSeed = seed;
        if (!sandbox.start(options))
            return QString();
        SandboxHttp http;
        const QByteArray token = http.marketoToken(sandbox);
        QString pattern;
        for (int i = 0; i < 30; ++i)
            pattern += http.get(leadsUrl(sandbox), token).object().value(u"success").toBool() ? u'.' : u'x';
        return pattern;
    };
    const QString a = run(42);
    QCOMPARE(a.size(), 30);
    QCOMPARE(run(42), a);
    QVERIFY(a.contains(u'x') && a.contains(u'.'));
    QVERIFY(run(43) != a);
}

void TestSandboxLimits::droppedConnectionAndSlowAnswer()
{
    Sandbox sandbox;
    QVERIFY(sandbox.start(SandboxOptions{}));
    SandboxHttp http;
    const QByteArray token = http.salesforceToken(sandbox);
    // Every query dropped (a client may resend once on a dropped keep-alive connection).
    QVERIFY(sandbox.setFaults(u"sf:drop~/query"_qs, 1));
    const HttpResult dropped = http.get(SandboxHttp::soql(sandbox, u"SELECT Id FROM User"_qs), token);
    QVERIFY(dropped.error != QNetworkReply::NoError);
    QCOMPARE(dropped.status, 0);
    QVERIFY(sandbox.setFaults(u"sf:slow=300~/query#1"_qs, 1));
    const HttpResult slow = http.get(SandboxHttp::soql(sandbox, u"SELECT Id FROM User"_qs), token);
    QCOMPARE(slow.status, 200);
    QCOMPARE(slow.object().value(u"totalSize").toInt(), 5);
}

void TestSandboxLimits::faultSpecErrors_data()
{
    QTest::addColumn<QString>("spec");
    QTest::newRow("unknown system") << u"jira:500"_qs;
    QTest::newRow("unknown kind") << u"mkto:999"_qs;
    QTest::newRow("bad trigger") << u"mkto:500@@1"_qs;
}

void TestSandboxLimits::faultSpecErrors()
{
    QFETCH(QString, spec);
    Sandbox sandbox;
    SandboxOptions options;
    options.faults = spec;
    QString error;
    QVERIFY(!sandbox.start(options, &error));
    QVERIFY2(error.contains(spec.section(u':', 0, 0)) || error.contains(u"fault"), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestSandboxLimits)
#include "tst_sandbox_limits.moc"
