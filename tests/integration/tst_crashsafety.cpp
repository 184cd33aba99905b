// A writer killed with SIGKILL in the middle of a run loses nothing it committed.
// The test starts this executable again as the writer ("--writer <db>"), lets it store batches of
// records and journal outcomes, kills it, then reopens the workspace and checks every batch.
#include "core/SalesforceId.h"
#include "store/RunRepository.h"
#include "store/SnapshotRepository.h"
#include "store/Workspace.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <cstdio>
#include <sys/types.h>

using namespace msi::store;

namespace {

constexpr int kBatch = 500;
const QString kType = QStringLiteral("Contact");

// A Contact-shaped record whose content is a function of its position, so the checker can
// rebuild exactly what the writer stored.
QJsonObject makeRecord(int batch, int index)
{
    const int n = batch * kBatch + index;
    const QString id15 = QStringLiteral("0037F%1").arg(n, 10, 10, QLatin1Char('0'));
    const QString id = id15 + msi::core::SalesforceId::checksumSuffix(id15);
    return QJsonObject{
        {u"attributes"_qs, QJsonObject{{u"type"_qs, u"Contact"_qs}}},
        {u"Id"_qs, id},
        {u"FirstName"_qs, QStringLiteral("Person %1").arg(n)},
        {u"LastName"_qs, QStringLiteral("Batch %1 — Müller").arg(batch)},
        {u"Email"_qs, QStringLiteral("person%1@aurora-power.example").arg(n)},
        {u"OwnerId"_qs, u"0057F00000Bq3LmQAJ"_qs},
        {u"AccountId"_qs, u"0017F000007y8FFQAY"_qs},
        {u"Description"_qs, QString(400, QChar(u'a' + n % 26))},
        {u"SystemModstamp"_qs, u"2024-05-28T08:15:03.000+0000"_qs},
    };
}

QString keyOf(int batch, int index)
{
    return SnapshotRepository::recordKey(System::Salesforce, makeRecord(batch, index));
}

int runWriter(const QString &path)
{
    Workspace ws(path);
    QString error;
    if (!ws.open(&error)) {
        std::fprintf(stderr, "open failed: %s\n", qPrintable(error));
        return 2;
    }
    SnapshotRepository snapshots(ws);
    snapshots.setBatchSize(kBatch);
    RunRepository runs(ws);
    const qint64 run = runs.beginRun(RunMode::Full);
    std::printf("run %lld\n", static_cast<long long>(run));
    std::fflush(stdout);
    for (int batch = 0; batch < 100000; ++batch) {
        QList<QJsonObject> records;
        QList<RecordOutcome> outcomes;
        for (int i = 0; i < kBatch; ++i) {
            records << makeRecord(batch, i);
            outcomes << RecordOutcome{u"leads"_qs, keyOf(batch, i), Outcome::Created, {},
                                      1000000 + batch * kBatch + i, 1, {}};
        }
        const UpsertResult stored = snapshots.upsertRecords(System::Salesforce, kType, records);
        if (!stored.ok() || stored.inserted != kBatch)
            return 3;
        if (!runs.recordOutcomes(run, outcomes))
            return 4;
        // Only now is the batch committed (snapshots and journal): report it.
        std::printf("batch %d\n", batch);
        std::fflush(stdout);
    }
    return 0;
}

} // namespace

class TestCrashSafety : public QObject
{
    Q_OBJECT
private slots:
    void killedWriter_data();
    void killedWriter();
};

void TestCrashSafety::killedWriter_data()
{
    QTest::addColumn<int>("killAfterBatches");
    // A pause between the report and the kill moves the kill into the next batch's build,
    // its snapshot transaction or its journal transaction.
    QTest::addColumn<int>("delayMs");
    QTest::newRow("right after the first batch") << 1 << 0;
    QTest::newRow("6 batches + 5 ms") << 6 << 5;
    QTest::newRow("6 batches + 20 ms") << 6 << 20;
    QTest::newRow("12 batches + 35 ms") << 12 << 35;
    QTest::newRow("25 batches + 60 ms") << 25 << 60;
}

