// The diagnosis GUI (offscreen): type a person, see the chain coloured by verdict, click the failing
// node and read both systems' values; the workspace scan groups broken links by kind.
#include "checks/SeedReader.h"
#include "checks/SystemState.h"
#include "ui/diagnosis/ChainGraph.h"
#include "ui/diagnosis/DiagnosisNode.h"
#include "ui/diagnosis/DiagnosisScene.h"
#include "ui/diagnosis/DiagnosisWidget.h"
#include "ui/diagnosis/LinkDetailView.h"

#include <QGraphicsView>
#include <QLabel>
#include <QScrollBar>
#include <QTableWidget>
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
const QString kStella = u"0037F000009XkPbQAK"_qs; // M-03: leads 1047 and 1052 share her e-mail
const QString kTim = u"0037F000009XkPZQA0"_qs;    // Grand Hotels & Resorts Ltd, 2 roles
const QString kEdge = u"0017F000007y8FFQAY"_qs;   // Edge Communications, 4 opportunities

int linkIndex(const checks::Diagnosis &d, const QString &link, const QString &subject = {})
{
    for (int i = 0; i < d.links.size(); ++i) {
        if (d.links.at(i).link == link && (subject.isEmpty() || d.links.at(i).subject == subject))
            return i;
    }
    return -1;
}

// What a node shows, line by line, as painted.
QStringList shown(ui::DiagnosisNode *node)
{
    return node->shownLines(node->scene()->font());
}

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
    void nodeNamesTheRecord_data();
    void nodeNamesTheRecord();
    void opportunitiesOfAnAccountDiffer_data();
    void opportunitiesOfAnAccountDiffer();
    void edgesFollowTheChain_data();
    void edgesFollowTheChain();
    void gridFitsTheView_data();
    void gridFitsTheView();
    void blockedLinksAreNotChecked();
    void warnOnlySelectsTheWarning();
    void duplicateLeadsShowEveryRecord();
    void valuesTableShowsBothRows();

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

// Sample org: Opportunity.json names, OpportunityContactRole.json roles.
void TestDiagnosisWidget::nodeNamesTheRecord_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("link");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("name");
    QTest::newRow("Edge Installation") << kEdge << u"opportunity"_qs << u"0067F000004dRt2QAE"_qs
                                       << u"Edge Installation"_qs;
    QTest::newRow("Edge SLA") << kEdge << u"opportunity"_qs << u"0067F000004dRt3QAE"_qs << u"Edge SLA"_qs;
    QTest::newRow("Tim's Economic Buyer role")
        << kTim << u"role"_qs << u"00K7F00000Bz1XDUAZ"_qs << u"Economic Buyer"_qs;
    QTest::newRow("Tim's Decision Maker role")
        << kTim << u"role"_qs << u"00K7F00000Bz24MUAR"_qs << u"Decision Maker"_qs;
    QTest::newRow("Grand Hotels SLA") << kTim << u"opportunity"_qs << u"0067F000004dRt8QAE"_qs
                                      << u"Grand Hotels SLA"_qs;
    QTest::newRow("Arthur's company") << kArthur << u"company"_qs << u"0017F000007y8FKQAY"_qs
                                      << u"United Oil & Gas Corp."_qs;
}

void TestDiagnosisWidget::nodeNamesTheRecord()
{
    QFETCH(QString, query);
    QFETCH(QString, link);
    QFETCH(QString, subject);
    QFETCH(QString, name);
    QVERIFY(m_widget->diagnose(query));
    const int index = linkIndex(m_widget->currentDiagnosis(), link, subject);
    QVERIFY2(index >= 0, qPrintable(subject));
    ui::DiagnosisNode *node = m_widget->scene()->nodeForLink(index);
    QVERIFY(node);
    const QStringList lines = shown(node);
    QVERIFY2(lines.contains(name), qPrintable(lines.join(u" | "_qs)));
    QVERIFY2(!lines.join(u' ').contains(subject.left(8)), qPrintable(lines.join(u" | "_qs)));
    // Every line fits the box (bold kind line included); the whole story is in the tooltip.
    QFont bold = m_widget->scene()->font();
    bold.setBold(true);
    for (int i = 0; i < lines.size(); ++i) {
        const QFontMetrics metrics(i == 0 ? bold : m_widget->scene()->font());
        QVERIFY2(metrics.horizontalAdvance(lines.at(i)) <= node->width() - 16, qPrintable(lines.at(i)));
    }
    QVERIFY(node->toolTip().contains(name));
    QVERIFY(node->toolTip().contains(m_widget->currentDiagnosis().links.at(index).cause));
}

