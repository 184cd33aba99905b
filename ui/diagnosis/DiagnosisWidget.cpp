#include "ui/diagnosis/DiagnosisWidget.h"

#include "checks/Records.h"
#include "checks/SeedReader.h"
#include "ui/diagnosis/ChainGraph.h"
#include "ui/diagnosis/DiagnosisNode.h"
#include "ui/diagnosis/DiagnosisScene.h"
#include "ui/diagnosis/LinkDetailView.h"

#include <QEvent>
#include <QGraphicsView>
#include <QHBoxLayout>
#include <QScrollBar>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace msi::ui {

using checks::DiagnosisLink;
using checks::MsiDiagnosis;

namespace {
constexpr int kRecordIdRole = Qt::UserRole + 1;
}

DiagnosisWidget::DiagnosisWidget(QWidget *parent)
    : QWidget(parent)
    , m_state(std::make_shared<checks::SystemState>())
    , m_diagnosis(std::make_unique<MsiDiagnosis>(*m_state))
{
    setObjectName(QStringLiteral("diagnosisWidget"));
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(buildChainTab(), tr("&Chain"));
    m_tabs->addTab(buildScanTab(), tr("&Workspace scan"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    connect(&m_scanWatcher, &QFutureWatcherBase::finished, this, [this] {
        showScan(m_scanWatcher.result());
    });
}

DiagnosisWidget::~DiagnosisWidget()
{
    m_scanWatcher.waitForFinished();
    // The scene outlives the tabs during destruction and reports its items' removal.
    disconnect(m_scene, nullptr, this, nullptr);
}

QWidget *DiagnosisWidget::buildChainTab()
{
    auto *tab = new QWidget;
    m_query = new QLineEdit;
    m_query->setPlaceholderText(tr("Salesforce ID (15 or 18 characters), e-mail or name"));
    m_query->setAccessibleName(tr("Record to diagnose"));
    m_query->setClearButtonEnabled(true);
    m_diagnoseButton = new QPushButton(tr("&Diagnose"));
    m_diagnoseButton->setAccessibleName(tr("Diagnose the record"));
    m_status = new QLabel;
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Diagnosis status"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fixButton = new QPushButton(tr("&Fix"));
    m_fixButton->setObjectName(QStringLiteral("fixButton"));
    m_fixButton->setAccessibleName(tr("Fix the chain"));
    m_fixButton->setEnabled(false);
    m_fixNote = new QLabel;
    m_fixNote->setObjectName(QStringLiteral("fixNote"));
    m_fixNote->setAccessibleName(tr("What the fix does"));
    m_fixNote->setWordWrap(true);
    m_fixNote->setTextFormat(Qt::PlainText);
    m_fixNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fixNote->hide();

    m_scene = new DiagnosisScene(this);
    m_view = new QGraphicsView(m_scene);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_view->setAccessibleName(tr("Chain graph"));
    // The graph is laid out for the view's width (fitChain): it scrolls down, not sideways.
    m_view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    m_view->installEventFilter(this);
    m_legend = new QLabel(
        tr("<span style='background:%1'>&nbsp;✔ pass&nbsp;</span>&nbsp; "
           "<span style='background:%2'>&nbsp;! warn&nbsp;</span>&nbsp; "
           "<span style='background:%3'>&nbsp;✖ fail&nbsp;</span>&nbsp; "
           "<span style='background:%4'>&nbsp;○ not checked&nbsp;</span> grey, dashed: skipped "
           "because the link it names is broken; it counts as failing until that one is fixed. "
           "Lines show what each link needs.")
            .arg(DiagnosisNode::fillColor(DiagnosisLink::Verdict::Pass).name(),
                 DiagnosisNode::fillColor(DiagnosisLink::Verdict::Warn).name(),
                 DiagnosisNode::fillColor(DiagnosisLink::Verdict::Fail).name(),
                 DiagnosisNode::notCheckedFill().name()));
    m_legend->setObjectName(QStringLiteral("diagnosisLegend"));
    m_legend->setAccessibleName(tr("Legend of the chain graph"));
    m_legend->setWordWrap(true);
    m_legend->setTextFormat(Qt::RichText);
    m_links = new QListWidget;
    m_links->setAccessibleName(tr("Links of the chain"));
    m_links->setWordWrap(true);
    m_links->setTextElideMode(Qt::ElideRight);
    m_links->setResizeMode(QListView::Adjust);
    m_links->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_detail = new LinkDetailView;

    auto *search = new QHBoxLayout;
    search->addWidget(m_query, 1);
    search->addWidget(m_diagnoseButton);
    search->addWidget(m_fixButton);

    // The graph on top (where the eye goes), the links as a list and the selected link's detail
    // below.
    auto *bottom = new QSplitter(Qt::Horizontal);
    bottom->addWidget(m_links);
    bottom->addWidget(m_detail);
    bottom->setStretchFactor(0, 2);
    bottom->setStretchFactor(1, 3);
    bottom->setSizes({380, 620}); // the detail's two record panes need the width
    auto *graph = new QWidget;
    auto *graphLayout = new QVBoxLayout(graph);
    graphLayout->setContentsMargins(0, 0, 0, 0);
    graphLayout->setSpacing(2);
    graphLayout->addWidget(m_view, 1);
    graphLayout->addWidget(m_legend);
    auto *split = new QSplitter(Qt::Vertical);
    split->setChildrenCollapsible(false);
    split->addWidget(graph);
    split->addWidget(bottom);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({310, 350});

    auto *layout = new QVBoxLayout(tab);
    layout->addLayout(search);
    layout->addWidget(m_status);
    layout->addWidget(m_fixNote);
    layout->addWidget(split, 1);
    connect(m_fixButton, &QPushButton::clicked, this, [this] { fix(); });

    connect(m_diagnoseButton, &QPushButton::clicked, this, [this] { diagnose(m_query->text()); });
    connect(m_query, &QLineEdit::returnPressed, this, [this] { diagnose(m_query->text()); });
    connect(m_scene, &DiagnosisScene::linkSelected, this, [this](int index) {
        showLink(index);
        if (index >= 0 && m_links->currentRow() != index)
            m_links->setCurrentRow(index);
    });
    connect(m_links, &QListWidget::currentRowChanged, this, [this](int row) {
        showLink(row);
        m_scene->selectLink(row);
        if (DiagnosisNode *node = m_scene->nodeForLink(row))
            m_view->ensureVisible(node, 16, 16);
    });
    return tab;
}

QWidget *DiagnosisWidget::buildScanTab()
{
    auto *tab = new QWidget;
    m_scanButton = new QPushButton(tr("&Scan every record"));
    m_scanButton->setAccessibleName(tr("Scan every record"));
    m_scanStatus = new QLabel;
    m_scanStatus->setAccessibleName(tr("Scan status"));
    m_scanTree = new QTreeWidget;
    m_scanTree->setColumnCount(2);
    m_scanTree->setHeaderLabels({tr("Broken link"), tr("Link")});
    m_scanTree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_scanTree->setAccessibleName(tr("Broken links by kind"));
    auto *top = new QHBoxLayout;
    top->addWidget(m_scanButton);
    top->addWidget(m_scanStatus, 1);
    auto *layout = new QVBoxLayout(tab);
    layout->addLayout(top);
    layout->addWidget(m_scanTree, 1);
    connect(m_scanButton, &QPushButton::clicked, this, &DiagnosisWidget::scanAll);
    connect(m_scanTree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QString id = item->data(0, kRecordIdRole).toString();
        if (id.isEmpty())
            return;
        m_query->setText(id);
        m_tabs->setCurrentIndex(0);
        diagnose(id);
    });
    return tab;
}

DiagnosisWidget::Prepared DiagnosisWidget::Prepared::build(checks::SystemState state)
{
    Prepared prepared;
    prepared.state = std::make_shared<const checks::SystemState>(std::move(state));
    // The diagnosis refers to the state: it holds the state alive for as long as it lives.
    const std::shared_ptr<const checks::SystemState> keep = prepared.state;
    prepared.diagnosis = std::shared_ptr<const MsiDiagnosis>(
        new MsiDiagnosis(*keep), [keep](const MsiDiagnosis *diagnosis) { delete diagnosis; });
    return prepared;
}

void DiagnosisWidget::setState(checks::SystemState state)
{
    setState(Prepared::build(std::move(state)));
}

void DiagnosisWidget::setState(Prepared prepared)
{
    if (!prepared.state || !prepared.diagnosis)
        return;
    m_scanWatcher.waitForFinished();
    // After a fix the fixed record is checked again, whichever record is on screen now.
    const bool recheck = m_fixing && !m_fixRunSummary.isEmpty();
    const QString shown = recheck ? m_fixRecordId
                                  : checks::Records::id18(m_current.record, QStringLiteral("Id"));
    m_diagnosis = std::move(prepared.diagnosis);
    m_state = std::move(prepared.state);
    m_current = {};
    m_scene->clearChain();
    m_links->clear();
    m_detail->clear();
    m_scanTree->clear();
    setStatus(tr("%1 Salesforce people, %2 accounts, %3 Marketo leads loaded")
                  .arg(m_state->sfContacts.size() + m_state->sfLeads.size())
                  .arg(m_state->sfAccounts.size())
                  .arg(m_state->mktoLeads.size()),
              false);
    // New data: the chain on screen is checked again (after a fix, that is the re-check).
    if (!shown.isEmpty() && m_diagnosis->find(shown).candidates.size() == 1)
        diagnose(shown);
    else
        updateFix();
    if (recheck) {
        m_fixing = false;
        const DiagnosisLink::Verdict verdict = m_current.verdict();
        QString after;
        if (m_current.links.isEmpty())
            after = tr("The record is no longer in the data read.");
        else if (verdict == DiagnosisLink::Verdict::Pass)
            after = tr("Re-checked: every link passes now.");
        else
            after = tr("Re-checked: still %1; see the links marked below.")
                        .arg(DiagnosisLink::verdictLabel(verdict).toLower());
        updateFix();
        setFixNote(m_fixRunSummary + u' ' + after
                   + (m_fixPlan.manualSteps.isEmpty()
                          ? QString()
                          : u'\n' + tr("Left for you:") + u"\n• "_qs
                                + m_fixPlan.manualSteps.join(u"\n• "_qs)));
        m_fixRunSummary.clear();
        emit fixChecked(shown, verdict);
    }
}

void DiagnosisWidget::setFixBlocked(const QString &reason)
{
    m_fixBlocked = reason;
    updateFix();
}

void DiagnosisWidget::clearChain()
{
    m_current = {};
    m_scene->clearChain();
    m_links->clear();
    m_detail->clear();
    updateFix();
    if (!m_fixing)
        setFixNote({});
}

void DiagnosisWidget::setFixAvailable(bool available)
{
    m_fixAvailable = available;
    updateFix();
}

void DiagnosisWidget::setFixNote(const QString &text)
{
    m_fixNote->setText(text);
    m_fixNote->setVisible(!text.isEmpty());
}

QString DiagnosisWidget::fixNoteText() const
{
    return m_fixNote->isHidden() ? QString() : m_fixNote->text();
}

void DiagnosisWidget::updateFix()
{
    m_fixPlan = m_current.links.isEmpty() ? checks::FixPlan{}
                                          : checks::DiagnosisFix::plan(m_current, *m_diagnosis);
    const bool can = m_fixAvailable && m_fixBlocked.isEmpty() && !m_fixing && m_fixPlan.canFix();
    m_fixButton->setEnabled(can);
    if (m_fixing) {
        m_fixButton->setText(tr("Fixing…"));
        return;
    }
    m_fixButton->setText(m_fixPlan.canFix()
                             ? tr("&Fix: re-sync %n record(s)", nullptr, int(m_fixPlan.records.size()))
                             : tr("&Fix"));
    if (!m_fixAvailable)
        m_fixButton->setToolTip(tr("Connect to Salesforce and Marketo to fix chains."));
    else if (!m_fixBlocked.isEmpty())
        m_fixButton->setToolTip(m_fixBlocked);
    else if (m_fixPlan.canFix())
        m_fixButton->setToolTip(
            tr("Sends this chain's records to Marketo in stage order (sales persons, companies, "
               "people, opportunities, roles), writes the MSI fields back and checks again. "
               "Fixes: %1").arg(m_fixPlan.fixableLinks.join(QStringLiteral(", "))));
    else
        m_fixButton->setToolTip(tr("Nothing here that a sync can mend."));
}

bool DiagnosisWidget::fix()
{
    if (m_fixing) {
        setFixNote(tr("A fix is already running."));
        return false;
    }
    if (!m_fixAvailable) {
        setFixNote(tr("No connection to Salesforce and Marketo: fixes need one."));
        return false;
    }
    if (!m_fixBlocked.isEmpty()) {
        setFixNote(m_fixBlocked);
        return false;
    }
    if (!m_fixPlan.canFix()) {
        setFixNote(m_fixPlan.manualSteps.isEmpty()
                       ? tr("Nothing to fix: no broken link here is one a sync mends.")
                       : tr("A sync cannot mend what is broken here:") + u"\n• "_qs
                             + m_fixPlan.manualSteps.join(u"\n• "_qs));
        return false;
    }
    m_fixing = true;
    m_fixRunSummary.clear();
    m_fixRecordId = checks::Records::id18(m_current.record, QStringLiteral("Id"));
    m_fixRecordLabel = checks::Records::sfLabel(m_current.record);
    updateFix();
    setFixNote(tr("Fix of %1: re-syncing %n record(s) of its chain in stage order…", nullptr,
                  int(m_fixPlan.records.size()))
                   .arg(m_fixRecordLabel));
    emit fixRequested(m_fixPlan.records, m_fixRecordLabel);
    return true;
}

void DiagnosisWidget::fixFailed(const QString &message)
{
    m_fixing = false;
    m_fixRunSummary.clear();
    setFixNote(tr("The fix did not start: %1").arg(message));
    updateFix();
}

void DiagnosisWidget::fixRunFinished(const QString &summary)
{
    // The re-check follows when the owner loads the new state (setState).
    m_fixRunSummary = tr("Fix of %1:").arg(m_fixRecordLabel) + u' '
        + (summary.isEmpty() ? tr("the run finished.") : summary);
    setFixNote(m_fixRunSummary + u' ' + tr("Reading its records again to check…"));
}

bool DiagnosisWidget::loadSeed(const QString &directory)
{
    checks::SystemState state;
    QString error;
    if (!checks::SeedReader::read(directory, &state, &error)) {
        setStatus(error, true);
        return false;
    }
    setState(std::move(state));
    return true;
}

void DiagnosisWidget::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #c62828") : QString());
}

