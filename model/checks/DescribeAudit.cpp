#include "checks/DescribeAudit.h"

#include "checks/MsiFields.h"

namespace msi::checks {

using Severity = Finding::Severity;

Findings DescribeAudit::run(const SystemState &state)
{
    return runOne(QStringLiteral("Lead"), state.sfLeadDescribe)
        + runOne(QStringLiteral("Contact"), state.sfContactDescribe);
}

Findings DescribeAudit::runOne(const QString &object, const QJsonObject &describe)
{
    Findings out;
    if (describe.isEmpty())
        return out;
    for (const MsiFields::Field &field : MsiFields::all()) {
        const QString name = MsiFields::prefix() + field.salesforceSuffix;
        const QJsonObject found = MsiFields::describeField(describe, field);
        if (found.isEmpty()) {
            out.append({Severity::Error, QStringLiteral("SF_MSI_FIELD_MISSING"),
                        {object + u'.' + name},
                        tr("field %1 not visible to the integration user on %2 (not installed, "
                           "or hidden by field-level security); MSI scores cannot be written "
                           "back")
                            .arg(name, object),
                        tr("grant the integration user field-level security (read + edit) on "
                           "%1 on Lead and Contact")
                            .arg(name)});
        } else if (!found.value(QStringLiteral("updateable")).toBool()) {
            const QString actual = found.value(QStringLiteral("name")).toString();
            out.append({Severity::Error, QStringLiteral("SF_MSI_FIELD_READONLY"),
                        {object + u'.' + actual},
                        tr("field %1 not updateable for the integration user on %2 "
                           "(read-only field-level security); MSI scores cannot be written back")
                            .arg(actual, object),
                        tr("grant the integration user edit access to %1 on Lead and Contact")
                            .arg(actual)});
        }
    }
    return out;
}

} // namespace msi::checks
