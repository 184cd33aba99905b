// The Field mapping panel over the sample org's catalog: change a field in the table, undo and
// redo it, export and import the mapping, save it into the workspace.
#include "../support/SampleWorkspace.h"

#include "store/MappingRepository.h"
#include "tables/FieldCatalog.h"
#include "tables/MappingModel.h"
#include "ui/mapping/MappingPanel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using msi::tables::FieldCatalog;
using msi::tables::MappingModel;
using msi::ui::MappingPanel;

namespace {

// Every control a keyboard can reach has a name for screen readers.
QStringList unnamedControls(QWidget *panel)
{
    QStringList unnamed;
    for (QWidget *w : panel->findChildren<QWidget *>()) {
        if (w->focusPolicy() == Qt::NoFocus || w->inherits("QScrollBar") || w->inherits("QHeaderView")
            || w->inherits("QMenu") || w->inherits("QToolButton") || w->inherits("QSplitterHandle"))
            continue;
        QWidget *parent = w->parentWidget();
        if (parent && (parent->inherits("QComboBox") || parent->inherits("QAbstractScrollArea")
                       || parent->inherits("QAbstractSpinBox")))
            continue; // the inner parts of a combo box, a viewport
        if (w->accessibleName().isEmpty())
            unnamed << w->objectName() + u'(' + QString::fromLatin1(w->metaObject()->className()) + u')';
    }
    return unnamed;
}

} // namespace

class TestMappingPanel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void showsDefaultsWithLockedIds();
    void editInTheTableThenUndo();
    void exportImportAndSave();
    void importRejectsAForeignFile();
    void stageFilter();
    void fallbackSalesPersonIsChosenAndSaved();
    void accessibleNames();

private:
    QModelIndex proxyIndex(MappingPanel &panel, const QString &sfObject, const QString &mktoField, int column);
    SampleWorkspace m_sample;
    FieldCatalog m_catalog;
};

void TestMappingPanel::initTestCase()
{
    QVERIFY2(m_sample.fill(), qPrintable(m_sample.error()));
    m_catalog = FieldCatalog::fromState(m_sample.state());
}

QModelIndex TestMappingPanel::proxyIndex(MappingPanel &panel, const QString &sfObject, const QString &mktoField, int column)
{
    return panel.stageFilter()->mapFromSource(panel.model()->indexOf(sfObject, mktoField, column));
}

