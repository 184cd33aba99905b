// The Records table over a big snapshot: how long until the first rows show, how long a count,
// a page further down, a sort, a filter and a jump take, and the longest the GUI thread's event
// loop was kept from running meanwhile (every query runs on the model's pool). Prints ms; run
// with `ctest -L bench --verbose` or directly (`bench_snapshottablemodel [rows]`, default
// 1,000,000). Not part of the test command.
#include "core/SalesforceId.h"
#include "store/SnapshotRepository.h"
#include "store/Workspace.h"
#include "tables/SnapshotTableModel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <functional>

using namespace msi::store;
using msi::tables::SnapshotTableModel;

namespace {

QJsonObject contact(int n)
{
    const QString id15 = QStringLiteral("0037F%1").arg(n, 10, 10, QLatin1Char('0'));
    // Last names repeat (ties in sorted pages), in an order unlike the IDs.
    const int last = (n * 7919) % 50000;
    return QJsonObject{
        {u"attributes"_qs, QJsonObject{{u"type"_qs, u"Contact"_qs},
                                       {u"url"_qs, QString(u"/services/data/v62.0/sobjects/Contact/"_qs + id15)}}},
        {u"Id"_qs, QString(id15 + msi::core::SalesforceId::checksumSuffix(id15))},
        {u"FirstName"_qs, QStringLiteral("First%1").arg(n)},
        {u"LastName"_qs, QStringLiteral("Last%1").arg(last)},
        {u"Email"_qs, QStringLiteral("person%1@aurora-power.example").arg(n)},
        {u"Title"_qs, u"SVP, Procurement"_qs},
        {u"AccountId"_qs, u"0017F000007y8FFQAY"_qs},
        {u"OwnerId"_qs, u"0057F00000Bq3LmQAJ"_qs},
        {u"Amount"_qs, double(n % 1000) * 250.0},
        {u"SystemModstamp"_qs, u"2024-05-28T08:15:03.000+0000"_qs},
        {u"mkto_si__Priority__c"_qs, QJsonValue()},
    };
}

// Runs the event loop until done() holds; returns ms, and the longest gap between two ticks of a
// 5 ms timer (how long the GUI thread was blocked) in *stall.
qint64 until(const std::function<bool()> &done, qint64 *stall)
{
    QElapsedTimer timer, tick;
    timer.start();
    tick.start();
    qint64 worst = 0;
    QTimer probe;
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, &probe, [&] { worst = qMax(worst, tick.restart()); });
    probe.start();
    while (!done() && timer.elapsed() < 600000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    worst = qMax(worst, tick.elapsed());
    *stall = qMax(*stall, worst);
    return timer.elapsed();
}

void report(const char *what, qint64 ms, qint64 stall)
{
    std::printf("%-52s %8lld ms   (GUI thread longest stall %lld ms)\n", what, static_cast<long long>(ms),
                static_cast<long long>(stall));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 1000000;
    QTemporaryDir dir;
    Workspace workspace(dir.filePath(QStringLiteral("bench.sqlite")));
    if (!workspace.open())
        return 1;
    QSqlQuery(workspace.connection()).exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
    SnapshotRepository repository(workspace);
    repository.setBatchSize(10000);
    QElapsedTimer fill;
    fill.start();
    for (int start = 0; start < count; start += 50000) {
        QList<QJsonObject> batch;
        for (int i = start; i < qMin(count, start + 50000); ++i)
            batch << contact(i);
        if (!repository.upsertRecords(System::Salesforce, QStringLiteral("Contact"), batch).ok())
            return 1;
    }
    std::printf("bench_snapshottablemodel: %d Contact-shaped records stored in %lld ms\n", count,
                static_cast<long long>(fill.elapsed()));

    SnapshotTableModel model(workspace);
    qint64 stall = 0;
    model.setSource(System::Salesforce, QStringLiteral("Contact"));
    report("open: first page shown", until([&] { return model.rowCount() > 0; }, &stall), stall);
    stall = 0;
    report("open: row count known", until([&] { return model.totalCount() >= 0; }, &stall), stall);

    stall = 0;
    QElapsedTimer pages;
    pages.start();
    for (int i = 0; i < 20; ++i) {
        const int before = model.rowCount();
        model.fetchMore({});
        until([&] { return model.rowCount() > before && !model.isLoading(); }, &stall);
    }
    report("scroll: 20 more pages, per page", pages.elapsed() / 20, stall);

    stall = 0;
    model.sort(model.columnOf(QStringLiteral("LastName")), Qt::AscendingOrder);
    report("sort by LastName: first page", until([&] { return model.rowCount() > 0; }, &stall), stall);
    stall = 0;
    pages.restart();
    for (int i = 0; i < 5; ++i) {
        const int before = model.rowCount();
        model.fetchMore({});
        until([&] { return model.rowCount() > before && !model.isLoading(); }, &stall);
    }
    report("sort by LastName: next page", pages.elapsed() / 5, stall);

    stall = 0;
    model.sort(-1, Qt::AscendingOrder);
    model.setFilterText(QStringLiteral("person77777@"));
    report("filter (one match): rows shown",
           until([&] { return model.rowCount() > 0 || (!model.isLoading() && model.totalCount() == 0); }, &stall), stall);
    stall = 0;
    report("filter (one match): count known", until([&] { return model.totalCount() >= 0; }, &stall), stall);

    stall = 0;
    model.setFilterText(QString());
    until([&] { return model.rowCount() > 0; }, &stall);
    const QString id15 = QStringLiteral("0037F%1").arg(15000, 10, 10, QLatin1Char('0'));
    const QString target = id15 + msi::core::SalesforceId::checksumSuffix(id15);
    stall = 0;
    model.reveal(target);
    report("jump to row 15,001", until([&] { return model.indexOf(target).isValid(); }, &stall), stall);
    return 0;
}
