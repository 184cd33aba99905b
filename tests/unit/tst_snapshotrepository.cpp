#include "store/SnapshotRepository.h"
#include "store/Workspace.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace msi::store;

namespace {

QList<QJsonObject> loadSample(const QString &relativePath)
{
    QFile file(QStringLiteral(MSI_SAMPLE_ORG_DIR "/") + relativePath);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QJsonObject> records;
    const QJsonArray array = QJsonDocument::fromJson(file.readAll()).array();
    for (const QJsonValue &v : array)
        records << v.toObject();
    return records;
}

SnapshotFilter equalsFilter(KeyColumn column, const QString &value)
{
    SnapshotFilter filter;
    filter.equals << qMakePair(column, value);
    return filter;
}

} // namespace

class TestSnapshotRepository : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void storeSampleOrg_data();
    void storeSampleOrg();
    void updateDetection();
    void paging_data();
    void paging();
    void filters_data();
    void filters();
    void modifiedAfter();
    void rejectedRecords();
    void removeAndClear();
    void describeDocuments();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_ws;
};

void TestSnapshotRepository::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_ws = std::make_unique<Workspace>(m_dir->filePath(QStringLiteral("ws.sqlite")));
    QString error;
    QVERIFY2(m_ws->open(&error), qPrintable(error));
}

void TestSnapshotRepository::cleanup()
{
    m_ws.reset();
    m_dir.reset();
}

void TestSnapshotRepository::storeSampleOrg_data()
{
    QTest::addColumn<System>("system");
    QTest::addColumn<QString>("objectType");
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("expected"); // record counts from resources/sample-org/MANIFEST.md
    QTest::addColumn<int>("batchSize");
    const auto sf = System::Salesforce;
    const auto mk = System::Marketo;
    QTest::newRow("Account") << sf << u"Account"_qs << u"salesforce/Account.json"_qs << 12 << 2000;
    QTest::newRow("Contact, batches of 4") << sf << u"Contact"_qs << u"salesforce/Contact.json"_qs << 21 << 4;
    QTest::newRow("Lead") << sf << u"Lead"_qs << u"salesforce/Lead.json"_qs << 22 << 2000;
    QTest::newRow("Opportunity") << sf << u"Opportunity"_qs << u"salesforce/Opportunity.json"_qs << 32 << 2000;
    QTest::newRow("OpportunityContactRole, batches of 1")
        << sf << u"OpportunityContactRole"_qs << u"salesforce/OpportunityContactRole.json"_qs << 35 << 1;
    QTest::newRow("User") << sf << u"User"_qs << u"salesforce/User.json"_qs << 5 << 2000;
    QTest::newRow("companies") << mk << u"company"_qs << u"marketo/companies.json"_qs << 2 << 2000;
    QTest::newRow("leads") << mk << u"lead"_qs << u"marketo/leads.json"_qs << 12 << 5;
    QTest::newRow("salespersons") << mk << u"salesPerson"_qs << u"marketo/salespersons.json"_qs << 2 << 2000;
}

void TestSnapshotRepository::storeSampleOrg()
{
    QFETCH(System, system);
    QFETCH(QString, objectType);
    QFETCH(QString, file);
    QFETCH(int, expected);
    QFETCH(int, batchSize);

    const QList<QJsonObject> records = loadSample(file);
    QCOMPARE(records.size(), expected);
    SnapshotRepository repo(*m_ws);
    repo.setBatchSize(batchSize);

    UpsertResult first = repo.upsertRecords(system, objectType, records);
    QVERIFY2(first.ok(), qPrintable(first.error));
    QCOMPARE(first.inserted, expected);
    QCOMPARE(first.updated, 0);
    QCOMPARE(first.unchanged, 0);
    QCOMPARE(first.rejected, QStringList());
    QCOMPARE(repo.count(system, objectType), expected);
    QCOMPARE(repo.objectTypes(system), QStringList{objectType});

    // Every record comes back exactly as stored (numbers such as 1.39E8 included).
    for (const QJsonObject &record : records) {
        const QString key = SnapshotRepository::recordKey(system, record);
        QVERIFY(!key.isEmpty());
        const auto stored = repo.record(system, objectType, key);
        QVERIFY2(stored.has_value(), qPrintable(key));
        QCOMPARE(*stored, record);
    }

    // Storing the same extract again changes nothing.
    UpsertResult second = repo.upsertRecords(system, objectType, records);
    QCOMPARE(second.inserted, 0);
    QCOMPARE(second.updated, 0);
    QCOMPARE(second.unchanged, expected);
    QCOMPARE(repo.count(system, objectType), expected);
}

