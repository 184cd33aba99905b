#include "store/RunRepository.h"
#include "store/Schema.h"
#include "store/SnapshotRepository.h"
#include "store/Workspace.h"

#include <QFile>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimeZone>

using namespace msi::store;

namespace {

QString fixture(const QString &name)
{
    return QStringLiteral(MSI_TEST_DATA_DIR "/store/") + name;
}

// Runs the statements of SQL files on a raw connection, as an older MSI Bridge would have.
void runSqlFiles(const QString &path, const QStringList &files)
{
    const QString name = QStringLiteral("fixture-writer");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        for (const QString &file : files) {
            QFile f(fixture(file));
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file));
            QString text;
            for (const QString &line : QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'))) {
                if (!line.trimmed().startsWith(QLatin1String("--")))
                    text += line + QLatin1Char('\n');
            }
            for (const QString &statement : text.split(QStringLiteral(";\n"))) {
                if (statement.trimmed().isEmpty())
                    continue;
                QSqlQuery query(db);
                QVERIFY2(query.exec(statement), qPrintable(query.lastError().text() + statement));
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

// table -> sorted "column type notnull pk" lines, plus the index names: the shape of a schema.
QMap<QString, QStringList> schemaShape(const QSqlDatabase &db)
{
    QMap<QString, QStringList> shape;
    QSqlQuery tables(db);
    tables.exec(QStringLiteral("SELECT name, type FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"));
    while (tables.next()) {
        const QString name = tables.value(0).toString();
        if (tables.value(1).toString() == QLatin1String("index")) {
            shape[QStringLiteral("indexes")] << name;
            continue;
        }
        QSqlQuery columns(db);
        columns.exec(QStringLiteral("PRAGMA table_info(%1)").arg(name));
        QStringList lines;
        while (columns.next()) {
            lines << QStringLiteral("%1 %2 notnull=%3 pk=%4")
                         .arg(columns.value(1).toString(), columns.value(2).toString(),
                              columns.value(3).toString(), columns.value(5).toString());
        }
        lines.sort();
        shape[name] = lines;
    }
    return shape;
}

QString scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return QStringLiteral("<error: %1>").arg(query.lastError().text());
    return query.value(0).toString();
}

} // namespace

class TestWorkspace : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void freshWorkspace();
    void defaultPath();
    void validName_data();
    void validName();
    void migrateFromVersion1();
    void failedMigrationRollsBack();
    void newerSchemaRefused();
    void unwritableLocation();
    void connectionPerThread();
    void removeFiles();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestWorkspace::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestWorkspace::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestWorkspace::freshWorkspace()
{
    Workspace ws(m_dir->filePath(QStringLiteral("sub/folder/fresh.sqlite")));
    QString error;
    QVERIFY2(ws.open(&error), qPrintable(error));
    QCOMPARE(ws.schemaVersion(), Schema::CurrentVersion);
    QCOMPARE(ws.schemaVersion(), 4);
    QCOMPARE(ws.integrityCheck(), QStringLiteral("ok"));
    const QSqlDatabase db = ws.connection();
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA journal_mode")), QStringLiteral("wal"));
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA synchronous")), QStringLiteral("2")); // FULL
    QCOMPARE(scalar(db, QStringLiteral("PRAGMA foreign_keys")), QStringLiteral("1"));

    const QStringList expectedTables{
        QStringLiteral("api_calls"),        QStringLiteral("id_map"),
        QStringLiteral("mapping_versions"), QStringLiteral("marketo_reads"),
        QStringLiteral("profiles"),
        QStringLiteral("record_outcomes"),  QStringLiteral("runs"),
        QStringLiteral("snapshots"),        QStringLiteral("usage_ledger"),
        QStringLiteral("watermarks")};
    QStringList tables = schemaShape(db).keys();
    tables.removeOne(QStringLiteral("indexes"));
    QCOMPARE(tables, expectedTables);

    // Opening again is a no-op at the current version.
    Workspace again(ws.path());
    QVERIFY2(again.open(&error), qPrintable(error));
    QCOMPARE(again.schemaVersion(), 4);
}

