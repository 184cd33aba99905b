// Every way a verb given --json ends on an error prints one JSON document on stdout,
// {"error": {"code": ..., "message": ...}, "exitCode": N}, with the message on stderr too; and no
// verb but `connect` creates a workspace (no network here: every row stops before any call).
#include "cli/CliApplication.h"
#include "cli/CliSession.h"
#include "store/Workspace.h"
#include "sync/SyncEngine.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QUuid>
#include <QTest>

using namespace msi;

class TestCliErrors : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void jsonErrorDocument_data();
    void jsonErrorDocument();
    void missingWorkspaceIsNotCreated_data();
    void missingWorkspaceIsNotCreated();
    void defaultWorkspaceIsNotCreated();

private:
    struct Result
    {
        int code = -1;
        QString out;
        QString err;
    };
    static Result cli(const QStringList &arguments);
    QStringList expand(QStringList arguments) const;

    QTemporaryDir m_dir;
    QString m_unconnected; // a workspace file without connection profiles
    QString m_connected;   // profiles saved (as the setup wizard would), secrets nowhere
};

TestCliErrors::Result TestCliErrors::cli(const QStringList &arguments)
{
    Result result;
    QTextStream out(&result.out);
    QTextStream err(&result.err);
    cli::CliApplication application;
    result.code = application.run(QStringList{u"msi-bridge-cli"_qs} + arguments, {out, err});
    out.flush();
    err.flush();
    return result;
}

void TestCliErrors::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    m_unconnected = m_dir.filePath(u"unconnected.sqlite"_qs);
    {
        store::Workspace workspace(m_unconnected);
        QVERIFY2(workspace.open(&error), qPrintable(error));
    }
    // Secrets are keyed by workspace name in the one keychain all tests share: a name no other
    // test uses, so no secret that another test's `connect` saved is found here.
    m_connected = m_dir.filePath(u"clierrors-connected-%1.sqlite"_qs
                                     .arg(QUuid::createUuid().toString(QUuid::Id128)));
    store::Workspace workspace(m_connected);
    QVERIFY2(workspace.open(&error), qPrintable(error));
    sync::EngineConnection connection;
    connection.salesforce.loginUrl = QUrl(u"http://127.0.0.1:9/"_qs);
    connection.salesforce.clientId = u"client"_qs;
    connection.marketo.baseUrl = QUrl(u"http://127.0.0.1:9/"_qs);
    connection.marketo.clientId = u"client"_qs;
    QVERIFY2(cli::CliSession::saveConnection(workspace, connection, &error), qPrintable(error));
}

// MISSING: a path with no file; UNCONNECTED / CONNECTED: the workspaces made above.
QStringList TestCliErrors::expand(QStringList arguments) const
{
    for (QString &argument : arguments) {
        if (argument == u"MISSING")
            argument = m_dir.filePath(u"missing.sqlite"_qs);
        else if (argument == u"UNCONNECTED")
            argument = m_unconnected;
        else if (argument == u"CONNECTED")
            argument = m_connected;
    }
    return arguments;
}

