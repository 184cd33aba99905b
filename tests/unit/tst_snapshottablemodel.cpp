#include "../support/SampleWorkspace.h"

#include "tables/CounterpartFinder.h"
#include "tables/FieldLabels.h"
#include "tables/SnapshotTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using msi::store::System;
using msi::tables::Counterpart;
using msi::tables::CounterpartFinder;
using msi::tables::FieldLabels;
using msi::tables::RecordKind;
using msi::tables::SnapshotTableModel;

class TestSnapshotTableModel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void opens_data();
    void opens();
    void pagesThroughEverything();
    void filterMatchesValuesNotFieldNames_data();
    void filterMatchesValuesNotFieldNames();
    void sortsInTheStore_data();
    void sortsInTheStore();
    void revealsARecordBeyondTheLoadedRows();
    void revealReportsFilteredRecord();
    void labels_data();
    void labels();
    void counterpart_data();
    void counterpart();

private:
    static void waitIdle(SnapshotTableModel &model);
    SampleWorkspace m_sample;
};

void TestSnapshotTableModel::initTestCase()
{
    QVERIFY2(m_sample.fill(), qPrintable(m_sample.error()));
}

void TestSnapshotTableModel::waitIdle(SnapshotTableModel &model)
{
    QTRY_VERIFY(!model.isLoading() && model.totalCount() >= 0);
}

void TestSnapshotTableModel::opens_data()
{
    QTest::addColumn<System>("system");
    QTest::addColumn<QString>("objectType");
    QTest::addColumn<int>("rows"); // MANIFEST.md "Files and counts"
    QTest::addColumn<QString>("firstField");
    QTest::newRow("users") << System::Salesforce << u"User"_qs << 5 << u"Id"_qs;
    QTest::newRow("accounts") << System::Salesforce << u"Account"_qs << 12 << u"Id"_qs;
    QTest::newRow("contacts") << System::Salesforce << u"Contact"_qs << 21 << u"Id"_qs;
    QTest::newRow("leads") << System::Salesforce << u"Lead"_qs << 22 << u"Id"_qs;
    QTest::newRow("opportunities") << System::Salesforce << u"Opportunity"_qs << 32 << u"Id"_qs;
    QTest::newRow("roles") << System::Salesforce << u"OpportunityContactRole"_qs << 35 << u"Id"_qs;
    QTest::newRow("sales persons") << System::Marketo << u"salespersons"_qs << 2 << u"id"_qs;
    QTest::newRow("companies") << System::Marketo << u"companies"_qs << 2 << u"id"_qs;
    QTest::newRow("marketo leads") << System::Marketo << u"leads"_qs << 12 << u"id"_qs;
    QTest::newRow("no marketo opportunities") << System::Marketo << u"opportunities"_qs << 0 << QString();
}

void TestSnapshotTableModel::opens()
{
    QFETCH(System, system);
    QFETCH(QString, objectType);
    QFETCH(int, rows);
    QFETCH(QString, firstField);
    SnapshotTableModel model(m_sample.workspace());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSource(system, objectType);
    waitIdle(model);
    QCOMPARE(model.rowCount(), rows);
    QCOMPARE(model.totalCount(), qint64(rows));
    QCOMPARE(model.canFetchMore({}), false);
    QCOMPARE(model.fieldAt(0), firstField);
    QVERIFY(!model.fields().contains(u"attributes"_qs));
    if (rows > 0) {
        QCOMPARE(model.headerData(0, Qt::Horizontal, Qt::ToolTipRole).toString(), firstField);
        const QJsonObject record = model.recordAt(0);
        QCOMPARE(model.index(0, 0).data(SnapshotTableModel::RecordRole).toJsonObject(), record);
        QCOMPARE(model.indexOf(model.recordKeyAt(0)).row(), 0);
    }
}

void TestSnapshotTableModel::pagesThroughEverything()
{
    SnapshotTableModel model(m_sample.workspace());
    // The tester itself calls fetchMore(), so count the pages as they arrive.
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy pages(&model, &SnapshotTableModel::pageLoaded);
    model.setPageSize(5);
    model.setSource(System::Salesforce, u"Contact"_qs);
    waitIdle(model);
    QCOMPARE(model.totalCount(), 21);
    while (model.canFetchMore({})) {
        model.fetchMore({});
        waitIdle(model);
    }
    QCOMPARE(model.rowCount(), 21);
    QList<int> sizes;
    for (const auto &args : pages)
        sizes << args.at(0).toInt();
    QCOMPARE(sizes, (QList<int>{5, 5, 5, 5, 1}));
    QStringList keys;
    for (int row = 0; row < model.rowCount(); ++row)
        keys << model.recordKeyAt(row);
    QStringList expected;
    for (const QJsonObject &c : m_sample.state().sfContacts)
        expected << c.value(u"Id").toString();
    expected.sort();
    QCOMPARE(keys, expected);
}

