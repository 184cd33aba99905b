#include "ui/wizard/SetupWizard.h"

#include "setup/SetupController.h"
#include "ui/wizard/DryRunPage.h"
#include "ui/wizard/MappingPage.h"
#include "ui/wizard/MarketoPage.h"
#include "ui/wizard/ReadinessPage.h"
#include "ui/wizard/SalesforcePage.h"
#include "ui/wizard/StartPage.h"

namespace msi::ui {

SetupWizard::SetupWizard(QWidget *parent)
    : QWizard(parent), m_controller(new setup::SetupController(this))
{
    setObjectName(QStringLiteral("setupWizard"));
    setWindowTitle(tr("Set up MSI Bridge"));
    setAccessibleName(tr("Set up MSI Bridge"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage, true);
    setOption(QWizard::HaveHelpButton, false);
    setPage(StartPageId, new StartPage(m_controller, this));
    setPage(SalesforcePageId, new SalesforcePage(m_controller, this));
    setPage(MarketoPageId, new MarketoPage(m_controller, this));
    setPage(ReadinessPageId, new ReadinessPage(m_controller, this));
    setPage(MappingPageId, new MappingPage(m_controller, this));
    setPage(DryRunPageId, new DryRunPage(m_controller, this));
    setStartId(StartPageId);
    setMinimumSize(760, 560);
    resize(940, 660); // fits a 1024x700 screen with the window frame
}

SetupWizard::~SetupWizard() = default;

bool SetupWizard::startSandbox(QString *error)
{
    if (!m_sandbox) {
        if (!m_sandboxStarter) {
            *error = tr("This build has no bundled sandbox.");
            return false;
        }
        m_sandbox = m_sandboxStarter(error);
        if (!m_sandbox)
            return false;
    }
    m_controller->useSandbox(*m_sandbox);
    return true;
}

setup::SetupResult SetupWizard::takeResult()
{
    if (result() != QDialog::Accepted)
        return {};
    return m_controller->takeResult();
}

void SetupWizard::reject()
{
    m_controller->salesforce()->cancel();
    m_controller->marketo()->cancel();
    QWizard::reject();
}

} // namespace msi::ui
