#pragma once

#include "checks/Finding.h"
#include "checks/SystemState.h"

#include <QCoreApplication>

namespace msi::checks {

// The MSI fields on Lead and Contact as the integration user's describe shows them (C21):
//   SF_MSI_FIELD_MISSING (error)   absent (not installed, or hidden by field-level security)
//   SF_MSI_FIELD_READONLY (error)  present but updateable=false
// A describe that was not read (empty object) is not checked.
class DescribeAudit final
{
    Q_DECLARE_TR_FUNCTIONS(msi::checks::DescribeAudit)
public:
    static Findings run(const SystemState &state);
    static Findings runOne(const QString &object, const QJsonObject &describe);
};

} // namespace msi::checks