void TestDiagnosisWidget::opportunitiesOfAnAccountDiffer_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("opportunities");
    // Edge has two "Edge Emergency Generator"; UOG Corp (Stella's account) three "United Oil
    // Installations" among its 9 opportunities.
    QTest::newRow("Edge Communications") << kEdge << 4;
    QTest::newRow("Stella Pavlova") << kStella << 9;
}

void TestDiagnosisWidget::opportunitiesOfAnAccountDiffer()
{
    QFETCH(QString, query);
    QFETCH(int, opportunities);
    QVERIFY(m_widget->diagnose(query));
    QSet<QString> seen;
    int count = 0;
    for (ui::DiagnosisNode *node : m_widget->scene()->nodes()) {
        if (node->objectName() != u"opportunity")
            continue;
        ++count;
        const QString text = shown(node).mid(0, 2).join(u'\n');
        QVERIFY2(!seen.contains(text), qPrintable(text));
        seen.insert(text);
    }
    QCOMPARE(count, opportunities);
}

void TestDiagnosisWidget::edgesFollowTheChain_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("fromLink");
    QTest::addColumn<QString>("fromSubject");
    QTest::addColumn<QString>("toLink");
    QTest::addColumn<QString>("toSubject");
    // Roles on their opportunity (OpportunityContactRole.json), opportunities on the company.
    QTest::newRow("Tim: Economic Buyer on Grand Hotels SLA")
        << kTim << u"opportunity"_qs << u"0067F000004dRt8QAE"_qs << u"role"_qs << u"00K7F00000Bz1XDUAZ"_qs;
    QTest::newRow("Tim: Decision Maker on Grand Hotels Guest Portable Generators")
        << kTim << u"opportunity"_qs << u"0067F000004dRtAQAU"_qs << u"role"_qs << u"00K7F00000Bz24MUAR"_qs;
    QTest::newRow("Stella: Technical Buyer on United Oil Refinery Generators")
        << kStella << u"opportunity"_qs << u"0067F000004dRtKQAU"_qs << u"role"_qs << u"00K7F00000Bz2ZIUAZ"_qs;
    QTest::newRow("Tim: company to an opportunity")
        << kTim << u"company"_qs << u"0017F000007y8FJQAY"_qs << u"opportunity"_qs << u"0067F000004dRt7QAE"_qs;
    QTest::newRow("Edge: company to an opportunity")
        << kEdge << u"company"_qs << kEdge << u"opportunity"_qs << u"0067F000004dRt3QAE"_qs;
    QTest::newRow("Arthur: person to company link")
        << kArthur << u"person"_qs << QString() << u"company.link"_qs << QString();
    QTest::newRow("Arthur: sales person to its e-mail")
        << kArthur << u"salesperson"_qs << QString() << u"salesperson.email"_qs << QString();
    QTest::newRow("Arthur: person to scores")
        << kArthur << u"person"_qs << QString() << u"scores.marketo"_qs << QString();
}

void TestDiagnosisWidget::edgesFollowTheChain()
{
    QFETCH(QString, query);
    QFETCH(QString, fromLink);
    QFETCH(QString, fromSubject);
    QFETCH(QString, toLink);
    QFETCH(QString, toSubject);
    QVERIFY(m_widget->diagnose(query));
    const checks::Diagnosis &d = m_widget->currentDiagnosis();
    const int from = linkIndex(d, fromLink, fromSubject);
    const int to = linkIndex(d, toLink, toSubject);
    QVERIFY(from >= 0 && to >= 0);
    ui::DiagnosisScene *scene = m_widget->scene();
    QVERIFY(scene->edges().contains(ui::DiagnosisScene::Edge{from, to}));
    // Every link has exactly one edge into it, and no opportunity hangs off another.
    for (int i = 0; i < d.links.size(); ++i) {
        int in = 0;
        for (const ui::DiagnosisScene::Edge &e : scene->edges()) {
            in += e.to == i;
            if (e.to == i && e.from >= 0)
                QVERIFY(!(d.links.at(e.from).link == u"opportunity" && d.links.at(i).link == u"opportunity"));
        }
        QCOMPARE(in, 1);
    }
    // No two boxes overlap.
    const QList<ui::DiagnosisNode *> &nodes = scene->nodes();
    for (int a = 0; a < nodes.size(); ++a) {
        QVERIFY(!nodes.at(a)->sceneBoundingRect().intersects(scene->recordItem()->sceneBoundingRect()));
        for (int b = a + 1; b < nodes.size(); ++b)
            QVERIFY2(!nodes.at(a)->sceneBoundingRect().intersects(nodes.at(b)->sceneBoundingRect()),
                     qPrintable(nodes.at(a)->title() + u" / "_qs + nodes.at(b)->title()));
    }
}

