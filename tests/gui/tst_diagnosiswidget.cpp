// The diagnosis GUI (offscreen): type a person, see the chain coloured by verdict, click the failing
// node and read both systems' values; the workspace scan groups broken links by kind.
#include "checks/SeedReader.h"
#include "ui/diagnosis/DiagnosisNode.h"
#include "ui/diagnosis/DiagnosisScene.h"
#include "ui/diagnosis/DiagnosisWidget.h"
#include "ui/diagnosis/LinkDetailView.h"

#include <QGraphicsView>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace msi;
using checks::DiagnosisLink;

namespace {

const QString kArthur = u"0037F000009XkPgQAK"_qs; // M-01 sales person e-mail, M-02 15-char company

ui::DiagnosisNode *nodeNamed(ui::DiagnosisScene *scene, const QString &link)
{
    for (ui::DiagnosisNode *n : scene->nodes()) {
        if (n->objectName() == link)
            return n;
    }
    return nullptr;
}

void clickNode(QGraphicsView *view, ui::DiagnosisNode *node)
{
    view->ensureVisible(node);
    const QPoint at = view->mapFromScene(node->sceneBoundingRect().center());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
}

} // namespace

class TestDiagnosisWidget : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void nodeColours_data();
    void nodeColours();
    void clickFailingNodeShowsBothSides();
    void keyboardListFollowsGraph();
    void ambiguousAndUnknownQueries();
    void workspaceScanGroupsAndOpens();
    void exampleIsALinkedContact();

private:
    std::unique_ptr<ui::DiagnosisWidget> m_widget;
};

void TestDiagnosisWidget::init()
{
    m_widget = std::make_unique<ui::DiagnosisWidget>();
    QVERIFY(m_widget->loadSeed(QStringLiteral(MSI_SAMPLE_ORG_DIR)));
    m_widget->resize(1024, 700);
    m_widget->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_widget.get()));
}

void TestDiagnosisWidget::cleanup()
{
    m_widget.reset();
}

void TestDiagnosisWidget::nodeColours_data()
{
    QTest::addColumn<QString>("link");
    QTest::addColumn<int>("verdict");
    // From MANIFEST: lead 1049 is linked (person passes), sales person 4 has the old alias (M-01),
    // the company exists only as 15-char company 7 (M-02), no describe in the seed.
    QTest::newRow("person") << u"person"_qs << int(DiagnosisLink::Verdict::Pass);
    QTest::newRow("sales person e-mail") << u"salesperson.email"_qs << int(DiagnosisLink::Verdict::Fail);
    QTest::newRow("company") << u"company"_qs << int(DiagnosisLink::Verdict::Fail);
    QTest::newRow("field access") << u"scores.access"_qs << int(DiagnosisLink::Verdict::Warn);
}

