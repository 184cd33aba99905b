// The Checks panel over the bundled sample org: the list must hold every finding faults.json
// documents, with the documented severity, and lead to the records.
#include "checks/CheckSuite.h"
#include "checks/SeedReader.h"
#include "tables/FindingsModel.h"
#include "ui/checks/ChecksPanel.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using msi::checks::Finding;
using msi::store::System;
using msi::tables::FindingsModel;
using msi::ui::ChecksPanel;

namespace {

QJsonArray documentedFindings()
{
    QFile file(QStringLiteral(MSI_SAMPLE_ORG_DIR "/faults.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(u"expected_findings").toArray();
}

} // namespace

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

class TestChecksPanel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void listsDocumentedFindings_data();
    void listsDocumentedFindings();
    void filtersBySeverity();
    void filtersByText();
    void doubleClickOpensTheRecord();
    void recordLinksOpenEachRecord();
    void sortsBySeverity();
    void accessibleNames();

private:
    msi::checks::Findings m_findings;
};

void TestChecksPanel::initTestCase()
{
    msi::checks::SystemState state;
    QString error;
    QVERIFY2(msi::checks::SeedReader::read(QStringLiteral(MSI_SAMPLE_ORG_DIR), &state, &error), qPrintable(error));
    m_findings = msi::checks::CheckSuite::run(state);
    QVERIFY(!m_findings.isEmpty());
}

void TestChecksPanel::listsDocumentedFindings_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QString>("severity");
    const QJsonArray findings = documentedFindings();
    QVERIFY(!findings.isEmpty());
    for (const QJsonValue &v : findings) {
        const QJsonObject f = v.toObject();
        const QString severity = f.value(u"severity").toString();
        if (severity == u"TEST")
            continue; // correctness traps with no message
        QStringList ids;
        for (const QJsonValue &id : f.value(u"ids").toArray())
            ids << id.toString();
        const QString label = severity == u"ERROR" ? u"Error"_qs : severity == u"WARN" ? u"Warning"_qs : u"Info"_qs;
        QTest::addRow("%s %s %s", qPrintable(f.value(u"ref").toString()), qPrintable(f.value(u"code").toString()),
                      qPrintable(ids.join(u','))) << f.value(u"code").toString() << ids << label;
    }
}

