// HttpJob over real loopback TCP against a small scripted HTTP server: the transport faults the
// sandbox cannot stage (a reply that hangs, a body cut short, redirect loops, a charset header
// that lies) plus retries and the refresh-once hook. Timeouts and back-off are compressed.
#include "net/HttpJob.h"
#include "net/RateLimiter.h"
#include "net/UsageCounter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

using namespace msi::net;
using Kind = ApiError::Kind;

namespace {

// Answers each request with the bytes the script returns for it; an empty answer means "say
// nothing" (the connection hangs), "CLOSE" closes without an answer.
class ScriptedServer final : public QTcpServer
{
public:
    using Script = std::function<QByteArray(const QByteArray &path, const QByteArray &head, int hit)>;
    explicit ScriptedServer(Script script) : m_script(std::move(script))
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, s, [this, s] { onRead(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(serverPort()).arg(path));
    }
    QHash<QByteArray, int> hits;
    QList<QByteArray> heads;

private:
    void onRead(QTcpSocket *s)
    {
        QByteArray &buffer = m_buffers[s];
        buffer += s->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray head = buffer.left(end);
        qsizetype length = 0;
        for (const QByteArray &line : head.split('\n'))
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        if (buffer.size() < end + 4 + length)
            return;
        buffer.remove(0, end + 4 + length);
        const QByteArray path = head.split(' ').value(1);
        const int hit = ++hits[path];
        heads << head;
        const QByteArray answer = m_script(path, head, hit);
        if (answer == "CLOSE") {
            s->disconnectFromHost();
            return;
        }
        if (answer.startsWith('!')) { // write, then close the connection
            s->write(answer.mid(1));
            s->disconnectFromHost();
            return;
        }
        if (!answer.isEmpty())
            s->write(answer);
    }
    Script m_script;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

QByteArray http(int status, const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: application/json\r\n"
            + extraHeaders + "Content-Length: " + QByteArray::number(body.size())
            + "\r\nConnection: keep-alive\r\n\r\n" + body;
}

HttpRequest fastRequest(const QUrl &url)
{
    HttpRequest r;
    r.url = url;
    r.retry.maxAttempts = 3;
    r.retry.baseDelayMs = 10;
    r.retry.maxDelayMs = 40;
    r.timeouts.inactivityMs = 400;
    r.timeouts.totalMs = 5000;
    return r;
}

HttpResult runJob(const HttpRequest &request)
{
    QObject context;
    HttpResult out;
    bool done = false;
    HttpJob::run(request, &context, [&](const HttpResult &r) {
        out = r;
        done = true;
    });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(done, 20000); }();
    return out;
}

} // namespace

class TestHttpJob : public QObject
{
    Q_OBJECT
private slots:
    void faults_data();
    void faults();
    void utf8WhateverTheCharset();
    void insecureUrlRefusedWithoutCalling();
    void unresolvableHostNotRetried_data();
    void unresolvableHostNotRetried();
    void refreshOnceAndReplay();
    void refreshOnlyOnce();
    void noCredentialsToOtherHosts();
    void usageCounted();
    void limiterSlotsReleased();
    void worksOnWorkerThread();
};

void TestHttpJob::faults_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<int>("attempts");
    QTest::addColumn<QString>("code");

    QTest::newRow("503 twice then ok") << u"/flaky"_qs << true << Kind::None << 3 << QString();
    QTest::newRow("always 502") << u"/down"_qs << false << Kind::Transient << 3 << u"HTTP 502"_qs;
    QTest::newRow("hangs") << u"/hang"_qs << false << Kind::Network << 3 << u"timeout"_qs;
    QTest::newRow("dropped every time") << u"/drop"_qs << false << Kind::Network << 3 << QString();
    QTest::newRow("body cut short") << u"/cut"_qs << false << Kind::Network << 3 << QString();
    QTest::newRow("malformed json") << u"/malformed"_qs << false << Kind::BadResponse << 1
                                    << u"malformed JSON"_qs;
    QTest::newRow("400 not retried") << u"/bad"_qs << false << Kind::Fatal << 1 << u"HTTP 400"_qs;
    QTest::newRow("redirect ok") << u"/moved"_qs << true << Kind::None << 2 << QString();
    QTest::newRow("redirect loop") << u"/loop-a"_qs << false << Kind::Fatal << 2 << u"redirect loop"_qs;
    QTest::newRow("redirect to remote http") << u"/to-http"_qs << false << Kind::Fatal << 1
                                             << u"insecure redirect"_qs;
}