void TestDiagnosisWidget::nodeColours()
{
    QFETCH(QString, link);
    QFETCH(int, verdict);
    auto *query = m_widget->findChild<QLineEdit *>();
    QVERIFY(query);
    QTest::keyClicks(query, kArthur);
    QSignalSpy diagnosed(m_widget.get(), &ui::DiagnosisWidget::diagnosed);
    QTest::keyClick(query, Qt::Key_Return);
    QCOMPARE(diagnosed.size(), 1);
    QCOMPARE(diagnosed.first().first().toString(), kArthur);
    ui::DiagnosisNode *node = nodeNamed(m_widget->scene(), link);
    QVERIFY2(node, qPrintable(link));
    QCOMPARE(int(node->verdict()), verdict);
    // What is painted: render the node and sample its fill inside the border.
    QImage image(int(ui::DiagnosisNode::kWidth) + 4, int(ui::DiagnosisNode::kHeight) + 4,
                 QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    m_widget->scene()->render(&painter, QRectF(image.rect()),
                              node->sceneBoundingRect().adjusted(0, 0, 0, 0));
    painter.end();
    const QColor sampled = image.pixelColor(image.width() - 12, image.height() / 2);
    QCOMPARE(sampled.rgb(), ui::DiagnosisNode::fillColor(DiagnosisLink::Verdict(verdict)).rgb());
}

void TestDiagnosisWidget::clickFailingNodeShowsBothSides()
{
    QVERIFY(m_widget->diagnose(kArthur));
    QCOMPARE(m_widget->currentDiagnosis().verdict(), DiagnosisLink::Verdict::Fail);
    ui::DiagnosisNode *email = nodeNamed(m_widget->scene(), u"salesperson.email"_qs);
    QVERIFY(email);
    clickNode(m_widget->view(), email);
    QVERIFY(email->isSelected());
    ui::LinkDetailView *detail = m_widget->detailView();
    QVERIFY2(detail->causeText().contains(u"dokafor@aurora-power.example"_qs), qPrintable(detail->causeText()));
    QVERIFY(detail->verdictText().contains(DiagnosisLink::verdictLabel(DiagnosisLink::Verdict::Fail)));
    QCOMPARE(detail->valueText(0), u"daniel.okafor@aurora-power.example"_qs);
    QCOMPARE(detail->valueText(1), u"dokafor@aurora-power.example"_qs);

    ui::DiagnosisNode *companyLink = nodeNamed(m_widget->scene(), u"company.link"_qs);
    QVERIFY(companyLink);
    clickNode(m_widget->view(), companyLink);
    QCOMPARE(detail->valueText(0), u"0017F000007y8FKQAY"_qs);
    QCOMPARE(detail->valueText(1), u"0017F000007y8FK"_qs);

    // Several values on one side (MANIFEST M-03: two Marketo leads share Stella Pavlova's
    // e-mail): one per line, not a JSON dump.
    QVERIFY(m_widget->diagnose(u"0037F000009XkPbQAK"_qs));
    ui::DiagnosisNode *person = nodeNamed(m_widget->scene(), u"person"_qs);
    QVERIFY(person);
    clickNode(m_widget->view(), person);
    QCOMPARE(detail->valueText(1), u"lead:1047\nlead:1052"_qs);
}

void TestDiagnosisWidget::keyboardListFollowsGraph()
{
    QVERIFY(m_widget->diagnose(kArthur));
    QListWidget *list = m_widget->linkList();
    QCOMPARE(list->count(), m_widget->currentDiagnosis().links.size());
    // The first failing link is opened on its own.
    const int first = list->currentRow();
    QVERIFY(first >= 0);
    QCOMPARE(m_widget->currentDiagnosis().links.at(first).verdict, DiagnosisLink::Verdict::Fail);
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Home);
    QCOMPARE(list->currentRow(), 0);
    ui::DiagnosisNode *node = m_widget->scene()->nodeForLink(0);
    QVERIFY(node && node->isSelected());
    QCOMPARE(node->objectName(), u"person"_qs);
    QVERIFY(m_widget->detailView()->causeText().contains(u"lead 1049"_qs));
}

void TestDiagnosisWidget::ambiguousAndUnknownQueries()
{
    // M-06: pat@pyramid.net is on a Contact and a Lead.
    QVERIFY(!m_widget->diagnose(u"pat@pyramid.net"_qs));
    QVERIFY2(m_widget->statusText().contains(u"matches 2 records"_qs), qPrintable(m_widget->statusText()));
    // M-11: a Marketo-only person.
    QVERIFY(!m_widget->diagnose(u"keiko.tanaka@kitsune-robotics.example"_qs));
    QVERIFY(m_widget->statusText().contains(u"Marketo lead 1050"_qs));
}

void TestDiagnosisWidget::workspaceScanGroupsAndOpens()
{
    QSignalSpy finished(m_widget.get(), &ui::DiagnosisWidget::scanFinished);
    auto *scan = m_widget->findChild<QPushButton *>(QString(), Qt::FindChildrenRecursively);
    QVERIFY(scan);
    m_widget->scanAll();
    QVERIFY(finished.wait(10000));
    QTreeWidget *tree = m_widget->scanTree();
    QVERIFY(tree->topLevelItemCount() > 0);
    QTreeWidgetItem *group = nullptr;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        if (tree->topLevelItem(i)->text(0).endsWith(u"contacts: company never synced"_qs))
            group = tree->topLevelItem(i);
    }
    QVERIFY(group);
    QCOMPARE(group->text(0), u"%1 contacts: company never synced"_qs.arg(group->childCount()));
    // Opening a record of the group diagnoses it, and its company link fails the same way.
    QSignalSpy diagnosed(m_widget.get(), &ui::DiagnosisWidget::diagnosed);
    emit tree->itemActivated(group->child(0), 0);
    QCOMPARE(diagnosed.size(), 1);
    bool found = false;
    for (const DiagnosisLink &l : m_widget->currentDiagnosis().links)
        found = found || (l.link == u"company" && l.problem == u"company-never-synced");
    QVERIFY(found);
}

// The sample org's only Contact linked by externalPersonId is Arthur Song (lead 1049, MANIFEST M-02).
void TestDiagnosisWidget::exampleIsALinkedContact()
{
    QVERIFY(m_widget->showExample());
    QCOMPARE(m_widget->currentDiagnosis().record.value(u"Id"_qs).toString(), kArthur);
    QVERIFY(!m_widget->scene()->nodes().isEmpty());
}

QTEST_MAIN(TestDiagnosisWidget)
#include "tst_diagnosiswidget.moc"
