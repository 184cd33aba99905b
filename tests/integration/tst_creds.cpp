// SecretStore against the real keychain: gnome-keyring's Secret Service in a D-Bus session
// (scripts/test.sh provides one). A child run of this executable without any D-Bus session
// checks the "no keychain" error.
#include "creds/EnvironmentSecrets.h"
#include "creds/SecretStore.h"
#include "store/ProfileRepository.h"
#include "store/RunRepository.h"
#include "store/SnapshotRepository.h"
#include "store/Workspace.h"

#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <cstdio>

using namespace msi::creds;

namespace {

constexpr int kTimeout = 20000;

// Waits for the one answer of a SecretStore call.
struct Answer
{
    bool success = false;
    SecretStore::Error error = SecretStore::Error::Other;
    QString message;
    QString secret;
};

Answer await(SecretStore &store, const std::function<void()> &call)
{
    Answer answer;
    bool done = false;
    QObject context;
    QObject::connect(&store, &SecretStore::written, &context, [&](const SecretKey &) { answer.success = done = true; });
    QObject::connect(&store, &SecretStore::removed, &context, [&](const SecretKey &) { answer.success = done = true; });
    QObject::connect(&store, &SecretStore::allRemoved, &context, [&](const QString &) { answer.success = done = true; });
    QObject::connect(&store, &SecretStore::profileRemoved, &context,
                     [&](const QString &, const QString &) { answer.success = done = true; });
    QObject::connect(&store, &SecretStore::secretRead, &context, [&](const SecretKey &, const QString &secret) {
        answer.success = done = true;
        answer.secret = secret;
    });
    QObject::connect(&store, &SecretStore::failed, &context,
                     [&](const SecretKey &, SecretStore::Error error, const QString &message) {
                         done = true;
                         answer.error = error;
                         answer.message = message;
                     });
    call();
    if (!QTest::qWaitFor([&] { return done; }, kTimeout))
        answer.message = QStringLiteral("no answer from the keychain within %1 ms").arg(kTimeout);
    return answer;
}

// Runs in a child process with no D-Bus session: one write, then prints what came back.
int noDbusChild()
{
    SecretStore store;
    int exitCode = 10;
    QObject::connect(&store, &SecretStore::written, &store, [&] {
        std::printf("unexpected success\n");
        exitCode = 11;
        QCoreApplication::quit();
    });
    QObject::connect(&store, &SecretStore::failed, &store,
                     [&](const SecretKey &, SecretStore::Error error, const QString &message) {
                         std::printf("error=%d\n%s\n", int(error), qPrintable(message));
                         exitCode = 0;
                         QCoreApplication::quit();
                     });
    store.write({u"Aurora"_qs, u"Aurora production"_qs, SecretKind::ClientSecret}, u"child-secret"_qs);
    QTimer::singleShot(30000, qApp, [] { QCoreApplication::exit(12); });
    const int loop = QCoreApplication::exec();
    std::fflush(stdout);
    return loop ? loop : exitCode;
}

} // namespace

class TestCreds : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void writeReadOverwriteRemove();
    void keysDoNotCollide();
    void removeAllForWorkspace(); // and removeProfile
    void noSecretInAnyFile();
    void sessionOnly();
    void noDbusSession();
    void environmentSecrets_data();
    void environmentSecrets();

private:
    QString m_workspace;
};

void TestCreds::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"MSI Bridge Tests"_qs);
    QCoreApplication::setApplicationName(u"tst_creds"_qs);
    // A workspace name of its own per run, so entries of earlier runs cannot interfere.
    m_workspace = u"Aurora "_qs + QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
    SecretStore store;
    QSignalSpy checked(&store, &SecretStore::availabilityChecked);
    store.checkAvailability();
    QVERIFY(checked.wait(kTimeout));
    QVERIFY2(checked.at(0).at(0).toBool(),
             qPrintable(u"This test needs a keychain (run it as scripts/test.sh does): "_qs
                        + checked.at(0).at(1).toString()));
}

