#include "cli/CliApplication.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace msi::cli;

class TestCheckIdCommand : public QObject
{
    Q_OBJECT
private slots:
    void exitCodes_data();
    void exitCodes();
    void jsonKeys();
    void textLine();
    void csvColumn();
    void csvUsageErrors_data();
    void csvUsageErrors();

private:
    struct Result
    {
        int code;
        QString out;
        QString err;
    };
    static Result run(const QStringList &arguments);
    QTemporaryDir m_dir;
};

TestCheckIdCommand::Result TestCheckIdCommand::run(const QStringList &arguments)
{
    QString out;
    QString err;
    QTextStream outStream(&out);
    QTextStream errStream(&err);
    CliApplication cli;
    const int code = cli.run(QStringList{u"msi-bridge-cli"_qs} + arguments, {outStream, errStream});
    outStream.flush();
    errStream.flush();
    return {code, out, err};
}

void TestCheckIdCommand::exitCodes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("code");
    QTest::newRow("valid 18") << QStringList{u"check-id"_qs, u"001D000000IRFmaIAH"_qs} << 0;
    QTest::newRow("valid 15 and 18") << QStringList{u"check-id"_qs, u"001D000000IRFma"_qs,
                                                   u"0032400000QZbmtAAD"_qs} << 0;
    QTest::newRow("one case damaged") << QStringList{u"check-id"_qs, u"001D000000IRFmaIAH"_qs,
                                                    u"001d000000irfmaiah"_qs} << 1;
    QTest::newRow("bad length") << QStringList{u"check-id"_qs, u"001"_qs} << 1;
    QTest::newRow("no ids") << QStringList{u"check-id"_qs} << 2;
    QTest::newRow("unknown option") << QStringList{u"check-id"_qs, u"--frobnicate"_qs} << 2;
    QTest::newRow("unknown verb") << QStringList{u"check-idz"_qs} << 2;
    QTest::newRow("no verb") << QStringList{} << 2;
}

void TestCheckIdCommand::exitCodes()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, code);
    QCOMPARE(run(arguments).code, code);
}

void TestCheckIdCommand::jsonKeys()
{
    const Result r = run({u"check-id"_qs, u"--json"_qs, u"001D000000IRFma"_qs,
                          u"001M000000QFPYSIAU"_qs, u"00Q7F000006QwAb"_qs, u"bad id"_qs});
    QCOMPARE(r.code, 1);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonArray array = doc.array();
    QCOMPARE(array.size(), 4);
    const QJsonObject first = array.at(0).toObject();
    QCOMPARE(first.value(u"input"_qs).toString(), u"001D000000IRFma"_qs);
    QCOMPARE(first.value(u"status"_qs).toString(), u"valid-15"_qs);
    QCOMPARE(first.value(u"id18"_qs).toString(), u"001D000000IRFmaIAH"_qs);
    QCOMPARE(first.value(u"object"_qs).toString(), u"Account"_qs);
    const QJsonObject second = array.at(1).toObject();
    QCOMPARE(second.value(u"status"_qs).toString(), u"case-damaged"_qs);
    QCOMPARE(second.value(u"id18"_qs).toString(), u"001M000000qfPySIAU"_qs);
    QCOMPARE(array.at(2).toObject().value(u"object"_qs).toString(), u"Lead"_qs);
    QCOMPARE(array.at(2).toObject().value(u"id18"_qs).toString(), u"00Q7F000006QwAbUAK"_qs);
    const QJsonObject fourth = array.at(3).toObject();
    QCOMPARE(fourth.value(u"status"_qs).toString(), u"bad-characters"_qs);
    QVERIFY(fourth.value(u"id18"_qs).isNull());
    QVERIFY(fourth.value(u"object"_qs).isNull());
}

void TestCheckIdCommand::textLine()
{
    const Result r = run({u"check-id"_qs, u"0017F000007y8FK"_qs});
    QCOMPARE(r.code, 0);
    const QStringList columns = r.out.trimmed().split(u'\t');
    QCOMPARE(columns.value(0), u"0017F000007y8FK"_qs);
    QCOMPARE(columns.value(1), u"valid-15"_qs);
    QCOMPARE(columns.value(2), u"0017F000007y8FKQAY"_qs);
    QCOMPARE(columns.value(3), u"Account"_qs);
}

void TestCheckIdCommand::csvColumn()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(u"contacts.csv"_qs);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("Name,ContactId,Note\r\n"
               "\"Levy, Babara\",0037F000009XkPdQAK,ok\r\n"
               "\"D'Cruz, Liz\",0037f000009xkpgqak,\"lower-cased\nby a spreadsheet\"\r\n"
               "Old,0037F000009XkPa,15\r\n");
    file.close();
    const Result r = run({u"check-id"_qs, u"--csv"_qs, path, u"--column"_qs, u"ContactId"_qs,
                          u"--json"_qs});
    QCOMPARE(r.code, 1);
    const QJsonArray array = QJsonDocument::fromJson(r.out.toUtf8()).array();
    QCOMPARE(array.size(), 3);
    QCOMPARE(array.at(0).toObject().value(u"status"_qs).toString(), u"valid-18"_qs);
    QCOMPARE(array.at(1).toObject().value(u"status"_qs).toString(), u"case-damaged"_qs);
    QCOMPARE(array.at(1).toObject().value(u"line"_qs).toInt(), 3);
    QCOMPARE(array.at(2).toObject().value(u"id18"_qs).toString(), u"0037F000009XkPaQAK"_qs);
    QCOMPARE(array.at(2).toObject().value(u"line"_qs).toInt(), 5);
}

void TestCheckIdCommand::csvUsageErrors_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing column") << QStringList{u"--column"_qs, u"AccountId"_qs}
                                    << u"no column 'AccountId'"_qs;
    QTest::newRow("no --column") << QStringList{} << u"--csv FILE --column NAME"_qs;
}

void TestCheckIdCommand::csvUsageErrors()
{
    QFETCH(QStringList, extra);
    QFETCH(QString, message);
    const QString path = m_dir.filePath(u"ids.csv"_qs);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("ContactId\n0037F000009XkPdQAK\n");
    file.close();
    const Result r = run(QStringList{u"check-id"_qs, u"--csv"_qs, path} + extra);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    const Result missing = run({u"check-id"_qs, u"--csv"_qs, m_dir.filePath(u"none.csv"_qs),
                                u"--column"_qs, u"Id"_qs});
    QCOMPARE(missing.code, 2);
    QVERIFY(missing.err.contains(u"cannot open"_qs));
}

QTEST_GUILESS_MAIN(TestCheckIdCommand)
#include "tst_checkidcommand.moc"
