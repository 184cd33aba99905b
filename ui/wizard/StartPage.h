#pragma once

#include <QWizardPage>

class QCheckBox;
class QLineEdit;
class QRadioButton;

namespace msi::setup {
class SetupController;
}

namespace msi::ui {

class StatusLabel;

// Page 1: the bundled sandbox or real systems, a workspace name, and whether secrets can be kept
// in the system keychain.
class StartPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StartPage)
public:
    explicit StartPage(setup::SetupController *controller, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

private:
    void showKeychain();
    void updateName();

    setup::SetupController *m_controller;
    QRadioButton *m_sandbox;
    QRadioButton *m_real;
    QLineEdit *m_name;
    StatusLabel *m_nameStatus;
    StatusLabel *m_keychain;
    QCheckBox *m_sessionOnly;
    StatusLabel *m_error;
    bool m_nameEdited = false;
};

} // namespace msi::ui
