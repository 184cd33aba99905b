// The small repositories of the workspace store: profiles, mapping, ID map, watermarks, usage.
#include "store/IdMapRepository.h"
#include "store/MappingRepository.h"
#include "store/MarketoReadCache.h"
#include "store/ProfileRepository.h"
#include "store/UsageLedger.h"
#include "store/WatermarkRepository.h"
#include "store/Workspace.h"

#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace msi::store;

class TestStoreRepositories : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void profiles();
    void mappingVersions();
    void idMap();
    void idMapRefusesSecondClaim();
    void idMapRejectsInvalidId();
    void watermarks();
    void quotaDay_data();
    void quotaDay();
    void usageLedger();
    void marketoReads_data();
    void marketoReads();
    void marketoWritesOverlay();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_ws;
};

void TestStoreRepositories::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_ws = std::make_unique<Workspace>(m_dir->filePath(u"ws.sqlite"_qs));
    QVERIFY(m_ws->open());
}

void TestStoreRepositories::cleanup()
{
    m_ws.reset();
    m_dir.reset();
}

void TestStoreRepositories::profiles()
{
    ProfileRepository repo(*m_ws);
    ConnectionProfile sf{u"Aurora production"_qs, System::Salesforce, Environment::Production,
                         QUrl(u"https://login.salesforce.com"_qs),
                         QUrl(u"https://aurora-power.my.salesforce.com"_qs), QUrl(),
                         u"3MVG9-aurora-client"_qs, u"salesops@aurora-power.example"_qs};
    ConnectionProfile mk{u"Aurora Marketo"_qs, System::Marketo, Environment::Sandbox,
                         QUrl(u"https://123-ABC-456.mktorest.com"_qs),
                         QUrl(u"https://123-ABC-456.mktorest.com/rest"_qs),
                         QUrl(u"https://123-ABC-456.mktorest.com/identity"_qs),
                         u"d1b6c3a0-marketo-client"_qs, QString()};
    QVERIFY(repo.save(sf));
    QVERIFY(repo.save(mk));
    QCOMPARE(repo.profile(u"Aurora production"_qs), sf);
    QCOMPARE(repo.profiles(), (QList<ConnectionProfile>{mk, sf})); // by name

    sf.environment = Environment::Sandbox;
    sf.loginUrl = QUrl(u"https://test.salesforce.com"_qs);
    QVERIFY(repo.save(sf));
    QCOMPARE(repo.profiles().size(), 2);
    QCOMPARE(repo.profile(sf.name)->environment, Environment::Sandbox);

    QVERIFY(repo.remove(mk.name));
    QVERIFY(!repo.profile(mk.name).has_value());
}

void TestStoreRepositories::mappingVersions()
{
    MappingRepository repo(*m_ws);
    QVERIFY(!repo.current().has_value());
    const QJsonObject v1{{u"Lead"_qs, QJsonObject{{u"Email"_qs, u"email"_qs}}}};
    const QJsonObject v2{{u"Lead"_qs, QJsonObject{{u"Email"_qs, u"email"_qs}, {u"Title"_qs, u"title"_qs}}}};
    const int first = repo.save(v1, u"default mapping"_qs);
    const int second = repo.save(v2, u"add title"_qs);
    QVERIFY(first > 0);
    QVERIFY(second > first);
    QCOMPARE(repo.current()->document, v2);
    QCOMPARE(repo.current()->version, second);
    QCOMPARE(repo.version(first)->document, v1);
    QCOMPARE(repo.version(first)->note, u"default mapping"_qs);
    QCOMPARE(repo.versions().size(), 2);
    QCOMPARE(repo.versions().at(0).version, second);
}

void TestStoreRepositories::idMap()
{
    IdMapRepository repo(*m_ws);
    QVERIFY(repo.put({{Entity::Company, u"0017F000007y8FFQAY"_qs, 8, 1},
                      {Entity::SalesPerson, u"0057F000009Zt4AQAS"_qs, 3, 1},
                      // a 15-character ID is stored as 18
                      {Entity::Company, u"0017F000007y8FK"_qs, 7, 1}}));
    QCOMPARE(repo.marketoId(Entity::Company, u"0017F000007y8FFQAY"_qs), 8);
    // 18-character IDs compare case-insensitively; the 15-character form finds the same row.
    QCOMPARE(repo.marketoId(Entity::Company, u"0017f000007y8ffqay"_qs), 8);
    QCOMPARE(repo.marketoId(Entity::Company, u"0017F000007y8FFQAY"_qs.left(15)), 8);
    QCOMPARE(repo.salesforceId(Entity::Company, 7), u"0017F000007y8FKQAY"_qs);
    QVERIFY(!repo.marketoId(Entity::Person, u"0017F000007y8FFQAY"_qs).has_value());
    QCOMPARE(repo.count(Entity::Company), 2);

    const auto found = repo.marketoIds(Entity::Company, {u"0017F000007y8FFQAY"_qs, u"0017F000007y8FK"_qs,
                                                         u"0017F000007y8FGQAY"_qs, u"garbage"_qs});
    QCOMPARE(found.size(), 2);
    QCOMPARE(found.value(u"0017F000007y8FKQAY"_qs), 7);

    // Re-pointing a Salesforce record to another Marketo id replaces the mapping.
    QVERIFY(repo.put({{Entity::Company, u"0017F000007y8FFQAY"_qs, 9, 2}}));
    QCOMPARE(repo.marketoId(Entity::Company, u"0017F000007y8FFQAY"_qs), 9);
    QVERIFY(repo.remove(Entity::Company, u"0017F000007y8FFQAY"_qs));
    QCOMPARE(repo.count(Entity::Company), 1);
}

