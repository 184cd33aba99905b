#pragma once

#include "store/StoreTypes.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace msi::store { class Workspace; }
namespace msi::tables {
class RunOutcomesFilterModel;
class RunOutcomesModel;
}

namespace msi::ui {

// The results table of one run: every record with its stage and outcome, filterable by outcome
// and by text, exportable to CSV; the selected record is described in full below the table (the
// record, the stage and the cause in plain words). Used by the Sync and the History panels.
class RunResultsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunResultsView)
public:
    // The choices of the outcome filter, in the order they are offered.
    enum class Show { All, Problems, Created, Updated, Unchanged, Skipped, Blocked, Failed, Deferred };

    explicit RunResultsView(store::Workspace *workspace, QWidget *parent = nullptr);
    ~RunResultsView() override;

    tables::RunOutcomesModel *model() const { return m_model; }
    tables::RunOutcomesFilterModel *filterModel() const { return m_filterModel; }
    QTableView *view() const { return m_view; }

    void showOutcomes(Show show);
    void setFilterText(const QString &text);
    // Selects the first row of this record (any stage) and describes it; false when not shown.
    bool selectRecord(const QString &recordKey);
    // The text describing the selected record (empty when none).
    QString detailText() const;
    // Writes the rows as shown (filter and order) to a CSV file; false + error naming the file.
    bool exportCsv(const QString &path, QString *error = nullptr);

private:
    void outcomeChosen(int index);
    void describeCurrent();
    void updateSummary();
    void askExport();

    tables::RunOutcomesModel *m_model;
    tables::RunOutcomesFilterModel *m_filterModel;
    QLabel *m_title;
    QComboBox *m_outcome;
    QLineEdit *m_filter;
    QPushButton *m_export;
    QTableView *m_view;
    QLabel *m_detail;
};

} // namespace msi::ui