void TestCreds::writeReadOverwriteRemove()
{
    SecretStore store;
    const SecretKey key{m_workspace, u"Aurora production"_qs, SecretKind::ClientSecret};
    Answer a = await(store, [&] { store.write(key, u"s3cr3t-Ünïcødé"_qs); });
    QVERIFY2(a.success, qPrintable(a.message));
    a = await(store, [&] { store.read(key); });
    QVERIFY2(a.success, qPrintable(a.message));
    QCOMPARE(a.secret, u"s3cr3t-Ünïcødé"_qs);

    a = await(store, [&] { store.write(key, u"rotated"_qs); });
    QVERIFY(a.success);
    a = await(store, [&] { store.read(key); });
    QCOMPARE(a.secret, u"rotated"_qs);
    QCOMPARE(SecretStore::knownKeys(m_workspace), QList<SecretKey>{key});

    a = await(store, [&] { store.remove(key); });
    QVERIFY(a.success);
    a = await(store, [&] { store.read(key); });
    QVERIFY(!a.success);
    QCOMPARE(a.error, SecretStore::Error::NotFound);
    QVERIFY2(a.message.contains(u"Aurora production"_qs), qPrintable(a.message));
    QVERIFY(SecretStore::knownKeys(m_workspace).isEmpty());
    // Removing what is not there is not an error.
    a = await(store, [&] { store.remove(key); });
    QVERIFY(a.success);
}

void TestCreds::keysDoNotCollide()
{
    SecretStore store;
    // "a/b" + "c" and "a" + "b/c" must be different entries.
    const SecretKey one{u"a/b"_qs, u"c"_qs, SecretKind::RefreshToken};
    const SecretKey two{u"a"_qs, u"b/c"_qs, SecretKind::RefreshToken};
    QVERIFY(one.entryName() != two.entryName());
    QVERIFY(await(store, [&] { store.write(one, u"one"_qs); }).success);
    QVERIFY(await(store, [&] { store.write(two, u"two"_qs); }).success);
    QCOMPARE(await(store, [&] { store.read(one); }).secret, u"one"_qs);
    QCOMPARE(await(store, [&] { store.read(two); }).secret, u"two"_qs);
    QVERIFY(await(store, [&] { store.removeAll(u"a/b"_qs); }).success);
    QVERIFY(await(store, [&] { store.removeAll(u"a"_qs); }).success);
}

void TestCreds::removeAllForWorkspace()
{
    SecretStore store;
    const QString other = m_workspace + u" other"_qs;
    const QList<SecretKey> keys{{m_workspace, u"Aurora production"_qs, SecretKind::ClientSecret},
                                {m_workspace, u"Aurora production"_qs, SecretKind::RefreshToken},
                                {m_workspace, u"Aurora Marketo"_qs, SecretKind::ClientSecret}};
    const SecretKey kept{other, u"Aurora production"_qs, SecretKind::ClientSecret};
    for (const SecretKey &key : keys)
        QVERIFY(await(store, [&] { store.write(key, u"value of "_qs + key.entryName()); }).success);
    QVERIFY(await(store, [&] { store.write(kept, u"kept"_qs); }).success);
    QCOMPARE(SecretStore::knownKeys(m_workspace).size(), 3);

    // Removing one profile leaves the others.
    QVERIFY(await(store, [&] { store.removeProfile(m_workspace, u"Aurora Marketo"_qs); }).success);
    QCOMPARE(await(store, [&] { store.read(keys.at(2)); }).error, SecretStore::Error::NotFound);
    QCOMPARE(await(store, [&] { store.read(keys.at(0)); }).secret, u"value of "_qs + keys.at(0).entryName());
    QCOMPARE(SecretStore::knownKeys(m_workspace).size(), 2);

    QVERIFY(await(store, [&] { store.removeAll(m_workspace); }).success);
    for (const SecretKey &key : keys) {
        const Answer a = await(store, [&] { store.read(key); });
        QVERIFY2(!a.success, qPrintable(key.entryName()));
        QCOMPARE(a.error, SecretStore::Error::NotFound);
    }
    QVERIFY(SecretStore::knownKeys(m_workspace).isEmpty());
    // Another workspace's secrets stay.
    QCOMPARE(await(store, [&] { store.read(kept); }).secret, u"kept"_qs);
    QVERIFY(await(store, [&] { store.removeAll(other); }).success);
}