void TestStoreRepositories::idMapRefusesSecondClaim()
{
    IdMapRepository repo(*m_ws);
    QVERIFY(repo.put({{Entity::Company, u"0017F000007y8FFQAY"_qs, 8, 1}}));
    QString error;
    // One call with a good and a conflicting mapping: nothing of it is stored.
    QVERIFY(!repo.put({{Entity::Company, u"0017F000007y8FHQAY"_qs, 10, 1},
                       {Entity::Company, u"0017F000007y8FGQAY"_qs, 8, 1}}, &error));
    QVERIFY2(error.contains(u"0017F000007y8FFQAY"_qs) && error.contains(u"0017F000007y8FGQAY"_qs),
             qPrintable(error));
    QVERIFY(!repo.marketoId(Entity::Company, u"0017F000007y8FHQAY"_qs).has_value());
    // The same Marketo id in another entity is a different record.
    QVERIFY(repo.put({{Entity::Person, u"0037F000009XkPUQA0"_qs, 8, 1}}));
}

void TestStoreRepositories::idMapRejectsInvalidId()
{
    IdMapRepository repo(*m_ws);
    QString error;
    QVERIFY(!repo.put({{Entity::Person, u"0037F000009XkPUXXX"_qs, 1041, 1}}, &error));
    QVERIFY2(error.contains(u"0037F000009XkPUXXX"_qs) && error.contains(u"1041"_qs), qPrintable(error));
    QCOMPARE(repo.count(Entity::Person), 0);
}

void TestStoreRepositories::watermarks()
{
    WatermarkRepository repo(*m_ws);
    QVERIFY(!repo.watermark(System::Salesforce, u"Contact"_qs).isValid());
    const QDateTime t = parseApiTimestamp(u"2024-05-28T08:15:03.000+0000"_qs);
    QCOMPARE(t, QDateTime(QDate(2024, 5, 28), QTime(8, 15, 3), QTimeZone::utc()));
    QVERIFY(repo.advance(System::Salesforce, u"Contact"_qs, t, 4));
    QCOMPARE(repo.watermark(System::Salesforce, u"Contact"_qs), t);
    // Never moves backwards.
    QVERIFY(repo.advance(System::Salesforce, u"Contact"_qs, t.addSecs(-60)));
    QCOMPARE(repo.watermark(System::Salesforce, u"Contact"_qs), t);
    QVERIFY(repo.advance(System::Salesforce, u"Contact"_qs, t.addMSecs(1)));
    QCOMPARE(repo.watermark(System::Salesforce, u"Contact"_qs), t.addMSecs(1));
    // Per object and system.
    QVERIFY(!repo.watermark(System::Salesforce, u"Lead"_qs).isValid());
    QVERIFY(!repo.watermark(System::Marketo, u"Contact"_qs).isValid());
    QVERIFY(repo.reset(System::Salesforce, u"Contact"_qs));
    QVERIFY(!repo.watermark(System::Salesforce, u"Contact"_qs).isValid());
}

void TestStoreRepositories::quotaDay_data()
{
    QTest::addColumn<System>("system");
    QTest::addColumn<QDateTime>("moment");
    QTest::addColumn<QDate>("day");
    QTest::addColumn<QDateTime>("reset");
    // Marketo resets the daily quota at 00:00 US Central (CST = UTC-6, CDT = UTC-5).
    QTest::newRow("Marketo summer, before midnight Chicago")
        << System::Marketo << QDateTime(QDate(2024, 6, 4), QTime(4, 59), QTimeZone::utc())
        << QDate(2024, 6, 3) << QDateTime(QDate(2024, 6, 4), QTime(5, 0), QTimeZone::utc());
    QTest::newRow("Marketo summer, after midnight Chicago")
        << System::Marketo << QDateTime(QDate(2024, 6, 4), QTime(5, 0), QTimeZone::utc())
        << QDate(2024, 6, 4) << QDateTime(QDate(2024, 6, 5), QTime(5, 0), QTimeZone::utc());
    QTest::newRow("Marketo winter")
        << System::Marketo << QDateTime(QDate(2024, 1, 10), QTime(3, 0), QTimeZone::utc())
        << QDate(2024, 1, 9) << QDateTime(QDate(2024, 1, 10), QTime(6, 0), QTimeZone::utc());
    QTest::newRow("Salesforce UTC day")
        << System::Salesforce << QDateTime(QDate(2024, 6, 4), QTime(4, 59), QTimeZone::utc())
        << QDate(2024, 6, 4) << QDateTime(QDate(2024, 6, 5), QTime(0, 0), QTimeZone::utc());
}