void TestHttpJob::faults()
{
    QFETCH(QString, path);
    QFETCH(bool, ok);
    QFETCH(Kind, kind);
    QFETCH(int, attempts);
    QFETCH(QString, code);

    ScriptedServer server([](const QByteArray &p, const QByteArray &, int hit) -> QByteArray {
        if (p == "/flaky")
            return hit <= 2 ? http(503, "") : http(200, R"({"fine":true})");
        if (p == "/down")
            return http(502, "<html>bad gateway</html>");
        if (p == "/hang")
            return QByteArray();
        if (p == "/drop")
            return QByteArray("CLOSE");
        if (p == "/cut")
            return "!HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n"
                   "Connection: close\r\n\r\n{\"records\":[";
        if (p == "/malformed")
            return http(200, R"({"success":true,"result":[{"id":1,)");
        if (p == "/bad")
            return http(400, R"({"x":1})");
        if (p == "/moved")
            return http(302, "", "Location: /target\r\n");
        if (p == "/target")
            return http(200, R"({"fine":true})");
        if (p == "/loop-a")
            return http(302, "", "Location: /loop-b\r\n");
        if (p == "/loop-b")
            return http(302, "", "Location: /loop-a\r\n");
        if (p == "/to-http")
            return http(302, "", "Location: http://example.com/x\r\n");
        return http(404, "{}");
    });
    QVERIFY(server.isListening());
    const HttpResult r = runJob(fastRequest(server.url(path)));
    QCOMPARE(r.ok, ok);
    QCOMPARE(ApiError::kindName(r.error.kind), ApiError::kindName(kind));
    QCOMPARE(r.attempts, attempts);
    if (!code.isEmpty())
        QCOMPARE(r.error.code, code);
    if (!ok) {
        // The message names the endpoint, never just "error".
        QVERIFY2(r.error.message().contains(u"127.0.0.1"_qs), qPrintable(r.error.message()));
    } else {
        QCOMPARE(r.json.object().value(u"fine"_qs).toBool(), true);
    }
}

void TestHttpJob::utf8WhateverTheCharset()
{
    const QByteArray body = "{\"names\":[\"Mar\xC3\xAD" "a Jos\xC3\xA9 \xC3\x81lvarez\",\"Chlo\xC3\xA9 Lef\xC3\xA8vre\",\"Nguy\xE1\xBB\x85n\"]}";
    ScriptedServer server([body](const QByteArray &, const QByteArray &, int) -> QByteArray {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=ISO-8859-1\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    });
    const HttpResult r = runJob(fastRequest(server.url(u"/names"_qs)));
    QVERIFY(r.ok);
    const QJsonArray names = r.json.object().value(u"names"_qs).toArray();
    QCOMPARE(names.at(0).toString(), u"María José Álvarez"_qs);
    QCOMPARE(names.at(1).toString(), u"Chloé Lefèvre"_qs);
    QCOMPARE(names.at(2).toString(), u"Nguyễn"_qs);
}

void TestHttpJob::insecureUrlRefusedWithoutCalling()
{
    HttpRequest r = fastRequest(QUrl(u"http://123-ABC-456.mktorest.com/rest/v1/leads.json"_qs));
    const HttpResult result = runJob(r);
    QVERIFY(!result.ok);
    QCOMPARE(result.error.kind, Kind::Fatal);
    QCOMPARE(result.attempts, 0);
    QVERIFY(result.error.message().contains(u"https"_qs));
}

// RFC 6761: names under .invalid never resolve. DNS answering "no such host" is not transient:
// one attempt, and the message names the host (the old behaviour retried it like a dropped
// connection, maxAttempts times).
void TestHttpJob::unresolvableHostNotRetried_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QString>("host");
    QTest::newRow("https") << QUrl(u"https://msi-bridge-test.invalid/services/oauth2/token"_qs)
                           << u"msi-bridge-test.invalid"_qs;
    QTest::newRow("My Domain style") << QUrl(u"https://exampleco.my.salesforce.invalid/x"_qs)
                                     << u"exampleco.my.salesforce.invalid"_qs;
}

void TestHttpJob::unresolvableHostNotRetried()
{
    QFETCH(QUrl, url);
    QFETCH(QString, host);
    HttpRequest r = fastRequest(url);
    r.retry.maxAttempts = 5;
    r.timeouts.inactivityMs = 20000; // a name lookup may take a while; no timeout must hide it
    r.timeouts.totalMs = 30000;
    const HttpResult result = runJob(r);
    QVERIFY(!result.ok);
    QCOMPARE(ApiError::kindName(result.error.kind), ApiError::kindName(Kind::Network));
    QCOMPARE(result.error.code, ApiError::hostNotFoundCode());
    QVERIFY(!result.error.isRetryable());
    QCOMPARE(result.attempts, 1);
    QVERIFY2(result.error.message().contains(host), qPrintable(result.error.message()));
    QVERIFY2(result.error.message().contains(u"not found"_qs), qPrintable(result.error.message()));
}

void TestHttpJob::refreshOnceAndReplay()
{
    ScriptedServer server([](const QByteArray &, const QByteArray &head, int) {
        if (head.contains("Authorization: Bearer NEW"))
            return http(200, R"({"done":true})");
        return http(401, R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])");
    });
    QString token = u"OLD"_qs;
    int refreshes = 0;
    HttpRequest r = fastRequest(server.url(u"/query"_qs));
    r.api = ErrorClassifier::Api::Salesforce;
    r.authorize = [&token](QNetworkRequest &req) { req.setRawHeader("Authorization", "Bearer " + token.toUtf8()); };
    r.reauthenticate = [&](std::function<void(const ApiError &)> done) {
        ++refreshes;
        token = u"NEW"_qs;
        done(ApiError());
    };
    const HttpResult result = runJob(r);
    QVERIFY(result.ok);
    QVERIFY(result.reauthenticated);
    QCOMPARE(refreshes, 1);
    QCOMPARE(result.attempts, 2);
    QVERIFY(server.heads.last().contains("Authorization: Bearer NEW")); // the replay carries it
}