void TestWorkspace::defaultPath()
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QVERIFY(!base.isEmpty());
    QCOMPARE(Workspace::defaultPath(QStringLiteral("Aurora")),
             base + QStringLiteral("/workspaces/Aurora.sqlite"));
    QCOMPARE(Workspace::workspacesFolder(), base + QStringLiteral("/workspaces"));
}

void TestWorkspace::validName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << QStringLiteral("Aurora production") << true;
    QTest::newRow("unicode") << QStringLiteral("María José") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("spaces only") << QStringLiteral("   ") << false;
    QTest::newRow("slash") << QStringLiteral("a/b") << false;
    QTest::newRow("backslash") << QStringLiteral("a\\b") << false;
    QTest::newRow("dot dot") << QStringLiteral("..") << false;
    QTest::newRow("colon") << QStringLiteral("c:x") << false;
    QTest::newRow("control") << QStringLiteral("a\tb") << false;
}

void TestWorkspace::validName()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(Workspace::isValidName(name), valid);
}

void TestWorkspace::migrateFromVersion1()
{
    const QString path = m_dir->filePath(QStringLiteral("v1.sqlite"));
    runSqlFiles(path, {QStringLiteral("schema-v1.sql"), QStringLiteral("data-v1.sql")});

    Workspace ws(path);
    QString error;
    QVERIFY2(ws.open(&error), qPrintable(error));
    QCOMPARE(ws.schemaVersion(), 4);
    QCOMPARE(ws.integrityCheck(), QStringLiteral("ok"));

    // The migrated schema has the same shape as a fresh one.
    Workspace fresh(m_dir->filePath(QStringLiteral("fresh.sqlite")));
    QVERIFY(fresh.open());
    const auto migratedShape = schemaShape(ws.connection());
    const auto freshShape = schemaShape(fresh.connection());
    for (auto it = freshShape.cbegin(); it != freshShape.cend(); ++it) {
        QStringList migrated = migratedShape.value(it.key());
        QStringList expected = it.value();
        migrated.sort();
        expected.sort();
        QCOMPARE(migrated, expected);
    }
    QCOMPARE(migratedShape.keys(), freshShape.keys());

    // New key columns were back-filled from the stored JSON.
    SnapshotRepository snapshots(ws);
    SnapshotFilter byOpportunity;
    byOpportunity.equals << qMakePair(KeyColumn::ExternalOpportunityId, QStringLiteral("0067F000004dRt1QAE"));
    QCOMPARE(snapshots.count(System::Marketo, QStringLiteral("opportunity"), byOpportunity), 1);
    SnapshotFilter byContact;
    byContact.equals << qMakePair(KeyColumn::Contact, QStringLiteral("0037F000009XkPUQA0"));
    QCOMPARE(snapshots.count(System::Salesforce, QStringLiteral("OpportunityContactRole"), byContact), 1);
    SnapshotFilter byEmail;
    byEmail.equals << qMakePair(KeyColumn::Email, QStringLiteral("ROSE@edge.com"));
    QCOMPARE(snapshots.count(System::Salesforce, QStringLiteral("Contact"), byEmail), 1);

    // v1 kept a row per attempt; v2 keeps the last outcome and counts the attempts.
    RunRepository runs(ws);
    const QList<RecordOutcome> outcomes = runs.outcomes(1);
    QCOMPARE(outcomes.size(), 2);
    RecordOutcome retried;
    for (const RecordOutcome &o : outcomes) {
        if (o.recordKey == QLatin1String("0017F000007y8FFQAY"))
            retried = o;
    }
    QCOMPARE(retried.outcome, Outcome::Updated);
    QCOMPARE(retried.attempts, 3);
    QCOMPARE(retried.marketoId, 8);
    QCOMPARE(retried.lastTry, QDateTime(QDate(2024, 6, 3), QTime(8, 3), QTimeZone::utc()));
    QCOMPARE(runs.runs().size(), 1);
    QCOMPARE(runs.calls(1).size(), 1);

    // Recording the same record again in v2 adds to its attempts.
    RecordOutcome again = retried;
    again.outcome = Outcome::Unchanged;
    again.attempts = 1;
    QVERIFY(runs.recordOutcomes(1, {again}));
    QCOMPARE(runs.outcomes(1, Outcome::Unchanged).value(0).attempts, 4);
}