void TestChecksPanel::listsDocumentedFindings()
{
    QFETCH(QString, code);
    QFETCH(QStringList, ids);
    QFETCH(QString, severity);
    ChecksPanel panel(m_findings);
    QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(panel.filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    // A finding with this code naming every documented record, shown with the documented severity.
    bool found = false;
    for (int row = 0; row < panel.model()->rowCount() && !found; ++row) {
        const Finding &f = panel.model()->recordAt(row);
        if (f.code != code)
            continue;
        bool all = true;
        for (const QString &id : ids)
            all = all && f.records.contains(id);
        if (!all)
            continue;
        found = true;
        QCOMPARE(panel.model()->index(row, FindingsModel::SeverityColumn).data().toString(), severity);
        QVERIFY(!panel.model()->index(row, FindingsModel::CauseColumn).data().toString().isEmpty());
        const QString recordText = panel.model()->index(row, FindingsModel::RecordColumn).data().toString();
        for (const QString &id : ids) {
            const QString shown = id.contains(u':') ? id.section(u':', 1) : id;
            QVERIFY2(recordText.contains(shown), qPrintable(recordText));
        }
    }
    QVERIFY2(found, qPrintable(code + u' ' + ids.join(u',')));
}

void TestChecksPanel::filtersBySeverity()
{
    ChecksPanel panel(m_findings);
    QAbstractItemModelTester proxyTester(panel.filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int errors = panel.model()->count(Finding::Severity::Error);
    QVERIFY(errors > 0);
    panel.findChild<QCheckBox *>(u"showWarnings"_qs)->setChecked(false);
    panel.findChild<QCheckBox *>(u"showInfos"_qs)->setChecked(false);
    QCOMPARE(panel.filterModel()->rowCount(), errors);
    for (int row = 0; row < panel.filterModel()->rowCount(); ++row)
        QCOMPARE(panel.filterModel()->index(row, 0).data(FindingsModel::SeverityRole).toInt(), int(Finding::Severity::Error));
    QVERIFY(panel.findChild<QLabel *>(u"findingsSummary"_qs)->text().contains(QString::number(errors)));
    panel.findChild<QCheckBox *>(u"showWarnings"_qs)->setChecked(true);
    panel.findChild<QCheckBox *>(u"showInfos"_qs)->setChecked(true);
    QCOMPARE(panel.filterModel()->rowCount(), panel.model()->rowCount());
}

void TestChecksPanel::filtersByText()
{
    ChecksPanel panel(m_findings);
    QTest::keyClicks(panel.findChild<QLineEdit *>(u"findingsFilter"_qs), u"0057F000009Zt4AQAS"_qs);
    QVERIFY(panel.filterModel()->rowCount() > 0);
    QVERIFY(panel.filterModel()->rowCount() < panel.model()->rowCount());
    bool mismatch = false;
    for (int row = 0; row < panel.filterModel()->rowCount(); ++row) {
        const QModelIndex index = panel.filterModel()->index(row, 0);
        QVERIFY(index.data(FindingsModel::ReferencesRole).toStringList().join(u' ').contains(u"0057F000009Zt4AQAS"_qs)
                || index.siblingAtColumn(FindingsModel::CauseColumn).data().toString().contains(u"0057F000009Zt4AQAS"_qs));
        mismatch = mismatch || index.data(FindingsModel::CodeRole).toString() == u"MKTO_SP_EMAIL_MISMATCH";
    }
    QVERIFY(mismatch);
}

void TestChecksPanel::doubleClickOpensTheRecord()
{
    ChecksPanel panel(m_findings);
    panel.resize(1000, 600);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const QModelIndex source = panel.model()->indexOf(u"MKTO_SP_EMAIL_MISMATCH"_qs, u"0057F000009Zt4AQAS"_qs);
    QVERIFY(source.isValid());
    const QModelIndex index = panel.filterModel()->mapFromSource(source);
    QCOMPARE(index.data().toString(), u"Error"_qs);
    QTableView *view = panel.view();
    view->scrollTo(index);
    QSignalSpy spy(&panel, &ChecksPanel::recordActivated);
    const QPoint centre = view->visualRect(index.siblingAtColumn(FindingsModel::CauseColumn)).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, centre);
    QTRY_COMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).value<System>(), System::Salesforce);
    QCOMPARE(spy.at(0).at(1).toString(), u"User"_qs);
    QCOMPARE(spy.at(0).at(2).toString(), u"0057F000009Zt4AQAS"_qs);
    QVERIFY(panel.detailText().contains(u"dokafor@aurora-power.example"_qs));
    // Keyboard: Enter on the current finding does the same.
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(spy.size(), 2);
}

void TestChecksPanel::recordLinksOpenEachRecord()
{
    ChecksPanel panel(m_findings);
    const QModelIndex source = panel.model()->indexOf(u"MKTO_EXTID_15CHAR"_qs, u"company:7"_qs);
    QVERIFY(source.isValid());
    panel.view()->setCurrentIndex(panel.filterModel()->mapFromSource(source));
    QVERIFY(panel.detailText().contains(u"record:company:7"_qs));
    QSignalSpy spy(&panel, &ChecksPanel::recordActivated);
    auto *detail = panel.findChild<QLabel *>(u"findingDetail"_qs);
    emit detail->linkActivated(u"record:company:7"_qs);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).value<System>(), System::Marketo);
    QCOMPARE(spy.at(0).at(1).toString(), u"companies"_qs);
    QCOMPARE(spy.at(0).at(2).toString(), u"7"_qs);
}

void TestChecksPanel::sortsBySeverity()
{
    ChecksPanel panel(m_findings);
    auto *proxy = panel.filterModel();
    int previous = -1;
    for (int row = 0; row < proxy->rowCount(); ++row) {
        const int severity = proxy->index(row, 0).data(FindingsModel::SeverityRole).toInt();
        QVERIFY(severity >= previous);
        previous = severity;
    }
    proxy->sort(FindingsModel::SeverityColumn, Qt::DescendingOrder);
    QCOMPARE(proxy->index(0, 0).data(FindingsModel::SeverityRole).toInt(), int(Finding::Severity::Info));
}

void TestChecksPanel::accessibleNames()
{
    ChecksPanel panel(m_findings);
    const QStringList unnamed = unnamedControls(&panel);
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u", "_qs)));
}

QTEST_MAIN(TestChecksPanel)
#include "tst_checkspanel.moc"
