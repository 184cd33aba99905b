// `msi-bridge-cli sync --fallback-sales-person ID`: anything but a Salesforce User ID (key prefix
// 005, 15 or 18 characters, a matching checksum when 18) is a usage error (exit 2) naming the value
// and the cause, before any workspace or network is touched. IDs from salesforce-api.md (a real
// User ID) and the sample org.
#include "cli/CliApplication.h"

#include <QTemporaryDir>
#include <QTest>

using namespace msi;

class TestSyncCommand : public QObject
{
    Q_OBJECT
private slots:
    void fallbackSalesPerson_data();
    void fallbackSalesPerson();
};

void TestSyncCommand::fallbackSalesPerson_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("cause");
    // salesforce-api.md: "0051W000005BZSgQAO (User)", checksum-valid.
    QTest::newRow("User, 18") << u"0051W000005BZSgQAO"_qs << true << QString();
    QTest::newRow("User, 15") << u"0051W000005BZSg"_qs << true << QString();
    QTest::newRow("sample org User") << u"0057F00000Bq3LmQAJ"_qs << true << QString();
    QTest::newRow("empty") << QString() << false << u"needs the ID of a Salesforce User"_qs;
    QTest::newRow("17 characters") << u"0051W000005BZSgQA"_qs << false << u"has 17 character"_qs;
    QTest::newRow("19 characters") << u"0051W000005BZSgQAOX"_qs << false << u"has 19 character"_qs;
    QTest::newRow("suffix typo") << u"0051W000005BZSgQAP"_qs << false
                                 << u"bad checksum: the suffix of 0051W000005BZSgQAP should be QAO"_qs;
    QTest::newRow("upper-cased by a tool") << u"0051W000005BZSGQAO"_qs << false
                                           << u"checksum does not match the case"_qs;
    QTest::newRow("hyphen") << u"0051W-00005BZSg"_qs << false << u"contains '-'"_qs;
    QTest::newRow("padded") << u" 0051W000005BZSgQAO"_qs << false << u"whitespace"_qs;
    QTest::newRow("Contact") << u"0037F000009XkPbQAK"_qs << false << u"it is a Contact ID (key prefix 003)"_qs;
    QTest::newRow("Account") << u"0017F000007y8FFQAY"_qs << false << u"it is an Account ID (key prefix 001)"_qs;
    QTest::newRow("queue") << u"00G7F000003AbCd"_qs << false << u"a queue (00G), and a queue cannot be a sales person"_qs;
    QTest::newRow("unknown prefix") << u"a0B7F000003AbCd"_qs << false << u"key prefix a0B"_qs;
}

void TestSyncCommand::fallbackSalesPerson()
{
    QFETCH(QString, value);
    QFETCH(bool, accepted);
    QFETCH(QString, cause);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString out;
    QString err;
    QTextStream outStream(&out);
    QTextStream errStream(&err);
    cli::CliApplication application;
    const int code = application.run(
        {u"msi-bridge-cli"_qs, u"--workspace"_qs, dir.filePath(u"never-connected.sqlite"_qs),
         u"sync"_qs, u"--dry-run"_qs, u"--fallback-sales-person"_qs, value},
        {outStream, errStream});
    outStream.flush();
    errStream.flush();
    QCOMPARE(code, 2); // accepted values stop later: the workspace was never connected
    QVERIFY(out.isEmpty());
    if (accepted) {
        QVERIFY2(err.contains(u"is not connected"_qs), qPrintable(err));
        QVERIFY2(!err.contains(u"--fallback-sales-person"_qs), qPrintable(err));
    } else {
        QVERIFY2(err.contains(u"--fallback-sales-person"_qs), qPrintable(err));
        if (!value.isEmpty())
            QVERIFY2(err.contains(u'\'' + value + u'\''), qPrintable(err));
        QVERIFY2(err.contains(cause), qPrintable(err));
    }
}

QTEST_GUILESS_MAIN(TestSyncCommand)
#include "tst_synccommand.moc"
