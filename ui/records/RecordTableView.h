#pragma once

#include <QStringList>
#include <QTableView>

namespace msi::ui {

// A table view for record tables: Ctrl+C copies the selected cells as tab-separated text, the
// header's context menu chooses the visible columns (remembered per settingsKey in QSettings),
// Tab leaves the table instead of walking its cells.
class RecordTableView final : public QTableView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordTableView)
public:
    explicit RecordTableView(QWidget *parent = nullptr);

    // Columns are named by the model's header Qt::ToolTipRole (the API name). Fields in
    // defaultVisible are shown until the admin chooses otherwise; an empty list shows all.
    void setColumnSettings(const QString &settingsKey, const QStringList &defaultVisible);
    // Selected cells as text: rows by line, columns by tab, in view order, hidden columns left out.
    QString selectedText() const;
    void copySelection() const;
    // The header menu, built for the current columns (also what the context menu shows).
    QMenu *createColumnMenu(QWidget *parent);
    QStringList hiddenFields() const;
    void setFieldVisible(const QString &field, bool visible);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    QString fieldOf(int section) const;
    void applyColumnSettings();
    void fitColumns(const QModelIndex &parent, int first);
    void saveColumnSettings() const;

    QString m_settingsKey;
    QStringList m_defaultVisible;
};

} // namespace msi::ui
