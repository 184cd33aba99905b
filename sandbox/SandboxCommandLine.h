#pragma once

#include "sandbox/SandboxOptions.h"

#include <QCoreApplication>
#include <QStringList>

namespace msi::sandbox {

// The msi-bridge-sandbox command line -> SandboxOptions.
class SandboxCommandLine final
{
    Q_DECLARE_TR_FUNCTIONS(msi::sandbox::SandboxCommandLine)
public:
    enum class Result { Run, ExitOk, Error };
    // arguments includes the program name. On ExitOk (--help/--version) or Error, *message holds
    // the text to print.
    static Result parse(const QStringList &arguments, SandboxOptions *options, QString *message);
};

} // namespace msi::sandbox
