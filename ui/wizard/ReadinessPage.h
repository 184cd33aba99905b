#pragma once

#include "setup/ReadinessCheck.h"

#include <QHash>
#include <QWizardPage>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace msi::setup {
class SetupController;
}

namespace msi::ui {

class StatusLabel;

// Page 4: one row per prerequisite (pass/warning/fail, what the systems said, the fix), filled
// as the controller's checks answer. Failures do not block the wizard: the dry run still shows
// what would happen, and the checks can be run again later.
class ReadinessPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReadinessPage)
public:
    explicit ReadinessPage(setup::SetupController *controller, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;

private:
    struct Row
    {
        StatusLabel *verdict = nullptr;
        QLabel *detail = nullptr;
        QLabel *fix = nullptr;
    };
    void run();
    void showCheck(const setup::ReadinessCheck &check);
    void showSummary(const setup::ReadinessReport &report);

    setup::SetupController *m_controller;
    QHash<setup::ReadinessItem, Row> m_rows;
    StatusLabel *m_summary;
    QPushButton *m_again;
    bool m_connected = false;
};

} // namespace msi::ui
