#pragma once

#include "cli/CliCommand.h"

#include <QCoreApplication>

namespace msi::cli {

// `connect --salesforce-url URL --marketo-url URL [--workspace PATH]`: signs in to both systems
// with the credentials from the environment (MSI_BRIDGE_*) or the keychain (CliSecrets), then keeps
// the URLs and client IDs in the workspace and the secrets given in the environment in the
// keychain. Exit 0 connected, 2 usage/missing credentials, 3 sign-in failed. The only verb that
// creates a workspace, and only once both sign-ins succeeded.
class ConnectCommand final : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(msi::cli::ConnectCommand)
public:
    QString name() const override { return QStringLiteral("connect"); }
    QString summary() const override;
    bool usesWorkspace() const override { return true; }
    int run(const QStringList &arguments, CliStreams streams) override;
};

} // namespace msi::cli
