#include "../support/SampleWorkspace.h"

#include "tables/SnapshotTableModel.h"
#include "ui/records/RecordTableView.h"
#include "ui/records/RecordsPanel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using msi::store::System;
using msi::tables::RecordKind;
using msi::tables::SnapshotTableModel;
using msi::ui::RecordsPanel;
using msi::ui::RecordTableView;

class TestRecordsPanel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void opensBothSides_data();
    void opensBothSides();
    void filterNarrowsBothTables();
    void headerClickSorts();
    void selectsCounterpart_data();
    void selectsCounterpart();
    void keyboardMovesSelectionAndCounterpart();
    void jumpsToARecord();
    void copiesCells();
    void columnChooser();
    void fitsSmallWindow();

private:
    static void waitLoaded(RecordsPanel &panel);
    static QString currentKey(RecordsPanel &panel, System system);
    static int rowOf(RecordsPanel &panel, System system, const QString &key);
    SampleWorkspace m_sample;
};

void TestRecordsPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(u"MSI Bridge Tests"_qs);
    QApplication::setApplicationName(u"tst_recordspanel"_qs);
    QVERIFY2(m_sample.fill(), qPrintable(m_sample.error()));
}

void TestRecordsPanel::init()
{
    QSettings().clear();
}

void TestRecordsPanel::waitLoaded(RecordsPanel &panel)
{
    for (System system : {System::Salesforce, System::Marketo}) {
        SnapshotTableModel *model = panel.model(system);
        QTRY_VERIFY(!model->isLoading() && model->totalCount() >= 0);
    }
}

QString TestRecordsPanel::currentKey(RecordsPanel &panel, System system)
{
    const QModelIndex index = panel.view(system)->currentIndex();
    return index.isValid() && panel.view(system)->selectionModel()->isRowSelected(index.row())
               ? index.data(SnapshotTableModel::RecordKeyRole).toString()
               : QString();
}

int TestRecordsPanel::rowOf(RecordsPanel &panel, System system, const QString &key)
{
    return panel.model(system)->indexOf(key).row();
}

void TestRecordsPanel::opensBothSides_data()
{
    QTest::addColumn<RecordKind>("kind");
    QTest::addColumn<int>("salesforceRows"); // MANIFEST.md counts
    QTest::addColumn<int>("marketoRows");
    QTest::addColumn<QString>("title");
    QTest::newRow("users") << RecordKind::SalesPersons << 5 << 2 << u"Users ⇄ Sales persons"_qs;
    QTest::newRow("accounts") << RecordKind::Companies << 12 << 2 << u"Accounts ⇄ Companies"_qs;
    QTest::newRow("people (contacts first)") << RecordKind::People << 21 << 12 << u"Leads and Contacts ⇄ Leads"_qs;
    QTest::newRow("opportunities") << RecordKind::Opportunities << 32 << 0 << u"Opportunities ⇄ Opportunities"_qs;
    QTest::newRow("roles") << RecordKind::OpportunityRoles << 35 << 0 << u"Contact roles ⇄ Opportunity roles"_qs;
}

