#pragma once

#include "tables/FieldCatalog.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QUndoStack;

namespace msi::store {
class Workspace;
}
namespace msi::tables {
class MappingModel;
}

namespace msi::ui {

// The Field mapping panel: Salesforce fields against Marketo fields, stage by stage, with the
// type and length check of every row shown before any run. The external IDs MSI requires are
// locked; the MSI score fields' Salesforce targets are picked from the org's real fields.
// Suggest adds fields whose API name or label match; Import/Export read and write the mapping
// as a JSON file; Save stores it as a new version in the workspace (MappingRepository). Every
// edit can be undone.
class MappingPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MappingPanel)
public:
    // workspace may be null (no Save, nothing loaded); otherwise it must outlive the panel and
    // its current mapping version is shown.
    MappingPanel(tables::FieldCatalog catalog, store::Workspace *workspace, QWidget *parent = nullptr);
    ~MappingPanel() override;

    tables::MappingModel *model() const { return m_model; }
    QSortFilterProxyModel *stageFilter() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QUndoStack *undoStack() const { return m_undoStack; }
    // The last message of an action (import, export, save), shown in the panel.
    QString statusText() const;

    bool exportTo(const QString &path, QString *error = nullptr);
    bool importFrom(const QString &path, QString *error = nullptr);
    bool saveToWorkspace(QString *error = nullptr);
    // Adds the suggested rows (one undo step); returns how many.
    int suggest();
    void resetToDefaults();

signals:
    void mappingSaved(int version);

private:
    void updateSummary();
    void showRowCheck(const QModelIndex &proxyIndex);
    void setStatus(const QString &text, bool problem);
    void chooseImportFile();
    void chooseExportFile();
    // The users the workspace read, as choices for the fallback sales person.
    void fillFallbackChoices();
    void showFallback();
    void chooseFallback();

    store::Workspace *m_workspace;
    QUndoStack *m_undoStack;
    tables::MappingModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QComboBox *m_stage;
    QComboBox *m_fallback; // sales person of queue-owned records (saved with the mapping)
    QTableView *m_view;
    QLabel *m_summary;
    QLabel *m_rowCheck;
    QLabel *m_status;
};

} // namespace msi::ui