void TestCliErrors::jsonErrorDocument_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("code");    // error.code
    QTest::addColumn<QString>("message"); // part of error.message (and of stderr)
    const QString usage = u"usage"_qs;
    const QString configuration = u"configuration"_qs;
    const QStringList ws{u"--workspace"_qs, u"UNCONNECTED"_qs};
    QTest::newRow("sync --stages 7") << ws + QStringList{u"sync"_qs, u"--stages"_qs, u"7"_qs, u"--json"_qs}
                                     << usage << u"7"_qs;
    QTest::newRow("sync --bogus") << ws + QStringList{u"sync"_qs, u"--bogus"_qs, u"--json"_qs}
                                  << usage << u"bogus"_qs;
    QTest::newRow("sync --batch-size 0")
        << ws + QStringList{u"sync"_qs, u"--batch-size"_qs, u"0"_qs, u"--json"_qs} << usage
        << u"--batch-size takes 1 to 300"_qs;
    QTest::newRow("sync --records bad")
        << ws + QStringList{u"sync"_qs, u"--records"_qs, u"00G7F000003AbCd"_qs, u"--json"_qs} << usage
        << u"--records"_qs;
    QTest::newRow("sync, never connected") << ws + QStringList{u"sync"_qs, u"--json"_qs}
                                           << configuration << u"is not connected"_qs;
    QTest::newRow("sync, no workspace")
        << QStringList{u"--workspace"_qs, u"MISSING"_qs, u"sync"_qs, u"--json"_qs} << configuration
        << u"no workspace at "_qs;
    QTest::newRow("sync, Marketo secret unset")
        << QStringList{u"--workspace"_qs, u"CONNECTED"_qs, u"sync"_qs, u"--json"_qs} << configuration
        << u"MSI_BRIDGE_MARKETO_CLIENT_SECRET"_qs;
    QTest::newRow("runs --bogus") << ws + QStringList{u"runs"_qs, u"--bogus"_qs, u"--json"_qs}
                                  << usage << u"bogus"_qs;
    QTest::newRow("runs, no workspace")
        << QStringList{u"--workspace"_qs, u"MISSING"_qs, u"runs"_qs, u"--json"_qs} << configuration
        << u"no workspace at "_qs;
    QTest::newRow("failures without run") << ws + QStringList{u"failures"_qs, u"--json"_qs} << usage
                                          << u"give one run id"_qs;
    QTest::newRow("failures of unknown run") << ws + QStringList{u"failures"_qs, u"7"_qs, u"--json"_qs}
                                             << usage << u"there is no run 7"_qs;
    QTest::newRow("failures, no workspace")
        << QStringList{u"--workspace"_qs, u"MISSING"_qs, u"failures"_qs, u"1"_qs, u"--json"_qs}
        << configuration << u"no workspace at "_qs;
    QTest::newRow("check, nothing to check") << ws + QStringList{u"check"_qs, u"--json"_qs} << usage
                                             << u"say what to check"_qs;
    QTest::newRow("check emails, no workspace")
        << QStringList{u"--workspace"_qs, u"MISSING"_qs, u"check"_qs, u"emails"_qs, u"--json"_qs}
        << configuration << u"no workspace at "_qs;
    QTest::newRow("check ids --snapshot, no workspace")
        << QStringList{u"--workspace"_qs, u"MISSING"_qs, u"check"_qs, u"ids"_qs, u"--snapshot"_qs,
                       u"--json"_qs}
        << configuration << u"does not exist"_qs;
    QTest::newRow("check-id without ids") << QStringList{u"check-id"_qs, u"--json"_qs} << usage
                                          << u"give either IDs"_qs;
    QTest::newRow("check-id, missing CSV")
        << QStringList{u"check-id"_qs, u"--csv"_qs, u"/nonexistent/ids.csv"_qs, u"--column"_qs,
                       u"Id"_qs, u"--json"_qs}
        << usage << u"cannot open"_qs;
    QTest::newRow("check-id with --workspace")
        << QStringList{u"--workspace"_qs, u"UNCONNECTED"_qs, u"check-id"_qs, u"0037F000009XkPZ"_qs,
                       u"--json"_qs}
        << usage << u"does not use a workspace"_qs;
    QTest::newRow("diagnose without record") << ws + QStringList{u"diagnose"_qs, u"--json"_qs}
                                             << usage << u"give one ID"_qs;
    QTest::newRow("diagnose, unknown record")
        << ws + QStringList{u"diagnose"_qs, u"nobody@example.invalid"_qs, u"--sample"_qs, u"--json"_qs} << usage
        << u"diagnose: "_qs;
    QTest::newRow("diagnose --fix, never connected")
        << ws + QStringList{u"diagnose"_qs, u"0037F000009XkPbQAK"_qs, u"--fix"_qs, u"--json"_qs}
        << configuration << u"--fix needs a connected workspace"_qs;
    QTest::newRow("connect without URLs") << ws + QStringList{u"connect"_qs, u"--json"_qs} << usage
                                          << u"--salesforce-url"_qs;
    QTest::newRow("connect, Marketo secret unset")
        << QStringList{u"--workspace"_qs, u"MISSING"_qs, u"connect"_qs, u"--salesforce-url"_qs,
                       u"http://127.0.0.1:9/"_qs, u"--marketo-url"_qs, u"http://127.0.0.1:9/"_qs,
                       u"--json"_qs}
        << configuration << u"MSI_BRIDGE_MARKETO_CLIENT_SECRET"_qs;
    QTest::newRow("unknown verb") << QStringList{u"sink"_qs, u"--json"_qs} << usage
                                  << u"unknown command 'sink'"_qs;
}

