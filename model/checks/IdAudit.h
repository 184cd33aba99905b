#pragma once

#include "checks/Finding.h"
#include "checks/SystemState.h"

#include <QCoreApplication>
#include <QStringList>

namespace msi::checks {

// Classifies every ID-typed field of the Salesforce and Marketo records with core::SalesforceId:
// 15-character (with the 18-character form), case-damaged (with the repair), bad checksum, bad
// length or characters, and an ID of the wrong object for its field (an externalCompanyId that is a
// Contact ID). Valid 18-character IDs of the right object produce nothing.
//
// Codes: Salesforce fields SF_ID_15CHAR, SF_ID_CASE_DAMAGED, SF_ID_BAD_CHECKSUM, SF_ID_MALFORMED,
// SF_ID_WRONG_OBJECT, SF_RECORD_NO_ID; Marketo external IDs MKTO_EXTID_15CHAR,
// MKTO_EXTID_CASE_DAMAGED, MKTO_EXTID_BAD_CHECKSUM, MKTO_EXTID_MALFORMED, MKTO_EXTID_WRONG_OBJECT.
class IdAudit final
{
    Q_DECLARE_TR_FUNCTIONS(msi::checks::IdAudit)
public:
    static Findings run(const SystemState &state);

private:
    struct Field
    {
        QString key;
        QStringList objects; // the objects an ID in this field may name
    };
    static void auditSalesforce(const QList<QJsonObject> &records, const QString &type,
                                const QList<Field> &fields, Findings *out);
    static void auditMarketo(const QList<QJsonObject> &records, const QString &kind,
                             const QList<Field> &fields, Findings *out);
};

} // namespace msi::checks
