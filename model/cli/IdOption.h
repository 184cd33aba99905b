#pragma once

#include "core/SalesforceId.h"

#include <QCoreApplication>
#include <QString>

namespace msi::cli {

// Why a command-line option's value is not a usable Salesforce ID, in the words the CLI prints
// ("--records '0037…' is not a valid Salesforce ID: …"); empty when it is a valid 15- or
// 18-character ID. `noun` names what the option wants: "Salesforce ID", "User ID".
class IdOption final
{
    Q_DECLARE_TR_FUNCTIONS(msi::cli::IdOption)
public:
    static QString problem(const QString &option, const QString &value, const core::SalesforceId &id,
                           const QString &noun);
};

} // namespace msi::cli