void TestCrashSafety::killedWriter()
{
    QFETCH(int, killAfterBatches);
    QFETCH(int, delayMs);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"crash.sqlite"_qs);

    QProcess writer;
    writer.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    writer.start(QCoreApplication::applicationFilePath(), {u"--writer"_qs, path});
    QVERIFY(writer.waitForStarted());

    qint64 run = 0;
    int lastReported = -1;
    QByteArray pending;
    while (lastReported + 1 < killAfterBatches) {
        QVERIFY2(writer.state() == QProcess::Running, "the writer stopped on its own");
        if (!writer.canReadLine())
            QVERIFY(writer.waitForReadyRead(30000));
        while (writer.canReadLine()) {
            const QByteArray line = writer.readLine().trimmed();
            if (line.startsWith("run "))
                run = line.mid(4).toLongLong();
            else if (line.startsWith("batch "))
                lastReported = line.mid(6).toInt();
        }
    }
    // The writer keeps writing the next batch while we kill it.
    QThread::msleep(delayMs);
    QVERIFY(::kill(pid_t(writer.processId()), SIGKILL) == 0);
    QVERIFY(writer.waitForFinished(10000));
    QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
    // Lines written just before the kill.
    while (writer.canReadLine()) {
        const QByteArray line = writer.readLine().trimmed();
        if (line.startsWith("batch "))
            lastReported = line.mid(6).toInt();
    }
    QVERIFY(run > 0);
    QVERIFY(lastReported + 1 >= killAfterBatches);

    Workspace ws(path);
    QString error;
    QVERIFY2(ws.open(&error), qPrintable(error));
    QCOMPARE(ws.integrityCheck(), u"ok"_qs);
    SnapshotRepository snapshots(ws);
    RunRepository runs(ws);

    const qint64 total = snapshots.count(System::Salesforce, kType);
    // Whole batches only: a transaction is all or nothing.
    QCOMPARE(total % kBatch, 0);
    const int committedBatches = int(total / kBatch);
    // Everything reported as committed is there; at most the batch in flight was added too.
    QVERIFY2(committedBatches >= lastReported + 1,
             qPrintable(QStringLiteral("%1 batches stored, %2 reported").arg(committedBatches).arg(lastReported + 1)));
    QVERIFY(committedBatches <= lastReported + 2);

    // Every committed record is intact.
    for (int batch = 0; batch < committedBatches; ++batch) {
        for (int i = 0; i < kBatch; i += (batch <= lastReported ? 1 : 7)) {
            const auto stored = snapshots.record(System::Salesforce, kType, keyOf(batch, i));
            QVERIFY2(stored.has_value(), qPrintable(keyOf(batch, i)));
            QCOMPARE(*stored, makeRecord(batch, i));
        }
    }

    // The journal written before the kill survives: one outcome per reported record.
    const QList<RecordOutcome> outcomes = runs.outcomes(run);
    QVERIFY(outcomes.size() % kBatch == 0);
    QVERIFY(outcomes.size() >= (lastReported + 1) * kBatch);
    for (int batch = 0; batch <= lastReported; ++batch) {
        const RecordOutcome &first = outcomes.at(batch * kBatch);
        QCOMPARE(first.recordKey, keyOf(batch, 0));
        QCOMPARE(first.marketoId, 1000000 + batch * kBatch);
        QCOMPARE(first.outcome, Outcome::Created);
    }
    // The run the writer never finished is recognised as interrupted.
    QCOMPARE(runs.run(run)->status, RunStatus::Running);
    QCOMPARE(runs.markInterruptedRuns(), 1);
    QCOMPARE(runs.run(run)->status, RunStatus::Interrupted);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc >= 3 && qstrcmp(argv[1], "--writer") == 0)
        return runWriter(QString::fromLocal8Bit(argv[2]));
    TestCrashSafety test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_crashsafety.moc"