void TestCreds::noSecretInAnyFile()
{
    using namespace msi::store;
    const QString secret = u"Zx9-secret-"_qs + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString clientId = u"3MVG9-client-"_qs + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString workspaceName = m_workspace;
    {
        SecretStore store;
        const SecretKey key{workspaceName, u"Aurora production"_qs, SecretKind::ClientSecret};
        QVERIFY(await(store, [&] { store.write(key, secret); }).success);
        QVERIFY(await(store, [&] { store.write({workspaceName, u"Aurora production"_qs, SecretKind::RefreshToken},
                                               secret + u"-refresh"_qs); }).success);
        QCOMPARE(await(store, [&] { store.read(key); }).secret, secret);

        // Use the workspace as the product does: profile, a run with calls and outcomes, records.
        Workspace ws(Workspace::defaultPath(workspaceName));
        QString error;
        QVERIFY2(ws.open(&error), qPrintable(error));
        ProfileRepository profiles(ws);
        QVERIFY(profiles.save({u"Aurora production"_qs, System::Salesforce, Environment::Production,
                               QUrl(u"https://login.salesforce.com"_qs), QUrl(), QUrl(), clientId, QString()}));
        RunRepository runs(ws);
        const qint64 run = runs.beginRun(RunMode::DryRun);
        QVERIFY(runs.recordCall(run, {QString(), System::Salesforce, u"/services/oauth2/token"_qs, 200, {}, 1, 120, {}}));
        QVERIFY(runs.recordOutcomes(run, {{u"companies"_qs, u"0017F000007y8FFQAY"_qs, Outcome::Created, {}, 8, 1, {}}}));
        QVERIFY(runs.finishRun(run, RunStatus::Succeeded));
        SnapshotRepository snapshots(ws);
        QVERIFY(snapshots.upsertRecords(System::Salesforce, u"Account"_qs,
                                        {QJsonObject{{u"Id"_qs, u"0017F000007y8FFQAY"_qs},
                                                     {u"Name"_qs, u"Edge Communications"_qs}}}).ok());
        QSettings().sync();
    }

    QStringList files{QSettings().fileName()};
    QDirIterator it(Workspace::workspacesFolder(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    QVERIFY2(files.size() >= 2, qPrintable(files.join(u", "_qs)));

    const QList<QByteArray> forms{secret.toUtf8(),
                                  QByteArray(reinterpret_cast<const char *>(secret.utf16()), secret.size() * 2),
                                  secret.toUtf8().toBase64(), secret.toUtf8().toHex()};
    bool clientIdSeen = false;
    for (const QString &path : std::as_const(files)) {
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray bytes = file.readAll();
        for (const QByteArray &form : forms)
            QVERIFY2(!bytes.contains(form), qPrintable(u"secret found in "_qs + path));
        clientIdSeen = clientIdSeen || bytes.contains(clientId.toUtf8());
    }
    // The scan does read what the product wrote: the (non-secret) client id is found.
    QVERIFY2(clientIdSeen, "the scan did not see the workspace's contents");

    SecretStore store;
    QVERIFY(await(store, [&] { store.removeAll(workspaceName); }).success);
}

void TestCreds::sessionOnly()
{
    SecretStore store;
    store.setSessionOnly(true);
    const SecretKey key{m_workspace + u" session"_qs, u"Aurora Marketo"_qs, SecretKind::ClientSecret};
    QVERIFY(await(store, [&] { store.write(key, u"memory only"_qs); }).success);
    QCOMPARE(await(store, [&] { store.read(key); }).secret, u"memory only"_qs);
    // Nothing reached the keychain or the index.
    QVERIFY(SecretStore::knownKeys(key.workspace).isEmpty());
    SecretStore keychain;
    QCOMPARE(await(keychain, [&] { keychain.read(key); }).error, SecretStore::Error::NotFound);
    QVERIFY(await(store, [&] { store.removeAll(key.workspace); }).success);
    QCOMPARE(await(store, [&] { store.read(key); }).error, SecretStore::Error::NotFound);
}

void TestCreds::noDbusSession()
{
    QTemporaryDir runtime;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"DBUS_SESSION_BUS_ADDRESS"_qs);
    env.remove(u"DISPLAY"_qs);
    env.remove(u"WAYLAND_DISPLAY"_qs);
    env.insert(u"XDG_RUNTIME_DIR"_qs, runtime.path()); // no bus socket there either
    QProcess child;
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {u"--no-dbus-child"_qs});
    QVERIFY(child.waitForFinished(60000));
    const QString out = QString::fromUtf8(child.readAllStandardOutput());
    const QString err = QString::fromUtf8(child.readAllStandardError());
    QCOMPARE(child.exitStatus(), QProcess::NormalExit); // no crash
    QVERIFY2(child.exitCode() == 0, qPrintable(out + err));
    QVERIFY2(out.startsWith(u"error=%1"_qs.arg(int(SecretStore::Error::Unavailable))), qPrintable(out));
    QVERIFY2(out.contains(u"No keychain is available"_qs), qPrintable(out));
    QVERIFY2(out.contains(u"Aurora production"_qs), qPrintable(out));
    QVERIFY2(out.contains(u"MSI_BRIDGE_SF_CLIENT_SECRET"_qs), qPrintable(out));
    QVERIFY2(!out.contains(u"child-secret"_qs) && !err.contains(u"child-secret"_qs), "the secret was printed");
}

