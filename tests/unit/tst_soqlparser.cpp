// The sandbox's SOQL subset and fault-spec parser, without HTTP. Expected behaviour from
// ../shared/reference/salesforce-api.md §2 (literals, errors) and the fault grammar.
#include "sandbox/FaultInjector.h"
#include "sandbox/OrgState.h"
#include "sandbox/SalesforceSchema.h"
#include "sandbox/SoqlParser.h"

#include <QTest>

using namespace msi::sandbox;

class TestSoqlParser : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void filters_data();
    void filters();
    void errors_data();
    void errors();
    void orderBy();
    void faultTriggers_data();
    void faultTriggers();

private:
    QList<int> run(const QString &soql);
    SalesforceSchema m_schema;
    OrgState m_org;
};

void TestSoqlParser::initTestCase()
{
    auto lead = [](const char *id, const char *last, const char *email, const char *modstamp, double priority, bool converted) {
        return QJsonObject{{u"Id"_qs, QString::fromLatin1(id)}, {u"LastName"_qs, QString::fromLatin1(last)},
                           {u"Email"_qs, email ? QJsonValue(QString::fromLatin1(email)) : QJsonValue()},
                           {u"SystemModstamp"_qs, QString::fromLatin1(modstamp)},
                           {u"mkto_si__Priority__c"_qs, priority < 0 ? QJsonValue() : QJsonValue(priority)},
                           {u"IsConverted"_qs, converted}, {u"OwnerId"_qs, u"0057F00000DfR2xQAF"_qs}};
    };
    m_org.setRecords(u"Lead"_qs, {lead("00Q7F000006QwAaUAK", "Bair", "bblair@abankingco.com", "2024-02-12T10:09:51.000+0000", 10, false),
                                  lead("00Q7F000006QwAbUAK", "Boxer", "bertha@fcof.net", "2024-05-14T09:12:33.000+0000", -1, false),
                                  lead("00Q7F000006QwAcUAK", "Cotton", nullptr, "2024-05-28T08:15:03.000+0000", 87, true)});
    m_org.setRecords(u"User"_qs, {QJsonObject{{u"Id"_qs, u"0057F00000DfR2xQAF"_qs}, {u"Name"_qs, u"Marketo Integration"_qs}}});
}

QList<int> TestSoqlParser::run(const QString &soql)
{
    SoqlQuery q;
    SoqlParser::Error error;
    SoqlParser parser(m_schema);
    if (!parser.parse(soql, &q, &error))
        return {-1};
    QList<int> rows;
    const auto &records = m_org.records(q.objectName);
    for (int i = 0; i < records.size(); ++i) {
        if (q.matches(records.at(i), m_org))
            rows.append(i);
    }
    q.sort(rows, m_org);
    return rows;
}

void TestSoqlParser::filters_data()
{
    QTest::addColumn<QString>("where");
    QTest::addColumn<QList<int>>("rows");
    QTest::newRow("datetime Z") << u"SystemModstamp > 2024-05-01T00:00:00Z"_qs << QList<int>{1, 2};
    QTest::newRow("datetime offset") << u"SystemModstamp >= 2024-05-14T11:12:33+02:00"_qs << QList<int>{1, 2};
    QTest::newRow("datetime millis") << u"SystemModstamp <= 2024-02-12T10:09:51.000Z"_qs << QList<int>{0};
    QTest::newRow("datetime -0500") << u"SystemModstamp < 2024-05-14T04:12:33-0500"_qs << QList<int>{0};
    QTest::newRow("number") << u"mkto_si__Priority__c > 50"_qs << QList<int>{2};
    QTest::newRow("null") << u"mkto_si__Priority__c = null"_qs << QList<int>{1};
    QTest::newRow("not null") << u"Email != null"_qs << QList<int>{0, 1};
    QTest::newRow("string ignores case") << u"LastName = 'BOXER'"_qs << QList<int>{1};
    QTest::newRow("like") << u"Email LIKE 'b%'"_qs << QList<int>{0, 1};
    QTest::newRow("like underscore") << u"LastName LIKE 'B_ir'"_qs << QList<int>{0};
    QTest::newRow("boolean") << u"IsConverted = true"_qs << QList<int>{2};
    QTest::newRow("in ids 15") << u"Id IN ('00Q7F000006QwAa', '00Q7F000006QwAcUAK')"_qs << QList<int>{0, 2};
    QTest::newRow("not") << u"NOT IsConverted = true"_qs << QList<int>{0, 1};
    QTest::newRow("or group") << u"(LastName = 'Bair' OR LastName = 'Cotton') AND IsConverted = false"_qs << QList<int>{0};
    QTest::newRow("relationship") << u"Owner.Name = 'Marketo Integration'"_qs << QList<int>{0, 1, 2};
}

