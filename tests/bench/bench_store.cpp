// Workspace store throughput: how fast snapshots and journal entries are stored.
// Prints records/s for each case; run with `ctest -L bench --verbose` or directly
// (`bench_store [records]`, default 100000). Not part of the test command.
#include "core/SalesforceId.h"
#include "store/RunRepository.h"
#include "store/SnapshotRepository.h"
#include "store/Workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>

#include <sys/resource.h>

using namespace msi::store;

namespace {

// Shaped like the sample org's Contacts (resources/sample-org/salesforce/Contact.json).
QJsonObject contact(int n, int revision = 0)
{
    const QString id15 = QStringLiteral("0037F%1").arg(n, 10, 10, QLatin1Char('0'));
    return QJsonObject{
        {u"attributes"_qs, QJsonObject{{u"type"_qs, u"Contact"_qs},
                                       {u"url"_qs, QString(u"/services/data/v62.0/sobjects/Contact/"_qs + id15)}}},
        {u"Id"_qs, QString(id15 + msi::core::SalesforceId::checksumSuffix(id15))},
        {u"FirstName"_qs, QStringLiteral("First%1").arg(n)},
        {u"LastName"_qs, QStringLiteral("Last%1").arg(n)},
        {u"Name"_qs, QStringLiteral("First%1 Last%1").arg(n)},
        {u"Email"_qs, QStringLiteral("person%1@aurora-power.example").arg(n)},
        {u"Title"_qs, u"SVP, Procurement"_qs},
        {u"Phone"_qs, u"(512) 757-6000"_qs},
        {u"AccountId"_qs, u"0017F000007y8FFQAY"_qs},
        {u"OwnerId"_qs, u"0057F00000Bq3LmQAJ"_qs},
        {u"LeadSource"_qs, u"Word of mouth"_qs},
        {u"CreatedDate"_qs, u"2018-03-14T21:11:56.000+0000"_qs},
        {u"SystemModstamp"_qs, revision ? u"2024-06-04T10:00:00.000+0000"_qs : u"2024-05-28T08:15:03.000+0000"_qs},
        {u"mkto_si__Last_Interesting_Moment_Type__c"_qs, QJsonValue()},
        {u"mkto_si__Last_Interesting_Moment_Date__c"_qs, QJsonValue()},
        {u"mkto_si__Last_Interesting_Moment_Desc__c"_qs, QJsonValue()},
        {u"mkto_si__Last_Interesting_Moment_Source__c"_qs, QJsonValue()},
        {u"mkto_si__Priority__c"_qs, QJsonValue()},
        {u"mkto_si__Urgency_Value__c"_qs, QJsonValue()},
        {u"mkto_si__Relative_Score_Value__c"_qs, QJsonValue(revision)},
    };
}

// CPU time of this process (user + system), so figures taken on a busy machine still say what
// the work costs.
qint64 cpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return qint64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
           + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

qint64 s_cpuStart = 0;

void report(const char *what, qint64 records, qint64 ms)
{
    const qint64 cpu = cpuMs() - s_cpuStart;
    std::printf("| %-56s | %7lld | %7lld ms | %9.0f/s | %7lld ms | %9.0f/s |\n", what,
                static_cast<long long>(records), static_cast<long long>(ms),
                ms > 0 ? records * 1000.0 / ms : 0.0, static_cast<long long>(cpu),
                cpu > 0 ? records * 1000.0 / cpu : 0.0);
    std::fflush(stdout);
}

void startClock(QElapsedTimer &timer)
{
    s_cpuStart = cpuMs();
    timer.start();
}

void setSynchronous(Workspace &ws, const char *mode)
{
    QSqlQuery(ws.connection()).exec(QStringLiteral("PRAGMA synchronous = ") + QLatin1String(mode));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    QTemporaryDir dir;
    QList<QJsonObject> records;
    records.reserve(count);
    for (int i = 0; i < count; ++i)
        records << contact(i);
    QElapsedTimer timer;

    std::printf("bench_store: %d Contact-shaped records, SQLite WAL, %s\n", count, qPrintable(dir.path()));
    std::printf("| case | records | wall | wall rate | CPU | CPU rate |\n|---|---|---|---|---|---|\n");
    startClock(timer);
    qint64 bytes = 0;
    for (const QJsonObject &record : std::as_const(records))
        bytes += QJsonDocument(record).toJson(QJsonDocument::Compact).size();
    report("JSON serialisation alone (for comparison)", count, timer.elapsed());
    for (const int batch : {500, 2000, 10000}) {
        for (const char *sync : {"FULL", "NORMAL"}) {
            Workspace ws(dir.filePath(QStringLiteral("b%1-%2.sqlite").arg(batch).arg(QLatin1String(sync))));
            if (!ws.open())
                return 1;
            setSynchronous(ws, sync);
            SnapshotRepository repo(ws);
            repo.setBatchSize(batch);
            startClock(timer);
            const UpsertResult r = repo.upsertRecords(System::Salesforce, u"Contact"_qs, records);
            if (!r.ok() || r.inserted != count)
                return 2;
            report(qPrintable(QStringLiteral("insert, batch %1, synchronous=%2").arg(batch).arg(QLatin1String(sync))),
                   count, timer.elapsed());
        }
    }

    Workspace ws(dir.filePath(u"main.sqlite"_qs));
    if (!ws.open())
        return 1;
    SnapshotRepository repo(ws);
    startClock(timer);
    repo.upsertRecords(System::Salesforce, u"Contact"_qs, records);
    report("insert, default batch (2000), synchronous=FULL (product)", count, timer.elapsed());
    startClock(timer);
    const UpsertResult same = repo.upsertRecords(System::Salesforce, u"Contact"_qs, records);
    report("re-store identical records (all unchanged)", same.unchanged, timer.elapsed());
    QList<QJsonObject> changed;
    changed.reserve(count);
    for (int i = 0; i < count; ++i)
        changed << contact(i, 1);
    startClock(timer);
    const UpsertResult upd = repo.upsertRecords(System::Salesforce, u"Contact"_qs, changed);
    report("store changed records (all updated)", upd.updated, timer.elapsed());

    startClock(timer);
    qint64 paged = 0;
    QString after;
    for (;;) {
        const SnapshotPage page = repo.page(System::Salesforce, u"Contact"_qs, after, 500);
        paged += page.rows.size();
        if (!page.hasMore)
            break;
        after = page.lastKey;
    }
    report("keyset paging, 500 rows a page", paged, timer.elapsed());
    SnapshotFilter byEmail;
    byEmail.equals << qMakePair(KeyColumn::Email, QStringLiteral("Person%1@aurora-power.example").arg(count / 2));
    startClock(timer);
    for (int i = 0; i < 1000; ++i)
        repo.count(System::Salesforce, u"Contact"_qs, byEmail);
    report("indexed e-mail lookups", 1000, timer.elapsed());

    RunRepository runs(ws);
    const qint64 run = runs.beginRun(RunMode::Full);
    QList<RecordOutcome> outcomes;
    for (int i = 0; i < count; ++i)
        outcomes << RecordOutcome{u"leads"_qs, records.at(i).value(u"Id").toString(), Outcome::Created, {}, 1000 + i, 1, {}};
    startClock(timer);
    for (qsizetype start = 0; start < outcomes.size(); start += 300)
        runs.recordOutcomes(run, outcomes.mid(start, 300)); // one Marketo batch per transaction
    report("journal outcomes, 300 per transaction (a Marketo batch)", count, timer.elapsed());

    // For scale: one transaction per record.
    Workspace single(dir.filePath(u"single.sqlite"_qs));
    single.open();
    SnapshotRepository one(single);
    one.setBatchSize(1);
    const int few = qMin(count, 2000);
    startClock(timer);
    one.upsertRecords(System::Salesforce, u"Contact"_qs, records.mid(0, few));
    report("insert, one transaction per record, synchronous=FULL", few, timer.elapsed());

    std::printf("database size for %d records (%.0f bytes of JSON each): %.1f MB\n", count,
                double(bytes) / count, QFileInfo(ws.path()).size() / 1048576.0);
    return 0;
}
