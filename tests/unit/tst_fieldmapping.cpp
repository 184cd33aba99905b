// Field mapping: defaults, MSI targets from the org's fields, type and length checks, suggestions,
// JSON round trip and the table model with undo.
#include "../support/SampleWorkspace.h"

#include "checks/MsiFields.h"
#include "checks/SeedReader.h"
#include "sync/WorkspacePolicy.h"
#include "tables/FieldMapping.h"
#include "tables/MappingModel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUndoStack>

using msi::store::System;
using msi::tables::FieldCatalog;
using msi::tables::FieldMapping;
using msi::tables::MappingCheck;
using msi::tables::MappingModel;
using msi::tables::MappingRow;
using Level = msi::tables::MappingCheck::Level;

namespace {

QJsonObject sfField(const QString &name, const QString &label, const QString &type, int length, bool updateable = true)
{
    return {{u"name"_qs, name}, {u"label"_qs, label}, {u"type"_qs, type}, {u"length"_qs, length}, {u"updateable"_qs, updateable}};
}

QJsonObject mktoField(const QString &name, const QString &label, const QString &type, int length, bool readOnly = false)
{
    return {{u"rest"_qs, QJsonObject{{u"name"_qs, name}, {u"readOnly"_qs, readOnly}}},
            {u"displayName"_qs, label}, {u"dataType"_qs, type}, {u"length"_qs, length}};
}

// A small org with describes: Lead fields and Marketo lead fields.
FieldCatalog describedCatalog(bool withPackage)
{
    FieldCatalog catalog;
    QJsonArray lead{sfField(u"Id"_qs, u"Lead ID"_qs, u"id"_qs, 18, false),
                    sfField(u"Email"_qs, u"Email"_qs, u"email"_qs, 80),
                    sfField(u"Company"_qs, u"Company"_qs, u"string"_qs, 255),
                    sfField(u"Description"_qs, u"Description"_qs, u"textarea"_qs, 32000),
                    sfField(u"Status"_qs, u"Lead Status"_qs, u"picklist"_qs, 255),
                    sfField(u"Industry"_qs, u"Industry"_qs, u"picklist"_qs, 255),
                    sfField(u"AnnualRevenue"_qs, u"Annual Revenue"_qs, u"currency"_qs, 0),
                    sfField(u"IsUnreadByOwner"_qs, u"Unread By Owner"_qs, u"boolean"_qs, 0)};
    if (withPackage) {
        lead.append(sfField(u"mkto_si__Priority__c"_qs, u"Priority"_qs, u"double"_qs, 0));
        lead.append(sfField(u"mkto_si__Last_Interesting_Moment_Date__c"_qs, u"Last Interesting Moment Date"_qs, u"datetime"_qs, 0));
        lead.append(sfField(u"mkto_si__Relative_Score_Value__c"_qs, u"Relative Score"_qs, u"double"_qs, 0, false));
    } else {
        lead.append(sfField(u"Priority__c"_qs, u"Priority"_qs, u"double"_qs, 0));
        lead.append(sfField(u"LIM_Date__c"_qs, u"Last Interesting Moment Date"_qs, u"datetime"_qs, 0));
    }
    catalog.addDescribe(System::Salesforce, u"Lead"_qs, {{u"name"_qs, u"Lead"_qs}, {u"fields"_qs, lead}});
    const QJsonArray leads{mktoField(u"email"_qs, u"Email Address"_qs, u"email"_qs, 255),
                           mktoField(u"company"_qs, u"Company Name"_qs, u"string"_qs, 255),
                           mktoField(u"leadStatus"_qs, u"Lead Status"_qs, u"string"_qs, 255),
                           mktoField(u"industry"_qs, u"Industry"_qs, u"string"_qs, 255),
                           mktoField(u"shortNote"_qs, u"Short Note"_qs, u"string"_qs, 100),
                           mktoField(u"numberOfEmployees"_qs, u"Num Employees"_qs, u"integer"_qs, 0),
                           mktoField(u"priority"_qs, u"Priority"_qs, u"integer"_qs, 0, true),
                           mktoField(u"relativeScore"_qs, u"Relative Score"_qs, u"integer"_qs, 0, true),
                           mktoField(u"msiLastInterestingMomentDate"_qs, u"Last Interesting Moment Date"_qs, u"datetime"_qs, 0, true)};
    catalog.addDescribe(System::Marketo, u"leads"_qs, {{u"result"_qs, leads}});
    return catalog;
}

MappingRow toMarketo(const QString &sfField, const QString &mktoField)
{
    MappingRow row;
    row.stage = u"leads"_qs;
    row.salesforceObject = u"Lead"_qs;
    row.salesforceField = sfField;
    row.marketoObject = u"leads"_qs;
    row.marketoField = mktoField;
    return row;
}

} // namespace