void TestDiagnosisWidget::gridFitsTheView_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("width");
    QTest::newRow("Stella, default window") << kStella << 1280;
    QTest::newRow("Arthur, default window") << kArthur << 1280;
    QTest::newRow("Edge, narrow window") << kEdge << 800;
}

void TestDiagnosisWidget::gridFitsTheView()
{
    QFETCH(QString, query);
    QFETCH(int, width);
    m_widget->resize(width - 220, 700); // the console's navigation takes up to 220 pixels
    QVERIFY(m_widget->diagnose(query));
    QCoreApplication::processEvents();
    QGraphicsView *view = m_widget->view();
    // Nothing sticks out on the right: the scene, as the view scales it, fits the viewport.
    const QRectF shownRect = view->transform().mapRect(m_widget->scene()->sceneRect());
    QVERIFY2(shownRect.width() <= view->viewport()->width() + 1,
             qPrintable(u"%1 > %2"_qs.arg(shownRect.width()).arg(view->viewport()->width())));
    QVERIFY(!view->horizontalScrollBar()->isVisible());
    QVERIFY(view->transform().m11() >= 0.7);
}

void TestDiagnosisWidget::blockedLinksAreNotChecked()
{
    // Stella's person link fails (M-03); what reads her Marketo lead could not be checked.
    QVERIFY(m_widget->diagnose(kStella));
    const checks::Diagnosis &d = m_widget->currentDiagnosis();
    const int person = linkIndex(d, u"person"_qs);
    const int owner = linkIndex(d, u"salesperson.link"_qs);
    const int role = linkIndex(d, u"role"_qs, u"00K7F00000Bz2ZIUAZ"_qs);
    QVERIFY(person >= 0 && owner >= 0 && role >= 0);
    QCOMPARE(d.links.at(owner).problem, u"blocked"_qs);
    ui::DiagnosisScene *scene = m_widget->scene();
    QVERIFY(!scene->nodeForLink(person)->isNotChecked());
    for (int index : {owner, role}) {
        ui::DiagnosisNode *node = scene->nodeForLink(index);
        QVERIFY(node->isNotChecked());
        QCOMPARE(node->verdict(), DiagnosisLink::Verdict::Fail); // the data keeps its verdict
        QCOMPARE(scene->graph()->blocker(index), person);
        QVERIFY2(shown(node).join(u' ').contains(u"not checked"_qs), qPrintable(shown(node).join(u'|')));
        // Painted grey, not red.
        QImage image(int(node->width()) + 4, int(ui::DiagnosisNode::kHeight) + 4, QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        scene->render(&painter, QRectF(image.rect()), node->sceneBoundingRect());
        painter.end();
        QCOMPARE(image.pixelColor(image.width() - 12, image.height() / 2).rgb(),
                 ui::DiagnosisNode::notCheckedFill().rgb());
    }
    // The list says so too, and the legend explains grey.
    QVERIFY(m_widget->linkList()->item(owner)->text().startsWith(u"NOT CHECKED"_qs));
    QVERIFY(m_widget->legend()->text().contains(u"not checked"_qs));
    QVERIFY2(m_widget->statusText().contains(u"not checked"_qs), qPrintable(m_widget->statusText()));
    // The first real failure is opened, not a skipped link.
    QCOMPARE(m_widget->linkList()->currentRow(), person);
}

// A chain with warnings only: the sample org with Lead Bertha Boxer linked as a sync would link her
// (Marketo lead 1041 gets her externalPersonId and owner Daniel Okafor, whose sales person 4 gets
// his Salesforce e-mail), and lead 1041 not yet scored.
void TestDiagnosisWidget::warnOnlySelectsTheWarning()
{
    const QString bertha = u"00Q7F000006QwAbUAK"_qs;
    const QString daniel = u"0057F000009Zt4AQAS"_qs;
    checks::SystemState state;
    QString error;
    QVERIFY2(checks::SeedReader::read(QStringLiteral(MSI_SAMPLE_ORG_DIR), &state, &error), qPrintable(error));
    for (QJsonObject &lead : state.mktoLeads) {
        if (lead.value(u"id"_qs).toInt() != 1041)
            continue;
        lead.insert(u"externalPersonId"_qs, bertha);
        lead.insert(u"externalSalesPersonId"_qs, daniel);
        for (const char *field : {"msiLastInterestingMomentType", "msiLastInterestingMomentDate",
                                  "msiLastInterestingMomentDesc", "msiLastInterestingMomentSource",
                                  "priority", "relativeUrgency", "relativeScoring"})
            lead.insert(QLatin1String(field), QJsonValue::Null);
    }
    for (QJsonObject &salesPerson : state.mktoSalesPersons) {
        if (salesPerson.value(u"externalSalesPersonId"_qs).toString() == daniel) {
            salesPerson.insert(u"email"_qs, u"daniel.okafor@aurora-power.example"_qs);
            salesPerson.insert(u"firstName"_qs, u"Daniel"_qs);
        }
    }
    m_widget->setState(std::move(state));
    QVERIFY(m_widget->diagnose(bertha));
    const checks::Diagnosis &d = m_widget->currentDiagnosis();
    int firstWarn = -1;
    for (int i = 0; i < d.links.size(); ++i) {
        QVERIFY2(d.links.at(i).verdict != DiagnosisLink::Verdict::Fail,
                 qPrintable(d.links.at(i).link + u": "_qs + d.links.at(i).cause));
        if (firstWarn < 0 && d.links.at(i).verdict == DiagnosisLink::Verdict::Warn)
            firstWarn = i;
    }
    QVERIFY(firstWarn >= 0);
    QCOMPARE(d.verdict(), DiagnosisLink::Verdict::Warn);
    QCOMPARE(m_widget->linkList()->currentRow(), firstWarn);
    QVERIFY(m_widget->scene()->nodeForLink(firstWarn)->isSelected());
    QCOMPARE(m_widget->detailView()->causeText(), d.links.at(firstWarn).cause);
}

void TestDiagnosisWidget::duplicateLeadsShowEveryRecord()
{
    // M-03: marketo/leads.json has 1047 and 1052 with spavlova@uog.com.
    QVERIFY(m_widget->diagnose(kStella));
    const int person = linkIndex(m_widget->currentDiagnosis(), u"person"_qs);
    m_widget->linkList()->setCurrentRow(person);
    const QString text = m_widget->detailView()->marketoRecordText();
    QVERIFY2(!text.contains(u"no Marketo record"_qs), qPrintable(text));
    for (const QString &id : {u"1047"_qs, u"1052"_qs}) {
        QVERIFY2(text.contains(u"id %1"_qs.arg(id)), qPrintable(text));
        QVERIFY2(text.contains(u"\"id\": %1"_qs.arg(id)), qPrintable(text));
    }
    QCOMPARE(text.count(u"spavlova@uog.com"_qs), 2);
}

void TestDiagnosisWidget::valuesTableShowsBothRows()
{
    QTableWidget *table = m_widget->detailView()->valuesTable();
    auto bothRowsVisible = [table] {
        const int bottom = table->rowViewportPosition(1) + table->rowHeight(1);
        return bottom <= table->viewport()->height() && table->rowHeight(1) >= table->fontMetrics().height();
    };
    QVERIFY(bothRowsVisible()); // the empty state
    QVERIFY(m_widget->diagnose(kStella));
    m_widget->linkList()->setCurrentRow(linkIndex(m_widget->currentDiagnosis(), u"person"_qs));
    QCoreApplication::processEvents();
    QCOMPARE(m_widget->detailView()->valueText(1), u"lead:1047\nlead:1052"_qs);
    QVERIFY(bothRowsVisible());
    QVERIFY(table->rowHeight(1) >= 2 * table->fontMetrics().lineSpacing());
}

QTEST_MAIN(TestDiagnosisWidget)
#include "tst_diagnosiswidget.moc"
