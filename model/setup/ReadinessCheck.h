#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace msi::setup {

// The prerequisites of a non-native MSI integration, checked against the live systems.
enum class ReadinessItem {
    MsiNonNative,          // Marketo leads expose externalPersonId (describe2)
    NativeCrmSyncOff,      // company/opportunity APIs answer instead of 1018 "CRM Enabled"
    SalesforcePermissions, // the API user can read the six objects and edit Lead/Contact
    MarketoPermissions,    // the API user's role reaches the five MSI objects (no 603)
    MsiFieldsLead,         // mkto_si__ fields visible and editable on Lead (FLS)
    MsiFieldsContact,      // ... and on Contact
    SalesforceQuota,       // DailyApiRequests remaining today
    MarketoQuota,          // Marketo calls left of the daily quota
};

enum class Verdict {
    Pending,  // not checked yet
    Pass,
    Warning,  // works, but read the detail (low quota, not verifiable)
    Fail,     // the first sync will not work until this is fixed
};

// One verdict, with what was seen and the fix in plain words.
struct ReadinessCheck
{
    Q_DECLARE_TR_FUNCTIONS(msi::setup::ReadinessCheck)
public:
    ReadinessItem item = ReadinessItem::MsiNonNative;
    Verdict verdict = Verdict::Pending;
    QString detail; // what the systems answered
    QString fix;    // what to do (empty when it passed)

    QString title() const { return title(item); }
    static QString title(ReadinessItem item);
    // Machine-readable: msi-non-native, native-crm-sync-off, ...
    static QString key(ReadinessItem item);
    static QString verdictName(Verdict verdict); // translated: Passed, Warning, Failed, Checking…
    static QList<ReadinessItem> allItems();
};

struct ReadinessReport
{
    QList<ReadinessCheck> checks; // one per ReadinessItem, in allItems() order

    const ReadinessCheck &check(ReadinessItem item) const;
    ReadinessCheck &check(ReadinessItem item);
    int count(Verdict verdict) const;
    bool isComplete() const { return count(Verdict::Pending) == 0; }
    static ReadinessReport pending();
};

} // namespace msi::setup
