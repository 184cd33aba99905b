// The admin's saved choices hold for every run, whoever starts it: the write-back targets of the
// workspace's field mapping and its fallback sales person for queue-owned records
// (sync::WorkspacePolicy). Expected values: the bundled sample org (resources/sample-org).
#include "SyncTestKit.h"

#include "store/MappingRepository.h"
#include "store/Workspace.h"
#include "sync/SyncPolicy.h"
#include "sync/WorkspacePolicy.h"

#include <QTemporaryDir>

using namespace msi;
using sync::RunResult;
using sync::Stage;

namespace {

const QString kGenePoint = u"0017F000007y8FPQAY"_qs; // Account GenePoint, owned by María
const QString kQueue = u"00G7F000003AbCdUAK"_qs;     // a queue (key prefix 00G)
const QString kKenji = u"0057F00000DaW1eQAF"_qs;     // User Kenji Sato
const QString kBertha = u"00Q7F000006QwAbUAK"_qs;    // Lead Bertha Boxer, adopts Marketo lead 1041
const QString kSean = u"0037F000009XkPVQA0"_qs;      // Contact Sean Forbes, adopts lead 1048 (0s)

// A mapping document as the Field mapping panel saves it: the seven MSI values on Lead and
// Contact, less the rows named in `leaveOut` ("Contact.priority"), and an optional fallback.
QJsonObject mappingDocument(const QStringList &leaveOut, const QString &fallback)
{
    QJsonArray rows;
    for (const QString &object : {u"Lead"_qs, u"Contact"_qs}) {
        for (const sync::MsiFieldMapping &field : sync::SyncPolicy::defaultMsiFields()) {
            if (leaveOut.contains(object + u'.' + field.marketoField))
                continue;
            rows.append(QJsonObject{{u"stage"_qs, u"msi-writeback"_qs},
                                    {u"direction"_qs, u"to-salesforce"_qs},
                                    {u"salesforceObject"_qs, object},
                                    {u"salesforceField"_qs, field.salesforceField},
                                    {u"marketoObject"_qs, u"leads"_qs},
                                    {u"marketoField"_qs, field.marketoField},
                                    {u"locked"_qs, false}});
        }
    }
    QJsonObject document{{u"format"_qs, u"msi-bridge-mapping"_qs}, {u"version"_qs, 1},
                         {u"rows"_qs, rows}};
    if (!fallback.isEmpty())
        document.insert(u"policy"_qs, QJsonObject{{u"fallbackSalesPersonId"_qs, fallback}});
    return document;
}

bool saveMapping(const QString &path, const QJsonObject &document)
{
    store::Workspace workspace(path);
    return workspace.open(nullptr) && store::MappingRepository(workspace).save(document) > 0;
}

QJsonObject byValue(const QJsonArray &records, const QString &key, const QString &value)
{
    for (const QJsonValue &record : records) {
        if (record.toObject().value(key).toString() == value)
            return record.toObject();
    }
    return {};
}

} // namespace

class TestSyncPolicy final : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void readsTheMappingDocument();
    void savedFallbackSalesPersonIsFollowed_data();
    void savedFallbackSalesPersonIsFollowed();
    void writeBackFollowsTheMapping();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    QString m_workspace;
};

void TestSyncPolicy::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_sandbox = std::make_unique<sandbox::Sandbox>();
    QString error;
    QVERIFY2(m_sandbox->start({}, &error), qPrintable(error));
    m_workspace = m_dir->filePath(u"policy.sqlite"_qs);
}

void TestSyncPolicy::cleanup()
{
    m_sandbox.reset();
    m_dir.reset();
}

void TestSyncPolicy::readsTheMappingDocument()
{
    const sync::WorkspacePolicy::Saved saved = sync::WorkspacePolicy::read(
        mappingDocument({u"Contact.priority"_qs}, kKenji));
    QVERIFY(saved.hasMapping);
    QCOMPARE(saved.fallbackSalesPersonId, kKenji);
    QCOMPARE(saved.msiFields.size(), 7); // six on both objects, priority on Lead only
    for (const sync::MsiFieldMapping &field : saved.msiFields) {
        QCOMPARE(field.salesforceObject, field.marketoField == u"priority" ? u"Lead"_qs : QString());
        QCOMPARE(field.isDateTime, field.marketoField == u"msiLastInterestingMomentDate");
    }
    QVERIFY(!sync::WorkspacePolicy::read(QJsonObject{{u"rows"_qs, QJsonArray()}}).hasMapping);
}

void TestSyncPolicy::savedFallbackSalesPersonIsFollowed_data()
{
    QTest::addColumn<QString>("fallback");
    QTest::addColumn<QString>("salesPerson"); // GenePoint's externalSalesPersonId, "" = not sent
    QTest::newRow("no fallback: blocked") << QString() << QString();
    QTest::newRow("saved fallback: Kenji Sato") << kKenji << kKenji;
}

void TestSyncPolicy::savedFallbackSalesPersonIsFollowed()
{
    QFETCH(QString, fallback);
    QFETCH(QString, salesPerson);
    QVERIFY(m_sandbox->editSalesforceRecord(kGenePoint, QJsonObject{{u"OwnerId"_qs, kQueue}}));
    QVERIFY(saveMapping(m_workspace, mappingDocument({}, fallback)));
    // No fallback in the run's options: only the workspace knows it.
    const RunResult run = synctest::runSync(m_workspace, synctest::connectionFor(*m_sandbox));
    QVERIFY2(run.runId > 0, qPrintable(run.message));
    const QJsonObject company = byValue(m_sandbox->marketoRecords(u"companies"_qs),
                                        u"externalCompanyId"_qs, kGenePoint);
    if (salesPerson.isEmpty()) {
        QVERIFY(company.isEmpty());
        QCOMPARE(run.stage(Stage::Companies)->blocked, 1);
    } else {
        QCOMPARE(company.value(u"externalSalesPersonId"_qs).toString(), salesPerson);
        QCOMPARE(run.stage(Stage::Companies)->blocked, 0);
    }
}

void TestSyncPolicy::writeBackFollowsTheMapping()
{
    // The admin mapped priority on Leads only: Contacts keep their Salesforce value (null).
    QVERIFY(saveMapping(m_workspace, mappingDocument({u"Contact.priority"_qs}, {})));
    const RunResult run = synctest::runSync(m_workspace, synctest::connectionFor(*m_sandbox));
    QVERIFY2(run.runId > 0, qPrintable(run.message));
    const QJsonObject bertha = m_sandbox->salesforceRecord(kBertha);
    const QJsonObject sean = m_sandbox->salesforceRecord(kSean);
    QVERIFY2(bertha.value(u"mkto_si__Priority__c"_qs).isDouble(), QJsonDocument(bertha).toJson().constData());
    QVERIFY(sean.value(u"mkto_si__Priority__c"_qs).isNull());
    QCOMPARE(sean.value(u"mkto_si__Urgency_Value__c"_qs).toDouble(-1), 0.0); // M-04: 0 is a value
    QVERIFY(bertha.value(u"mkto_si__Urgency_Value__c"_qs).isDouble());
}

QTEST_GUILESS_MAIN(TestSyncPolicy)
#include "tst_sync_policy.moc"