void TestSoqlParser::filters()
{
    QFETCH(QString, where);
    QFETCH(QList<int>, rows);
    QCOMPARE(run(u"SELECT Id FROM Lead WHERE "_qs + where + u" ORDER BY LastName"_qs), rows);
}

void TestSoqlParser::errors_data()
{
    QTest::addColumn<QString>("soql");
    QTest::addColumn<QString>("errorCode");
    QTest::newRow("empty select") << u"SELECT FROM Lead"_qs << u"MALFORMED_QUERY"_qs;
    QTest::newRow("no FROM") << u"SELECT Id Lead"_qs << u"MALFORMED_QUERY"_qs;
    QTest::newRow("bad object") << u"SELECT Id FROM Leads"_qs << u"INVALID_TYPE"_qs;
    QTest::newRow("bad field") << u"SELECT Id, Emial FROM Lead"_qs << u"INVALID_FIELD"_qs;
    QTest::newRow("bad relationship") << u"SELECT Boss.Name FROM Lead"_qs << u"INVALID_FIELD"_qs;
    QTest::newRow("quoted number") << u"SELECT Id FROM Lead WHERE mkto_si__Priority__c > '5'"_qs << u"INVALID_FIELD"_qs;
    QTest::newRow("date for datetime") << u"SELECT Id FROM Lead WHERE SystemModstamp > 2024-01-01"_qs << u"INVALID_FIELD"_qs;
    QTest::newRow("plus lost in URL") << u"SELECT Id FROM Lead WHERE SystemModstamp > 2024-01-01T00:00:00 01:00"_qs << u"MALFORMED_QUERY"_qs;
    QTest::newRow("mixed AND OR") << u"SELECT Id FROM Lead WHERE IsConverted = true OR LastName = 'x' AND Email = null"_qs << u"MALFORMED_QUERY"_qs;
    QTest::newRow("textarea filter") << u"SELECT Id FROM Lead WHERE mkto_si__Last_Interesting_Moment_Desc__c = 'x'"_qs << u"INVALID_FIELD"_qs;
    QTest::newRow("offset too big") << u"SELECT Id FROM Lead LIMIT 10 OFFSET 2001"_qs << u"NUMBER_OUTSIDE_VALID_RANGE"_qs;
}

void TestSoqlParser::errors()
{
    QFETCH(QString, soql);
    QFETCH(QString, errorCode);
    SoqlQuery q;
    SoqlParser::Error error;
    SoqlParser parser(m_schema);
    QVERIFY(!parser.parse(soql, &q, &error));
    QCOMPARE(error.errorCode, errorCode);
    QVERIFY(error.message.contains(u"ERROR at Row:1:Column:"));
}

void TestSoqlParser::orderBy()
{
    // ASC puts nulls first, DESC puts them last (SOQL defaults).
    QCOMPARE(run(u"SELECT Id FROM Lead ORDER BY mkto_si__Priority__c"_qs), (QList<int>{1, 0, 2}));
    QCOMPARE(run(u"SELECT Id FROM Lead ORDER BY mkto_si__Priority__c DESC"_qs), (QList<int>{2, 0, 1}));
    QCOMPARE(run(u"SELECT Id FROM Lead ORDER BY mkto_si__Priority__c ASC NULLS LAST"_qs), (QList<int>{0, 2, 1}));
}

void TestSoqlParser::faultTriggers_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("pattern"); // x = fault on that Marketo call
    QTest::newRow("#3") << u"mkto:611#3"_qs << u"..x....."_qs;
    QTest::newRow("#3+") << u"mkto:611#3+"_qs << u"..xxxxxx"_qs;
    QTest::newRow("%3") << u"mkto:611%3"_qs << u"..x..x.."_qs;
    QTest::newRow("always") << u"mkto:611"_qs << u"xxxxxxxx"_qs;
    QTest::newRow("path filter") << u"mkto:611~/companies#1"_qs << u"........"_qs;
    QTest::newRow("other system") << u"sf:503"_qs << u"........"_qs;
}

void TestSoqlParser::faultTriggers()
{
    QFETCH(QString, spec);
    QFETCH(QString, pattern);
    FaultInjector faults;
    QString error;
    QVERIFY2(faults.configure(spec, 1, &error), qPrintable(error));
    QString got;
    for (int i = 0; i < pattern.size(); ++i)
        got += faults.forRequest(FaultInjector::System::Marketo, u"/rest/v1/leads.json"_qs).isEmpty() ? u'.' : u'x';
    QCOMPARE(got, pattern);
}

QTEST_APPLESS_MAIN(TestSoqlParser)
#include "tst_soqlparser.moc"
