#pragma once

#include "checks/Finding.h"
#include "store/StoreTypes.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace msi::tables {
class FindingsFilterModel;
class FindingsModel;
}

namespace msi::ui {

// The Checks panel: every problem the checks found before a run, as one list with severity, the
// records, the cause and the fix; filter by severity and text; the selected finding in full
// below the list, its records as links. Double-click (or Enter) on a finding, or a record link,
// emits recordActivated() so that the window can show the record in the Records panel.
class ChecksPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChecksPanel)
public:
    explicit ChecksPanel(QWidget *parent = nullptr);
    explicit ChecksPanel(const checks::Findings &findings, QWidget *parent = nullptr);
    ~ChecksPanel() override;

    void setFindings(const checks::Findings &findings);
    tables::FindingsModel *model() const { return m_model; }
    tables::FindingsFilterModel *filterModel() const { return m_filterModel; }
    QTableView *view() const { return m_view; }
    // The details pane's text (rich text) for the current finding.
    QString detailText() const;

signals:
    // objectType as the store names it (User, Contact, leads, salespersons, ...).
    void recordActivated(msi::store::System system, const QString &objectType, const QString &recordKey);

private:
    void updateCounts();
    void showDetail(const QModelIndex &proxyIndex);
    void activate(const QModelIndex &proxyIndex);
    void activateReference(const QString &reference);

    tables::FindingsModel *m_model;
    tables::FindingsFilterModel *m_filterModel;
    QCheckBox *m_errors;
    QCheckBox *m_warnings;
    QCheckBox *m_infos;
    QLineEdit *m_filter;
    QTableView *m_view;
    QLabel *m_summary;
    QLabel *m_detail;
};

} // namespace msi::ui
