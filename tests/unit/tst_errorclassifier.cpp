#include "net/ErrorClassifier.h"

#include <QTest>

using msi::net::ApiError;
using msi::net::ErrorClassifier;
using Api = ErrorClassifier::Api;
using Kind = ApiError::Kind;

// The table of issue 4 / marketo-api.md §9 / salesforce-api.md §6: every documented code lands in
// the class the product reacts to.
class TestErrorClassifier : public QObject
{
    Q_OBJECT
private slots:
    void classify_data();
    void classify();
    void endpointNamedInMessage();
    void quotaReset_data();
    void quotaReset();
    void quotaMessageSaysWhen();
    void marketoQuotaCounting_data();
    void marketoQuotaCounting();
    void network();
    void rateWindowFromMessage_data();
    void rateWindowFromMessage();
};

void TestErrorClassifier::rateWindowFromMessage_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<qint64>("waitMs");
    QTest::newRow("documented") << u"Max rate limit '100' exceeded with in '20' secs"_qs << qint64(20000);
    QTest::newRow("compressed window") << u"Max rate limit '5' exceeded with in '2' secs"_qs << qint64(2000);
    QTest::newRow("no window named") << u"Rate limit"_qs << qint64(20000);
}

void TestErrorClassifier::rateWindowFromMessage()
{
    QFETCH(QString, message);
    QFETCH(qint64, waitMs);
    const ApiError e = ErrorClassifier::classifyMarketoCode(u"606"_qs, message, QString());
    QCOMPARE(e.kind, Kind::RateLimited);
    QCOMPARE(e.retryAfterMs, waitMs);
}

static QByteArray marketoError(const char *code, const char *message)
{
    return QByteArray(R"({"requestId":"e42b#14272d07d78","success":false,"errors":[{"code":")")
            + code + R"(","message":")" + message + R"("}]})";
}