class TestFieldMapping : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void defaultsLockTheExternalIds_data();
    void defaultsLockTheExternalIds();
    void msiTargetsFromTheSampleOrg_data();
    void msiTargetsFromTheSampleOrg();
    void msiTargetsWithoutThePackage();
    void catalogFromTheWorkspace();
    void checks_data();
    void checks();
    void suggestsByNameAndLabel();
    void jsonRoundTripAndLockedRows();
    void runsReadTheSavedDocument();
    void rejectsBadDocuments_data();
    void rejectsBadDocuments();
    void modelEditsUndo();

private:
    FieldCatalog m_sample;
};

void TestFieldMapping::initTestCase()
{
    msi::checks::SystemState state;
    QString error;
    QVERIFY2(msi::checks::SeedReader::read(QStringLiteral(MSI_SAMPLE_ORG_DIR), &state, &error), qPrintable(error));
    m_sample = FieldCatalog::fromState(state);
    QVERIFY(m_sample.isDerived(System::Salesforce, u"Lead"_qs)); // the sample org has no describe files
}

void TestFieldMapping::defaultsLockTheExternalIds_data()
{
    // MSI's mandatory external IDs (shared/reference/marketo-api.md, sections 3-7).
    QTest::addColumn<QString>("sfObject");
    QTest::addColumn<QString>("sfField");
    QTest::addColumn<QString>("mktoField");
    QTest::newRow("user") << u"User"_qs << u"Id"_qs << u"externalSalesPersonId"_qs;
    QTest::newRow("account") << u"Account"_qs << u"Id"_qs << u"externalCompanyId"_qs;
    QTest::newRow("account owner") << u"Account"_qs << u"OwnerId"_qs << u"externalSalesPersonId"_qs;
    QTest::newRow("contact") << u"Contact"_qs << u"Id"_qs << u"externalPersonId"_qs;
    QTest::newRow("contact account") << u"Contact"_qs << u"AccountId"_qs << u"externalCompanyId"_qs;
    QTest::newRow("lead") << u"Lead"_qs << u"Id"_qs << u"externalPersonId"_qs;
    QTest::newRow("opportunity") << u"Opportunity"_qs << u"Id"_qs << u"externalOpportunityId"_qs;
    QTest::newRow("role") << u"OpportunityContactRole"_qs << u"OpportunityId"_qs << u"externalOpportunityId"_qs;
}

void TestFieldMapping::defaultsLockTheExternalIds()
{
    QFETCH(QString, sfObject);
    QFETCH(QString, sfField);
    QFETCH(QString, mktoField);
    MappingModel model(m_sample);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QModelIndex index = model.indexOf(sfObject, mktoField, MappingModel::SalesforceColumn);
    QVERIFY(index.isValid());
    QCOMPARE(model.recordAt(index.row()).salesforceField, sfField);
    QVERIFY(model.recordAt(index.row()).locked);
    QVERIFY(!(model.flags(index) & Qt::ItemIsEditable));
    QVERIFY(!(model.flags(index.siblingAtColumn(MappingModel::MarketoColumn)) & Qt::ItemIsEditable));
    QVERIFY(!model.setData(index, u"Name"_qs));
    QCOMPARE(model.checkAt(index.row()).level, Level::Info);
    QVERIFY(model.checkAt(index.row()).text.contains(u"18-character"_qs));
}

void TestFieldMapping::msiTargetsFromTheSampleOrg_data()
{
    QTest::addColumn<QString>("object");
    QTest::addColumn<QString>("marketo");
    QTest::addColumn<QString>("salesforce");
    // MANIFEST.md: the 7 mkto_si__ fields are on every Lead and Contact; Marketo names from the
    // sample leads (priority, relativeUrgency, relativeScoring).
    for (const QString &object : {u"Lead"_qs, u"Contact"_qs}) {
        for (const auto &field : msi::checks::MsiFields::all()) {
            QTest::addRow("%s %s", qPrintable(object), qPrintable(field.salesforceSuffix))
                << object << field.marketoNames.constFirst() << QString(u"mkto_si__"_qs + field.salesforceSuffix);
        }
    }
}