void TestStoreRepositories::quotaDay()
{
    QFETCH(System, system);
    QFETCH(QDateTime, moment);
    QFETCH(QDate, day);
    QFETCH(QDateTime, reset);
    QCOMPARE(UsageLedger::quotaDay(system, moment), day);
    QCOMPARE(UsageLedger::quotaResetAfter(system, moment), reset);
}

void TestStoreRepositories::usageLedger()
{
    UsageLedger ledger(*m_ws);
    QCOMPARE(ledger.callsToday(System::Marketo), 0);
    QVERIFY(ledger.addCalls(System::Marketo, 3));
    QVERIFY(ledger.addCalls(System::Marketo, 2));
    QVERIFY(ledger.addCalls(System::Salesforce, 7));
    QCOMPARE(ledger.callsToday(System::Marketo), 5);
    QCOMPARE(ledger.callsToday(System::Salesforce), 7);
    const QDateTime yesterday = QDateTime::currentDateTimeUtc().addDays(-1);
    QVERIFY(ledger.addCalls(System::Marketo, 40, yesterday));
    QCOMPARE(ledger.callsOn(System::Marketo, UsageLedger::quotaDay(System::Marketo, yesterday)), 40);
    QCOMPARE(ledger.callsToday(System::Marketo), 5);
}

void TestStoreRepositories::marketoReads_data()
{
    QTest::addColumn<QString>("asked");
    QTest::addColumn<bool>("known");
    // Marketo compares filter values without case and surrounding spaces (sample org M-04:
    // lead 1048 'Sean@Edge.COM ' is found by 'sean@edge.com').
    QTest::newRow("same") << u"sean@edge.com"_qs << true;
    QTest::newRow("case and spaces") << u" Sean@Edge.COM "_qs << true;
    QTest::newRow("value that matched nothing") << u"nobody@edge.com"_qs << true;
    QTest::newRow("never asked") << u"rose@edge.com"_qs << false;
    QTest::newRow("other filter's value") << u"0037F000009XkPVQA0"_qs << false;
}

void TestStoreRepositories::marketoReads()
{
    QFETCH(QString, asked);
    MarketoReadCache cache(*m_ws);
    const QJsonObject lead{{u"id"_qs, 1048}, {u"email"_qs, u"Sean@Edge.COM "_qs}};
    QVERIFY(cache.save(1, u"leads"_qs, u"email"_qs, {u"sean@edge.com"_qs, u"nobody@edge.com"_qs},
                       {lead}));
    QVERIFY(cache.save(1, u"leads"_qs, u"externalPersonId"_qs, {u"0037F000009XkPUQA0"_qs}, {}));
    const MarketoReadCache::Reads reads = cache.load(u"leads"_qs, u"email"_qs);
    QTEST(reads.contains(asked), "known");
    QCOMPARE(reads.records, QList<QJsonObject>{lead});
    QCOMPARE(cache.rowCount(), 2);
    QVERIFY(cache.clear());
    QCOMPARE(cache.rowCount(), 0);
    QVERIFY(!cache.load(u"leads"_qs, u"email"_qs).contains(asked));
}

void TestStoreRepositories::marketoWritesOverlay()
{
    MarketoReadCache cache(*m_ws);
    QVERIFY(cache.saveWritten(2, u"leads"_qs,
                              {QJsonObject{{u"id"_qs, 1051}, {u"externalPersonId"_qs, u"0037F000009XkPXQA0"_qs},
                                           {u"email"_qs, u"pat@pyramid.net"_qs}}}));
    QVERIFY(cache.saveWritten(3, u"leads"_qs,
                              {QJsonObject{{u"id"_qs, 1051}, {u"email"_qs, u"pat@pyramid.example"_qs}}}));
    QVERIFY(cache.saveWritten(3, u"opportunities"_qs,
                              {QJsonObject{{u"marketoGUID"_qs, u"7c1f0b9e"_qs}, {u"name"_qs, u"Standby"_qs}}}));
    const QHash<QString, QJsonObject> leads = cache.written(u"leads"_qs);
    QCOMPARE(leads.size(), 1);
    // Later writes over earlier ones, fields not written again kept.
    QCOMPARE(leads.value(u"1051"_qs).value(u"email"_qs).toString(), u"pat@pyramid.example"_qs);
    QCOMPARE(leads.value(u"1051"_qs).value(u"externalPersonId"_qs).toString(), u"0037F000009XkPXQA0"_qs);
    QCOMPARE(cache.written(u"opportunities"_qs).value(u"7c1f0b9e"_qs).value(u"name"_qs).toString(),
             u"Standby"_qs);
    // Written records are not reads: they answer no filter value.
    QVERIFY(!cache.load(u"leads"_qs, u"email"_qs).contains(u"pat@pyramid.net"_qs));
}

QTEST_GUILESS_MAIN(TestStoreRepositories)
#include "tst_storerepositories.moc"
