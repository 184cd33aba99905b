#include "core/SalesforceId.h"

#include <QFile>
#include <QSet>
#include <QTest>

using msi::core::SalesforceId;
using Status = SalesforceId::Status;

class TestSalesforceId : public QObject
{
    Q_OBJECT
private slots:
    void fixtureSuffix_data();
    void fixtureSuffix();
    void classify_data();
    void classify();
    void badCharacterNamed_data();
    void badCharacterNamed();
    void objectType_data();
    void objectType();
    void equality_data();
    void equality();
    void hashFollowsEquality();
};

// Every pair of ../shared/fixtures/salesforce-ids.tsv (copied to tests/data), checked against
// public sources: the 15-character ID must give the 18-character one, and both must classify.
void TestSalesforceId::fixtureSuffix_data()
{
    QTest::addColumn<QString>("id15");
    QTest::addColumn<QString>("id18");
    QFile file(QStringLiteral(MSI_TEST_DATA_DIR "/salesforce-ids.tsv"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    file.readLine(); // header
    int rows = 0;
    while (!file.atEnd()) {
        const QList<QByteArray> cols = file.readLine().trimmed().split('\t');
        if (cols.size() < 2)
            continue;
        QTest::newRow(cols.at(0).constData())
            << QString::fromLatin1(cols.at(0)) << QString::fromLatin1(cols.at(1));
        ++rows;
    }
    QCOMPARE(rows, 13);
}

void TestSalesforceId::fixtureSuffix()
{
    QFETCH(QString, id15);
    QFETCH(QString, id18);
    const SalesforceId short15(id15);
    QCOMPARE(short15.status(), Status::Valid15);
    QCOMPARE(short15.id18(), id18);
    const SalesforceId long18(id18);
    QCOMPARE(long18.status(), Status::Valid18);
    QCOMPARE(long18.id18(), id18);
    QCOMPARE(long18.id15(), id15);
    QVERIFY(short15 == long18);
}

void TestSalesforceId::classify_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<Status>("status");
    QTest::addColumn<QString>("id18");
    QTest::addColumn<QString>("statusName");

    // Values from the fixture file (REST API guide example 001D000000IRFmaIAH and others).
    QTest::newRow("valid 18") << u"001D000000IRFmaIAH"_qs << Status::Valid18
                              << u"001D000000IRFmaIAH"_qs << u"valid-18"_qs;
    QTest::newRow("valid 15") << u"001D000000IRFma"_qs << Status::Valid15
                              << u"001D000000IRFmaIAH"_qs << u"valid-15"_qs;
    QTest::newRow("all lower-cased by a tool")
        << u"001d000000irfmaiah"_qs << Status::CaseDamaged << u"001D000000IRFmaIAH"_qs
        << u"case-damaged"_qs;
    QTest::newRow("all upper-cased by a tool")
        << u"001M000000QFPYSIAU"_qs << Status::CaseDamaged << u"001M000000qfPySIAU"_qs
        << u"case-damaged"_qs;
    QTest::newRow("only the suffix lower-cased")
        << u"0032400000QZbmtaad"_qs << Status::CaseDamaged << u"0032400000QZbmtAAD"_qs
        << u"case-damaged"_qs;
    QTest::newRow("suffix typo") << u"001D000000IRFmaIAJ"_qs << Status::BadChecksum << QString()
                                 << u"bad-checksum"_qs;
    QTest::newRow("one letter re-cased, suffix kept")
        << u"001D000000IRfmaIAH"_qs << Status::BadChecksum << QString() << u"bad-checksum"_qs;
    QTest::newRow("upper-cased but suffix claims a digit is a capital")
        << u"00558000001N0KEAAK"_qs << Status::CaseDamaged << u"00558000001N0KeAAK"_qs
        << u"case-damaged"_qs;
    QTest::newRow("upper-cased, impossible suffix")
        << u"000000000000000ZZZ"_qs << Status::BadChecksum << QString() << u"bad-checksum"_qs;
    QTest::newRow("empty") << QString() << Status::BadLength << QString() << u"bad-length"_qs;
    QTest::newRow("14 chars") << u"001D000000IRFm"_qs << Status::BadLength << QString()
                              << u"bad-length"_qs;
    QTest::newRow("16 chars") << u"001D000000IRFmaI"_qs << Status::BadLength << QString()
                              << u"bad-length"_qs;
    QTest::newRow("19 chars") << u"001D000000IRFmaIAHX"_qs << Status::BadLength << QString()
                              << u"bad-length"_qs;
    QTest::newRow("space") << u"001D000000IRFma IAH"_qs << Status::BadCharacters << QString()
                           << u"bad-characters"_qs;
    QTest::newRow("hyphen") << u"001D-00000IRFma"_qs << Status::BadCharacters << QString()
                            << u"bad-characters"_qs;
    QTest::newRow("non-ASCII letter") << u"001D000000IRFmä"_qs << Status::BadCharacters
                                      << QString() << u"bad-characters"_qs;
    QTest::newRow("trailing newline") << u"001D000000IRFma\n"_qs << Status::BadCharacters
                                      << QString() << u"bad-characters"_qs;
}

void TestSalesforceId::classify()
{
    QFETCH(QString, input);
    QFETCH(Status, status);
    QFETCH(QString, id18);
    QFETCH(QString, statusName);
    const SalesforceId id(input);
    QCOMPARE(id.status(), status);
    QCOMPARE(id.id18(), id18);
    QCOMPARE(id.statusName(), statusName);
    QCOMPARE(id.isValid(), !id18.isEmpty());
    QVERIFY(!id.explanation().isEmpty());
    if (status == Status::CaseDamaged)
        QCOMPARE(id.explanation(), u"case damaged, repaired to "_qs + id18);
    if (status == Status::BadChecksum)
        QVERIFY(id.explanation().contains(input));
}

void TestSalesforceId::badCharacterNamed_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("named");
    QTest::newRow("hyphen") << u"001D-00000IRFma"_qs << u"contains '-'"_qs;
    QTest::newRow("emoji (two UTF-16 units)") << u"0037F000009XkP\U0001F600"_qs << u"U+1F600"_qs;
    QTest::newRow("zero-width space") << u"0037F000009XkP\u200Ba"_qs << u"U+200B"_qs;
    QTest::newRow("control character") << u"0037F000009XkP\u0001"_qs << u"U+0001"_qs;
    QTest::newRow("space inside") << u"001D000000IRFma IAH"_qs << u"contains a space"_qs;
    QTest::newRow("padded CSV cell") << u" 0037F000009XkPbQAK "_qs
                                     << u"without it the ID is 0037F000009XkPbQAK"_qs;
}