void TestErrorClassifier::classify_data()
{
    QTest::addColumn<Api>("api");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("code");

    const QByteArray ok = R"({"requestId":"1","success":true,"result":[]})";
    QTest::newRow("marketo success") << Api::Marketo << 200 << ok << Kind::None << QString();
    QTest::newRow("601") << Api::Marketo << 200 << marketoError("601", "Access token invalid")
                         << Kind::AuthExpired << u"601"_qs;
    QTest::newRow("602") << Api::Marketo << 200 << marketoError("602", "Access token expired")
                         << Kind::AuthExpired << u"602"_qs;
    QTest::newRow("603") << Api::Marketo << 200 << marketoError("603", "Access denied")
                         << Kind::Fatal << u"603"_qs;
    QTest::newRow("604") << Api::Marketo << 200 << marketoError("604", "Request timed out")
                         << Kind::Transient << u"604"_qs;
    QTest::newRow("606") << Api::Marketo << 200
                         << marketoError("606", "Max rate limit '100' exceeded with in '20' secs")
                         << Kind::RateLimited << u"606"_qs;
    QTest::newRow("607") << Api::Marketo << 200 << marketoError("607", "Daily quota reached")
                         << Kind::QuotaExhausted << u"607"_qs;
    QTest::newRow("608") << Api::Marketo << 200 << marketoError("608", "API Temporarily Unavailable")
                         << Kind::Transient << u"608"_qs;
    QTest::newRow("609") << Api::Marketo << 200 << marketoError("609", "Invalid JSON")
                         << Kind::Fatal << u"609"_qs;
    QTest::newRow("610") << Api::Marketo << 200 << marketoError("610", "Requested resource not found")
                         << Kind::Fatal << u"610"_qs;
    QTest::newRow("611") << Api::Marketo << 200 << marketoError("611", "System error")
                         << Kind::Transient << u"611"_qs;
    QTest::newRow("612") << Api::Marketo << 200 << marketoError("612", "Invalid Content Type")
                         << Kind::Fatal << u"612"_qs;
    QTest::newRow("615") << Api::Marketo << 200 << marketoError("615", "Concurrent access limit reached")
                         << Kind::ConcurrencyLimited << u"615"_qs;
    QTest::newRow("713") << Api::Marketo << 200 << marketoError("713", "Transient Error")
                         << Kind::Transient << u"713"_qs;
    QTest::newRow("1018 CRM enabled") << Api::Marketo << 200 << marketoError("1018", "CRM Enabled")
                                      << Kind::Fatal << u"1018"_qs;
    QTest::newRow("integer code") << Api::Marketo << 200
                                  << QByteArray(R"({"success":false,"errors":[{"code":606,"message":"x"}]})")
                                  << Kind::RateLimited << u"606"_qs;
    QTest::newRow("marketo 500") << Api::Marketo << 500 << QByteArray() << Kind::Transient << u"HTTP 500"_qs;
    QTest::newRow("marketo 502 html") << Api::Marketo << 502 << QByteArray("<html>Bad gateway</html>")
                                      << Kind::Transient << u"HTTP 502"_qs;
    QTest::newRow("marketo 413") << Api::Marketo << 413 << QByteArray() << Kind::Fatal << u"HTTP 413"_qs;
    QTest::newRow("marketo 414") << Api::Marketo << 414 << QByteArray() << Kind::Fatal << u"HTTP 414"_qs;
    QTest::newRow("marketo malformed") << Api::Marketo << 200 << QByteArray(R"({"success":tru)")
                                       << Kind::BadResponse << u"malformed JSON"_qs;
    QTest::newRow("marketo success:false no errors") << Api::Marketo << 200
                                                     << QByteArray(R"({"success":false})")
                                                     << Kind::BadResponse << u"success:false without errors"_qs;
    QTest::newRow("identity ok") << Api::MarketoIdentity << 200
                                 << QByteArray(R"({"access_token":"cdf01657-110d:int","token_type":"bearer","expires_in":3599,"scope":"apis@acme"})")
                                 << Kind::None << QString();
    QTest::newRow("identity 401") << Api::MarketoIdentity << 401
                                  << QByteArray(R"({"error":"unauthorized","error_description":"Bad client credentials"})")
                                  << Kind::Fatal << u"unauthorized"_qs;
    QTest::newRow("identity invalid_client 200") << Api::MarketoIdentity << 200
                                  << QByteArray(R"({"error":"invalid_client","error_description":"Bad client credentials"})")
                                  << Kind::Fatal << u"invalid_client"_qs;

    QTest::newRow("sf ok") << Api::Salesforce << 200 << QByteArray(R"({"totalSize":0,"done":true,"records":[]})")
                           << Kind::None << QString();
    QTest::newRow("INVALID_SESSION_ID") << Api::Salesforce << 401
                                        << QByteArray(R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])")
                                        << Kind::AuthExpired << u"INVALID_SESSION_ID"_qs;
    QTest::newRow("REQUEST_LIMIT_EXCEEDED daily") << Api::Salesforce << 403
                                        << QByteArray(R"([{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}])")
                                        << Kind::QuotaExhausted << u"REQUEST_LIMIT_EXCEEDED"_qs;
    QTest::newRow("REQUEST_LIMIT_EXCEEDED concurrent") << Api::Salesforce << 403
                                        << QByteArray(R"([{"message":"ConcurrentPerOrgLongTxn Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}])")
                                        << Kind::ConcurrencyLimited << u"REQUEST_LIMIT_EXCEEDED"_qs;
    QTest::newRow("MALFORMED_QUERY") << Api::Salesforce << 400
                                     << QByteArray(R"([{"message":"unexpected token","errorCode":"MALFORMED_QUERY"}])")
                                     << Kind::Fatal << u"MALFORMED_QUERY"_qs;
    QTest::newRow("INVALID_FIELD (FLS)") << Api::Salesforce << 400
                                         << QByteArray(R"([{"message":"No such column 'mkto_si__Last_Interesting_Moment_Date__c' on entity 'Contact'","errorCode":"INVALID_FIELD"}])")
                                         << Kind::Fatal << u"INVALID_FIELD"_qs;
    QTest::newRow("EXCEEDED_ID_LIMIT") << Api::Salesforce << 400
                                       << QByteArray(R"([{"errorCode":"EXCEEDED_ID_LIMIT","message":"record limit reached. cannot submit more than 200 records into this call"}])")
                                       << Kind::Fatal << u"EXCEEDED_ID_LIMIT"_qs;
    QTest::newRow("NOT_FOUND") << Api::Salesforce << 404
                               << QByteArray(R"([{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}])")
                               << Kind::Fatal << u"NOT_FOUND"_qs;
    QTest::newRow("sf 500") << Api::Salesforce << 500 << QByteArray() << Kind::Transient << u"HTTP 500"_qs;
    QTest::newRow("sf 503 SERVER_UNAVAILABLE") << Api::Salesforce << 503
                                               << QByteArray(R"([{"errorCode":"SERVER_UNAVAILABLE","message":"busy"}])")
                                               << Kind::Transient << u"SERVER_UNAVAILABLE"_qs;
    QTest::newRow("sf malformed 200") << Api::Salesforce << 200 << QByteArray("{\"records\":[")
                                      << Kind::BadResponse << u"malformed JSON"_qs;
    QTest::newRow("oauth invalid_grant") << Api::SalesforceOAuth << 400
                                         << QByteArray(R"({"error":"invalid_grant","error_description":"expired access/refresh token"})")
                                         << Kind::Fatal << u"invalid_grant"_qs;
    QTest::newRow("oauth invalid_client_id") << Api::SalesforceOAuth << 400
                                         << QByteArray(R"({"error":"invalid_client_id","error_description":"client identifier invalid"})")
                                         << Kind::Fatal << u"invalid_client_id"_qs;
    QTest::newRow("oauth ok") << Api::SalesforceOAuth << 200
                              << QByteArray(R"({"access_token":"00Dx0000000BV7z!AR8AQ","instance_url":"https://x.my.salesforce.com"})")
                              << Kind::None << QString();
    QTest::newRow("oauth 200 without token") << Api::SalesforceOAuth << 200 << QByteArray("{}")
                                             << Kind::BadResponse << u"no access_token"_qs;
}