void TestSnapshotRepository::updateDetection()
{
    SnapshotRepository repo(*m_ws);
    QList<QJsonObject> contacts = loadSample(u"salesforce/Contact.json"_qs);
    QVERIFY(repo.upsertRecords(System::Salesforce, u"Contact"_qs, contacts).ok());

    // Rose Gonzalez moves to another owner and account.
    QJsonObject rose = contacts.at(0);
    QCOMPARE(rose.value(u"Id").toString(), u"0037F000009XkPUQA0"_qs);
    rose.insert(u"OwnerId"_qs, u"0057F000009Zt4AQAS"_qs);
    rose.insert(u"AccountId"_qs, u"0017F000007y8FGQAY"_qs);
    rose.insert(u"SystemModstamp"_qs, u"2024-06-04T10:00:00.000+0000"_qs);
    contacts[0] = rose;
    const UpsertResult result = repo.upsertRecords(System::Salesforce, u"Contact"_qs, contacts);
    QCOMPARE(result.updated, 1);
    QCOMPARE(result.unchanged, 20);
    QCOMPARE(result.inserted, 0);
    QCOMPARE(repo.record(System::Salesforce, u"Contact"_qs, u"0037F000009XkPUQA0"_qs)->value(u"OwnerId"),
             QJsonValue(u"0057F000009Zt4AQAS"_qs));
    // The key columns follow the record.
    QCOMPARE(repo.count(System::Salesforce, u"Contact"_qs,
                        equalsFilter(KeyColumn::Account, u"0017F000007y8FGQAY"_qs)),
             1 + std::count_if(contacts.cbegin() + 1, contacts.cend(), [](const QJsonObject &c) {
                 return c.value(u"AccountId").toString() == QLatin1String("0017F000007y8FGQAY");
             }));
}

void TestSnapshotRepository::paging_data()
{
    QTest::addColumn<int>("pageSize");
    QTest::newRow("1") << 1;
    QTest::newRow("5") << 5;
    QTest::newRow("21 (exactly all)") << 21;
    QTest::newRow("100") << 100;
}

void TestSnapshotRepository::paging()
{
    QFETCH(int, pageSize);
    SnapshotRepository repo(*m_ws);
    const QList<QJsonObject> contacts = loadSample(u"salesforce/Contact.json"_qs);
    QVERIFY(repo.upsertRecords(System::Salesforce, u"Contact"_qs, contacts).ok());
    // Leads of the other system and another object must not leak into the pages.
    QVERIFY(repo.upsertRecords(System::Salesforce, u"Lead"_qs, loadSample(u"salesforce/Lead.json"_qs)).ok());

    QStringList expectedKeys;
    for (const QJsonObject &c : contacts)
        expectedKeys << c.value(u"Id").toString();
    expectedKeys.sort();

    QStringList seen;
    QString after;
    int pages = 0;
    for (;;) {
        const SnapshotPage page = repo.page(System::Salesforce, u"Contact"_qs, after, pageSize);
        ++pages;
        QVERIFY(page.rows.size() <= pageSize);
        for (const SnapshotRow &row : page.rows) {
            seen << row.recordKey;
            QCOMPARE(row.record.value(u"Id").toString(), row.recordKey);
            QCOMPARE(row.modstamp, QDateTime::fromString(
                                       row.record.value(u"SystemModstamp").toString().replace(u"+0000"_qs, u"Z"_qs),
                                       Qt::ISODateWithMs));
        }
        if (!page.hasMore)
            break;
        QCOMPARE(page.lastKey, page.rows.constLast().recordKey);
        after = page.lastKey;
        QVERIFY(pages < 100);
    }
    QCOMPARE(seen, expectedKeys);
    QCOMPARE(pages, (21 + pageSize - 1) / pageSize);
}