void TestHttpJob::noCredentialsToOtherHosts()
{
    ScriptedServer other([](const QByteArray &, const QByteArray &, int) {
        return http(200, R"({"fine":true})");
    });
    const QByteArray location = other.url(u"/elsewhere"_qs).toEncoded();
    ScriptedServer origin([location](const QByteArray &p, const QByteArray &, int) -> QByteArray {
        if (p == "/start")
            return http(307, "", "Location: " + location + "\r\n");
        return http(404, "{}");
    });
    HttpRequest r = fastRequest(origin.url(u"/start"_qs));
    r.authorize = [](QNetworkRequest &req) { req.setRawHeader("Authorization", "Bearer SECRET-TOKEN"); };
    const HttpResult result = runJob(r);
    QVERIFY(result.ok);
    QVERIFY(origin.heads.first().contains("Bearer SECRET-TOKEN"));
    QCOMPARE(other.heads.size(), 1);
    QVERIFY(!other.heads.first().contains("SECRET-TOKEN"));
}

void TestHttpJob::refreshOnlyOnce()
{
    ScriptedServer server([](const QByteArray &, const QByteArray &, int) {
        return http(200, R"({"success":false,"errors":[{"code":"602","message":"Access token expired"}]})");
    });
    int refreshes = 0;
    HttpRequest r = fastRequest(server.url(u"/rest/v1/leads.json"_qs));
    r.api = ErrorClassifier::Api::Marketo;
    r.reauthenticate = [&](std::function<void(const ApiError &)> done) {
        ++refreshes;
        done(ApiError());
    };
    const HttpResult result = runJob(r);
    QVERIFY(!result.ok);
    QCOMPARE(result.error.kind, Kind::AuthExpired); // no loop: stops after one refresh
    QCOMPARE(refreshes, 1);
    QCOMPARE(result.attempts, 2);
}

void TestHttpJob::usageCounted()
{
    ScriptedServer server([](const QByteArray &p, const QByteArray &, int) {
        if (p == "/expired")
            return http(200, R"({"success":false,"errors":[{"code":"602","message":"Access token expired"}]})");
        return http(200, R"({"success":true,"result":[]})");
    });
    auto usage = std::make_shared<UsageCounter>(u"marketo"_qs, [] { return QDate(2026, 12, 3); });
    HttpRequest r = fastRequest(server.url(u"/ok"_qs));
    r.api = ErrorClassifier::Api::Marketo;
    r.usage = usage;
    QVERIFY(runJob(r).ok);
    QVERIFY(runJob(r).ok);
    r.url = server.url(u"/expired"_qs);
    QVERIFY(!runJob(r).ok);
    QCOMPARE(usage->callsToday(), 2); // 602 is not counted by Marketo
}

void TestHttpJob::limiterSlotsReleased()
{
    ScriptedServer server([](const QByteArray &p, const QByteArray &, int hit) {
        if (p == "/flaky")
            return hit == 1 ? http(500, "") : http(200, "{}");
        return http(400, "{}");
    });
    auto limiter = std::make_shared<RateLimiter>(RateBudget{100, 20000, 1});
    HttpRequest r = fastRequest(server.url(u"/flaky"_qs));
    r.limiter = limiter;
    QVERIFY(runJob(r).ok);
    r.url = server.url(u"/bad"_qs);
    QVERIFY(!runJob(r).ok);
    QCOMPARE(limiter->inFlight(), 0);
    QCOMPARE(limiter->callsInWindow(), 3);
}

void TestHttpJob::worksOnWorkerThread()
{
    ScriptedServer server([](const QByteArray &, const QByteArray &, int) {
        return http(200, R"({"fine":true})");
    });
    const QUrl url = server.url(u"/x"_qs);
    QThread worker;
    worker.start();
    QObject context;
    context.moveToThread(&worker);
    std::atomic<bool> done = false;
    std::atomic<bool> ok = false;
    std::atomic<bool> onWorker = false;
    QMetaObject::invokeMethod(&context, [&] {
        HttpJob::run(fastRequest(url), &context, [&](const HttpResult &r) {
            ok = r.ok;
            onWorker = QThread::currentThread() == &worker;
            done = true;
        });
    });
    QTRY_VERIFY_WITH_TIMEOUT(done.load(), 10000);
    QVERIFY(ok);
    QVERIFY(onWorker);
    QMetaObject::invokeMethod(&context, [&context] { context.moveToThread(qApp->thread()); },
                              Qt::BlockingQueuedConnection);
    worker.quit();
    worker.wait();
}

QTEST_GUILESS_MAIN(TestHttpJob)
#include "tst_httpjob.moc"