void TestErrorClassifier::classify()
{
    QFETCH(Api, api);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(Kind, kind);
    QFETCH(QString, code);
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    const bool jsonOk = body.isEmpty() || pe.error == QJsonParseError::NoError;
    const ApiError e = ErrorClassifier::classify(api, status, doc, jsonOk, u"GET /x"_qs);
    QCOMPARE(ApiError::kindName(e.kind), ApiError::kindName(kind));
    QCOMPARE(e.code, code);
    if (kind != Kind::None)
        QVERIFY(!e.message().isEmpty());
}

void TestErrorClassifier::endpointNamedInMessage()
{
    const ApiError e = ErrorClassifier::classify(
            Api::Marketo, 200, QJsonDocument(), false,
            u"GET https://123-ABC-456.mktorest.com/rest/v1/leads.json"_qs);
    QCOMPARE(e.kind, Kind::BadResponse);
    QVERIFY2(e.message().contains(u"GET https://123-ABC-456.mktorest.com/rest/v1/leads.json"_qs),
             qPrintable(e.message()));
}

void TestErrorClassifier::quotaReset_data()
{
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<QDateTime>("reset");
    // US Central: CST (UTC-6) in winter, CDT (UTC-5) in summer.
    QTest::newRow("winter afternoon") << QDateTime(QDate(2026, 12, 3), QTime(16, 0), Qt::UTC)
                                      << QDateTime(QDate(2026, 12, 4), QTime(6, 0), Qt::UTC);
    QTest::newRow("winter 23:59 Central") << QDateTime(QDate(2026, 12, 4), QTime(5, 59), Qt::UTC)
                                          << QDateTime(QDate(2026, 12, 4), QTime(6, 0), Qt::UTC);
    QTest::newRow("winter 00:00 Central") << QDateTime(QDate(2026, 12, 4), QTime(6, 0), Qt::UTC)
                                          << QDateTime(QDate(2026, 12, 5), QTime(6, 0), Qt::UTC);
    QTest::newRow("summer") << QDateTime(QDate(2026, 7, 1), QTime(12, 0), Qt::UTC)
                            << QDateTime(QDate(2026, 7, 2), QTime(5, 0), Qt::UTC);
}