void TestSnapshotTableModel::filterMatchesValuesNotFieldNames_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("ids");
    QTest::newRow("domain") << u"EDGE.com"_qs << QStringList{u"0037F000009XkPUQA0"_qs, u"0037F000009XkPVQA0"_qs};
    QTest::newRow("field name only") << u"LastName"_qs << QStringList{};
    QTest::newRow("apostrophe") << u"D'Cruz"_qs << QStringList{u"0037F000009XkPjQAK"_qs};
}

void TestSnapshotTableModel::filterMatchesValuesNotFieldNames()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, ids);
    SnapshotTableModel model(m_sample.workspace());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSource(System::Salesforce, u"Contact"_qs);
    waitIdle(model);
    model.setFilterText(filter);
    waitIdle(model);
    QStringList keys;
    for (int row = 0; row < model.rowCount(); ++row)
        keys << model.recordKeyAt(row);
    QCOMPARE(keys, ids);
    QCOMPARE(model.totalCount(), ids.size());
}

void TestSnapshotTableModel::sortsInTheStore_data()
{
    QTest::addColumn<QString>("objectType");
    QTest::addColumn<QString>("field");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::newRow("contacts by last name") << u"Contact"_qs << u"LastName"_qs << Qt::AscendingOrder;
    QTest::newRow("opportunities by amount, descending") << u"Opportunity"_qs << u"Amount"_qs << Qt::DescendingOrder;
    QTest::newRow("opportunities by stage") << u"Opportunity"_qs << u"StageName"_qs << Qt::AscendingOrder;
    QTest::newRow("leads by id, descending") << u"Lead"_qs << u"Id"_qs << Qt::DescendingOrder;
}

void TestSnapshotTableModel::sortsInTheStore()
{
    QFETCH(QString, objectType);
    QFETCH(QString, field);
    QFETCH(Qt::SortOrder, order);
    // Expected: the sample records sorted here, independently (text without case, numbers as
    // numbers, ties by Id).
    QList<QJsonObject> records = objectType == u"Contact" ? m_sample.state().sfContacts
                                 : objectType == u"Lead"  ? m_sample.state().sfLeads
                                                          : m_sample.state().sfOpportunities;
    auto less = [&](const QJsonObject &a, const QJsonObject &b) {
        const QJsonValue va = a.value(field), vb = b.value(field);
        int c = 0;
        if (va.isDouble() && vb.isDouble())
            c = va.toDouble() < vb.toDouble() ? -1 : va.toDouble() > vb.toDouble() ? 1 : 0;
        else
            c = QString::compare(va.toString(), vb.toString(), Qt::CaseInsensitive);
        if (c == 0)
            c = QString::compare(a.value(u"Id").toString(), b.value(u"Id").toString());
        return order == Qt::AscendingOrder ? c < 0 : c > 0;
    };
    std::sort(records.begin(), records.end(), less);
    QStringList expected;
    for (const QJsonObject &r : records)
        expected << r.value(u"Id").toString();

    SnapshotTableModel model(m_sample.workspace());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(4); // keyset continuation across ties and pages
    model.setSource(System::Salesforce, objectType);
    waitIdle(model);
    model.sort(model.columnOf(field), order);
    waitIdle(model);
    while (model.canFetchMore({})) {
        model.fetchMore({});
        waitIdle(model);
    }
    QStringList keys;
    for (int row = 0; row < model.rowCount(); ++row)
        keys << model.recordKeyAt(row);
    QCOMPARE(keys, expected);
}

void TestSnapshotTableModel::revealsARecordBeyondTheLoadedRows()
{
    // No tester here: it would fetch every page by itself.
    SnapshotTableModel model(m_sample.workspace());
    model.setPageSize(3);
    model.setSource(System::Salesforce, u"Lead"_qs);
    waitIdle(model);
    QCOMPARE(model.rowCount(), 3);
    // Leads 00Q7F000006QwAa..Av are consecutive: ...QwAr is the 18th in key order.
    QStringList keys;
    for (const QJsonObject &l : m_sample.state().sfLeads)
        keys << l.value(u"Id").toString();
    keys.sort();
    const QString target = keys.at(17);
    QSignalSpy revealed(&model, &SnapshotTableModel::recordRevealed);
    model.reveal(target);
    QTRY_COMPARE(revealed.size(), 1);
    QCOMPARE(revealed.at(0).at(0).toString(), target);
    QCOMPARE(revealed.at(0).at(1).toInt(), 17);
    QCOMPARE(model.recordKeyAt(17), target);
    QVERIFY(model.rowCount() >= 18);
}

void TestSnapshotTableModel::revealReportsFilteredRecord()
{
    SnapshotTableModel model(m_sample.workspace());
    model.setSource(System::Salesforce, u"Contact"_qs);
    model.setFilterText(u"edge.com"_qs);
    waitIdle(model);
    QSignalSpy missing(&model, &SnapshotTableModel::recordNotRevealed);
    model.reveal(u"0037F000009XkPgQAK"_qs); // Arthur Song, asong@uog.com
    QTRY_COMPARE(missing.size(), 1);
    QVERIFY(missing.at(0).at(1).toString().contains(u"edge.com"_qs));
}

