#include "ui/wizard/StartPage.h"

#include "setup/SetupController.h"
#include "store/Workspace.h"
#include "ui/wizard/SetupWizard.h"
#include "ui/wizard/StatusLabel.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QVBoxLayout>

namespace msi::ui {

using State = StatusLabel::State;

StartPage::StartPage(setup::SetupController *controller, QWidget *parent)
    : QWizardPage(parent), m_controller(controller)
{
    setObjectName(QStringLiteral("startPage"));
    setTitle(tr("Welcome to MSI Bridge"));
    setSubTitle(tr("This wizard connects Salesforce and Marketo, checks that both are ready for a "
                   "non-native Marketo Sales Insight integration, and shows what the first sync "
                   "would do. Nothing is written to either system."));

    m_sandbox = new QRadioButton(tr("Try the bundled &sandbox (no accounts needed)"), this);
    m_sandbox->setObjectName(QStringLiteral("useSandbox"));
    m_sandbox->setAccessibleName(tr("Try the bundled sandbox"));
    auto *sandboxHelp = new QLabel(tr("Starts an emulated Salesforce org and Marketo instance on "
                                      "this computer and fills in every page."), this);
    sandboxHelp->setWordWrap(true);
    sandboxHelp->setIndent(24);
    m_real = new QRadioButton(tr("Connect my &real Salesforce org and Marketo instance"), this);
    m_real->setObjectName(QStringLiteral("useRealSystems"));
    m_real->setAccessibleName(tr("Connect real systems"));
    auto *group = new QButtonGroup(this);
    group->addButton(m_sandbox);
    group->addButton(m_real);
    m_sandbox->setChecked(true);

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("workspaceName"));
    m_name->setAccessibleName(tr("Workspace name"));
    m_name->setPlaceholderText(tr("for example Production or UAT sandbox"));
    m_nameStatus = new StatusLabel(this);
    m_nameStatus->setObjectName(QStringLiteral("workspaceNameStatus"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Workspace name:"), m_name);
    form->addRow(QString(), m_nameStatus);

    m_keychain = new StatusLabel(this);
    m_keychain->setObjectName(QStringLiteral("keychainStatus"));
    m_sessionOnly = new QCheckBox(tr("Continue &without saving secrets (this session only; you "
                                     "will enter them again next time)"), this);
    m_sessionOnly->setObjectName(QStringLiteral("sessionOnlySecrets"));
    m_sessionOnly->setAccessibleName(tr("Continue without saving secrets"));
    m_sessionOnly->setVisible(false);
    m_error = new StatusLabel(this);
    m_error->setObjectName(QStringLiteral("startError"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_sandbox);
    layout->addWidget(sandboxHelp);
    layout->addWidget(m_real);
    layout->addSpacing(12);
    layout->addLayout(form);
    layout->addSpacing(12);
    layout->addWidget(m_keychain);
    layout->addWidget(m_sessionOnly);
    layout->addWidget(m_error);
    layout->addStretch();

    connect(m_name, &QLineEdit::textEdited, this, [this] { m_nameEdited = true; });
    connect(m_name, &QLineEdit::textChanged, this, &StartPage::updateName);
    connect(m_sandbox, &QRadioButton::toggled, this, [this](bool sandbox) {
        if (!m_nameEdited)
            m_name->setText(sandbox ? tr("Sandbox") : tr("Production"));
        emit completeChanged();
    });
    connect(m_sessionOnly, &QCheckBox::toggled, this, [this](bool on) {
        m_controller->setSessionOnlySecrets(on);
        emit completeChanged();
    });
    connect(m_controller, &setup::SetupController::keychainChecked, this, &StartPage::showKeychain);
}

void StartPage::initializePage()
{
    auto *w = qobject_cast<SetupWizard *>(wizard());
    m_sandbox->setEnabled(w && w->hasSandboxStarter());
    if (!m_sandbox->isEnabled())
        m_real->setChecked(true);
    if (!m_nameEdited)
        m_name->setText(m_sandbox->isChecked() ? tr("Sandbox") : tr("Production"));
    if (!m_controller->isKeychainChecked()) {
        m_keychain->setState(State::Busy, tr("Checking the system keychain…"));
        m_controller->checkKeychain();
    } else {
        showKeychain();
    }
}

void StartPage::showKeychain()
{
    if (m_controller->isKeychainAvailable()) {
        m_keychain->setState(State::Ok, tr("Client secrets and sign-in tokens will be kept in the "
                                           "system keychain, never in files."));
        m_sessionOnly->setVisible(false);
    } else {
        m_keychain->setState(State::Warning,
                             tr("No system keychain is available, so secrets cannot be saved. %1")
                                     .arg(m_controller->keychainMessage()));
        m_sessionOnly->setVisible(true);
    }
    emit completeChanged();
}

void StartPage::updateName()
{
    QString problem = setup::SetupController::workspaceNameProblem(m_name->text());
    if (problem.isEmpty()
        && store::Workspace::workspaceNames().contains(m_name->text().trimmed(), Qt::CaseInsensitive))
        problem = tr("A workspace named \"%1\" exists already; choose another name.")
                          .arg(m_name->text().trimmed());
    if (problem.isEmpty())
        m_nameStatus->setState(State::Idle, QString());
    else
        m_nameStatus->setState(State::Error, problem);
    emit completeChanged();
}

bool StartPage::isComplete() const
{
    if (m_nameStatus->state() == State::Error || m_name->text().trimmed().isEmpty())
        return false;
    if (!m_controller->isKeychainChecked())
        return false;
    return m_controller->isKeychainAvailable() || m_sessionOnly->isChecked();
}

bool StartPage::validatePage()
{
    m_controller->setWorkspaceName(m_name->text());
    if (!m_sandbox->isChecked()) {
        m_controller->useRealSystems();
        return true;
    }
    auto *w = qobject_cast<SetupWizard *>(wizard());
    QString error;
    if (!w || !w->startSandbox(&error)) {
        m_error->setState(State::Error, tr("The sandbox could not start: %1").arg(error));
        return false;
    }
    m_error->setState(State::Idle, QString());
    return true;
}

} // namespace msi::ui
