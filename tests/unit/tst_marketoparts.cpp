// Pure parts of the Marketo client: filterValues chunking (count and URL length), sync batching
// (300 records, 1 MB), result-to-input mapping, record labels, describe2 parsing.
#include "marketo/FilterChunker.h"
#include "marketo/LeadSchema.h"
#include "marketo/MarketoAuth.h"
#include "marketo/SyncBatcher.h"
#include "marketo/SyncOutcome.h"

#include <QJsonDocument>
#include <QTest>

using namespace msi::marketo;
using Status = SyncOutcome::Status;

class TestMarketoParts : public QObject
{
    Q_OBJECT
private slots:
    void chunkByCount_data();
    void chunkByCount();
    void chunkByLength();
    void chunkTooLongForAnyUrl();
    void withValuesEncodes();
    void batchByCount_data();
    void batchByCount();
    void batchBySize();
    void mapByPosition();
    void mapBySeq();
    void mapMissing();
    void reportSummary();
    void leadSchema();
    void normalizedBase_data();
    void normalizedBase();
};

static QUrl leadsBase()
{
    return QUrl(u"https://123-ABC-456.mktorest.com/rest/v1/leads.json?filterType=externalPersonId&fields=id,externalPersonId&batchSize=300"_qs);
}

static QStringList contactIds(int n)
{
    QStringList ids;
    for (int i = 0; i < n; ++i)
        ids << u"0035g00000"_qs + QString::number(100000 + i).rightJustified(5, u'0') + u"AAV"_qs;
    return ids;
}

void TestMarketoParts::chunkByCount_data()
{
    QTest::addColumn<int>("values");
    QTest::addColumn<QList<int>>("sizes");
    // field-cases.md C12: 700 18-character ids -> 3 calls.
    QTest::newRow("700 ids") << 700 << QList<int>{300, 300, 100};
    QTest::newRow("300 ids") << 300 << QList<int>{300};
    QTest::newRow("301 ids") << 301 << QList<int>{300, 1};
    QTest::newRow("none") << 0 << QList<int>{};
}

void TestMarketoParts::chunkByCount()
{
    QFETCH(int, values);
    QFETCH(QList<int>, sizes);
    const auto chunks = FilterChunker::chunk(leadsBase(), contactIds(values));
    QList<int> got;
    for (const auto &c : chunks) {
        got << int(c.values.size());
        QVERIFY(!c.usePost);
        QVERIFY(FilterChunker::encodedUrlLength(leadsBase(), c.values) < FilterChunker::kMaxUrlBytes);
    }
    QCOMPARE(got, sizes);
}

void TestMarketoParts::chunkByLength()
{
    // C12 variant: 300 e-mails averaging 32 characters, '@' encoded as %40: ~10 KB in one URL.
    // Too long for a GET (414), so the one call goes as POST _method=GET; 301 e-mails are two.
    QStringList emails;
    for (int i = 0; i < 301; ++i)
        emails << u"firstname.lastname%1@company-example.com"_qs.arg(i, 3, 10, QLatin1Char('0'));
    QVERIFY(FilterChunker::encodedUrlLength(leadsBase(), emails.mid(0, 300)) > 8 * 1024);
    const auto chunks = FilterChunker::chunk(leadsBase(), emails);
    QCOMPARE(chunks.size(), 2);
    QCOMPARE(chunks.at(0).values.size(), 300);
    QVERIFY(chunks.at(0).usePost);
    QCOMPARE(chunks.at(1).values, QStringList{emails.last()});
    QVERIFY(!chunks.at(1).usePost);
    QVERIFY(FilterChunker::withValues(leadsBase(), chunks.at(1).values).toEncoded().size() < 8 * 1024);
    QCOMPARE(chunks.at(0).values + chunks.at(1).values, emails); // nothing lost, order kept
}

void TestMarketoParts::chunkTooLongForAnyUrl()
{
    const QString huge(9000, QChar(u'x'));
    const QStringList values{u"a@b.example"_qs, huge, u"c@d.example"_qs};
    const auto chunks = FilterChunker::chunk(leadsBase(), values);
    QCOMPARE(chunks.size(), 1);
    QVERIFY(chunks.at(0).usePost);
    QCOMPARE(chunks.at(0).values, values);
}

