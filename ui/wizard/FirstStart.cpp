#include "ui/wizard/FirstStart.h"

#include "sandbox/Sandbox.h"
#include "setup/SetupController.h"
#include "ui/wizard/SetupWizard.h"

#include <QDesktopServices>
#include <QPointer>

namespace msi::ui {

FirstStartOutcome::FirstStartOutcome() = default;
FirstStartOutcome::FirstStartOutcome(FirstStartOutcome &&) noexcept = default;
FirstStartOutcome &FirstStartOutcome::operator=(FirstStartOutcome &&) noexcept = default;
FirstStartOutcome::~FirstStartOutcome() = default;

SetupWizard *createSetupWizard(QWidget *parent)
{
    auto *wizard = new SetupWizard(parent);
    QPointer<SetupWizard> guard(wizard);
    wizard->setSandboxStarter([guard](QString *error) -> std::optional<setup::SandboxEndpoints> {
        if (!guard)
            return std::nullopt;
        auto *sandbox = new sandbox::Sandbox(guard);
        sandbox->setObjectName(QStringLiteral("bundledSandbox"));
        if (!sandbox->start(sandbox::SandboxOptions(), error)) {
            delete sandbox;
            return std::nullopt;
        }
        return setup::SandboxEndpoints{sandbox->salesforceUrl(), sandbox->marketoUrl(),
                                       sandbox::Sandbox::clientId(),
                                       sandbox::Sandbox::clientSecret()};
    });
    salesforce::SalesforceSettings settings = wizard->controller()->salesforce()->settings();
    settings.openBrowser = [](const QUrl &url) { QDesktopServices::openUrl(url); };
    wizard->controller()->salesforce()->setSettings(settings);
    return wizard;
}

FirstStartOutcome runFirstStartWizard(QWidget *parent)
{
    std::unique_ptr<SetupWizard> wizard(createSetupWizard(parent));
    FirstStartOutcome outcome;
    wizard->exec();
    outcome.result = wizard->takeResult();
    if (auto *sandbox = wizard->findChild<sandbox::Sandbox *>(QStringLiteral("bundledSandbox"));
        sandbox && outcome.result.valid && outcome.result.bundledSandbox) {
        sandbox->setParent(nullptr);
        outcome.sandbox.reset(sandbox);
    }
    return outcome;
}

} // namespace msi::ui