void TestMappingPanel::showsDefaultsWithLockedIds()
{
    MappingPanel panel(m_catalog, &m_sample.workspace());
    QAbstractItemModelTester tester(panel.stageFilter(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QModelIndex id = proxyIndex(panel, u"Contact"_qs, u"externalPersonId"_qs, MappingModel::SalesforceColumn);
    QVERIFY(id.isValid());
    QCOMPARE(id.data().toString(), u"Contact.Id"_qs);
    QVERIFY(!(id.flags() & Qt::ItemIsEditable));
    QCOMPARE(id.data(Qt::ToolTipRole).toString(), u"Locked: MSI requires this external ID."_qs);
    // The sample org has the package fields: nothing to fix before a run.
    QStringList errors;
    for (int row = 0; row < panel.model()->rowCount(); ++row) {
        const auto level = panel.model()->checkAt(row).level;
        if (level == msi::tables::MappingCheck::Level::Error || level == msi::tables::MappingCheck::Level::Warning)
            errors << panel.model()->checkAt(row).text;
    }
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QVERIFY(panel.findChild<QLabel *>(u"mappingSummary"_qs)->text().contains(u"0 errors, 0 warnings"_qs));
    const QModelIndex score = proxyIndex(panel, u"Lead"_qs, u"relativeScoring"_qs, MappingModel::SalesforceColumn);
    QCOMPARE(score.data().toString(), u"Lead.mkto_si__Relative_Score_Value__c"_qs);
}

void TestMappingPanel::editInTheTableThenUndo()
{
    MappingPanel panel(m_catalog, nullptr);
    panel.resize(1000, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTableView *view = panel.view();
    const QModelIndex cell = proxyIndex(panel, u"Account"_qs, u"industry"_qs, MappingModel::SalesforceColumn);
    QVERIFY(cell.isValid());
    QCOMPARE(cell.data().toString(), u"Account.Industry"_qs);
    // Edit the way an admin does: F2 on the cell, pick a field in the list, Enter.
    view->setFocus();
    view->setCurrentIndex(cell);
    QTest::keyClick(view, Qt::Key_F2);
    auto *editor = view->findChild<QComboBox *>(u"mappingFieldEditor"_qs);
    QVERIFY(editor);
    const int name = editor->findData(u"Name"_qs);
    QVERIFY(name > 0);
    editor->setCurrentIndex(name);
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(cell.data().toString(), u"Account.Name"_qs);
    QCOMPARE(panel.undoStack()->count(), 1);
    auto *undo = panel.findChild<QPushButton *>(u"mappingUndo"_qs);
    QVERIFY(undo->isEnabled());
    QTest::mouseClick(undo, Qt::LeftButton);
    QCOMPARE(cell.data().toString(), u"Account.Industry"_qs);
    // Keyboard redo.
    view->setFocus();
    QTest::keySequence(view, QKeySequence::Redo);
    QCOMPARE(cell.data().toString(), u"Account.Name"_qs);
    // Row check of the edited row is shown under the table.
    view->setCurrentIndex(cell);
    QVERIFY(panel.findChild<QLabel *>(u"mappingRowCheck"_qs)->text().contains(u"Types match"_qs));
}

void TestMappingPanel::exportImportAndSave()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"mapping.json"_qs);
    MappingPanel panel(m_catalog, &m_sample.workspace());
    const QModelIndex title = panel.model()->indexOf(u"Lead"_qs, u"title"_qs, MappingModel::MarketoColumn);
    QVERIFY(panel.model()->setData(title, QString())); // stop sending Lead.Title
    QString error;
    QVERIFY2(panel.exportTo(path, &error), qPrintable(error));
    QVERIFY(panel.statusText().contains(path));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject document = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(document.value(u"format").toString(), u"msi-bridge-mapping"_qs);
    bool titleRow = false;
    for (const QJsonValue &v : document.value(u"rows").toArray()) {
        const QJsonObject row = v.toObject();
        if (row.value(u"salesforceObject").toString() == u"Lead" && row.value(u"salesforceField").toString() == u"Title") {
            titleRow = true;
            QCOMPARE(row.value(u"marketoField").toString(), QString());
        }
    }
    QVERIFY(titleRow);

    // Back to the defaults, then import the file: the change is back, as one undo step.
    panel.resetToDefaults();
    QCOMPARE(panel.model()->recordAt(title.row()).marketoField, u"title"_qs);
    QVERIFY2(panel.importFrom(path, &error), qPrintable(error));
    QCOMPARE(panel.model()->recordAt(title.row()).marketoField, QString());
    panel.undoStack()->undo();
    QCOMPARE(panel.model()->recordAt(title.row()).marketoField, u"title"_qs);
    panel.undoStack()->redo();

    // Save: a new version in the workspace, which a new panel shows.
    QVERIFY2(panel.saveToWorkspace(&error), qPrintable(error));
    const auto current = msi::store::MappingRepository(m_sample.workspace()).current();
    QVERIFY(current);
    QCOMPARE(current->document, panel.model()->mapping().toJson());
    MappingPanel reopened(m_catalog, &m_sample.workspace());
    QCOMPARE(reopened.model()->recordAt(title.row()).marketoField, QString());
}

// The sales person for queue-owned records: chosen among the users the workspace read, one undo
// step, kept by Defaults, saved with the mapping (every run follows it: tst_sync_policy).
void TestMappingPanel::fallbackSalesPersonIsChosenAndSaved()
{
    const QString kenji = u"0057F00000DaW1eQAF"_qs; // User Kenji Sato (sample-org/User.json)
    MappingPanel panel(m_catalog, &m_sample.workspace());
    auto *combo = panel.findChild<QComboBox *>(u"mappingFallbackSalesPerson"_qs);
    QVERIFY(combo);
    QCOMPARE(combo->currentData().toString(), QString()); // none chosen: blocked
    QCOMPARE(combo->count(), 1 + 5);                      // and the sample org's 5 users
    const int index = combo->findData(kenji);
    QVERIFY(index > 0);
    QVERIFY2(combo->itemText(index).contains(u"Kenji Sato <kenji.sato@aurora-power.example>"),
             qPrintable(combo->itemText(index)));
    combo->setCurrentIndex(index);
    emit combo->activated(index);
    QCOMPARE(panel.model()->mapping().fallbackSalesPersonId, kenji);
    panel.undoStack()->undo();
    QCOMPARE(panel.model()->mapping().fallbackSalesPersonId, QString());
    QCOMPARE(combo->currentData().toString(), QString());
    panel.undoStack()->redo();
    QCOMPARE(combo->currentData().toString(), kenji);
    panel.resetToDefaults();
    QCOMPARE(panel.model()->mapping().fallbackSalesPersonId, kenji);

    QString error;
    QVERIFY2(panel.saveToWorkspace(&error), qPrintable(error));
    const auto current = msi::store::MappingRepository(m_sample.workspace()).current();
    QVERIFY(current);
    QCOMPARE(current->document.value(u"policy"_qs).toObject().value(u"fallbackSalesPersonId"_qs).toString(),
             kenji);
    MappingPanel reopened(m_catalog, &m_sample.workspace());
    QCOMPARE(reopened.findChild<QComboBox *>(u"mappingFallbackSalesPerson"_qs)->currentData().toString(),
             kenji);
    // Leave the shared workspace as the other tests expect it.
    auto *again = reopened.findChild<QComboBox *>(u"mappingFallbackSalesPerson"_qs);
    again->setCurrentIndex(0);
    emit again->activated(0);
    QVERIFY2(reopened.saveToWorkspace(&error), qPrintable(error));
}

void TestMappingPanel::importRejectsAForeignFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"other.json"_qs);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"mappings":[]})");
    file.close();
    MappingPanel panel(m_catalog, nullptr);
    const int rows = panel.model()->rowCount();
    QString error;
    QVERIFY(!panel.importFrom(path, &error));
    QVERIFY(error.contains(path) && error.contains(u"not an MSI Bridge field mapping"_qs));
    QCOMPARE(panel.statusText(), error);
    QCOMPARE(panel.model()->rowCount(), rows);
    QCOMPARE(panel.undoStack()->count(), 0);
}

void TestMappingPanel::stageFilter()
{
    MappingPanel panel(m_catalog, nullptr);
    auto *stage = panel.findChild<QComboBox *>(u"mappingStage"_qs);
    stage->setCurrentIndex(stage->findText(u"Sales persons"_qs, Qt::MatchContains | Qt::MatchFixedString));
    QVERIFY(stage->currentIndex() > 0);
    QCOMPARE(panel.stageFilter()->rowCount(), 4); // Id, Email, FirstName, LastName of User
    stage->setCurrentIndex(0);
    QCOMPARE(panel.stageFilter()->rowCount(), panel.model()->rowCount());
}

void TestMappingPanel::accessibleNames()
{
    MappingPanel panel(m_catalog, &m_sample.workspace());
    const QStringList unnamed = unnamedControls(&panel);
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u", "_qs)));
}

QTEST_MAIN(TestMappingPanel)
#include "tst_mappingpanel.moc"