void TestFieldMapping::msiTargetsFromTheSampleOrg()
{
    QFETCH(QString, object);
    QFETCH(QString, marketo);
    QFETCH(QString, salesforce);
    const FieldMapping mapping = FieldMapping::defaults(m_sample);
    const auto targets = mapping.msiFieldMappings(object);
    QCOMPARE(targets.size(), 7);
    // Types known from the MSI package even though every sample value is null: no warning.
    for (const MappingRow &row : mapping.rows) {
        if (row.salesforceObject == object && row.marketoField == marketo) {
            const MappingCheck check = FieldMapping::check(row, m_sample);
            QVERIFY2(check.level == Level::Ok, qPrintable(check.text));
        }
    }
    bool found = false;
    for (const auto &t : targets) {
        if (t.marketoField == marketo) {
            QCOMPARE(t.salesforceField, salesforce);
            found = true;
        }
    }
    QVERIFY(found);
}

void TestFieldMapping::msiTargetsWithoutThePackage()
{
    const FieldCatalog catalog = describedCatalog(false);
    const FieldMapping mapping = FieldMapping::defaults(catalog);
    QStringList targets;
    for (const auto &t : mapping.msiFieldMappings(u"Lead"_qs))
        targets << t.marketoField + u'=' + t.salesforceField;
    // Priority__c by name, LIM_Date__c by its label; this instance calls the score relativeScore.
    QVERIFY2(targets.contains(u"priority=Priority__c"_qs), qPrintable(targets.join(u' ')));
    QVERIFY2(targets.contains(u"msiLastInterestingMomentDate=LIM_Date__c"_qs), qPrintable(targets.join(u' ')));
    // A value with no field in the org: an error that asks to pick one.
    for (const MappingRow &row : mapping.rows) {
        if (row.salesforceObject == u"Lead" && row.marketoField == u"relativeScore") {
            QVERIFY(row.salesforceField.isEmpty());
            const MappingCheck check = FieldMapping::check(row, catalog);
            QCOMPARE(check.level, Level::Error);
            QVERIFY(check.text.contains(u"Pick"_qs));
        }
    }
}

void TestFieldMapping::catalogFromTheWorkspace()
{
    SampleWorkspace sample;
    QVERIFY2(sample.fill(), qPrintable(sample.error()));
    const FieldCatalog catalog = FieldCatalog::fromWorkspace(sample.workspace());
    QVERIFY(catalog.field(System::Salesforce, u"Contact"_qs, u"mkto_si__Priority__c"_qs));
    QCOMPARE(catalog.field(System::Salesforce, u"Account"_qs, u"AnnualRevenue"_qs)->type, u"double"_qs);
    // Documented for Marketo even though the sample holds no opportunities.
    QCOMPARE(catalog.field(System::Marketo, u"opportunities"_qs, u"externalOpportunityId"_qs)->length, 50);
    QCOMPARE(FieldMapping::defaults(catalog).rows, FieldMapping::defaults(m_sample).rows);
}

