#include "setup/ReadinessCheck.h"

namespace msi::setup {

QList<ReadinessItem> ReadinessCheck::allItems()
{
    return {ReadinessItem::MsiNonNative,          ReadinessItem::NativeCrmSyncOff,
            ReadinessItem::SalesforcePermissions, ReadinessItem::MarketoPermissions,
            ReadinessItem::MsiFieldsLead,         ReadinessItem::MsiFieldsContact,
            ReadinessItem::SalesforceQuota,       ReadinessItem::MarketoQuota};
}

QString ReadinessCheck::title(ReadinessItem item)
{
    switch (item) {
    case ReadinessItem::MsiNonNative:
        return tr("MSI Non-Native is enabled in Marketo");
    case ReadinessItem::NativeCrmSyncOff:
        return tr("Native CRM sync is off in Marketo");
    case ReadinessItem::SalesforcePermissions:
        return tr("Salesforce API user permissions");
    case ReadinessItem::MarketoPermissions:
        return tr("Marketo API user permissions");
    case ReadinessItem::MsiFieldsLead:
        return tr("MSI fields visible and editable on Lead");
    case ReadinessItem::MsiFieldsContact:
        return tr("MSI fields visible and editable on Contact");
    case ReadinessItem::SalesforceQuota:
        return tr("Salesforce API calls left today");
    case ReadinessItem::MarketoQuota:
        return tr("Marketo API calls left today");
    }
    return {};
}

QString ReadinessCheck::key(ReadinessItem item)
{
    switch (item) {
    case ReadinessItem::MsiNonNative: return QStringLiteral("msi-non-native");
    case ReadinessItem::NativeCrmSyncOff: return QStringLiteral("native-crm-sync-off");
    case ReadinessItem::SalesforcePermissions: return QStringLiteral("salesforce-permissions");
    case ReadinessItem::MarketoPermissions: return QStringLiteral("marketo-permissions");
    case ReadinessItem::MsiFieldsLead: return QStringLiteral("msi-fields-lead");
    case ReadinessItem::MsiFieldsContact: return QStringLiteral("msi-fields-contact");
    case ReadinessItem::SalesforceQuota: return QStringLiteral("salesforce-quota");
    case ReadinessItem::MarketoQuota: return QStringLiteral("marketo-quota");
    }
    return {};
}

QString ReadinessCheck::verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Pending: return tr("Checking…");
    case Verdict::Pass: return tr("Passed");
    case Verdict::Warning: return tr("Warning");
    case Verdict::Fail: return tr("Failed");
    }
    return {};
}

const ReadinessCheck &ReadinessReport::check(ReadinessItem item) const
{
    for (const ReadinessCheck &c : checks)
        if (c.item == item)
            return c;
    static const ReadinessCheck none;
    return none;
}

ReadinessCheck &ReadinessReport::check(ReadinessItem item)
{
    for (ReadinessCheck &c : checks)
        if (c.item == item)
            return c;
    checks.append(ReadinessCheck{item, Verdict::Pending, {}, {}});
    return checks.last();
}

int ReadinessReport::count(Verdict verdict) const
{
    int n = 0;
    for (const ReadinessCheck &c : checks)
        n += c.verdict == verdict ? 1 : 0;
    return n;
}

ReadinessReport ReadinessReport::pending()
{
    ReadinessReport r;
    for (ReadinessItem item : ReadinessCheck::allItems())
        r.checks.append(ReadinessCheck{item, Verdict::Pending, {}, {}});
    return r;
}

} // namespace msi::setup
