#pragma once

#include <QWizardPage>

class QLineEdit;
class QPushButton;

namespace msi::setup {
class SetupController;
}

namespace msi::ui {

class StatusLabel;

// Page 3: the REST endpoint (Munchkin ID or URL; the identity URL is derived and shown), the
// API user's client ID and secret, and a connection test run by the controller.
class MarketoPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MarketoPage)
public:
    explicit MarketoPage(setup::SetupController *controller, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    void cleanupPage() override;

private:
    void updateEndpoint();
    void test();

    setup::SetupController *m_controller;
    QLineEdit *m_endpoint;
    StatusLabel *m_endpointStatus;
    QLineEdit *m_clientId;
    QLineEdit *m_clientSecret;
    QPushButton *m_test;
    StatusLabel *m_status;
};

} // namespace msi::ui