void TestErrorClassifier::quotaReset()
{
    QFETCH(QDateTime, now);
    QFETCH(QDateTime, reset);
    QCOMPARE(ErrorClassifier::marketoQuotaReset(now), reset);
}

void TestErrorClassifier::quotaMessageSaysWhen()
{
    const ApiError e = ErrorClassifier::classifyMarketoCode(u"607"_qs, u"Daily quota reached"_qs,
                                                            u"POST /rest/v1/leads.json"_qs);
    QCOMPARE(e.kind, Kind::QuotaExhausted);
    QVERIFY(e.resetsAt.isValid());
    QVERIFY(e.resetsAt > QDateTime::currentDateTimeUtc());
    QVERIFY(e.message().contains(u"00:00 US Central"_qs));
    QVERIFY(!e.isRetryable());
}

void TestErrorClassifier::marketoQuotaCounting_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("counts");
    // marketo-api.md §8: 601, 602, 604, 605, 608, 611 are not counted.
    for (const char *c : {"601", "602", "604", "605", "608", "611"})
        QTest::newRow(c) << QString::fromLatin1(c) << false;
    for (const char *c : {"606", "607", "615", "713", "603"})
        QTest::newRow(c) << QString::fromLatin1(c) << true;
}

void TestErrorClassifier::marketoQuotaCounting()
{
    QFETCH(QString, code);
    QFETCH(bool, counts);
    const ApiError e = ErrorClassifier::classifyMarketoCode(code, QString(), QString());
    QCOMPARE(ErrorClassifier::countsTowardMarketoQuota(e), counts);
}

void TestErrorClassifier::network()
{
    const ApiError refused = ErrorClassifier::classifyNetwork(QNetworkReply::ConnectionRefusedError,
                                                              u"refused"_qs, false, u"GET /x"_qs);
    QCOMPARE(refused.kind, Kind::Network);
    QVERIFY(refused.isRetryable());
    const ApiError timeout = ErrorClassifier::classifyNetwork(QNetworkReply::OperationCanceledError,
                                                              QString(), true, u"GET /x"_qs);
    QCOMPARE(timeout.code, u"timeout"_qs);
    const ApiError tls = ErrorClassifier::classifyNetwork(QNetworkReply::SslHandshakeFailedError,
                                                          u"bad cert"_qs, false, u"GET /x"_qs);
    QCOMPARE(tls.kind, Kind::Fatal);
    // A name that does not resolve is not transient: not retried, and the host is named.
    const ApiError dns = ErrorClassifier::classifyNetwork(QNetworkReply::HostNotFoundError,
                                                          u"Host x.invalid not found"_qs, false,
                                                          u"POST /services/oauth2/token"_qs,
                                                          u"login.example.invalid"_qs);
    QCOMPARE(dns.kind, Kind::Network);
    QCOMPARE(dns.code, ApiError::hostNotFoundCode());
    QVERIFY(!dns.isRetryable());
    QVERIFY2(dns.message().contains(u"login.example.invalid"_qs), qPrintable(dns.message()));
}

QTEST_GUILESS_MAIN(TestErrorClassifier)
#include "tst_errorclassifier.moc"
