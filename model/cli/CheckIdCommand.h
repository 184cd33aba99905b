#pragma once

#include "cli/CliCommand.h"

#include <QCoreApplication>

namespace msi::core { class SalesforceId; }

namespace msi::cli {

// `check-id ID... [--json]` and `check-id --csv FILE --column NAME [--json]`.
// Exit 0 when every ID is valid (18- or 15-character), 1 otherwise, 2 on usage errors.
class CheckIdCommand final : public CliCommand
{
    Q_DECLARE_TR_FUNCTIONS(msi::cli::CheckIdCommand)
public:
    QString name() const override { return QStringLiteral("check-id"); }
    QString summary() const override;
    int run(const QStringList &arguments, CliStreams streams) override;

private:
    class Printer;
};

} // namespace msi::cli