void TestMarketoParts::withValuesEncodes()
{
    const QUrl url = FilterChunker::withValues(leadsBase(), {u"b@example.com"_qs, u"zoë+1@müller.example"_qs});
    const QByteArray encoded = url.toEncoded();
    QVERIFY2(encoded.endsWith("filterValues=b%40example.com,zo%C3%AB%2B1%40m%C3%BCller.example"),
             encoded.constData());
}

void TestMarketoParts::batchByCount_data()
{
    QTest::addColumn<int>("records");
    QTest::addColumn<QList<int>>("sizes");
    QTest::newRow("650") << 650 << QList<int>{300, 300, 50};
    QTest::newRow("300") << 300 << QList<int>{300};
    QTest::newRow("1") << 1 << QList<int>{1};
}

void TestMarketoParts::batchByCount()
{
    QFETCH(int, records);
    QFETCH(QList<int>, sizes);
    QList<QJsonObject> input;
    for (const QString &id : contactIds(records))
        input << QJsonObject{{u"externalPersonId"_qs, id}, {u"email"_qs, QString(id + u"@example.com"_qs)}};
    const auto plan = SyncBatcher::plan(input, 60);
    QList<int> got;
    int expectedNext = 0;
    for (const auto &b : plan.batches) {
        got << int(b.size());
        for (int i : b)
            QCOMPARE(i, expectedNext++); // input order kept, nothing skipped
    }
    QCOMPARE(got, sizes);
    QVERIFY(plan.oversized.isEmpty());
}

void TestMarketoParts::batchBySize()
{
    // 12 KB descriptions: 300 records would be ~3.6 MB, so the 1 MB limit decides.
    QList<QJsonObject> input;
    for (int i = 0; i < 300; ++i)
        input << QJsonObject{{u"externalCompanyId"_qs, QString::number(i)},
                             {u"description"_qs, QString(12000, QChar(u'd'))}};
    input.insert(5, QJsonObject{{u"externalCompanyId"_qs, u"huge"_qs},
                                {u"description"_qs, QString(1'100'000, QChar(u'x'))}});
    const auto plan = SyncBatcher::plan(input, 60);
    QCOMPARE(plan.oversized, QList<int>{5});
    int total = 0;
    for (const auto &b : plan.batches) {
        qsizetype bytes = 60;
        for (int i : b)
            bytes += SyncBatcher::recordBytes(input.at(i)) + 1;
        QVERIFY(bytes <= SyncBatcher::kMaxBytes);
        QVERIFY(b.size() <= 300);
        total += int(b.size());
    }
    QCOMPARE(total, 300);
    QVERIFY(plan.batches.size() >= 4);
}

void TestMarketoParts::mapByPosition()
{
    // field-cases.md C06: the skipped row carries no email or id; position names it.
    const QJsonArray result = QJsonDocument::fromJson(R"([{"id":514,"status":"updated"},
        {"status":"skipped","reasons":[{"code":"1007","message":"Multiple lead match lookup criteria"}]}])").array();
    const QList<QJsonObject> input = {
            QJsonObject{{u"email"_qs, u"a@example.com"_qs}, {u"externalPersonId"_qs, u"0035g00000P1aaaAAA"_qs}},
            QJsonObject{{u"email"_qs, u"b@example.com"_qs}, {u"externalPersonId"_qs, u"0035g00000P2aaaAAA"_qs}}};
    const auto outcomes = SyncOutcome::mapBatch({10, 11}, result);
    QCOMPARE(outcomes.size(), 2);
    QCOMPARE(outcomes.at(0).index, 10);
    QCOMPARE(outcomes.at(0).status, Status::Updated);
    QCOMPARE(outcomes.at(0).id.toInt(), 514);
    QCOMPARE(outcomes.at(1).index, 11);
    QCOMPARE(outcomes.at(1).status, Status::Skipped);
    QCOMPARE(outcomes.at(1).reasons.first().code, u"1007"_qs);
    const QString message = outcomes.at(1).message(MarketoObject::Lead, input.at(1));
    QVERIFY2(message.contains(u"b@example.com"_qs) && message.contains(u"0035g00000P2aaaAAA"_qs)
                     && message.contains(u"1007"_qs) && message.contains(u"skipped"_qs),
             qPrintable(message));
}

