#include "core/CsvReader.h"

#include <QBuffer>
#include <QTest>

using msi::core::CsvReader;

class TestCsvReader : public QObject
{
    Q_OBJECT
private slots:
    void read_data();
    void read();
    void malformed_data();
    void malformed();
};

void TestCsvReader::read_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QList<QStringList>>("records");
    // RFC 4180 section 2 rules.
    QTest::newRow("simple LF") << QByteArray("Id,Name\n001,Edge\n")
                               << QList<QStringList>{{u"Id"_qs, u"Name"_qs}, {u"001"_qs, u"Edge"_qs}};
    QTest::newRow("CRLF, no final break") << QByteArray("Id,Name\r\n001,Edge")
                                          << QList<QStringList>{{u"Id"_qs, u"Name"_qs},
                                                                {u"001"_qs, u"Edge"_qs}};
    QTest::newRow("quoted comma") << QByteArray("\"United Oil & Gas, UK\",x\n")
                                  << QList<QStringList>{{u"United Oil & Gas, UK"_qs, u"x"_qs}};
    QTest::newRow("escaped quote") << QByteArray("\"say \"\"hi\"\"\",2\n")
                                   << QList<QStringList>{{u"say \"hi\""_qs, u"2"_qs}};
    QTest::newRow("line break inside quotes")
        << QByteArray("\"312 Constitution Place\nAustin, TX 78767\",USA\r\nnext,row\r\n")
        << QList<QStringList>{{u"312 Constitution Place\nAustin, TX 78767"_qs, u"USA"_qs},
                              {u"next"_qs, u"row"_qs}};
    QTest::newRow("empty fields") << QByteArray(",,\n") << QList<QStringList>{{QString(), QString(), QString()}};
    QTest::newRow("UTF-8 with BOM") << QByteArray("\xEF\xBB\xBFName\nChlo\xC3\xA9\n")
                                    << QList<QStringList>{{u"Name"_qs}, {u"Chloé"_qs}};
    QTest::newRow("quoted CRLF end") << QByteArray("\"a\"\r\n\"b\"\r\n")
                                     << QList<QStringList>{{u"a"_qs}, {u"b"_qs}};
}

void TestCsvReader::read()
{
    QFETCH(QByteArray, input);
    QFETCH(QList<QStringList>, records);
    QBuffer buffer(&input);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    CsvReader reader(&buffer);
    QList<QStringList> got;
    QStringList fields;
    while (reader.readRecord(fields))
        got.append(fields);
    QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
    QCOMPARE(got, records);
}

void TestCsvReader::malformed_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("error");
    QTest::newRow("unclosed quote") << QByteArray("a\n\"never closed\n") << u"line 2"_qs;
    QTest::newRow("quote in unquoted field") << QByteArray("ab\"c\n") << u"line 1"_qs;
    QTest::newRow("text after closing quote") << QByteArray("x\n\"ab\"c\n") << u"line 2"_qs;
}

void TestCsvReader::malformed()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, error);
    QBuffer buffer(&input);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    CsvReader reader(&buffer);
    QStringList fields;
    while (reader.readRecord(fields)) {
    }
    QVERIFY(reader.hasError());
    QVERIFY2(reader.errorString().contains(error), qPrintable(reader.errorString()));
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