void TestRecordsPanel::opensBothSides()
{
    QFETCH(RecordKind, kind);
    QFETCH(int, salesforceRows);
    QFETCH(int, marketoRows);
    QFETCH(QString, title);
    RecordsPanel panel(m_sample.workspace());
    QAbstractItemModelTester sfTester(panel.model(System::Salesforce), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester mkTester(panel.model(System::Marketo), QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.setKind(kind);
    waitLoaded(panel);
    QCOMPARE(panel.findChild<QComboBox *>(u"recordKind"_qs)->currentText(), title);
    QCOMPARE(panel.model(System::Salesforce)->rowCount(), salesforceRows);
    QCOMPARE(panel.model(System::Marketo)->rowCount(), marketoRows);
    const QString count = panel.findChild<QLabel *>(u"salesforceCount"_qs)->text();
    QVERIFY2(count.contains(QString::number(salesforceRows)), qPrintable(count));
    // API names as header tooltips; the first visible column is the record's key.
    QHeaderView *header = panel.view(System::Salesforce)->horizontalHeader();
    QCOMPARE(panel.model(System::Salesforce)->headerData(header->logicalIndex(0), Qt::Horizontal, Qt::ToolTipRole).toString(),
             u"Id"_qs);
}

void TestRecordsPanel::filterNarrowsBothTables()
{
    RecordsPanel panel(m_sample.workspace());
    panel.setKind(RecordKind::SalesPersons);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    waitLoaded(panel);
    auto *filter = panel.findChild<QLineEdit *>(u"recordFilter"_qs);
    QTest::keyClicks(filter, u"okafor"_qs);
    // Daniel Okafor's User and the pilot's sales person 4 (dokafor@...).
    QTRY_COMPARE(panel.model(System::Salesforce)->rowCount(), 1);
    QTRY_COMPARE(panel.model(System::Marketo)->rowCount(), 1);
    QCOMPARE(panel.model(System::Salesforce)->recordKeyAt(0), u"0057F000009Zt4AQAS"_qs);
    QCOMPARE(panel.model(System::Marketo)->recordKeyAt(0), u"4"_qs);
    filter->clear();
    QTRY_COMPARE(panel.model(System::Salesforce)->rowCount(), 5);
}

void TestRecordsPanel::headerClickSorts()
{
    RecordsPanel panel(m_sample.workspace());
    panel.setKind(RecordKind::People); // Contacts on the Salesforce side
    panel.resize(1000, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    waitLoaded(panel);
    SnapshotTableModel *model = panel.model(System::Salesforce);
    QHeaderView *header = panel.view(System::Salesforce)->horizontalHeader();
    const int lastName = model->columnOf(u"LastName"_qs);
    QVERIFY(lastName >= 0 && !header->isSectionHidden(lastName));
    const QPoint centre(header->sectionViewportPosition(lastName) + header->sectionSize(lastName) / 2, header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, centre);
    // Barr < Bond < Boyle < D'Cruz ... < Young (the sample's Contacts, case-insensitive).
    QTRY_COMPARE(model->sortOrder().field, u"LastName"_qs);
    waitLoaded(panel);
    QCOMPARE(model->recordKeyAt(0), u"0037F000009XkPZQA0"_qs);
    QCOMPARE(model->recordKeyAt(3), u"0037F000009XkPjQAK"_qs);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, centre);
    QTRY_COMPARE(model->sortOrder().order, Qt::DescendingOrder);
    waitLoaded(panel);
    QCOMPARE(model->recordKeyAt(0), u"0037F000009XkPYQA0"_qs); // Young
    QCOMPARE(model->rowCount(), 21);
}

void TestRecordsPanel::selectsCounterpart_data()
{
    QTest::addColumn<RecordKind>("kind");
    QTest::addColumn<System>("from");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("counterpart"); // empty: none
    QTest::addColumn<QString>("message");
    QTest::newRow("Daniel Okafor -> sales person 4") << RecordKind::SalesPersons << System::Salesforce
        << u"0057F000009Zt4AQAS"_qs << u"4"_qs << u"Counterpart in Marketo"_qs;
    QTest::newRow("Kenji Sato has none") << RecordKind::SalesPersons << System::Salesforce
        << u"0057F00000DaW1eQAF"_qs << QString() << u"No counterpart in Marketo"_qs;
    QTest::newRow("lead 1049 -> contact Arthur Song") << RecordKind::People << System::Marketo
        << u"1049"_qs << u"0037F000009XkPgQAK"_qs << u"Counterpart in Salesforce"_qs;
    QTest::newRow("web-form lead 1041 is not linked") << RecordKind::People << System::Marketo
        << u"1041"_qs << QString() << u"No counterpart in Salesforce"_qs;
    QTest::newRow("company 7 through its 15-char ID") << RecordKind::Companies << System::Marketo
        << u"7"_qs << u"0017F000007y8FKQAY"_qs << u"legacy 15-character"_qs;
}

void TestRecordsPanel::selectsCounterpart()
{
    QFETCH(RecordKind, kind);
    QFETCH(System, from);
    QFETCH(QString, key);
    QFETCH(QString, counterpart);
    QFETCH(QString, message);
    RecordsPanel panel(m_sample.workspace());
    panel.setKind(kind);
    waitLoaded(panel);
    const System other = from == System::Salesforce ? System::Marketo : System::Salesforce;
    const int row = rowOf(panel, from, key);
    QVERIFY(row >= 0);
    panel.view(from)->selectRow(row);
    QTRY_VERIFY2(panel.counterpartMessage().contains(message), qPrintable(panel.counterpartMessage()));
    if (counterpart.isEmpty()) {
        QCOMPARE(currentKey(panel, other), QString());
    } else {
        QTRY_COMPARE(currentKey(panel, other), counterpart);
    }
    // The selected record stays selected (no ping-pong back).
    QCOMPARE(currentKey(panel, from), key);
}

void TestRecordsPanel::keyboardMovesSelectionAndCounterpart()
{
    RecordsPanel panel(m_sample.workspace());
    panel.setKind(RecordKind::SalesPersons);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    waitLoaded(panel);
    RecordTableView *users = panel.view(System::Salesforce);
    users->setFocus();
    users->selectRow(0); // 0057F000009Zt4AQAS is first in key order
    QTRY_COMPARE(currentKey(panel, System::Marketo), u"4"_qs);
    QTest::keyClick(users, Qt::Key_Down);
    QCOMPARE(currentKey(panel, System::Salesforce), users->model()->index(1, 0).data(SnapshotTableModel::RecordKeyRole).toString());
    QTRY_VERIFY(panel.counterpartMessage().contains(u"Marketo"_qs));
    QVERIFY(!panel.counterpartMessage().contains(u"Looking"_qs));
}

void TestRecordsPanel::jumpsToARecord()
{
    RecordsPanel panel(m_sample.workspace());
    panel.setKind(RecordKind::SalesPersons);
    waitLoaded(panel);
    panel.showRecord(System::Marketo, u"leads"_qs, u"1049"_qs);
    QCOMPARE(panel.kind(), RecordKind::People);
    QTRY_COMPARE(currentKey(panel, System::Marketo), u"1049"_qs);
    QTRY_COMPARE(currentKey(panel, System::Salesforce), u"0037F000009XkPgQAK"_qs);
    QCOMPARE(panel.findChild<QComboBox *>(u"salesforceType"_qs)->currentData().toString(), u"Contact"_qs);

    panel.showRecord(System::Salesforce, u"Lead"_qs, u"00Q7F000006QwAbUAK"_qs);
    QTRY_COMPARE(currentKey(panel, System::Salesforce), u"00Q7F000006QwAbUAK"_qs);
    QCOMPARE(panel.findChild<QComboBox *>(u"salesforceType"_qs)->currentData().toString(), u"Lead"_qs);
    // Lead 1041 matches its e-mail but carries no externalPersonId: not a counterpart (M-05).
    QTRY_VERIFY2(panel.counterpartMessage().contains(u"No counterpart in Marketo"_qs), qPrintable(panel.counterpartMessage()));
}

void TestRecordsPanel::copiesCells()
{
    RecordsPanel panel(m_sample.workspace());
    panel.setKind(RecordKind::SalesPersons);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    waitLoaded(panel);
    RecordTableView *view = panel.view(System::Marketo);
    auto *model = panel.model(System::Marketo);
    const int row = rowOf(panel, System::Marketo, u"4"_qs);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->selectionModel()->select(model->index(row, model->columnOf(u"email"_qs)), QItemSelectionModel::ClearAndSelect);
    view->selectionModel()->select(model->index(row, model->columnOf(u"firstName"_qs)), QItemSelectionModel::Select);
    view->setFocus();
    QTest::keySequence(view, QKeySequence::Copy);
    // Visible order: id, email, firstName, ... (RecordKinds default columns)
    QCOMPARE(QApplication::clipboard()->text(), u"dokafor@aurora-power.example\tDan"_qs);
}

void TestRecordsPanel::columnChooser()
{
    RecordsPanel panel(m_sample.workspace());
    panel.setKind(RecordKind::SalesPersons);
    waitLoaded(panel);
    RecordTableView *view = panel.view(System::Salesforce);
    auto *model = panel.model(System::Salesforce);
    const int email = model->columnOf(u"Email"_qs);
    const int modstamp = model->columnOf(u"SystemModstamp"_qs);
    QVERIFY(email >= 0 && modstamp >= 0);
    QVERIFY(!view->isColumnHidden(email));
    QVERIFY(view->isColumnHidden(modstamp)); // not a default column
    std::unique_ptr<QMenu> menu(view->createColumnMenu(nullptr));
    QAction *emailAction = nullptr;
    for (QAction *action : menu->actions()) {
        if (action->data().toString() == u"Email")
            emailAction = action;
    }
    QVERIFY(emailAction && emailAction->isChecked());
    emailAction->toggle();
    QVERIFY(view->isColumnHidden(email));
    // Remembered for the next panel.
    RecordsPanel again(m_sample.workspace());
    again.setKind(RecordKind::SalesPersons);
    waitLoaded(again);
    QVERIFY(again.view(System::Salesforce)->isColumnHidden(again.model(System::Salesforce)->columnOf(u"Email"_qs)));
}

void TestRecordsPanel::fitsSmallWindow()
{
    // A 1024x700 window with the navigation (<= 220 px) and the banner leaves about 790x600.
    RecordsPanel panel(m_sample.workspace());
    panel.setKind(RecordKind::People);
    waitLoaded(panel);
    const QSize minimum = panel.minimumSizeHint();
    QVERIFY2(minimum.width() <= 790 && minimum.height() <= 600,
             qPrintable(u"%1x%2"_qs.arg(minimum.width()).arg(minimum.height())));
    // Every control has an accessible name.
    for (QWidget *w : panel.findChildren<QWidget *>()) {
        if (w->focusPolicy() != Qt::NoFocus && !qobject_cast<QAbstractScrollArea *>(w->parentWidget())
            && !w->inherits("QScrollBar") && !w->inherits("QHeaderView") && !w->inherits("QMenu")
            && w->parentWidget() && !w->parentWidget()->inherits("QComboBox") && !w->inherits("QToolButton"))
            QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName() + u' ' + QString::fromLatin1(w->metaObject()->className())));
    }
}

QTEST_MAIN(TestRecordsPanel)
#include "tst_recordspanel.moc"
