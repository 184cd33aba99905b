// Throughput of the two clients against the sandbox on loopback (LABELS bench; not part of the
// test command). Prints wall time per operation; asserts only the counts.
#include "marketo/MarketoClient.h"
#include "salesforce/SalesforceClient.h"
#include "sandbox/Sandbox.h"
#include "sandbox/SandboxOptions.h"

#include <QElapsedTimer>
#include <QTest>

using namespace msi;
using sandbox::Sandbox;

namespace {
template<typename Report, typename Call>
Report wait(Call call)
{
    Report out;
    bool done = false;
    call([&](const Report &r) {
        out = r;
        done = true;
    });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(done, 600000); }();
    return out;
}
} // namespace

class BenchApiClients : public QObject
{
    Q_OBJECT
private slots:
    void marketoSyncAndReadBack();
    void salesforcePagedRead();
};

void BenchApiClients::marketoSyncAndReadBack()
{
    Sandbox box;
    QVERIFY(box.start(sandbox::SandboxOptions()));
    marketo::MarketoClient client({box.marketoUrl(), Sandbox::clientId(), Sandbox::clientSecret()});
    const int n = 3000;
    QList<QJsonObject> leads;
    QStringList ids;
    for (int i = 0; i < n; ++i) {
        const QString id = u"00Q7F"_qs + QString::number(i).rightJustified(10, u'0') + u"AAA"_qs;
        ids << id;
        leads << QJsonObject{{u"email"_qs, u"bench%1@aurora-power.example"_qs.arg(i)},
                             {u"firstName"_qs, u"Chloé"_qs}, {u"lastName"_qs, u"Lefèvre %1"_qs.arg(i)},
                             {u"externalPersonId"_qs, id}};
    }
    QElapsedTimer t;
    t.start();
    const marketo::SyncReport sync = wait<marketo::SyncReport>([&](auto cb) {
        client.sync(marketo::MarketoObject::Lead, leads, marketo::SyncOptions(), cb);
    });
    const qint64 syncMs = t.restart();
    QCOMPARE(sync.count(marketo::SyncOutcome::Status::Created), n);
    const marketo::FilterReport read = wait<marketo::FilterReport>([&](auto cb) {
        client.getByFilter(marketo::MarketoObject::Lead, u"externalPersonId"_qs, ids,
                           {u"id"_qs, u"externalPersonId"_qs, u"lastName"_qs}, cb);
    });
    const qint64 readMs = t.elapsed();
    QCOMPARE(read.records.size(), n);
    qInfo("Marketo: synced %d leads in %d calls, %lld ms; read back in %d calls, %lld ms", n,
          sync.calls, syncMs, read.calls, readMs);
}

void BenchApiClients::salesforcePagedRead()
{
    sandbox::SandboxOptions options;
    options.scale = 100000;
    Sandbox box;
    QVERIFY(box.start(options));
    salesforce::SalesforceCredentials credentials;
    credentials.loginUrl = box.salesforceUrl();
    credentials.clientId = Sandbox::clientId();
    credentials.clientSecret = Sandbox::clientSecret();
    salesforce::SalesforceClient client(credentials);
    QElapsedTimer t;
    t.start();
    int streamed = 0;
    const salesforce::QueryResult r = wait<salesforce::QueryResult>([&](auto cb) {
        client.query(u"SELECT Id, FirstName, LastName, Email, AccountId, OwnerId FROM Contact"_qs, cb,
                     [&](const QList<QJsonObject> &page) { streamed += int(page.size()); });
    });
    QVERIFY2(!r.error.isError(), qPrintable(r.error.message()));
    QCOMPARE(streamed, r.totalSize);
    qInfo("Salesforce: read %d contacts in %d pages, %lld ms", streamed, r.pages, t.elapsed());
}

QTEST_GUILESS_MAIN(BenchApiClients)
#include "bench_apiclients.moc"
