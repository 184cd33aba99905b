#include "ui/wizard/SalesforcePage.h"

#include "setup/SetupController.h"
#include "ui/wizard/StatusLabel.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace msi::ui {

using setup::SalesforceHostKind;
using State = StatusLabel::State;

SalesforcePage::SalesforcePage(setup::SetupController *controller, QWidget *parent)
    : QWizardPage(parent), m_controller(controller)
{
    setObjectName(QStringLiteral("salesforcePage"));
    setTitle(tr("Salesforce"));
    setSubTitle(tr("Where the integration user signs in. MSI Bridge reads the org, the user and "
                   "whether the org is a sandbox from the API itself."));

    m_hostKind = new QComboBox(this);
    m_hostKind->setObjectName(QStringLiteral("salesforceHostKind"));
    m_hostKind->setAccessibleName(tr("Login host"));
    m_hostKind->addItem(tr("Production (login.salesforce.com)"), int(SalesforceHostKind::Production));
    m_hostKind->addItem(tr("Sandbox (test.salesforce.com)"), int(SalesforceHostKind::Sandbox));
    m_hostKind->addItem(tr("My Domain or other address"), int(SalesforceHostKind::MyDomain));
    m_myDomain = new QLineEdit(this);
    m_myDomain->setObjectName(QStringLiteral("salesforceMyDomain"));
    m_myDomain->setAccessibleName(tr("My Domain or address"));
    m_myDomain->setPlaceholderText(tr("exampleco, exampleco--uat or https://exampleco.my.salesforce.com"));
    m_hostStatus = new StatusLabel(this);
    m_hostStatus->setObjectName(QStringLiteral("salesforceHostStatus"));
    m_userName = new QLineEdit(this);
    m_userName->setObjectName(QStringLiteral("salesforceUserName"));
    m_userName->setAccessibleName(tr("Integration user name (optional)"));
    m_userName->setPlaceholderText(tr("optional, e.g. integration@example.com"));
    m_userHint = new StatusLabel(this);
    m_userHint->setObjectName(QStringLiteral("salesforceUserHint"));
    m_environment = new QComboBox(this);
    m_environment->setObjectName(QStringLiteral("salesforceEnvironment"));
    m_environment->setAccessibleName(tr("This org is"));
    m_environment->addItem(tr("Production"), int(store::Environment::Production));
    m_environment->addItem(tr("Sandbox"), int(store::Environment::Sandbox));

    m_browser = new QRadioButton(tr("Sign in with the &browser (recommended)"), this);
    m_browser->setObjectName(QStringLiteral("salesforceBrowserFlow"));
    m_clientCredentials = new QRadioButton(tr("Client &credentials (My Domain, run-as user)"), this);
    m_clientCredentials->setObjectName(QStringLiteral("salesforceClientCredentialsFlow"));
    auto *flows = new QButtonGroup(this);
    flows->addButton(m_browser);
    flows->addButton(m_clientCredentials);
    m_browser->setChecked(true);
    auto *flowRow = new QHBoxLayout;
    flowRow->addWidget(m_browser);
    flowRow->addWidget(m_clientCredentials);
    flowRow->addStretch();

    m_clientId = new QLineEdit(this);
    m_clientId->setObjectName(QStringLiteral("salesforceClientId"));
    m_clientId->setAccessibleName(tr("Consumer key"));
    m_clientSecret = new QLineEdit(this);
    m_clientSecret->setObjectName(QStringLiteral("salesforceClientSecret"));
    m_clientSecret->setAccessibleName(tr("Consumer secret"));
    m_clientSecret->setEchoMode(QLineEdit::Password);

    m_signIn = new QPushButton(tr("&Sign in"), this);
    m_signIn->setObjectName(QStringLiteral("salesforceSignIn"));
    m_cancel = new QPushButton(tr("Cancel sign-&in"), this);
    m_cancel->setObjectName(QStringLiteral("salesforceCancel"));
    m_cancel->setEnabled(false);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_signIn);
    buttons->addWidget(m_cancel);
    buttons->addStretch();

    m_status = new StatusLabel(this);
    m_status->setObjectName(QStringLiteral("salesforceStatus"));
    m_environmentWarning = new StatusLabel(this);
    m_environmentWarning->setObjectName(QStringLiteral("salesforceEnvironmentWarning"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Login host:"), m_hostKind);
    form->addRow(tr("&My Domain:"), m_myDomain);
    form->addRow(QString(), m_hostStatus);
    form->addRow(tr("&User name:"), m_userName);
    form->addRow(QString(), m_userHint);
    form->addRow(tr("This org &is:"), m_environment);
    form->addRow(tr("Sign-in:"), flowRow);
    form->addRow(tr("Consumer &key:"), m_clientId);
    form->addRow(tr("Consumer s&ecret:"), m_clientSecret);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addWidget(m_environmentWarning);
    layout->addStretch();

    connect(m_hostKind, &QComboBox::currentIndexChanged, this, [this] {
        const auto kind = SalesforceHostKind(m_hostKind->currentData().toInt());
        if (kind == SalesforceHostKind::Sandbox)
            m_environment->setCurrentIndex(1);
        else if (kind == SalesforceHostKind::Production)
            m_environment->setCurrentIndex(0);
        updateHost();
    });
    connect(m_myDomain, &QLineEdit::textChanged, this, &SalesforcePage::updateHost);
    connect(m_userName, &QLineEdit::textChanged, this, &SalesforcePage::updateHost);
    connect(m_browser, &QRadioButton::toggled, this, &SalesforcePage::updateFlow);
    connect(m_signIn, &QPushButton::clicked, this, &SalesforcePage::signIn);
    connect(m_cancel, &QPushButton::clicked, this, [this] { m_controller->salesforce()->cancel(); });
    connect(m_controller->salesforce(), &setup::SalesforceConnector::connected, this,
            &SalesforcePage::showConnected);
    connect(m_controller->salesforce(), &setup::SalesforceConnector::failed, this,
            &SalesforcePage::showFailed);
    updateHost();
    updateFlow();
}

void SalesforcePage::initializePage()
{
    if (m_controller->isSandbox() && !m_controller->salesforce()->isConnected()) {
        fill(m_controller->proposedSalesforceSignIn());
        signIn();
    }
}

void SalesforcePage::cleanupPage()
{
    m_controller->salesforce()->cancel();
}

void SalesforcePage::fill(const setup::SalesforceSignIn &s)
{
    m_hostKind->setCurrentIndex(m_hostKind->findData(int(s.hostKind)));
    m_myDomain->setText(s.myDomain);
    m_userName->setText(s.userName);
    m_environment->setCurrentIndex(m_environment->findData(int(s.environment)));
    (s.flow == salesforce::AuthFlow::ClientCredentials ? m_clientCredentials : m_browser)
            ->setChecked(true);
    m_clientId->setText(s.clientId);
    m_clientSecret->setText(s.clientSecret);
}

setup::SalesforceSignIn SalesforcePage::currentSignIn() const
{
    setup::SalesforceSignIn s;
    s.hostKind = SalesforceHostKind(m_hostKind->currentData().toInt());
    s.myDomain = m_myDomain->text();
    s.userName = m_userName->text();
    s.environment = store::Environment(m_environment->currentData().toInt());
    s.flow = m_browser->isChecked() ? salesforce::AuthFlow::AuthorizationCode
                                    : salesforce::AuthFlow::ClientCredentials;
    s.clientId = m_clientId->text();
    s.clientSecret = m_clientSecret->text();
    return s;
}

void SalesforcePage::updateHost()
{
    const auto kind = SalesforceHostKind(m_hostKind->currentData().toInt());
    m_myDomain->setEnabled(kind == SalesforceHostKind::MyDomain);
    const setup::SalesforceHostAdvice advice = setup::SalesforceHostAdvice::advise(
            kind, m_myDomain->text(), m_userName->text());
    if (kind == SalesforceHostKind::MyDomain && m_myDomain->text().trimmed().isEmpty())
        m_hostStatus->setState(State::Idle, QString());
    else if (!advice.isValid())
        m_hostStatus->setState(State::Error, advice.error);
    else if (!advice.hint.isEmpty())
        m_hostStatus->setState(State::Warning,
                               tr("Signs in at %1. %2").arg(advice.loginUrl.toString(), advice.hint));
    else
        m_hostStatus->setState(State::Ok, tr("Signs in at %1").arg(advice.loginUrl.toString()));
    m_userHint->setState(advice.userNameHint.isEmpty() ? State::Idle : State::Warning,
                         advice.userNameHint);
}

void SalesforcePage::updateFlow()
{
    const bool browser = m_browser->isChecked();
    m_clientSecret->setPlaceholderText(browser ? tr("only if the app requires one") : QString());
}

void SalesforcePage::signIn()
{
    m_environmentWarning->setState(State::Idle, QString());
    const setup::SalesforceSignIn s = currentSignIn();
    const bool browser = s.flow == salesforce::AuthFlow::AuthorizationCode;
    setBusy(true);
    m_status->setState(State::Busy,
                       browser ? tr("Waiting for the browser: approve MSI Bridge in the window "
                                    "that opened, then come back here.")
                               : tr("Signing in…"));
    m_controller->salesforce()->signIn(s);
}

void SalesforcePage::setBusy(bool busy)
{
    m_signIn->setEnabled(!busy);
    m_cancel->setEnabled(busy);
    emit completeChanged();
}

void SalesforcePage::showConnected(const setup::SalesforceConnection &c)
{
    setBusy(false);
    const QString kind = c.isSandbox ? tr("a sandbox") : tr("a production org");
    m_status->setState(State::Ok,
                       tr("Connected to %1 (org %2), %3, as %4. API host: %5")
                               .arg(c.organizationName.isEmpty() ? tr("the org") : c.organizationName,
                                    c.orgId, kind,
                                    c.userName.isEmpty() ? c.userId : c.userName,
                                    c.instanceUrl.toString()));
    m_environmentWarning->setState(c.environmentWarning.isEmpty() ? State::Idle : State::Warning,
                                   c.environmentWarning);
    emit completeChanged();
}

void SalesforcePage::showFailed(const QString &message)
{
    setBusy(false);
    m_status->setState(State::Error, message);
    emit completeChanged();
}

bool SalesforcePage::isComplete() const
{
    return m_controller->salesforce()->isConnected();
}

} // namespace msi::ui