void TestFieldMapping::checks_data()
{
    QTest::addColumn<MappingRow>("row");
    QTest::addColumn<int>("level");
    QTest::addColumn<QString>("words");
    QTest::newRow("same type") << toMarketo(u"Email"_qs, u"email"_qs) << int(Level::Ok) << u"Types match"_qs;
    QTest::newRow("picklist as text") << toMarketo(u"Industry"_qs, u"industry"_qs) << int(Level::Ok) << u"Types match"_qs;
    QTest::newRow("longer source is cut") << toMarketo(u"Company"_qs, u"shortNote"_qs) << int(Level::Warning) << u"cut"_qs;
    QTest::newRow("number sent as text") << toMarketo(u"AnnualRevenue"_qs, u"company"_qs) << int(Level::Warning) << u"as text"_qs;
    QTest::newRow("decimals cut") << toMarketo(u"AnnualRevenue"_qs, u"numberOfEmployees"_qs) << int(Level::Warning) << u"decimals"_qs;
    QTest::newRow("text into a number") << toMarketo(u"Company"_qs, u"numberOfEmployees"_qs) << int(Level::Error) << u"cannot be written"_qs;
    QTest::newRow("boolean into a number") << toMarketo(u"IsUnreadByOwner"_qs, u"numberOfEmployees"_qs) << int(Level::Error) << u"cannot be written"_qs;
    QTest::newRow("read-only target") << toMarketo(u"AnnualRevenue"_qs, u"priority"_qs) << int(Level::Error) << u"cannot be updated"_qs;
    QTest::newRow("missing source") << toMarketo(u"Rating"_qs, u"company"_qs) << int(Level::Error) << u"does not exist in Salesforce"_qs;
    QTest::newRow("missing target") << toMarketo(u"Company"_qs, u"companyName"_qs) << int(Level::Error) << u"does not exist in Marketo"_qs;
    QTest::newRow("not mapped") << toMarketo(u"Company"_qs, QString()) << int(Level::Info) << u"Not mapped"_qs;
    MappingRow back;
    back.stage = u"msi-writeback"_qs;
    back.direction = MappingRow::Direction::ToSalesforce;
    back.salesforceObject = u"Lead"_qs;
    back.marketoObject = u"leads"_qs;
    back.marketoField = u"relativeScore"_qs;
    back.salesforceField = u"mkto_si__Relative_Score_Value__c"_qs;
    QTest::newRow("write-back into a read-only field") << back << int(Level::Error) << u"read-only for the integration user"_qs;
    back.marketoField = u"priority"_qs;
    back.salesforceField = u"mkto_si__Priority__c"_qs;
    QTest::newRow("write-back priority") << back << int(Level::Ok) << u"Types match"_qs;
    back.marketoField = u"msiLastInterestingMomentDate"_qs;
    back.salesforceField = u"Company"_qs;
    QTest::newRow("date-time sent as text") << back << int(Level::Warning) << u"as text"_qs;
}

void TestFieldMapping::checks()
{
    QFETCH(MappingRow, row);
    QFETCH(int, level);
    QFETCH(QString, words);
    const MappingCheck check = FieldMapping::check(row, describedCatalog(true));
    QVERIFY2(check.text.contains(words), qPrintable(check.text));
    QCOMPARE(int(check.level), level);
}

void TestFieldMapping::suggestsByNameAndLabel()
{
    const FieldCatalog catalog = describedCatalog(true);
    FieldMapping mapping;
    mapping.rows << toMarketo(u"Email"_qs, u"email"_qs);
    QStringList suggested;
    for (const MappingRow &row : mapping.suggestedRows(catalog))
        suggested << row.salesforceField + u"->"_qs + row.marketoField;
    // Industry by API name, Status by its label "Lead Status"; Company by name too. Email is
    // mapped already, Description has no match.
    QCOMPARE(suggested, (QStringList{u"Company->company"_qs, u"Status->leadStatus"_qs, u"Industry->industry"_qs}));
}

void TestFieldMapping::jsonRoundTripAndLockedRows()
{
    FieldMapping mapping = FieldMapping::defaults(m_sample);
    mapping.rows[1].marketoField.clear(); // User.Email not sent
    FieldMapping back;
    QString error;
    QVERIFY2(FieldMapping::fromJson(mapping.toJson(), &back, &error), qPrintable(error));
    QCOMPARE(back.rows, mapping.rows);
    QVERIFY(!mapping.toJson().contains(u"policy"));
    // The fallback sales person for queue-owned records travels with the mapping.
    mapping.fallbackSalesPersonId = u"0057F00000DaW1eQAF"_qs; // Kenji Sato
    QCOMPARE(mapping.toJson().value(u"policy").toObject().value(u"fallbackSalesPersonId").toString(),
             u"0057F00000DaW1eQAF"_qs);
    QVERIFY2(FieldMapping::fromJson(mapping.toJson(), &back, &error), qPrintable(error));
    QCOMPARE(back.fallbackSalesPersonId, u"0057F00000DaW1eQAF"_qs);
    mapping.fallbackSalesPersonId.clear();

    // A file that unlocks and changes an external ID gets the locked row back.
    QJsonObject document = mapping.toJson();
    QJsonArray rows = document.value(u"rows").toArray();
    QJsonObject first = rows.at(0).toObject();
    QCOMPARE(first.value(u"marketoField").toString(), u"externalSalesPersonId"_qs);
    first.insert(u"locked"_qs, false);
    first.insert(u"salesforceField"_qs, u"Email"_qs);
    rows.replace(0, first);
    document.insert(u"rows"_qs, rows);
    QVERIFY(FieldMapping::fromJson(document, &back, &error));
    back.enforceLockedRows(FieldMapping::defaults(m_sample));
    int idRows = 0;
    for (const MappingRow &row : back.rows) {
        if (row.salesforceObject == u"User" && row.marketoField == u"externalSalesPersonId") {
            ++idRows;
            QVERIFY(row.locked);
            QCOMPARE(row.salesforceField, u"Id"_qs);
        }
    }
    QCOMPARE(idRows, 1);
}