QString DiagnosisWidget::statusText() const
{
    return m_status->text();
}

bool DiagnosisWidget::diagnose(const QString &query)
{
    if (m_query->text() != query)
        m_query->setText(query);
    const MsiDiagnosis::Lookup lookup = m_diagnosis->find(query);
    if (lookup.candidates.size() != 1) {
        if (lookup.candidates.isEmpty()) {
            setStatus(lookup.error, true);
        } else {
            QStringList names;
            for (const QJsonObject *c : lookup.candidates)
                names.append(checks::Records::sfLabel(*c));
            setStatus(tr("'%1' matches %2 records; enter the ID of one: %3")
                          .arg(query)
                          .arg(lookup.candidates.size())
                          .arg(names.join(QStringLiteral("; "))),
                      true);
        }
        // Nothing stale stays on screen for the Fix button to act on.
        clearChain();
        return false;
    }
    m_current = m_diagnosis->diagnose(*lookup.candidates.first());
    m_scene->setDiagnosis(m_current, [this](const QString &id) {
        const MsiDiagnosis::Lookup found = m_diagnosis->find(id);
        if (found.candidates.size() == 1)
            return checks::Records::text(*found.candidates.first(), QStringLiteral("Name"));
        for (const QJsonObject &user : m_state->sfUsers) { // owners: a handful
            if (checks::Records::id18(user, QStringLiteral("Id")) == id)
                return checks::Records::text(user, QStringLiteral("Name"));
        }
        return QString();
    });
    const ChainGraph &graph = *m_scene->graph();
    int failing = 0;
    int warnings = 0;
    int notChecked = 0;
    m_links->blockSignals(true);
    m_links->clear();
    for (int i = 0; i < m_current.links.size(); ++i) {
        const DiagnosisLink &l = m_current.links.at(i);
        const bool skipped = graph.isNotChecked(i);
        notChecked += skipped;
        failing += !skipped && l.verdict == DiagnosisLink::Verdict::Fail;
        warnings += l.verdict == DiagnosisLink::Verdict::Warn;
        const QString state = skipped ? graph.notCheckedText(i)
            : l.problem.isEmpty()     ? QString()
                                      : DiagnosisLink::problemLabel(l.problem);
        auto *item = new QListWidgetItem(
            (skipped ? tr("NOT CHECKED") : DiagnosisLink::verdictLabel(l.verdict).toUpper())
            + u"  "_qs + graph.title(i) + (state.isEmpty() ? QString() : u" — "_qs + state));
        item->setForeground(skipped ? DiagnosisNode::notCheckedBorder()
                                    : DiagnosisNode::borderColor(l.verdict));
        item->setToolTip(item->text()
                         + (l.subject.isEmpty() ? QString() : u"\n"_qs + l.subject)
                         + u"\n"_qs + l.cause);
        m_links->addItem(item);
    }
    m_links->blockSignals(false);
    fitChain();
    m_view->horizontalScrollBar()->setValue(m_view->horizontalScrollBar()->minimum()); // the record's box first, whatever was scrolled
    m_view->verticalScrollBar()->setValue(m_view->verticalScrollBar()->minimum());
    m_detail->clear();
    const QString id = checks::Records::id18(m_current.record, QStringLiteral("Id"));
    setStatus(notChecked == 0
                  ? tr("%1: %2 link(s) fail, %3 warn, %4 pass")
                        .arg(checks::Records::sfLabel(m_current.record))
                        .arg(failing)
                        .arg(warnings)
                        .arg(m_current.links.size() - failing - warnings)
                  : tr("%1: %2 link(s) fail, %3 not checked because of them, %4 warn, %5 pass")
                        .arg(checks::Records::sfLabel(m_current.record))
                        .arg(failing)
                        .arg(notChecked)
                        .arg(warnings)
                        .arg(m_current.links.size() - failing - notChecked - warnings),
              false);
    // Open the first broken link, where the admin will look first: a real failure, else a
    // warning, else a link that could not be checked.
    int open = -1;
    for (const bool wantFail : {true, false}) {
        for (int i = 0; open < 0 && i < m_current.links.size(); ++i) {
            const DiagnosisLink::Verdict v = m_current.links.at(i).verdict;
            if (wantFail ? (v == DiagnosisLink::Verdict::Fail && !graph.isNotChecked(i))
                         : v == DiagnosisLink::Verdict::Warn)
                open = i;
        }
    }
    for (int i = 0; open < 0 && i < m_current.links.size(); ++i) {
        if (m_current.links.at(i).verdict != DiagnosisLink::Verdict::Pass)
            open = i;
    }
    if (open >= 0)
        m_links->setCurrentRow(open);
    // The top of the graph first; scrolled only as far as the opened link needs.
    m_view->verticalScrollBar()->setValue(m_view->verticalScrollBar()->minimum());
    if (DiagnosisNode *node = m_scene->nodeForLink(open))
        m_view->ensureVisible(node, 16, 16);
    updateFix();
    if (!m_fixing)
        setFixNote(m_fixPlan.manualSteps.isEmpty()
                       ? QString()
                       : tr("Needs you (a sync cannot mend it):") + u"\n• "_qs
                             + m_fixPlan.manualSteps.join(u"\n• "_qs));
    emit diagnosed(id, m_current.verdict());
    return true;
}

