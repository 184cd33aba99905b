#pragma once

#include "setup/SetupResult.h"

#include <QWizard>

#include <functional>
#include <optional>

namespace msi::setup {
class SetupController;
}

namespace msi::ui {

// The first-run setup wizard (issue 7): Start, Salesforce, Marketo, Readiness, Mapping, First
// dry run. The pages are thin: every check, sign-in and save runs in the SetupController, which
// the wizard owns; the pages show what it reports. takeResult() hands the outcome over once the
// wizard was accepted.
class SetupWizard final : public QWizard
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SetupWizard)
public:
    enum PageId { StartPageId, SalesforcePageId, MarketoPageId, ReadinessPageId, MappingPageId,
                  DryRunPageId };
    Q_ENUM(PageId)

    // Starts the bundled sandbox and returns its addresses (the UI layer owns the sandbox).
    using SandboxStarter = std::function<std::optional<setup::SandboxEndpoints>(QString *error)>;

    explicit SetupWizard(QWidget *parent = nullptr);
    ~SetupWizard() override;

    setup::SetupController *controller() const { return m_controller; }
    void setSandboxStarter(SandboxStarter starter) { m_sandboxStarter = std::move(starter); }
    bool hasSandboxStarter() const { return bool(m_sandboxStarter); }
    // Used by the Start page: starts the sandbox once and tells the controller about it.
    bool startSandbox(QString *error);

    setup::SetupResult takeResult();

    void reject() override;

private:
    setup::SetupController *m_controller;
    SandboxStarter m_sandboxStarter;
    std::optional<setup::SandboxEndpoints> m_sandbox;
};

} // namespace msi::ui
