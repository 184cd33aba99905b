#pragma once

#include <QWizardPage>

class QComboBox;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace msi::setup {
class SetupController;
struct SalesforceConnection;
struct SalesforceSignIn;
}

namespace msi::ui {

class StatusLabel;

// Page 2: login host (validated and normalised as it is typed), sign-in method and the org as
// the API reports it. Sign-in, cancel and the contradiction warning come from the controller.
class SalesforcePage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SalesforcePage)
public:
    explicit SalesforcePage(setup::SetupController *controller, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    void cleanupPage() override;

private:
    setup::SalesforceSignIn currentSignIn() const;
    void fill(const setup::SalesforceSignIn &signIn);
    void updateHost();
    void updateFlow();
    void signIn();
    void showConnected(const setup::SalesforceConnection &connection);
    void showFailed(const QString &message);
    void setBusy(bool busy);

    setup::SetupController *m_controller;
    QComboBox *m_hostKind;
    QLineEdit *m_myDomain;
    StatusLabel *m_hostStatus;
    QLineEdit *m_userName;
    StatusLabel *m_userHint;
    QComboBox *m_environment;
    QRadioButton *m_browser;
    QRadioButton *m_clientCredentials;
    QLineEdit *m_clientId;
    QLineEdit *m_clientSecret;
    QPushButton *m_signIn;
    QPushButton *m_cancel;
    StatusLabel *m_status;
    StatusLabel *m_environmentWarning;
};

} // namespace msi::ui