void TestSalesforceId::badCharacterNamed()
{
    QFETCH(QString, input);
    QFETCH(QString, named);
    const SalesforceId id(input);
    QCOMPARE(id.status(), Status::BadCharacters);
    QVERIFY2(id.explanation().contains(named), qPrintable(id.explanation()));
}

void TestSalesforceId::objectType_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("object");
    QTest::addColumn<QString>("prefix");
    // IDs from the bundled sample org (resources/sample-org) and the fixture file.
    QTest::newRow("Account") << u"0017F000007y8FFQAY"_qs << u"Account"_qs << u"001"_qs;
    QTest::newRow("Contact") << u"0037F000009XkPbQAK"_qs << u"Contact"_qs << u"003"_qs;
    QTest::newRow("User") << u"0057F000009Zt4AQAS"_qs << u"User"_qs << u"005"_qs;
    QTest::newRow("Opportunity") << u"0067F000004dRtQQAU"_qs << u"Opportunity"_qs << u"006"_qs;
    QTest::newRow("Lead") << u"00Q7F000006QwAbUAK"_qs << u"Lead"_qs << u"00Q"_qs;
    QTest::newRow("OpportunityContactRole")
        << u"00K7F00000Bz1iGUAR"_qs << u"OpportunityContactRole"_qs << u"00K"_qs;
    QTest::newRow("Queue") << u"00G7F000001AbCd"_qs << u"Queue"_qs << u"00G"_qs;
    QTest::newRow("Organization") << u"00D7F000000sNbqUAE"_qs << u"Organization"_qs << u"00D"_qs;
    QTest::newRow("unknown prefix (custom object)") << u"a0RE000000IJmcNMAT"_qs << QString()
                                                    << u"a0R"_qs;
    QTest::newRow("invalid has none") << u"xyz"_qs << QString() << QString();
}

void TestSalesforceId::objectType()
{
    QFETCH(QString, input);
    QFETCH(QString, object);
    QFETCH(QString, prefix);
    const SalesforceId id(input);
    QCOMPARE(id.objectType(), object);
    QCOMPARE(id.keyPrefix(), prefix);
}

void TestSalesforceId::equality_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("equal");
    QTest::newRow("18 vs 18 same") << u"0017F000007y8FKQAY"_qs << u"0017F000007y8FKQAY"_qs << true;
    QTest::newRow("18 vs 18 other case") << u"0017F000007y8FKQAY"_qs << u"0017f000007Y8fkqay"_qs
                                         << true;
    QTest::newRow("15 vs its 18") << u"0017F000007y8FK"_qs << u"0017F000007y8FKQAY"_qs << true;
    QTest::newRow("18 vs its 15") << u"0017F000007y8FKQAY"_qs << u"0017F000007y8FK"_qs << true;
    // Sample org M-07: two Contacts whose 15-character IDs differ only in case.
    QTest::newRow("15 vs 15 differing in case")
        << u"0037F000009XkPa"_qs << u"0037F000009XkpA"_qs << false;
    QTest::newRow("their 18-char forms differ")
        << u"0037F000009XkPaQAK"_qs << u"0037F000009XkpAQAS"_qs << false;
    QTest::newRow("15 vs 15 same") << u"0037F000009XkPa"_qs << u"0037F000009XkPa"_qs << true;
    QTest::newRow("15 vs the other record's 18")
        << u"0037F000009XkPa"_qs << u"0037F000009XkpAQAS"_qs << false;
}

void TestSalesforceId::equality()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, equal);
    QCOMPARE(SalesforceId(a) == SalesforceId(b), equal);
    QCOMPARE(SalesforceId(b) == SalesforceId(a), equal);
    if (equal)
        QCOMPARE(qHash(SalesforceId(a)), qHash(SalesforceId(b)));
}

void TestSalesforceId::hashFollowsEquality()
{
    QSet<SalesforceId> ids;
    ids.insert(SalesforceId(u"0037F000009XkPa"_qs));
    ids.insert(SalesforceId(u"0037F000009XkpA"_qs));
    ids.insert(SalesforceId(u"0037F000009XKPAQAK"_qs)); // the first one, upper-cased
    ids.insert(SalesforceId(u"0037f000009xkpaqas"_qs)); // the second one, lower-cased
    QCOMPARE(ids.size(), 2);
}

QTEST_GUILESS_MAIN(TestSalesforceId)
#include "tst_salesforceid.moc"
