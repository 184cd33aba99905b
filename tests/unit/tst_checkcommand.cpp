// `msi-bridge-cli check ids|all`: exit codes, JSON keys, and the seed folder option.
#include "cli/CliApplication.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace msi::cli;

class TestCheckCommand : public QObject
{
    Q_OBJECT
private slots:
    void exitCodes_data();
    void exitCodes();
    void jsonFindings_data();
    void jsonFindings();
    void cleanSeedPasses();
    void unreadableWorkspace_data();
    void unreadableWorkspace();

private:
    struct Result
    {
        int code;
        QString out;
        QString err;
    };
    static Result run(const QStringList &arguments)
    {
        QString out;
        QString err;
        QTextStream outStream(&out);
        QTextStream errStream(&err);
        CliApplication cli;
        const int code = cli.run(QStringList{u"msi-bridge-cli"_qs} + arguments,
                                 {outStream, errStream});
        outStream.flush();
        errStream.flush();
        return {code, out, err};
    }
};

void TestCheckCommand::exitCodes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("code");
    // The bundled sample org has the legacy 15-character company id (M-02): an error.
    QTest::newRow("ids on the bundled org") << QStringList{u"check"_qs, u"ids"_qs} << 1;
    QTest::newRow("all on the sample folder")
        << QStringList{u"check"_qs, u"all"_qs, u"--seed"_qs, QStringLiteral(MSI_SAMPLE_ORG_DIR)}
        << 1;
    QTest::newRow("nothing to check") << QStringList{u"check"_qs} << 2;
    QTest::newRow("unknown target") << QStringList{u"check"_qs, u"emails"_qs} << 2;
    QTest::newRow("two targets") << QStringList{u"check"_qs, u"ids"_qs, u"all"_qs} << 2;
    QTest::newRow("missing seed folder")
        << QStringList{u"check"_qs, u"ids"_qs, u"--seed"_qs, u"/nonexistent/seed"_qs} << 2;
    QTest::newRow("unknown option") << QStringList{u"check"_qs, u"ids"_qs, u"--fast"_qs} << 2;
    QTest::newRow("--sample and --seed")
        << QStringList{u"check"_qs, u"ids"_qs, u"--sample"_qs, u"--seed"_qs,
                       QStringLiteral(MSI_SAMPLE_ORG_DIR)}
        << 2;
    QTest::newRow("--sample") << QStringList{u"check"_qs, u"ids"_qs, u"--sample"_qs} << 1;
}

void TestCheckCommand::exitCodes()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, code);
    const Result r = run(arguments);
    QVERIFY2(r.code == code, qPrintable(r.err));
    if (code == 2)
        QVERIFY(!r.err.isEmpty());
}

void TestCheckCommand::jsonFindings_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("records");
    QTest::addColumn<QString>("severity");
    QTest::addColumn<int>("count");
    // Counts and contents from faults.json: 2 ID findings (M-02), 23 findings in all minus the
    // one TEST trap.
    QTest::newRow("ids") << u"ids"_qs << u"MKTO_EXTID_15CHAR"_qs
                         << QStringList{u"0017F000007y8FKQAY"_qs, u"company:7"_qs} << u"error"_qs
                         << 2;
    QTest::newRow("all") << u"all"_qs << u"MKTO_SP_EMAIL_MISMATCH"_qs
                         << QStringList{u"0057F000009Zt4AQAS"_qs, u"salesperson:4"_qs}
                         << u"error"_qs << 22;
}

void TestCheckCommand::jsonFindings()
{
    QFETCH(QString, what);
    QFETCH(QString, code);
    QFETCH(QStringList, records);
    QFETCH(QString, severity);
    QFETCH(int, count);
    const Result r = run({u"check"_qs, what, u"--json"_qs});
    QCOMPARE(r.code, 1);
    QJsonParseError error;
    const QJsonArray array = QJsonDocument::fromJson(r.out.toUtf8(), &error).array();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(array.size(), count);
    bool found = false;
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        for (const char *k : {"severity", "code", "records", "cause", "fix"})
            QVERIFY2(o.contains(QString::fromLatin1(k)), k);
        if (o.value(u"code"_qs).toString() != code)
            continue;
        QStringList got;
        for (const QJsonValue &id : o.value(u"records"_qs).toArray())
            got.append(id.toString());
        if (got == records) {
            QCOMPARE(o.value(u"severity"_qs).toString(), severity);
            QVERIFY(!o.value(u"cause"_qs).toString().isEmpty());
            found = true;
        }
    }
    QVERIFY(found);
}

void TestCheckCommand::cleanSeedPasses()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(u"salesforce"_qs));
    QVERIFY(QDir(dir.path()).mkpath(u"marketo"_qs));
    QFile users(dir.filePath(u"salesforce/User.json"_qs));
    QVERIFY(users.open(QIODevice::WriteOnly));
    users.write(R"([{"attributes":{"type":"User"},"Id":"0057F00000CkP8sQAF","Name":"Sophie Lindqvist",
                    "Email":"sophie.lindqvist@aurora-power.example","Title":"AE"}])");
    users.close();
    QFile sps(dir.filePath(u"marketo/salespersons.json"_qs));
    QVERIFY(sps.open(QIODevice::WriteOnly));
    sps.write(R"([{"id":3,"externalSalesPersonId":"0057F00000CkP8sQAF",
                   "email":"sophie.lindqvist@aurora-power.example"}])");
    sps.close();
    const Result all = run({u"check"_qs, u"all"_qs, u"--seed"_qs, dir.path()});
    QVERIFY2(all.code == 0, qPrintable(all.out + all.err));
    QVERIFY(all.out.contains(u"no findings"_qs));
}

// A workspace file that exists but is not a workspace may be the admin's connected one: say so
// (exit 2) instead of checking the bundled sample org; --sample still checks it.
void TestCheckCommand::unreadableWorkspace_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("check ids") << QStringList{u"check"_qs, u"ids"_qs};
    QTest::newRow("check all") << QStringList{u"check"_qs, u"all"_qs};
    QTest::newRow("diagnose") << QStringList{u"diagnose"_qs, u"0037F000009XkPgQAK"_qs};
}

void TestCheckCommand::unreadableWorkspace()
{
    QFETCH(QStringList, arguments);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"damaged.sqlite"_qs);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4096, 'x'));
    file.close();
    const Result r = run(QStringList{u"--workspace"_qs, path} + arguments);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(u"cannot open workspace "_qs + path), qPrintable(r.err));
    QVERIFY2(r.err.contains(u"--sample"_qs), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
    const Result sample = run(QStringList{u"--workspace"_qs, path} + arguments + QStringList{u"--sample"_qs});
    QCOMPARE(sample.code, 1);
    QVERIFY(!sample.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestCheckCommand)
#include "tst_checkcommand.moc"
