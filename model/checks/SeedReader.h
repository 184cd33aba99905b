#pragma once

#include "checks/SystemState.h"

#include <QCoreApplication>
#include <QString>

namespace msi::checks {

// Reads a seed folder laid out like the bundled sample org into a SystemState:
//   salesforce/{User,Account,Contact,Lead,Opportunity,OpportunityContactRole}.json
//   salesforce/describe/{Lead,Contact}.json                 (optional)
//   marketo/{salespersons,companies,leads,opportunities,opportunityRoles}.json
// Each data file is a JSON array of record objects; a missing file is an empty list. The folder may
// be a Qt resource path (":/sample-org").
class SeedReader final
{
    Q_DECLARE_TR_FUNCTIONS(msi::checks::SeedReader)
public:
    static QString bundledSampleOrg() { return QStringLiteral(":/sample-org"); }

    // False with a message naming the file and the cause when the folder or a file is unusable.
    static bool read(const QString &directory, SystemState *state, QString *error);

private:
    static bool readArray(const QString &path, QList<QJsonObject> *records, QString *error);
    static bool readObject(const QString &path, QJsonObject *object, QString *error);
};

} // namespace msi::checks