void TestSnapshotRepository::filters_data()
{
    QTest::addColumn<System>("system");
    QTest::addColumn<QString>("objectType");
    QTest::addColumn<QString>("file");
    QTest::addColumn<SnapshotFilter>("filter");
    QTest::addColumn<QStringList>("expectedKeys");

    const auto sf = System::Salesforce;
    const auto mk = System::Marketo;
    // Expected keys read from the sample org files (resources/sample-org).
    QTest::newRow("Contact by e-mail, other case")
        << sf << u"Contact"_qs << u"salesforce/Contact.json"_qs
        << equalsFilter(KeyColumn::Email, u"ROSE@EDGE.COM"_qs) << QStringList{u"0037F000009XkPUQA0"_qs};
    QTest::newRow("Marketo lead e-mail with case damage and trailing space")
        << mk << u"lead"_qs << u"marketo/leads.json"_qs
        << equalsFilter(KeyColumn::Email, u"sean@edge.com"_qs) << QStringList{u"1048"_qs};
    QTest::newRow("Marketo duplicate person (two leads, one address)")
        << mk << u"lead"_qs << u"marketo/leads.json"_qs
        << equalsFilter(KeyColumn::Email, u"spavlova@uog.com"_qs) << QStringList{u"1047"_qs, u"1052"_qs};
    QTest::newRow("Marketo lead linked to a contact")
        << mk << u"lead"_qs << u"marketo/leads.json"_qs
        << equalsFilter(KeyColumn::ExternalPersonId, u"0037F000009XkPgQAK"_qs) << QStringList{u"1049"_qs};
    QTest::newRow("Marketo company with a 15-character external id")
        << mk << u"company"_qs << u"marketo/companies.json"_qs
        << equalsFilter(KeyColumn::ExternalCompanyId, u"0017F000007y8FK"_qs) << QStringList{u"7"_qs};
    QTest::newRow("Contact by name text")
        << sf << u"Contact"_qs << u"salesforce/Contact.json"_qs
        << [] { SnapshotFilter f; f.contains = u"gonzalez"_qs; return f; }()
        << QStringList{u"0037F000009XkPUQA0"_qs};
    QTest::newRow("LIKE wildcards are literal")
        << sf << u"Contact"_qs << u"salesforce/Contact.json"_qs
        << [] { SnapshotFilter f; f.contains = u"%"_qs; return f; }() << QStringList{};
    QTest::newRow("OpportunityContactRoles of one opportunity")
        << sf << u"OpportunityContactRole"_qs << u"salesforce/OpportunityContactRole.json"_qs
        << equalsFilter(KeyColumn::Opportunity, u"0067F000004dRt1QAE"_qs) << QStringList{u"*"_qs};
    QTest::newRow("Contacts of rep R1")
        << sf << u"Contact"_qs << u"salesforce/Contact.json"_qs
        << equalsFilter(KeyColumn::Owner, u"0057F00000Bq3LmQAJ"_qs) << QStringList{u"*"_qs};
    QTest::newRow("Marketo leads without externalPersonId")
        << mk << u"lead"_qs << u"marketo/leads.json"_qs
        << [] { SnapshotFilter f; f.missing << KeyColumn::ExternalPersonId; return f; }()
        << QStringList{u"*"_qs};
}

void TestSnapshotRepository::filters()
{
    QFETCH(System, system);
    QFETCH(QString, objectType);
    QFETCH(QString, file);
    QFETCH(SnapshotFilter, filter);
    QFETCH(QStringList, expectedKeys);

    const QList<QJsonObject> records = loadSample(file);
    SnapshotRepository repo(*m_ws);
    QVERIFY(repo.upsertRecords(system, objectType, records).ok());

    if (expectedKeys == QStringList{u"*"_qs}) {
        // Expected set computed straight from the sample JSON.
        expectedKeys.clear();
        for (const QJsonObject &r : records) {
            bool match = true;
            for (const auto &[column, value] : filter.equals) {
                const QString field = column == KeyColumn::Owner ? u"OwnerId"_qs : u"OpportunityId"_qs;
                match = match && r.value(field).toString() == value;
            }
            for (KeyColumn column : filter.missing) {
                Q_UNUSED(column);
                match = match && r.value(u"externalPersonId").toString().isEmpty();
            }
            if (match)
                expectedKeys << SnapshotRepository::recordKey(system, r);
        }
        QVERIFY(!expectedKeys.isEmpty());
    }
    expectedKeys.sort();

    QStringList keys;
    const SnapshotPage page = repo.page(system, objectType, QString(), 1000, filter);
    for (const SnapshotRow &row : page.rows)
        keys << row.recordKey;
    QCOMPARE(keys, expectedKeys);
    QCOMPARE(repo.count(system, objectType, filter), expectedKeys.size());
}

void TestSnapshotRepository::modifiedAfter()
{
    SnapshotRepository repo(*m_ws);
    const QList<QJsonObject> contacts = loadSample(u"salesforce/Contact.json"_qs);
    QVERIFY(repo.upsertRecords(System::Salesforce, u"Contact"_qs, contacts).ok());
    SnapshotFilter filter;
    filter.modifiedAfter = QDateTime(QDate(2024, 4, 30), QTime(17, 22, 13), QTimeZone::utc());
    // Contacts with SystemModstamp after 2024-04-30T17:22:13Z: 2024-05-28 (PU) and 2024-05-30.
    int expected = 0;
    for (const QJsonObject &c : contacts)
        expected += c.value(u"SystemModstamp").toString() > u"2024-04-30T17:22:13.000+0000"_qs ? 1 : 0;
    QCOMPARE(expected, 2);
    QCOMPARE(repo.count(System::Salesforce, u"Contact"_qs, filter), expected);
}

