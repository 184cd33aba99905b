#include "ui/checks/ChecksPanel.h"

#include "tables/FindingsModel.h"
#include "tables/RecordKinds.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace msi::ui {

using checks::Finding;
using tables::FindingsFilterModel;
using tables::FindingsModel;

ChecksPanel::ChecksPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new FindingsModel(this))
    , m_filterModel(new FindingsFilterModel(this))
    , m_errors(new QCheckBox)
    , m_warnings(new QCheckBox)
    , m_infos(new QCheckBox)
    , m_filter(new QLineEdit)
    , m_view(new QTableView)
    , m_summary(new QLabel)
    , m_detail(new QLabel)
{
    setObjectName(QStringLiteral("checksPanel"));
    setAccessibleName(tr("Checks"));
    m_filterModel->setSourceModel(m_model);

    const struct
    {
        QCheckBox *box;
        Finding::Severity severity;
        const char *name;
    } boxes[] = {{m_errors, Finding::Severity::Error, "showErrors"},
                 {m_warnings, Finding::Severity::Warning, "showWarnings"},
                 {m_infos, Finding::Severity::Info, "showInfos"}};
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Show:")));
    for (const auto &b : boxes) {
        b.box->setObjectName(QString::fromLatin1(b.name));
        b.box->setChecked(true);
        const Finding::Severity severity = b.severity;
        connect(b.box, &QCheckBox::toggled, this, [this, severity](bool on) {
            m_filterModel->setSeverityShown(severity, on);
            updateCounts();
        });
        top->addWidget(b.box);
    }
    m_filter->setObjectName(QStringLiteral("findingsFilter"));
    m_filter->setAccessibleName(tr("Filter findings"));
    m_filter->setPlaceholderText(tr("Filter by record, code or words"));
    m_filter->setClearButtonEnabled(true);
    auto *filterLabel = new QLabel(tr("&Filter:"));
    filterLabel->setBuddy(m_filter);
    top->addSpacing(12);
    top->addWidget(filterLabel);
    top->addWidget(m_filter, 1);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filterModel->setFilterFixedString(text.trimmed());
        updateCounts();
    });

    m_view->setObjectName(QStringLiteral("findingsTable"));
    m_view->setAccessibleName(tr("Findings"));
    m_view->setModel(m_filterModel);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setTabKeyNavigation(false);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(FindingsModel::SeverityColumn, Qt::AscendingOrder);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(FindingsModel::SeverityColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(FindingsModel::RecordColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(FindingsModel::CauseColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(FindingsModel::FixColumn, QHeaderView::Interactive);
    header->resizeSection(FindingsModel::RecordColumn, fontMetrics().averageCharWidth() * 30);
    header->resizeSection(FindingsModel::FixColumn, fontMetrics().averageCharWidth() * 36);
    connect(m_view, &QAbstractItemView::activated, this, &ChecksPanel::activate);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showDetail(current); });

    m_summary->setObjectName(QStringLiteral("findingsSummary"));
    m_detail->setObjectName(QStringLiteral("findingDetail"));
    m_detail->setAccessibleName(tr("Finding details"));
    m_detail->setWordWrap(true);
    m_detail->setTextFormat(Qt::RichText);
    m_detail->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_detail->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_detail->setMargin(6);
    connect(m_detail, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link.startsWith(QStringLiteral("record:")))
            activateReference(link.mid(7));
    });
    auto *detailArea = new QScrollArea;
    detailArea->setObjectName(QStringLiteral("findingDetailArea"));
    detailArea->setWidget(m_detail);
    detailArea->setWidgetResizable(true);
    detailArea->setFrameShape(QFrame::StyledPanel);
    detailArea->setFocusPolicy(Qt::NoFocus);
    detailArea->setMinimumHeight(fontMetrics().lineSpacing() * 6);

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_view);
    splitter->addWidget(detailArea);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({300, 170});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_summary);

    setTabOrder(m_errors, m_warnings);
    setTabOrder(m_warnings, m_infos);
    setTabOrder(m_infos, m_filter);
    setTabOrder(m_filter, m_view);
    setTabOrder(m_view, m_detail);
    updateCounts();
    showDetail({});
}

ChecksPanel::ChecksPanel(const checks::Findings &findings, QWidget *parent)
    : ChecksPanel(parent)
{
    setFindings(findings);
}

ChecksPanel::~ChecksPanel() = default;

void ChecksPanel::setFindings(const checks::Findings &findings)
{
    m_model->setFindings(findings);
    updateCounts();
    if (m_filterModel->rowCount() > 0)
        m_view->selectRow(0);
    else
        showDetail({});
}

void ChecksPanel::updateCounts()
{
    const int errors = m_model->count(Finding::Severity::Error);
    const int warnings = m_model->count(Finding::Severity::Warning);
    const int infos = m_model->count(Finding::Severity::Info);
    m_errors->setText(tr("Errors (%1)").arg(errors));
    m_warnings->setText(tr("Warnings (%1)").arg(warnings));
    m_infos->setText(tr("Info (%1)").arg(infos));
    m_errors->setAccessibleName(tr("Show errors"));
    m_warnings->setAccessibleName(tr("Show warnings"));
    m_infos->setAccessibleName(tr("Show info"));
    const int total = m_model->rowCount();
    if (total == 0)
        m_summary->setText(tr("No problems found before the run."));
    else
        m_summary->setText(tr("Showing %1 of %2 findings. Double-click a finding to open its record.")
                               .arg(m_filterModel->rowCount())
                               .arg(total));
}

void ChecksPanel::showDetail(const QModelIndex &proxyIndex)
{
    if (!proxyIndex.isValid()) {
        m_detail->setText(m_model->rowCount() == 0 ? tr("Nothing to show.")
                                                   : tr("Select a finding to see it in full."));
        return;
    }
    const Finding finding = proxyIndex.siblingAtColumn(0).data(FindingsModel::RecordRole).value<Finding>();
    QStringList links;
    for (const QString &reference : finding.records) {
        links << QStringLiteral("<a href=\"record:%1\">%2</a>")
                     .arg(reference.toHtmlEscaped(),
                          tables::RecordKinds::referenceLabel(reference).toHtmlEscaped());
    }
    QString html = QStringLiteral("<p><b>%1</b> · <code>%2</code></p><p>%3</p>")
                       .arg(Finding::severityLabel(finding.severity).toHtmlEscaped(),
                            finding.code.toHtmlEscaped(), finding.cause.toHtmlEscaped());
    if (!finding.fix.isEmpty())
        html += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Fix:").toHtmlEscaped(), finding.fix.toHtmlEscaped());
    if (!links.isEmpty())
        html += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Records:").toHtmlEscaped(), links.join(QStringLiteral(", ")));
    m_detail->setText(html);
}

QString ChecksPanel::detailText() const
{
    return m_detail->text();
}

void ChecksPanel::activate(const QModelIndex &proxyIndex)
{
    if (!proxyIndex.isValid())
        return;
    const QStringList references = proxyIndex.siblingAtColumn(0).data(FindingsModel::ReferencesRole).toStringList();
    for (const QString &reference : references) {
        store::System system;
        QString type, key;
        if (tables::RecordKinds::resolveReference(reference, &system, &type, &key)) {
            emit recordActivated(system, type, key);
            return;
        }
    }
}

void ChecksPanel::activateReference(const QString &reference)
{
    store::System system;
    QString type, key;
    if (tables::RecordKinds::resolveReference(reference, &system, &type, &key))
        emit recordActivated(system, type, key);
}

} // namespace msi::ui
