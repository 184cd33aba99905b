#include "ui/sync/RunResultsView.h"

#include "tables/CsvExport.h"
#include "tables/RunOutcomesModel.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QVBoxLayout>

namespace msi::ui {

using store::Outcome;
using tables::RunOutcomesModel;

namespace {

QSet<Outcome> outcomesFor(RunResultsView::Show show)
{
    switch (show) {
    case RunResultsView::Show::All: return {};
    case RunResultsView::Show::Problems:
        return {Outcome::Failed, Outcome::Blocked, Outcome::Skipped, Outcome::Deferred};
    case RunResultsView::Show::Created: return {Outcome::Created};
    case RunResultsView::Show::Updated: return {Outcome::Updated};
    case RunResultsView::Show::Unchanged: return {Outcome::Unchanged};
    case RunResultsView::Show::Skipped: return {Outcome::Skipped};
    case RunResultsView::Show::Blocked: return {Outcome::Blocked};
    case RunResultsView::Show::Failed: return {Outcome::Failed};
    case RunResultsView::Show::Deferred: return {Outcome::Deferred};
    }
    return {};
}

} // namespace

RunResultsView::RunResultsView(store::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_model(new RunOutcomesModel(workspace, this))
    , m_filterModel(new tables::RunOutcomesFilterModel(this))
    , m_title(new QLabel(this))
    , m_outcome(new QComboBox(this))
    , m_filter(new QLineEdit(this))
    , m_export(new QPushButton(tr("E&xport CSV…"), this))
    , m_view(new QTableView(this))
    , m_detail(new QLabel(this))
{
    m_filterModel->setSourceModel(m_model);

    m_title->setObjectName(u"resultsTitle"_qs);
    m_title->setText(tr("No results to show."));
    m_title->setTextFormat(Qt::PlainText);

    m_outcome->setObjectName(u"outcomeFilter"_qs);
    m_outcome->setAccessibleName(tr("Show outcomes"));
    m_outcome->setToolTip(tr("Show only records with this outcome"));
    m_outcome->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_outcome->addItem(tr("All outcomes"), int(Show::All));
    m_outcome->addItem(tr("Not synced (failed, blocked, skipped, deferred)"), int(Show::Problems));
    m_outcome->addItem(tr("Created"), int(Show::Created));
    m_outcome->addItem(tr("Updated"), int(Show::Updated));
    m_outcome->addItem(tr("Unchanged"), int(Show::Unchanged));
    m_outcome->addItem(tr("Skipped"), int(Show::Skipped));
    m_outcome->addItem(tr("Blocked"), int(Show::Blocked));
    m_outcome->addItem(tr("Failed"), int(Show::Failed));
    m_outcome->addItem(tr("Deferred"), int(Show::Deferred));
    m_outcome->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_outcome->setMinimumContentsLength(14);
    auto *outcomeLabel = new QLabel(tr("Sh&ow:"), this);
    outcomeLabel->setBuddy(m_outcome);

    m_filter->setObjectName(u"resultsFilter"_qs);
    m_filter->setAccessibleName(tr("Filter results"));
    m_filter->setPlaceholderText(tr("Filter by record, ID or reason"));
    m_filter->setClearButtonEnabled(true);

    m_export->setObjectName(u"exportCsv"_qs);
    m_export->setAccessibleName(tr("Export results as CSV"));
    m_export->setToolTip(tr("Save the rows shown as a CSV file"));
    m_export->setEnabled(false);

    m_view->setObjectName(u"resultsTable"_qs);
    m_view->setAccessibleName(tr("Run results"));
    m_view->setModel(m_filterModel);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(RunOutcomesModel::StageColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setSectionResizeMode(RunOutcomesModel::ReasonColumn, QHeaderView::Stretch);
    m_view->setTabKeyNavigation(false);
    // Column chooser on the header; the Marketo id starts hidden (the CSV always has it).
    // The choice persists (QSettings, shared by the Sync and History panels).
    m_view->horizontalHeader()->setContextMenuPolicy(Qt::ActionsContextMenu);
    const QString hiddenKey = u"runResults/hiddenColumns"_qs;
    const QStringList hidden = QSettings().value(hiddenKey, QStringList{QString::number(RunOutcomesModel::MarketoIdColumn)})
                                   .toStringList();
    for (int column = 0; column < RunOutcomesModel::ColumnCount; ++column) {
        auto *action = new QAction(m_model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString(),
                                   m_view->horizontalHeader());
        action->setCheckable(true);
        action->setChecked(column == RunOutcomesModel::ReasonColumn || !hidden.contains(QString::number(column)));
        action->setEnabled(column != RunOutcomesModel::ReasonColumn);
        m_view->setColumnHidden(column, !action->isChecked());
        connect(action, &QAction::toggled, this, [this, column, hiddenKey](bool shown) {
            m_view->setColumnHidden(column, !shown);
            QStringList now;
            for (int c = 0; c < RunOutcomesModel::ColumnCount; ++c) {
                if (m_view->isColumnHidden(c))
                    now << QString::number(c);
            }
            QSettings().setValue(hiddenKey, now);
        });
        m_view->horizontalHeader()->addAction(action);
    }

    m_detail->setObjectName(u"resultDetail"_qs);
    m_detail->setAccessibleName(tr("Selected record"));
    m_detail->setWordWrap(true);
    m_detail->setTextFormat(Qt::PlainText);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_detail->setFrameShape(QFrame::StyledPanel);
    m_detail->setMargin(6);
    m_detail->setMinimumHeight(m_detail->fontMetrics().lineSpacing() * 2 + 14);
    m_detail->setText(tr("Select a record to see what happened to it."));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_title, 1);
    bar->addWidget(outcomeLabel);
    bar->addWidget(m_outcome);
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_export);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_detail);

