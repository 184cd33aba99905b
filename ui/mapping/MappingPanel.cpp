#include "ui/mapping/MappingPanel.h"

#include "core/SalesforceId.h"
#include "store/MappingRepository.h"
#include "store/SnapshotRepository.h"
#include "store/Workspace.h"
#include "sync/SyncTypes.h"
#include "tables/MappingModel.h"
#include "ui/mapping/MappingDelegate.h"

#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace msi::ui {

using tables::FieldMapping;
using tables::MappingCheck;
using tables::MappingModel;

namespace {

QPushButton *button(const QString &text, const QString &name, const QString &tip)
{
    auto *b = new QPushButton(text);
    b->setObjectName(name);
    b->setToolTip(tip);
    b->setAccessibleName(QString(text).remove(u'&').remove(QStringLiteral("…")));
    b->setAccessibleDescription(tip);
    return b;
}

} // namespace

MappingPanel::MappingPanel(tables::FieldCatalog catalog, store::Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_undoStack(new QUndoStack(this))
    , m_model(new MappingModel(std::move(catalog), this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_stage(new QComboBox)
    , m_fallback(new QComboBox)
    , m_view(new QTableView)
    , m_summary(new QLabel)
    , m_rowCheck(new QLabel)
    , m_status(new QLabel)
{
    setObjectName(QStringLiteral("mappingPanel"));
    setAccessibleName(tr("Field mapping"));

    if (m_workspace) {
        const auto current = store::MappingRepository(*m_workspace).current();
        FieldMapping stored;
        QString error;
        if (current && FieldMapping::fromJson(current->document, &stored, &error)) {
            stored.enforceLockedRows(FieldMapping::defaults(m_model->catalog()));
            m_model->applyMapping(stored);
        } else if (current) {
            setStatus(tr("The workspace's mapping version %1 could not be read (%2); showing the defaults.")
                          .arg(current->version)
                          .arg(error),
                      true);
        }
    }
    m_model->setUndoStack(m_undoStack);

    m_stage->setObjectName(QStringLiteral("mappingStage"));
    m_stage->setAccessibleName(tr("Stage"));
    m_stage->addItem(tr("All stages"), QString());
    for (sync::Stage stage : sync::SyncTypes::allStages())
        m_stage->addItem(sync::SyncTypes::stageTitle(stage), sync::SyncTypes::stageTitle(stage));
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(MappingModel::StageColumn);
    connect(m_stage, &QComboBox::currentIndexChanged, this, [this] {
        const QString title = m_stage->currentData().toString();
        m_proxy->setFilterRegularExpression(title.isEmpty() ? QString()
                                                            : u'^' + QRegularExpression::escape(title) + u'$');
    });

    QAction *undo = m_undoStack->createUndoAction(this, tr("Undo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QAction *redo = m_undoStack->createRedoAction(this, tr("Redo"));
    redo->setShortcut(QKeySequence::Redo);
    redo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(undo);
    addAction(redo);

    auto *undoButton = button(tr("&Undo"), QStringLiteral("mappingUndo"), tr("Undo the last change (Ctrl+Z)"));
    auto *redoButton = button(tr("&Redo"), QStringLiteral("mappingRedo"), tr("Redo (Ctrl+Shift+Z)"));
    auto *suggestButton = button(tr("&Suggest fields"), QStringLiteral("mappingSuggest"),
                                 tr("Add Salesforce fields whose API name or label matches a Marketo field"));
    auto *defaultsButton = button(tr("&Defaults"), QStringLiteral("mappingDefaults"),
                                  tr("Go back to the mapping the sync sends by default"));
    auto *importButton = button(tr("&Import…"), QStringLiteral("mappingImport"), tr("Read a mapping from a JSON file"));
    auto *exportButton = button(tr("&Export…"), QStringLiteral("mappingExport"), tr("Write the mapping to a JSON file"));
    auto *saveButton = button(tr("Sa&ve"), QStringLiteral("mappingSave"), tr("Store the mapping in the workspace (Ctrl+S)"));
    saveButton->setShortcut(QKeySequence::Save);
    saveButton->setEnabled(m_workspace != nullptr);
    undoButton->setEnabled(false);
    redoButton->setEnabled(false);
    connect(m_undoStack, &QUndoStack::canUndoChanged, undoButton, &QWidget::setEnabled);
    connect(m_undoStack, &QUndoStack::canRedoChanged, redoButton, &QWidget::setEnabled);
    connect(m_undoStack, &QUndoStack::undoTextChanged, undoButton, [undoButton](const QString &text) {
        undoButton->setToolTip(text.isEmpty() ? tr("Nothing to undo") : tr("Undo: %1").arg(text));
    });
    connect(undoButton, &QPushButton::clicked, m_undoStack, &QUndoStack::undo);
    connect(redoButton, &QPushButton::clicked, m_undoStack, &QUndoStack::redo);
    connect(suggestButton, &QPushButton::clicked, this, [this] { suggest(); });
    connect(defaultsButton, &QPushButton::clicked, this, &MappingPanel::resetToDefaults);
    connect(importButton, &QPushButton::clicked, this, &MappingPanel::chooseImportFile);
    connect(exportButton, &QPushButton::clicked, this, &MappingPanel::chooseExportFile);
    connect(saveButton, &QPushButton::clicked, this, [this] { saveToWorkspace(); });

    m_fallback->setObjectName(QStringLiteral("mappingFallbackSalesPerson"));
    m_fallback->setAccessibleName(tr("Sales person for queue-owned records"));
    m_fallback->setToolTip(tr("A queue cannot be a Marketo sales person: records owned by a "
                              "queue are sent with this user as their sales person, or blocked. "
                              "Every run follows it once the mapping is saved."));
    // Narrow in the toolbar (the window must fit a small screen); the list shows whole names.
    m_fallback->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_fallback->setMinimumContentsLength(40);
    m_fallback->view()->setAccessibleName(tr("Sales persons to choose from"));
    fillFallbackChoices();
    m_fallback->view()->setMinimumWidth(m_fallback->view()->sizeHintForColumn(0) + 24);
    showFallback();
    connect(m_fallback, &QComboBox::activated, this, [this] { chooseFallback(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { showFallback(); });

    auto *stageLabel = new QLabel(tr("S&tage:"));
    stageLabel->setBuddy(m_stage);
    auto *fallbackLabel = new QLabel(tr("&Queue-owned records:"));
    fallbackLabel->setBuddy(m_fallback);
    auto *top = new QHBoxLayout;
    top->addWidget(stageLabel);
    top->addWidget(m_stage);
    top->addStretch(1);
    for (QPushButton *b : {undoButton, redoButton, suggestButton, defaultsButton, importButton, exportButton, saveButton})
        top->addWidget(b);

    m_view->setObjectName(QStringLiteral("mappingTable"));
    m_view->setAccessibleName(tr("Field mapping"));
    m_view->setModel(m_proxy);
    m_view->setItemDelegate(new MappingDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                            | QAbstractItemView::SelectedClicked);
    m_view->setTabKeyNavigation(false);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(MappingModel::StageColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(MappingModel::DirectionColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(MappingModel::CheckColumn, QHeaderView::Stretch);
    header->resizeSection(MappingModel::SalesforceColumn, fontMetrics().averageCharWidth() * 34);
    header->resizeSection(MappingModel::MarketoColumn, fontMetrics().averageCharWidth() * 30);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showRowCheck(current); });

    m_summary->setObjectName(QStringLiteral("mappingSummary"));
    m_summary->setWordWrap(true);
    m_rowCheck->setObjectName(QStringLiteral("mappingRowCheck"));
    m_rowCheck->setAccessibleName(tr("Check of the selected row"));
    m_rowCheck->setWordWrap(true);
    m_rowCheck->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setObjectName(QStringLiteral("mappingStatus"));
    m_status->setAccessibleName(tr("Result of the last action"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // The run policy beside the field rows: saved with them, followed by every run.
    auto *policy = new QHBoxLayout;
    policy->addWidget(fallbackLabel);
    policy->addWidget(m_fallback);
    policy->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(policy);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_rowCheck);
    layout->addWidget(m_summary);
    layout->addWidget(m_status);

    setTabOrder(m_stage, m_fallback);
    setTabOrder(m_fallback, undoButton);
    setTabOrder(undoButton, redoButton);
    setTabOrder(redoButton, suggestButton);
    setTabOrder(suggestButton, defaultsButton);
    setTabOrder(defaultsButton, importButton);
    setTabOrder(importButton, exportButton);
    setTabOrder(exportButton, saveButton);
    setTabOrder(saveButton, m_view);

    connect(m_model, &MappingModel::checksChanged, this, &MappingPanel::updateSummary);
    connect(m_model, &MappingModel::checksChanged, this, [this] { showRowCheck(m_view->currentIndex()); });
    updateSummary();
    showRowCheck({});
}

MappingPanel::~MappingPanel() = default;

QString MappingPanel::statusText() const
{
    return m_status->text();
}

void MappingPanel::setStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    m_status->setStyleSheet(problem ? QStringLiteral("color: #b71c1c;") : QString());
    m_status->setAccessibleDescription(text);
}

void MappingPanel::updateSummary()
{
    const int errors = m_model->count(MappingCheck::Level::Error);
    const int warnings = m_model->count(MappingCheck::Level::Warning);
    QString text = tr("%1 fields mapped. Checks before a run: %2 errors, %3 warnings.")
                       .arg(m_model->rowCount())
                       .arg(errors)
                       .arg(warnings);
    if (errors > 0)
        text += QLatin1Char(' ') + tr("Fix the errors before running a sync.");
    const tables::FieldCatalog &catalog = m_model->catalog();
    if (catalog.isDerived(store::System::Salesforce, QStringLiteral("Contact"))
        || catalog.isDerived(store::System::Marketo, QStringLiteral("leads")))
        text += QLatin1Char(' ') + tr("No describe was read for some objects: their types come from the records and their lengths are not known.");
    m_summary->setText(text);
    m_summary->setAccessibleName(text);
}

void MappingPanel::showRowCheck(const QModelIndex &proxyIndex)
{
    if (!proxyIndex.isValid()) {
        m_rowCheck->setText(tr("Select a row to see its check; double-click a field to change it."));
        return;
    }
    const int row = m_proxy->mapToSource(proxyIndex).row();
    const MappingCheck check = m_model->checkAt(row);
    QString level;
    switch (check.level) {
    case MappingCheck::Level::Error: level = tr("Error"); break;
    case MappingCheck::Level::Warning: level = tr("Warning"); break;
    case MappingCheck::Level::Info: level = tr("Note"); break;
    case MappingCheck::Level::Ok: level = tr("OK"); break;
    }
    m_rowCheck->setText(tr("%1: %2").arg(level, check.text));
}

bool MappingPanel::exportTo(const QString &path, QString *error)
{
    QSaveFile file(path);
    const QByteArray json = QJsonDocument(m_model->mapping().toJson()).toJson(QJsonDocument::Indented);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        const QString message = tr("Could not write the mapping to %1: %2").arg(path, file.errorString());
        setStatus(message, true);
        if (error)
            *error = message;
        return false;
    }
    setStatus(tr("Mapping exported to %1.").arg(path), false);
    return true;
}

bool MappingPanel::importFrom(const QString &path, QString *error)
{
    auto fail = [&](const QString &message) {
        setStatus(message, true);
        if (error)
            *error = message;
        return false;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("Could not read %1: %2").arg(path, file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fail(tr("%1 is not a JSON mapping (%2 at byte %3).").arg(path, parseError.errorString()).arg(parseError.offset));
    FieldMapping mapping;
    QString problem;
    if (!FieldMapping::fromJson(document.object(), &mapping, &problem))
        return fail(tr("%1: %2").arg(path, problem));
    mapping.enforceLockedRows(FieldMapping::defaults(m_model->catalog()));
    if (mapping.fallbackSalesPersonId.isEmpty()) // a file without a choice keeps the current one
        mapping.fallbackSalesPersonId = m_model->mapping().fallbackSalesPersonId;
    m_model->setMapping(mapping, tr("import %1").arg(path));
    setStatus(tr("Mapping imported from %1 (the locked external ID rows were kept).").arg(path), false);
    return true;
}

bool MappingPanel::saveToWorkspace(QString *error)
{
    if (!m_workspace) {
        if (error)
            *error = tr("No workspace is open.");
        return false;
    }
    QString problem;
    const int version = store::MappingRepository(*m_workspace).save(m_model->mapping().toJson(), tr("saved from the Field mapping panel"), &problem);
    if (version <= 0) {
        const QString message = tr("Could not save the mapping in %1: %2").arg(m_workspace->path(), problem);
        setStatus(message, true);
        if (error)
            *error = message;
        return false;
    }
    m_undoStack->setClean();
    setStatus(tr("Mapping saved as version %1 of the workspace.").arg(version), false);
    emit mappingSaved(version);
    return true;
}

int MappingPanel::suggest()
{
    const QList<tables::MappingRow> rows = m_model->mapping().suggestedRows(m_model->catalog());
    if (rows.isEmpty()) {
        setStatus(tr("No further Salesforce field matches a Marketo field by API name or label."), false);
        return 0;
    }
    m_model->addRows(rows, tr("suggest %1 fields").arg(rows.size()));
    setStatus(tr("Added %1 suggested fields; check them, then Save.").arg(rows.size()), false);
    return int(rows.size());
}

void MappingPanel::fillFallbackChoices()
{
    m_fallback->clear();
    m_fallback->addItem(tr("blocked (no fallback sales person)"), QString());
    if (!m_workspace)
        return;
    QList<QPair<QString, QString>> users; // label, 18-character ID
    const store::SnapshotRepository snapshots(*m_workspace);
    const store::SnapshotPage page =
        snapshots.page(store::System::Salesforce, QStringLiteral("User"), QString(), 2000);
    for (const store::SnapshotRow &row : page.rows) {
        const core::SalesforceId id(row.record.value(u"Id").toString());
        if (!id.isValid() || id.objectType() != u"User")
            continue;
        QString label = row.record.value(u"Name").toString();
        const QString email = row.record.value(u"Email").toString();
        if (!email.isEmpty())
            label += QStringLiteral(" <") + email + u'>';
        users.append({label, id.id18()});
    }
    std::sort(users.begin(), users.end());
    for (const auto &user : std::as_const(users))
        m_fallback->addItem(tr("sent as %1").arg(user.first), user.second);
}

void MappingPanel::showFallback()
{
    const QString current = m_model->mapping().fallbackSalesPersonId;
    int index = m_fallback->findData(current);
    if (index < 0) { // a user the workspace has not read (yet): still shown, by ID
        m_fallback->addItem(tr("sent as user %1").arg(current), current);
        index = m_fallback->count() - 1;
    }
    const QSignalBlocker blocker(m_fallback);
    m_fallback->setCurrentIndex(index);
}

void MappingPanel::chooseFallback()
{
    const QString chosen = m_fallback->currentData().toString();
    if (chosen == m_model->mapping().fallbackSalesPersonId)
        return;
    FieldMapping mapping = m_model->mapping();
    mapping.fallbackSalesPersonId = chosen;
    m_model->setMapping(mapping, chosen.isEmpty() ? tr("block queue-owned records")
                                                  : tr("choose the fallback sales person"));
    setStatus(tr("Queue-owned records: %1. Save to make every run follow it.")
                  .arg(m_fallback->currentText()),
              false);
}

void MappingPanel::resetToDefaults()
{
    FieldMapping defaults = FieldMapping::defaults(m_model->catalog());
    defaults.fallbackSalesPersonId = m_model->mapping().fallbackSalesPersonId; // not a field row
    m_model->setMapping(defaults, tr("go back to the defaults"));
    setStatus(tr("Back to the default mapping (Undo brings your changes back)."), false);
}

void MappingPanel::chooseImportFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import a field mapping"), QString(),
                                                      tr("Field mapping (*.json)"));
    if (!path.isEmpty())
        importFrom(path);
}

void MappingPanel::chooseExportFile()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Export the field mapping"), tr("msi-mapping.json"),
                                                tr("Field mapping (*.json)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QStringLiteral(".json")))
        path += QStringLiteral(".json");
    exportTo(path);
}

} // namespace msi::ui
