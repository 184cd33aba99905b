// `msi-bridge-cli sync --fallback-sales-person ID` and `--records IDS`: anything but a Salesforce User ID (key prefix
// 005, 15 or 18 characters, a matching checksum when 18) is a usage error (exit 2) naming the value
// and the cause, before any workspace or network is touched. IDs from salesforce-api.md (a real
// User ID) and the sample org.
#include "cli/CliApplication.h"
#include "cli/CliSyncRun.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace msi;

class TestSyncCommand : public QObject
{
    Q_OBJECT
private slots:
    void fallbackSalesPerson_data();
    void fallbackSalesPerson();
    void records_data();
    void records();
    void recordsTo18_data();
    void recordsTo18();
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
    QCOMPARE(code, 2); // accepted values stop later: there is no workspace (and none is made)
    QVERIFY(out.isEmpty());
    QVERIFY(!QFileInfo::exists(dir.filePath(u"never-connected.sqlite"_qs)));
    if (accepted) {
        QVERIFY2(err.contains(u"no workspace at "_qs), qPrintable(err));
        QVERIFY2(!err.contains(u"--fallback-sales-person"_qs), qPrintable(err));
    } else {
        QVERIFY2(err.contains(u"--fallback-sales-person"_qs), qPrintable(err));
        if (!value.isEmpty())
            QVERIFY2(err.contains(u'\'' + value + u'\''), qPrintable(err));
        QVERIFY2(err.contains(cause), qPrintable(err));
    }
}

void TestSyncCommand::records_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("bad");   // the value the message names; empty when accepted
    QTest::addColumn<QString>("cause");
    // Sample org: Contact Tim Barr 0037F000009XkPZQA0, Account Grand Hotels 0017F000007y8FJQAY,
    // Opportunity 0067F000004dRt8QAE; salesforce-api.md User 0051W000005BZSgQAO.
    QTest::newRow("one contact, 18") << u"0037F000009XkPZQA0"_qs << QString() << QString();
    QTest::newRow("three, 15 and 18 mixed")
        << u"0037F000009XkPZ,0017F000007y8FJQAY,0067F000004dRt8"_qs << QString() << QString();
    QTest::newRow("user") << u"0051W000005BZSgQAO"_qs << QString() << QString();
    QTest::newRow("bad checksum") << u"0037F000009XkPZQA0,0017F000007y8FJQAZ"_qs
                                  << u"0017F000007y8FJQAZ"_qs << u"bad checksum"_qs;
    QTest::newRow("case damaged") << u"0037F000009XKPZQA0"_qs << u"0037F000009XKPZQA0"_qs
                                  << u"checksum does not match the case"_qs;
    QTest::newRow("17 characters") << u"0037F000009XkPZQA"_qs << u"0037F000009XkPZQA"_qs
                                   << u"has 17 character"_qs;
    QTest::newRow("space after comma") << u"0037F000009XkPZQA0, 0017F000007y8FJQAY"_qs
                                       << u" 0017F000007y8FJQAY"_qs << u"whitespace"_qs;
    QTest::newRow("empty item") << u"0037F000009XkPZQA0,,0017F000007y8FJQAY"_qs << QString()
                                << u"an empty value was given"_qs;
    QTest::newRow("queue") << u"00G7F000003AbCd"_qs << u"00G7F000003AbCd"_qs
                           << u"key prefix 00G is a Queue"_qs;
    QTest::newRow("unknown object") << u"a0B7F000003AbCd"_qs << u"a0B7F000003AbCd"_qs
                                    << u"key prefix a0B is not one of those objects"_qs;
}

void TestSyncCommand::records()
{
    QFETCH(QString, value);
    QFETCH(QString, bad);
    QFETCH(QString, cause);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString out;
    QString err;
    QTextStream outStream(&out);
    QTextStream errStream(&err);
    cli::CliApplication application;
    const QString workspace = dir.filePath(u"never-connected.sqlite"_qs);
    const int code = application.run({u"msi-bridge-cli"_qs, u"--workspace"_qs, workspace,
                                      u"sync"_qs, u"--dry-run"_qs, u"--records"_qs, value},
                                     {outStream, errStream});
    outStream.flush();
    errStream.flush();
    QCOMPARE(code, 2); // accepted values stop later: there is no workspace (and none is made)
    QVERIFY(out.isEmpty());
    QVERIFY(!QFileInfo::exists(workspace));
    if (cause.isEmpty()) {
        QVERIFY2(err.contains(u"no workspace at "_qs), qPrintable(err));
        QVERIFY2(!err.contains(u"--records"_qs), qPrintable(err));
    } else {
        QVERIFY2(err.contains(u"--records"_qs), qPrintable(err));
        if (!bad.isEmpty())
            QVERIFY2(err.contains(u'\'' + bad + u'\''), qPrintable(err));
        QVERIFY2(err.contains(cause), qPrintable(err));
    }
}

void TestSyncCommand::recordsTo18_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QStringList>("ids18");
    QTest::newRow("15 to 18") << u"0037F000009XkPZ"_qs << QStringList{u"0037F000009XkPZQA0"_qs};
    QTest::newRow("duplicates as one")
        << u"0067F000004dRt8,0067F000004dRt8QAE"_qs << QStringList{u"0067F000004dRt8QAE"_qs};
    QTest::newRow("mixed") << u"0017F000007y8FJ,0037F000009XkPaQAK"_qs
                           << QStringList{u"0017F000007y8FJQAY"_qs, u"0037F000009XkPaQAK"_qs};
}

void TestSyncCommand::recordsTo18()
{
    QFETCH(QString, value);
    QFETCH(QStringList, ids18);
    QSet<QString> parsed;
    QCOMPARE(cli::CliSyncRun::parseRecordIds(value, &parsed), QString());
    QCOMPARE(parsed, QSet<QString>(ids18.cbegin(), ids18.cend()));
}

QTEST_GUILESS_MAIN(TestSyncCommand)
#include "tst_synccommand.moc"
