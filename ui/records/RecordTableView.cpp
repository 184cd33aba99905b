#include "ui/records/RecordTableView.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QSettings>

#include <algorithm>

namespace msi::ui {

RecordTableView::RecordTableView(QWidget *parent)
    : QTableView(parent)
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setTabKeyNavigation(false);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setSortingEnabled(false);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    horizontalHeader()->setSectionsMovable(true);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setDefaultSectionSize(fontMetrics().averageCharWidth() * 18);
    horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(horizontalHeader(), &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu *menu = createColumnMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(horizontalHeader()->mapToGlobal(pos));
    });
}

void RecordTableView::setColumnSettings(const QString &settingsKey, const QStringList &defaultVisible)
{
    m_settingsKey = settingsKey;
    m_defaultVisible = defaultVisible;
    if (model()) {
        connect(model(), &QAbstractItemModel::rowsInserted, this, &RecordTableView::fitColumns,
                Qt::UniqueConnection);
        connect(model(), &QAbstractItemModel::columnsInserted, this, &RecordTableView::applyColumnSettings,
                Qt::UniqueConnection);
        connect(model(), &QAbstractItemModel::modelReset, this, &RecordTableView::applyColumnSettings,
                Qt::UniqueConnection);
    }
    applyColumnSettings();
}

QString RecordTableView::fieldOf(int section) const
{
    return model() ? model()->headerData(section, Qt::Horizontal, Qt::ToolTipRole).toString() : QString();
}

void RecordTableView::applyColumnSettings()
{
    if (!model())
        return;
    QSettings settings;
    const QString key = QStringLiteral("columns/") + m_settingsKey;
    const bool saved = !m_settingsKey.isEmpty() && settings.contains(key);
    const QStringList visible = saved ? settings.value(key).toStringList() : m_defaultVisible;
    for (int section = 0; section < model()->columnCount(); ++section) {
        const QString field = fieldOf(section);
        setColumnHidden(section, !visible.isEmpty() && !visible.contains(field));
    }
    // Visible columns in the order of the list.
    QHeaderView *header = horizontalHeader();
    int target = 0;
    for (const QString &field : visible) {
        for (int section = 0; section < model()->columnCount(); ++section) {
            if (fieldOf(section) == field) {
                header->moveSection(header->visualIndex(section), target++);
                break;
            }
        }
    }
}

void RecordTableView::fitColumns(const QModelIndex &parent, int first)
{
    // Once per load: when the first rows arrive, fit the columns to them (capped, so that one
    // long street does not push everything else out of sight).
    if (parent.isValid() || first != 0)
        return;
    const int maximum = fontMetrics().averageCharWidth() * 40;
    for (int section = 0; section < model()->columnCount(); ++section) {
        if (isColumnHidden(section))
            continue;
        resizeColumnToContents(section);
        if (columnWidth(section) > maximum)
            setColumnWidth(section, maximum);
    }
}

void RecordTableView::saveColumnSettings() const
{
    if (m_settingsKey.isEmpty() || !model())
        return;
    QStringList visible;
    QHeaderView *header = horizontalHeader();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int section = header->logicalIndex(visual);
        if (!isColumnHidden(section))
            visible << fieldOf(section);
    }
    QSettings().setValue(QStringLiteral("columns/") + m_settingsKey, visible);
}

QStringList RecordTableView::hiddenFields() const
{
    QStringList hidden;
    for (int section = 0; model() && section < model()->columnCount(); ++section) {
        if (isColumnHidden(section))
            hidden << fieldOf(section);
    }
    return hidden;
}

void RecordTableView::setFieldVisible(const QString &field, bool visible)
{
    for (int section = 0; model() && section < model()->columnCount(); ++section) {
        if (fieldOf(section) == field)
            setColumnHidden(section, !visible);
    }
    saveColumnSettings();
}

QMenu *RecordTableView::createColumnMenu(QWidget *parent)
{
    auto *menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("columnMenu"));
    menu->setAccessibleName(tr("Columns"));
    menu->addSection(tr("Columns"));
    for (int section = 0; model() && section < model()->columnCount(); ++section) {
        const QString field = fieldOf(section);
        const QString label = model()->headerData(section, Qt::Horizontal, Qt::DisplayRole).toString();
        QAction *action = menu->addAction(label == field ? field : tr("%1 (%2)").arg(label, field));
        action->setCheckable(true);
        action->setChecked(!isColumnHidden(section));
        action->setData(field);
        connect(action, &QAction::toggled, this, [this, field](bool on) { setFieldVisible(field, on); });
    }
    menu->addSeparator();
    QAction *reset = menu->addAction(tr("Default columns"));
    connect(reset, &QAction::triggered, this, [this] {
        if (!m_settingsKey.isEmpty())
            QSettings().remove(QStringLiteral("columns/") + m_settingsKey);
        applyColumnSettings();
    });
    return menu;
}

QString RecordTableView::selectedText() const
{
    if (!selectionModel() || !model())
        return {};
    QModelIndexList indexes = selectionModel()->selectedIndexes();
    if (indexes.isEmpty() && currentIndex().isValid())
        indexes << currentIndex();
    QHeaderView *header = horizontalHeader();
    std::sort(indexes.begin(), indexes.end(), [header](const QModelIndex &a, const QModelIndex &b) {
        return a.row() != b.row() ? a.row() < b.row()
                                  : header->visualIndex(a.column()) < header->visualIndex(b.column());
    });
    QString text;
    int row = -1;
    for (const QModelIndex &index : std::as_const(indexes)) {
        if (isColumnHidden(index.column()))
            continue;
        if (row != -1)
            text += index.row() == row ? QLatin1Char('\t') : QLatin1Char('\n');
        row = index.row();
        text += index.data(Qt::DisplayRole).toString();
    }
    return text;
}

void RecordTableView::copySelection() const
{
    const QString text = selectedText();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void RecordTableView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        copySelection();
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

} // namespace msi::ui
