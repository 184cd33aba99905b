#include "checks/EmailAudit.h"

#include "checks/Records.h"
#include "core/EmailMatch.h"
#include "core/SalesforceId.h"

namespace msi::checks {

using core::EmailMatch;
using Severity = Finding::Severity;

Findings EmailAudit::run(const RecordIndex &index)
{
    Findings out;
    for (const QJsonObject &person : index.state().mktoSalesPersons) {
        const QString ref = marketoRef(QStringLiteral("salesperson"), person);
        const QString label = Records::mktoLabel(QStringLiteral("salesperson"), person);
        const QString externalId = Records::text(person, QStringLiteral("externalSalesPersonId"));
        if (externalId.trimmed().isEmpty()) {
            out.append({Severity::Error, QStringLiteral("MKTO_SP_NO_EXTERNAL_ID"), {ref},
                        tr("%1 has no externalSalesPersonId, so no Salesforce user and no record "
                           "can link to it")
                            .arg(label),
                        tr("re-sync the sales person from its Salesforce user")});
            continue;
        }
        // Marketo matches the exact string; a 15-character value is reported by the ID audit.
        const core::SalesforceId id(externalId);
        const QJsonObject *user = id.isValid() ? index.salesforce(id.id18()) : nullptr;
        if (!user || Records::sfType(*user) != u"User") {
            if (id.isValid() && id.objectType() == u"User")
                out.append({Severity::Warning, QStringLiteral("MKTO_SP_NO_SF_USER"),
                            {id.id18(), ref},
                            tr("%1 has externalSalesPersonId %2, but no Salesforce user has that "
                               "ID (deleted, or another org)")
                                .arg(label, externalId),
                            tr("check the user in Salesforce; records owned by this ID cannot "
                               "show in MSI")});
            continue;
        }
        const EmailMatch match = EmailMatch::compare(Records::text(person, QStringLiteral("email")),
                                                     Records::text(*user, QStringLiteral("Email")));
        const QStringList refs{Records::id18(*user, QStringLiteral("Id")), ref};
        const QString userLabel = Records::sfLabel(*user);
        switch (match.severity()) {
        case EmailMatch::Severity::Ok:
            break;
        case EmailMatch::Severity::Warning:
            out.append({Severity::Warning, QStringLiteral("MKTO_SP_EMAIL_NORMALIZED_ONLY"), refs,
                        tr("%1 and %2: %3").arg(label, userLabel, match.message()),
                        tr("re-sync the sales person; the sync sends the Salesforce e-mail "
                           "verbatim (trimmed) and updates %1")
                            .arg(label)});
            break;
        case EmailMatch::Severity::Error:
            out.append({Severity::Error, QStringLiteral("MKTO_SP_EMAIL_MISMATCH"), refs,
                        tr("%1 and %2: %3. Until fixed the MSI tab of this rep stays empty")
                            .arg(label, userLabel, match.message()),
                        tr("re-sync the sales person (createOrUpdate by externalSalesPersonId) "
                           "with the Salesforce e-mail and names; it updates %1, never creates "
                           "a second sales person")
                            .arg(label)});
            break;
        }
    }
    return out;
}

} // namespace msi::checks