void TestWorkspace::failedMigrationRollsBack()
{
    const QString path = m_dir->filePath(QStringLiteral("conflict.sqlite"));
    runSqlFiles(path, {QStringLiteral("schema-v1.sql"), QStringLiteral("data-v1.sql"),
                       QStringLiteral("conflict-v1.sql")});
    QMap<QString, QStringList> before;
    {
        const QString name = QStringLiteral("before");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            before = schemaShape(db);
        }
        QSqlDatabase::removeDatabase(name);
    }

    {
        Workspace ws(path);
        QString error;
        QVERIFY(!ws.open(&error));
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("from schema version 1 to 4")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("left unchanged at version 1")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("UNIQUE")), qPrintable(error));
        QVERIFY(!ws.isOpen());
    }

    const QString name = QStringLiteral("after");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")), QStringLiteral("1"));
        // Every step before the failing one was undone too.
        QCOMPARE(schemaShape(db), before);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM record_outcomes")), QStringLiteral("4"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM id_map")), QStringLiteral("3"));
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
    }
    QSqlDatabase::removeDatabase(name);
}

void TestWorkspace::newerSchemaRefused()
{
    const QString path = m_dir->filePath(QStringLiteral("future.sqlite"));
    runSqlFiles(path, {QStringLiteral("schema-v1.sql")});
    {
        const QString name = QStringLiteral("future");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 7"));
        }
        QSqlDatabase::removeDatabase(name);
    }
    Workspace ws(path);
    QString error;
    QVERIFY(!ws.open(&error));
    QVERIFY2(error.contains(QLatin1String("newer MSI Bridge")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("schema version 7")), qPrintable(error));
}

void TestWorkspace::unwritableLocation()
{
    // A regular file where the folder should be.
    QFile blocker(m_dir->filePath(QStringLiteral("blocker")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    Workspace ws(m_dir->filePath(QStringLiteral("blocker/ws.sqlite")));
    QString error;
    QVERIFY(!ws.open(&error));
    QVERIFY2(error.contains(QLatin1String("blocker/ws.sqlite")), qPrintable(error));
}

void TestWorkspace::connectionPerThread()
{
    Workspace ws(m_dir->filePath(QStringLiteral("threads.sqlite")));
    QVERIFY(ws.open());
    const QString mainName = ws.connection().connectionName();

    QString workerName;
    qint64 workerRun = 0;
    QThread *worker = QThread::create([&] {
        workerName = ws.connection().connectionName();
        RunRepository runs(ws);
        workerRun = runs.beginRun(RunMode::DryRun);
    });
    worker->start();
    QVERIFY(worker->wait(10000));
    delete worker;

    QVERIFY(!workerName.isEmpty());
    QVERIFY(workerName != mainName);
    QVERIFY2(workerName.contains(ws.path()), qPrintable(workerName));
    QVERIFY(workerRun > 0);
    // The worker's connection was removed when its thread finished.
    QVERIFY(!QSqlDatabase::contains(workerName));
    QVERIFY(QSqlDatabase::contains(mainName));
    // What the worker wrote is visible to the main thread's connection.
    RunRepository runs(ws);
    QCOMPARE(runs.run(workerRun)->mode, RunMode::DryRun);
}

void TestWorkspace::removeFiles()
{
    const QString path = m_dir->filePath(QStringLiteral("gone.sqlite"));
    {
        Workspace ws(path);
        QVERIFY(ws.open());
        RunRepository(ws).beginRun(RunMode::Full);
        QVERIFY(QFile::exists(path + QStringLiteral("-wal")));
    }
    QString error;
    QVERIFY2(Workspace::removeFiles(path, &error), qPrintable(error));
    QVERIFY(!QFile::exists(path));
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    QVERIFY(!QFile::exists(path + QStringLiteral("-shm")));
}

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