bool DiagnosisWidget::showExample()
{
    if (m_state->sfContacts.isEmpty())
        return false;
    QString pick = checks::Records::id18(m_state->sfContacts.first(), QStringLiteral("Id"));
    for (const QJsonObject &contact : m_state->sfContacts) {
        const checks::Diagnosis d = m_diagnosis->diagnose(contact);
        if (!d.links.isEmpty() && d.links.first().verdict != DiagnosisLink::Verdict::Fail) {
            pick = checks::Records::id18(contact, QStringLiteral("Id"));
            break;
        }
    }
    return diagnose(pick);
}

void DiagnosisWidget::showLink(int index)
{
    if (index < 0 || index >= m_current.links.size()) {
        m_detail->clear();
        return;
    }
    const ChainGraph *graph = m_scene->graph();
    if (!graph || graph->size() != m_current.links.size()) {
        m_detail->showLink(m_current.links.at(index));
        return;
    }
    m_detail->showLink(m_current.links.at(index), graph->title(index), graph->notCheckedText(index));
}

bool DiagnosisWidget::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::Resize)
        fitChain();
    return QWidget::eventFilter(watched, event);
}

void DiagnosisWidget::fitChain()
{
    // Lay the grid out for the width the view shows; should the tree still be wider (a very
    // narrow window), scale it down to fit, but never below legibility (then it scrolls).
    const int available = m_view->width() - 2 * m_view->frameWidth()
        - m_view->verticalScrollBar()->sizeHint().width();
    m_scene->setAvailableWidth(available);
    const qreal width = m_scene->sceneRect().width();
    const qreal scale = width > available ? std::max(0.7, available / width) : 1.0;
    m_view->setTransform(QTransform::fromScale(scale, scale));
}