void TestMarketoParts::mapBySeq()
{
    // Entries out of order but with seq: mapped by seq, not by position.
    const QJsonArray result = QJsonDocument::fromJson(R"([
        {"seq":1,"status":"created","marketoGUID":"dff23271-f996-47d7-984f-f2676861b5fb"},
        {"seq":0,"status":"skipped","reasons":[{"code":"718","message":"ExternalSalesPersonID not found"}]}])").array();
    const auto outcomes = SyncOutcome::mapBatch({0, 1}, result);
    QCOMPARE(outcomes.at(0).status, Status::Skipped);
    QCOMPARE(outcomes.at(0).reasons.first().code, u"718"_qs);
    QCOMPARE(outcomes.at(1).status, Status::Created);
    QCOMPARE(outcomes.at(1).id.toString(), u"dff23271-f996-47d7-984f-f2676861b5fb"_qs);
}

void TestMarketoParts::mapMissing()
{
    const QJsonArray result = QJsonDocument::fromJson(R"([{"id":1,"status":"created"}])").array();
    const auto outcomes = SyncOutcome::mapBatch({0, 1}, result);
    QCOMPARE(outcomes.at(0).status, Status::Created);
    QCOMPARE(outcomes.at(1).status, Status::Failed); // never reported as done
}

void TestMarketoParts::reportSummary()
{
    SyncReport report;
    report.outcomes = SyncOutcome::mapBatch({0, 1, 2}, QJsonDocument::fromJson(
            R"([{"id":1,"status":"created"},{"id":2,"status":"updated"},{"status":"skipped","reasons":[{"code":"1005","message":"Lead already exists"}]}])").array());
    QCOMPARE(report.summary(), u"1 created, 1 updated, 1 skipped"_qs);
    QVERIFY(report.complete());
    QVERIFY(report.pendingIndices().isEmpty());
}

void TestMarketoParts::leadSchema()
{
    const QJsonDocument doc = QJsonDocument::fromJson(R"({"requestId":"1","success":true,"result":[{
        "name":"API Lead","searchableFields":[["email"],["id"],["externalPersonId"],["firstName","lastName"]],
        "fields":[{"name":"email","displayName":"Email Address","dataType":"email","length":255,"updateable":true,"crmManaged":false},
                  {"name":"externalPersonId","displayName":"External Person Id","dataType":"string","length":255,"updateable":true},
                  {"name":"relativeUrgency","displayName":"Relative Urgency","dataType":"integer","updateable":false}]}]})");
    const LeadSchema schema = LeadSchema::fromDescribe2(doc);
    QCOMPARE(schema.fieldNames(), (QStringList{u"email"_qs, u"externalPersonId"_qs, u"relativeUrgency"_qs}));
    QVERIFY(schema.hasField(u"EXTERNALPERSONID"_qs));
    QVERIFY(schema.canFilterBy(u"externalPersonId"_qs));
    QVERIFY(!schema.canFilterBy(u"firstName"_qs)); // only as part of a compound key
    QVERIFY(!schema.canFilterBy(u"relativeUrgency"_qs));
    QVERIFY(schema.isUpdateable(u"email"_qs));
    QVERIFY(!schema.isUpdateable(u"relativeUrgency"_qs));
}

void TestMarketoParts::normalizedBase_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("bare") << u"https://123-ABC-456.mktorest.com"_qs << u"https://123-abc-456.mktorest.com"_qs;
    QTest::newRow("rest") << u"https://123-ABC-456.mktorest.com/rest/"_qs << u"https://123-abc-456.mktorest.com"_qs;
    QTest::newRow("identity") << u"https://123-ABC-456.mktorest.com/identity"_qs << u"https://123-abc-456.mktorest.com"_qs;
}

void TestMarketoParts::normalizedBase()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(MarketoAuth::normalizedBase(QUrl(input)).toString(), expected);
}

QTEST_GUILESS_MAIN(TestMarketoParts)
#include "tst_marketoparts.moc"
