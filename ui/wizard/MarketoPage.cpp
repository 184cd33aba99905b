#include "ui/wizard/MarketoPage.h"

#include "setup/SetupController.h"
#include "ui/wizard/StatusLabel.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace msi::ui {

using State = StatusLabel::State;

MarketoPage::MarketoPage(setup::SetupController *controller, QWidget *parent)
    : QWizardPage(parent), m_controller(controller)
{
    setObjectName(QStringLiteral("marketoPage"));
    setTitle(tr("Marketo"));
    setSubTitle(tr("The REST API of your Marketo instance and the API-only user's LaunchPoint "
                   "service (Admin > Integration > Web Services and LaunchPoint)."));

    m_endpoint = new QLineEdit(this);
    m_endpoint->setObjectName(QStringLiteral("marketoEndpoint"));
    m_endpoint->setAccessibleName(tr("Munchkin ID or REST endpoint"));
    m_endpoint->setPlaceholderText(tr("123-ABC-456 or https://123-ABC-456.mktorest.com/rest"));
    m_endpointStatus = new StatusLabel(this);
    m_endpointStatus->setObjectName(QStringLiteral("marketoEndpointStatus"));
    m_clientId = new QLineEdit(this);
    m_clientId->setObjectName(QStringLiteral("marketoClientId"));
    m_clientId->setAccessibleName(tr("Client ID"));
    m_clientSecret = new QLineEdit(this);
    m_clientSecret->setObjectName(QStringLiteral("marketoClientSecret"));
    m_clientSecret->setAccessibleName(tr("Client secret"));
    m_clientSecret->setEchoMode(QLineEdit::Password);
    m_test = new QPushButton(tr("&Test connection"), this);
    m_test->setObjectName(QStringLiteral("marketoTest"));
    m_status = new StatusLabel(this);
    m_status->setObjectName(QStringLiteral("marketoStatus"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Endpoint:"), m_endpoint);
    form->addRow(QString(), m_endpointStatus);
    form->addRow(tr("Client &ID:"), m_clientId);
    form->addRow(tr("Client &secret:"), m_clientSecret);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_test);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addStretch();

    connect(m_endpoint, &QLineEdit::textChanged, this, &MarketoPage::updateEndpoint);
    connect(m_test, &QPushButton::clicked, this, &MarketoPage::test);
    connect(m_controller->marketo(), &setup::MarketoConnector::connected, this,
            [this](const QString &summary) {
                m_test->setEnabled(true);
                m_status->setState(State::Ok, summary);
                emit completeChanged();
            });
    connect(m_controller->marketo(), &setup::MarketoConnector::failed, this,
            [this](const QString &message) {
                m_test->setEnabled(true);
                m_status->setState(State::Error, message);
                emit completeChanged();
            });
}

void MarketoPage::initializePage()
{
    if (m_controller->isSandbox() && !m_controller->marketo()->isConnected()) {
        m_endpoint->setText(m_controller->sandbox().marketoUrl.toString());
        m_clientId->setText(m_controller->sandbox().clientId);
        m_clientSecret->setText(m_controller->sandbox().clientSecret);
        test();
    }
}

void MarketoPage::cleanupPage()
{
    m_controller->marketo()->cancel();
}

void MarketoPage::updateEndpoint()
{
    if (m_endpoint->text().trimmed().isEmpty()) {
        m_endpointStatus->setState(State::Idle, QString());
        return;
    }
    const setup::MarketoEndpoint e = setup::MarketoEndpoint::parse(m_endpoint->text());
    if (!e.isValid())
        m_endpointStatus->setState(State::Error, e.error);
    else
        m_endpointStatus->setState(State::Ok, tr("REST: %1   Identity: %2")
                                                      .arg(e.restUrl.toString(),
                                                           e.identityUrl.toString()));
}

void MarketoPage::test()
{
    m_test->setEnabled(false);
    m_status->setState(State::Busy, tr("Testing the connection…"));
    emit completeChanged();
    m_controller->marketo()->connectTo(m_endpoint->text(), m_clientId->text(),
                                       m_clientSecret->text());
}

bool MarketoPage::isComplete() const
{
    return m_controller->marketo()->isConnected();
}

} // namespace msi::ui
