#pragma once

#include <QWizardPage>

class QListWidget;
class QPushButton;
class QTableWidget;

namespace msi::sync {
struct RunResult;
}
namespace msi::setup {
class SetupController;
}

namespace msi::ui {

class StatusLabel;

// Page 6: the plan of the first sync, stage by stage, from a dry run on freshly read data (the
// workspace was saved when the Mapping page was left). Nothing is written to Salesforce or
// Marketo.
class DryRunPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DryRunPage)
public:
    explicit DryRunPage(setup::SetupController *controller, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;

private:
    void start();
    void showResult(const sync::RunResult &result);

    setup::SetupController *m_controller;
    StatusLabel *m_status;
    QTableWidget *m_stages;
    StatusLabel *m_estimate;
    QListWidget *m_findings;
    QPushButton *m_again;
    bool m_done = false;
};

} // namespace msi::ui