void TestCliErrors::jsonErrorDocument()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, code);
    QFETCH(QString, message);
    // Every secret but Marketo's: the rows that get as far as the secrets miss that one (in the
    // environment and in the keychain, which holds nothing for these workspaces).
    qputenv("MSI_BRIDGE_SF_CLIENT_ID", "client");
    qputenv("MSI_BRIDGE_SF_CLIENT_SECRET", "secret");
    qputenv("MSI_BRIDGE_MARKETO_CLIENT_ID", "client");
    qunsetenv("MSI_BRIDGE_MARKETO_CLIENT_SECRET");
    const Result r = cli(expand(arguments));
    QCOMPARE(r.code, 2);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(r.out.toUtf8(), &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError && document.isObject(),
             qPrintable(u"stdout is not one JSON object: "_qs + r.out));
    const QJsonObject json = document.object();
    QCOMPARE(json.value(u"exitCode").toInt(), 2);
    const QJsonObject error = json.value(u"error").toObject();
    QCOMPARE(error.value(u"code").toString(), code);
    const QString text = error.value(u"message").toString();
    QVERIFY2(text.contains(message), qPrintable(text));
    QVERIFY2(r.err.contains(text), qPrintable(r.err)); // still on stderr
    QVERIFY(!QFileInfo::exists(m_dir.filePath(u"missing.sqlite"_qs)));
}

void TestCliErrors::missingWorkspaceIsNotCreated_data()
{
    QTest::addColumn<QStringList>("verb");
    QTest::newRow("runs --json") << QStringList{u"runs"_qs, u"--json"_qs};
    QTest::newRow("runs") << QStringList{u"runs"_qs};
    QTest::newRow("sync") << QStringList{u"sync"_qs};
    QTest::newRow("sync --dry-run --json") << QStringList{u"sync"_qs, u"--dry-run"_qs, u"--json"_qs};
    QTest::newRow("failures 1") << QStringList{u"failures"_qs, u"1"_qs};
    QTest::newRow("failures 1 --csv") << QStringList{u"failures"_qs, u"1"_qs, u"--csv"_qs,
                                                     u"/dev/null"_qs};
    QTest::newRow("check emails") << QStringList{u"check"_qs, u"emails"_qs};
}

void TestCliErrors::missingWorkspaceIsNotCreated()
{
    QFETCH(QStringList, verb);
    const QString path = m_dir.filePath(u"typo/none.sqlite"_qs);
    const Result r = cli(QStringList{u"--workspace"_qs, path} + verb);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(u"no workspace at "_qs + path
                            + u"; run `msi-bridge-cli connect` first"_qs),
             qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(!QFileInfo::exists(m_dir.filePath(u"typo"_qs)));
}

// No --workspace: the user's default workspace, named in the message, is not made either.
void TestCliErrors::defaultWorkspaceIsNotCreated()
{
    qputenv("XDG_DATA_HOME", m_dir.filePath(u"data"_qs).toUtf8());
    const QString path = store::Workspace::defaultPath(u"default"_qs);
    QVERIFY(path.startsWith(m_dir.path()));
    for (const QStringList &verb : {QStringList{u"runs"_qs, u"--json"_qs}, QStringList{u"sync"_qs},
                                    QStringList{u"failures"_qs, u"1"_qs}}) {
        const Result r = cli(verb);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"no workspace at "_qs + path), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(path));
    }
    qunsetenv("XDG_DATA_HOME");
}

QTEST_GUILESS_MAIN(TestCliErrors)
#include "tst_clierrors.moc"