void TestSnapshotRepository::rejectedRecords()
{
    SnapshotRepository repo(*m_ws);
    QList<QJsonObject> leads = loadSample(u"salesforce/Lead.json"_qs).mid(0, 3);
    QJsonObject noId = leads.at(1);
    noId.remove(u"Id"_qs);
    QJsonObject badId = leads.at(2);
    badId.insert(u"Id"_qs, u"00Q7F000006QwAcXXX"_qs);
    QJsonObject id15 = leads.at(0);
    const QString id18 = id15.value(u"Id").toString();
    id15.insert(u"Id"_qs, id18.left(15));

    const UpsertResult result = repo.upsertRecords(System::Salesforce, u"Lead"_qs, {id15, noId, badId});
    QVERIFY(result.ok());
    QCOMPARE(result.inserted, 1);
    QCOMPARE(result.rejected.size(), 2);
    QVERIFY2(result.rejected.at(0).contains(u"without an Id"_qs), qPrintable(result.rejected.at(0)));
    QVERIFY2(result.rejected.at(1).contains(u"00Q7F000006QwAcXXX"_qs), qPrintable(result.rejected.at(1)));
    // A 15-character Id is stored under its 18-character form.
    QVERIFY(repo.record(System::Salesforce, u"Lead"_qs, id18).has_value());

    QJsonObject marketoNoId{{u"email"_qs, u"x@example.com"_qs}};
    const UpsertResult mk = repo.upsertRecords(System::Marketo, u"lead"_qs, {marketoNoId});
    QCOMPARE(mk.inserted, 0);
    QCOMPARE(mk.rejected.size(), 1);
}

// A describe is kept beside the records: read back as stored, replaced by a newer read, and never
// listed as a record type (the field catalog and the records browser list record types).
void TestSnapshotRepository::describeDocuments()
{
    SnapshotRepository repository(*m_ws);
    QVERIFY(!repository.document(System::Salesforce, u"describe"_qs, u"Lead"_qs).has_value());
    const QJsonObject first{{u"name"_qs, u"Lead"_qs},
                            {u"fields"_qs, QJsonArray{QJsonObject{{u"name"_qs, u"Email"_qs}}}}};
    QString error;
    QVERIFY2(repository.storeDocument(System::Salesforce, u"describe"_qs, u"Lead"_qs, first, &error),
             qPrintable(error));
    QCOMPARE(repository.document(System::Salesforce, u"describe"_qs, u"Lead"_qs).value(), first);
    const QJsonObject second{{u"name"_qs, u"Lead"_qs}, {u"fields"_qs, QJsonArray{}}};
    QVERIFY(repository.storeDocument(System::Salesforce, u"describe"_qs, u"Lead"_qs, second, &error));
    QCOMPARE(repository.document(System::Salesforce, u"describe"_qs, u"Lead"_qs).value(), second);
    QVERIFY(!repository.document(System::Marketo, u"describe"_qs, u"Lead"_qs).has_value());
    QVERIFY(repository.objectTypes(System::Salesforce).isEmpty());
    QCOMPARE(repository.count(System::Salesforce, u"Lead"_qs), 0);
}

void TestSnapshotRepository::removeAndClear()
{
    SnapshotRepository repo(*m_ws);
    QVERIFY(repo.upsertRecords(System::Salesforce, u"Account"_qs, loadSample(u"salesforce/Account.json"_qs)).ok());
    QVERIFY(repo.remove(System::Salesforce, u"Account"_qs, {u"0017F000007y8FFQAY"_qs, u"0017F000007y8FGQAY"_qs}));
    QCOMPARE(repo.count(System::Salesforce, u"Account"_qs), 10);
    QVERIFY(!repo.record(System::Salesforce, u"Account"_qs, u"0017F000007y8FFQAY"_qs).has_value());
    QVERIFY(repo.clear(System::Salesforce, u"Account"_qs));
    QCOMPARE(repo.count(System::Salesforce, u"Account"_qs), 0);
}

QTEST_GUILESS_MAIN(TestSnapshotRepository)
#include "tst_snapshotrepository.moc"