void DiagnosisWidget::scanAll()
{
    if (m_scanWatcher.isRunning())
        return;
    m_scanButton->setEnabled(false);
    m_scanStatus->setText(tr("Scanning…"));
    const std::shared_ptr<const checks::SystemState> state = m_state;
    m_scanWatcher.setFuture(QtConcurrent::run([state] {
        return MsiDiagnosis(*state).diagnoseAll();
    }));
}

void DiagnosisWidget::showScan(const MsiDiagnosis::Bulk &bulk)
{
    m_scanButton->setEnabled(true);
    m_scanTree->clear();
    m_scanStatus->setText(tr("%1 of %2 records pass every link; %3 kinds of broken link")
                              .arg(bulk.recordsPassing)
                              .arg(bulk.recordsDiagnosed)
                              .arg(bulk.groups.size()));
    for (const MsiDiagnosis::Group &g : bulk.groups) {
        auto *group = new QTreeWidgetItem(m_scanTree, {g.summary(), g.link});
        group->setForeground(0, DiagnosisNode::borderColor(g.verdict));
        for (const QString &id : g.records) {
            const QJsonObject *record = nullptr;
            // Label each record for people; the ID is what a double-click diagnoses.
            const MsiDiagnosis::Lookup found = m_diagnosis->find(id);
            if (found.candidates.size() == 1)
                record = found.candidates.first();
            auto *child = new QTreeWidgetItem(group, {record ? checks::Records::sfLabel(*record) : id});
            child->setData(0, kRecordIdRole, id);
        }
    }
    emit scanFinished(int(bulk.groups.size()));
}

} // namespace msi::ui