    setTabOrder(m_outcome, m_filter);
    setTabOrder(m_filter, m_export);
    setTabOrder(m_export, m_view);

    connect(m_outcome, &QComboBox::currentIndexChanged, this, &RunResultsView::outcomeChosen);
    connect(m_filter, &QLineEdit::textChanged, this, &RunResultsView::setFilterText);
    connect(m_export, &QPushButton::clicked, this, &RunResultsView::askExport);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RunResultsView::describeCurrent);
    connect(m_model, &RunOutcomesModel::loaded, this, [this] {
        m_view->resizeColumnsToContents();
        // The reason is what the admin reads: keep the other columns from taking its room.
        const int max = m_view->fontMetrics().averageCharWidth() * 24;
        for (int column = 0; column < RunOutcomesModel::ColumnCount; ++column) {
            if (column != RunOutcomesModel::ReasonColumn && column != RunOutcomesModel::IdColumn
                && m_view->columnWidth(column) > max)
                m_view->setColumnWidth(column, max);
        }
        updateSummary();
        describeCurrent();
    });
    connect(m_filterModel, &QAbstractItemModel::rowsInserted, this, &RunResultsView::updateSummary);
    connect(m_filterModel, &QAbstractItemModel::rowsRemoved, this, &RunResultsView::updateSummary);
    connect(m_filterModel, &QAbstractItemModel::modelReset, this, &RunResultsView::updateSummary);
    connect(m_filterModel, &QAbstractItemModel::layoutChanged, this, &RunResultsView::updateSummary);
}

RunResultsView::~RunResultsView() = default;

void RunResultsView::showOutcomes(Show show)
{
    const int index = m_outcome->findData(int(show));
    if (index >= 0)
        m_outcome->setCurrentIndex(index);
}

void RunResultsView::outcomeChosen(int index)
{
    const Show show = Show(m_outcome->itemData(index).toInt());
    m_filterModel->setOutcomes(outcomesFor(show));
    m_filterModel->setHideWriteBackWaits(show == Show::Problems);
    updateSummary();
}

void RunResultsView::setFilterText(const QString &text)
{
    if (m_filter->text() != text)
        m_filter->setText(text); // comes back here through textChanged
    else
        m_filterModel->setFilterFixedString(text.trimmed());
    updateSummary();
}

bool RunResultsView::selectRecord(const QString &recordKey)
{
    const QModelIndex source = m_model->indexOf(recordKey);
    const QModelIndex proxy = m_filterModel->mapFromSource(source);
    if (!proxy.isValid())
        return false;
    m_view->setCurrentIndex(proxy);
    m_view->scrollTo(proxy);
    describeCurrent();
    return true;
}

QString RunResultsView::detailText() const
{
    return m_view->currentIndex().isValid() ? m_detail->text() : QString();
}

void RunResultsView::describeCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_detail->setText(m_model->rowCount() > 0 ? tr("Select a record to see what happened to it.")
                                                  : QString());
        m_detail->setStyleSheet({});
        return;
    }
    const tables::RunOutcomeRow &row = m_model->recordAt(m_filterModel->mapToSource(current).row());
    m_detail->setText(RunOutcomesModel::describe(row));
    const bool problem = row.outcome == Outcome::Failed || row.outcome == Outcome::Blocked;
    m_detail->setStyleSheet(problem ? u"QLabel { color: #b71c1c; }"_qs : QString());
}

void RunResultsView::updateSummary()
{
    const int total = m_model->rowCount();
    const int shown = m_filterModel->rowCount();
    m_export->setEnabled(shown > 0);
    if (m_model->runId() == 0 && total == 0) {
        m_title->setText(tr("No results to show."));
        return;
    }
    const QString run = tr("Run %1").arg(m_model->runId());
    m_title->setText(shown == total ? tr("%1: %n record(s)", nullptr, total).arg(run)
                                    : tr("%1: %2 of %n record(s)", nullptr, total).arg(run).arg(shown));
}

bool RunResultsView::exportCsv(const QString &path, QString *error)
{
    return tables::CsvExport::writeFile(*m_filterModel, path, error);
}

void RunResultsView::askExport()
{
    const QString suggested = QDir::home().filePath(tr("msi-bridge-run-%1.csv").arg(m_model->runId()));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export results"), suggested,
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportCsv(path, &error)) {
        m_detail->setText(error);
        m_detail->setStyleSheet(u"QLabel { color: #b71c1c; }"_qs);
    } else {
        m_detail->setText(tr("Saved %n row(s) to %1.", nullptr, m_filterModel->rowCount()).arg(path));
        m_detail->setStyleSheet({});
    }
}

} // namespace msi::ui