void TestSnapshotTableModel::labels_data()
{
    QTest::addColumn<QString>("api");
    QTest::addColumn<QString>("label");
    QTest::newRow("camel") << u"FirstName"_qs << u"First Name"_qs;
    QTest::newRow("marketo") << u"externalPersonId"_qs << u"External Person Id"_qs;
    QTest::newRow("managed package") << u"mkto_si__Priority__c"_qs << u"Priority"_qs;
    QTest::newRow("custom") << u"Relative_Score__c"_qs << u"Relative Score"_qs;
    QTest::newRow("plain") << u"id"_qs << u"Id"_qs;
}

void TestSnapshotTableModel::labels()
{
    QFETCH(QString, api);
    QFETCH(QString, label);
    QCOMPARE(FieldLabels::label(api), label);
    QCOMPARE(FieldLabels::display(QJsonValue(1.39e8)), u"139000000"_qs); // MANIFEST number format
    QCOMPARE(FieldLabels::display(QJsonValue(u"312 Constitution Place\nAustin"_qs)),
             u"312 Constitution Place, Austin"_qs);
}

void TestSnapshotTableModel::counterpart_data()
{
    QTest::addColumn<RecordKind>("kind");
    QTest::addColumn<System>("from");
    QTest::addColumn<QString>("objectType");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("found");
    QTest::addColumn<QString>("counterpartKey");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("user -> sales person 4") << RecordKind::SalesPersons << System::Salesforce << u"User"_qs
        << u"0057F000009Zt4AQAS"_qs << true << u"4"_qs << QString();
    QTest::newRow("user without sales person") << RecordKind::SalesPersons << System::Salesforce << u"User"_qs
        << u"0057F00000DaW1eQAF"_qs << false << QString() << u"No counterpart in Marketo"_qs;
    QTest::newRow("sales person 3 -> user") << RecordKind::SalesPersons << System::Marketo << u"salespersons"_qs
        << u"3"_qs << true << u"0057F00000CkP8sQAF"_qs << QString();
    QTest::newRow("account -> legacy company 7") << RecordKind::Companies << System::Salesforce << u"Account"_qs
        << u"0017F000007y8FKQAY"_qs << true << u"7"_qs << u"15-character"_qs;
    QTest::newRow("company 7 -> account") << RecordKind::Companies << System::Marketo << u"companies"_qs
        << u"7"_qs << true << u"0017F000007y8FKQAY"_qs << u"15-character"_qs;
    QTest::newRow("lead 1049 -> contact") << RecordKind::People << System::Marketo << u"leads"_qs
        << u"1049"_qs << true << u"0037F000009XkPgQAK"_qs << QString();
    QTest::newRow("contact -> lead 1049") << RecordKind::People << System::Salesforce << u"Contact"_qs
        << u"0037F000009XkPgQAK"_qs << true << u"1049"_qs << QString();
    QTest::newRow("unlinked lead 1045") << RecordKind::People << System::Marketo << u"leads"_qs
        << u"1045"_qs << false << QString() << u"No counterpart in Salesforce"_qs;
    QTest::newRow("contact with unlinked e-mail match") << RecordKind::People << System::Salesforce << u"Contact"_qs
        << u"0037F000009XkPUQA0"_qs << false << QString() << u"No counterpart in Marketo"_qs;
    QTest::newRow("role without marketo roles") << RecordKind::OpportunityRoles << System::Salesforce
        << u"OpportunityContactRole"_qs << u"00K7F00000Bz1QaUAJ"_qs << false << QString() << u"No counterpart in Marketo"_qs;
}

void TestSnapshotTableModel::counterpart()
{
    QFETCH(RecordKind, kind);
    QFETCH(System, from);
    QFETCH(QString, objectType);
    QFETCH(QString, key);
    QFETCH(bool, found);
    QFETCH(QString, counterpartKey);
    QFETCH(QString, messagePart);
    msi::store::SnapshotRepository repository(m_sample.workspace());
    const auto record = repository.record(from, objectType, key);
    QVERIFY(record);
    CounterpartFinder finder(m_sample.workspace());
    QSignalSpy spy(&finder, &CounterpartFinder::found);
    finder.find(kind, from, *record);
    QTRY_COMPARE(spy.size(), 1);
    const auto c = spy.at(0).at(0).value<Counterpart>();
    QCOMPARE(c.found(), found);
    QCOMPARE(c.recordKey, counterpartKey);
    QVERIFY(c.system != from);
    QVERIFY2(c.message.contains(messagePart), qPrintable(c.message));
    if (messagePart.isEmpty())
        QVERIFY(c.message.isEmpty());
}

QTEST_GUILESS_MAIN(TestSnapshotTableModel)
#include "tst_snapshottablemodel.moc"