void TestCreds::environmentSecrets_data()
{
    QTest::addColumn<QStringList>("variables"); // NAME=value
    QTest::addColumn<bool>("salesforce");
    QTest::addColumn<bool>("marketo");
    QTest::addColumn<QString>("sfProblem");
    QTest::newRow("none") << QStringList{} << false << false << QString();
    QTest::newRow("both systems")
        << QStringList{u"MSI_BRIDGE_SF_CLIENT_ID=3MVG9"_qs, u"MSI_BRIDGE_SF_CLIENT_SECRET=abc"_qs,
                       u"MSI_BRIDGE_MARKETO_CLIENT_ID=d1b6"_qs, u"MSI_BRIDGE_MARKETO_CLIENT_SECRET=xyz"_qs}
        << true << true << QString();
    QTest::newRow("Salesforce id without secret")
        << QStringList{u"MSI_BRIDGE_SF_CLIENT_ID=3MVG9"_qs} << false << false
        << u"MSI_BRIDGE_SF_CLIENT_ID is set but MSI_BRIDGE_SF_CLIENT_SECRET is not; set both to sign in from the environment."_qs;
    QTest::newRow("empty secret counts as unset")
        << QStringList{u"MSI_BRIDGE_SF_CLIENT_ID=3MVG9"_qs, u"MSI_BRIDGE_SF_CLIENT_SECRET="_qs,
                       u"MSI_BRIDGE_MARKETO_CLIENT_ID=d1b6"_qs, u"MSI_BRIDGE_MARKETO_CLIENT_SECRET=xyz"_qs}
        << false << true
        << u"MSI_BRIDGE_SF_CLIENT_ID is set but MSI_BRIDGE_SF_CLIENT_SECRET is not; set both to sign in from the environment."_qs;
}

void TestCreds::environmentSecrets()
{
    QFETCH(QStringList, variables);
    QFETCH(bool, salesforce);
    QFETCH(bool, marketo);
    QFETCH(QString, sfProblem);
    QProcessEnvironment env;
    for (const QString &v : variables)
        env.insert(v.section(QLatin1Char('='), 0, 0), v.section(QLatin1Char('='), 1));
    const EnvironmentSecrets secrets(env);
    using S = EnvironmentSecrets::Service;
    QCOMPARE(secrets.hasClient(S::Salesforce), salesforce);
    QCOMPARE(secrets.hasClient(S::Marketo), marketo);
    QCOMPARE(secrets.problem(S::Salesforce), sfProblem);
    if (salesforce) {
        QCOMPARE(secrets.clientId(S::Salesforce), u"3MVG9"_qs);
        QCOMPARE(secrets.clientSecret(S::Salesforce), u"abc"_qs);
    }
    if (marketo)
        QCOMPARE(secrets.clientSecret(S::Marketo), u"xyz"_qs);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc >= 2 && qstrcmp(argv[1], "--no-dbus-child") == 0)
        return noDbusChild();
    TestCreds test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_creds.moc"
