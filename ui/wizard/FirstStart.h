#pragma once

#include "setup/SetupResult.h"

#include <memory>

class QWidget;

namespace msi::sandbox {
class Sandbox;
}

namespace msi::ui {

class SetupWizard;

// What the setup wizard leaves behind for the main window.
struct FirstStartOutcome
{
    FirstStartOutcome();
    FirstStartOutcome(FirstStartOutcome &&) noexcept;
    FirstStartOutcome &operator=(FirstStartOutcome &&) noexcept;
    ~FirstStartOutcome();

    setup::SetupResult result;                 // result.valid is false when the admin cancelled
    // The bundled sandbox, running, when the admin chose it (result.bundledSandbox): keep it
    // alive as long as the workspace's URLs point at it.
    std::unique_ptr<sandbox::Sandbox> sandbox;
};

// A setup wizard whose "Try the bundled sandbox" choice starts msi::sandbox::Sandbox in-process
// on free loopback ports (the sandbox is a child of the wizard until runFirstStartWizard hands
// it over). For tests and screenshots; the app calls runFirstStartWizard().
SetupWizard *createSetupWizard(QWidget *parent = nullptr);

// The hook for the app: shows the wizard modally (on first start, when there is no workspace
// yet, and from the menu), and returns the result and the sandbox it started, if any.
FirstStartOutcome runFirstStartWizard(QWidget *parent = nullptr);

} // namespace msi::ui