// What the panel and the wizard save is what every run reads (sync::WorkspacePolicy): the seven
// MSI targets of the sample org, the same on Lead and Contact, and the fallback sales person.
void TestFieldMapping::runsReadTheSavedDocument()
{
    FieldMapping mapping = FieldMapping::defaults(m_sample);
    mapping.fallbackSalesPersonId = u"0057F00000DaW1eQAF"_qs;
    const msi::sync::WorkspacePolicy::Saved saved = msi::sync::WorkspacePolicy::read(mapping.toJson());
    QVERIFY(saved.hasMapping);
    QCOMPARE(saved.fallbackSalesPersonId, u"0057F00000DaW1eQAF"_qs);
    const QList<msi::sync::MsiFieldMapping> lead = mapping.msiFieldMappings(u"Lead"_qs);
    QCOMPARE(lead.size(), 7);
    QCOMPARE(saved.msiFields.size(), lead.size());
    for (qsizetype i = 0; i < lead.size(); ++i) {
        QCOMPARE(saved.msiFields.at(i).marketoField, lead.at(i).marketoField);
        QCOMPARE(saved.msiFields.at(i).salesforceField, lead.at(i).salesforceField);
        QCOMPARE(saved.msiFields.at(i).isDateTime, lead.at(i).isDateTime);
        QCOMPARE(saved.msiFields.at(i).salesforceObject, QString()); // Lead and Contact alike
        QVERIFY(saved.msiFields.at(i).salesforceField.startsWith(u"mkto_si__"));
    }
}

void TestFieldMapping::rejectsBadDocuments_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("words");
    QTest::newRow("other format") << QByteArray(R"({"format":"x","version":1,"rows":[]})") << u"not an MSI Bridge field mapping"_qs;
    QTest::newRow("newer version") << QByteArray(R"({"format":"msi-bridge-mapping","version":2,"rows":[]})") << u"version 2"_qs;
    QTest::newRow("unknown stage") << QByteArray(R"({"format":"msi-bridge-mapping","version":1,"rows":[{"stage":"contacts","direction":"to-marketo","salesforceObject":"Contact","marketoObject":"leads"}]})")
                                   << u"Row 1 names an unknown stage"_qs;
    QTest::newRow("bad direction") << QByteArray(R"({"format":"msi-bridge-mapping","version":1,"rows":[{"stage":"leads","direction":"both","salesforceObject":"Contact","marketoObject":"leads"}]})")
                                   << u"Row 1 has direction"_qs;
}

void TestFieldMapping::rejectsBadDocuments()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, words);
    FieldMapping mapping;
    QString error;
    QVERIFY(!FieldMapping::fromJson(QJsonDocument::fromJson(json).object(), &mapping, &error));
    QVERIFY2(error.contains(words), qPrintable(error));
}

void TestFieldMapping::modelEditsUndo()
{
    MappingModel model(m_sample);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QUndoStack stack;
    model.setUndoStack(&stack);
    const QModelIndex title = model.indexOf(u"Contact"_qs, u"title"_qs, MappingModel::MarketoColumn);
    QVERIFY(title.isValid());
    QVERIFY(model.flags(title) & Qt::ItemIsEditable);
    QVERIFY(model.data(title, MappingModel::CandidatesRole).toStringList().contains(u"company"_qs));
    QVERIFY(!model.setData(title, u"noSuchField"_qs)); // only fields the catalog lists
    QVERIFY(model.setData(title, u"company"_qs));
    QCOMPARE(model.recordAt(title.row()).marketoField, u"company"_qs);
    QCOMPARE(stack.count(), 1);
    stack.undo();
    QCOMPARE(model.recordAt(title.row()).marketoField, u"title"_qs);
    stack.redo();
    QCOMPARE(model.recordAt(title.row()).marketoField, u"company"_qs);
    const int rows = model.rowCount();
    model.setMapping(FieldMapping(), u"clear"_qs);
    QCOMPARE(model.rowCount(), 0);
    stack.undo();
    QCOMPARE(model.rowCount(), rows);
}

QTEST_GUILESS_MAIN(TestFieldMapping)
#include "tst_fieldmapping.moc"
