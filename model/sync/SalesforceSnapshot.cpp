#include "sync/SalesforceSnapshot.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace msi::sync {

qsizetype SalesforceSnapshot::size() const
{
    return users.size() + accounts.size() + contacts.size() + leads.size() + opportunities.size()
        + contactRoles.size();
}

bool SalesforceSnapshot::readArrayFile(const QString &path, QList<QJsonObject> *records,
                                       QString *error)
{
    records->clear();
    QFile file(path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isArray()) {
        if (error)
            *error = tr("%1 is not a JSON array of records: %2")
                         .arg(QDir::toNativeSeparators(path), parseError.errorString());
        return false;
    }
    const QJsonArray array = document.array();
    records->reserve(array.size());
    for (const QJsonValue &value : array)
        records->append(value.toObject());
    return true;
}

bool SalesforceSnapshot::loadDirectory(const QString &dir, SalesforceSnapshot *snapshot,
                                       QString *error)
{
    const QDir base(QDir(dir).filePath(QStringLiteral("salesforce")));
    return readArrayFile(base.filePath(QStringLiteral("User.json")), &snapshot->users, error)
        && readArrayFile(base.filePath(QStringLiteral("Account.json")), &snapshot->accounts, error)
        && readArrayFile(base.filePath(QStringLiteral("Contact.json")), &snapshot->contacts, error)
        && readArrayFile(base.filePath(QStringLiteral("Lead.json")), &snapshot->leads, error)
        && readArrayFile(base.filePath(QStringLiteral("Opportunity.json")),
                         &snapshot->opportunities, error)
        && readArrayFile(base.filePath(QStringLiteral("OpportunityContactRole.json")),
                         &snapshot->contactRoles, error);
}

bool MarketoState::loadDirectory(const QString &dir, MarketoState *state, QString *error)
{
    const QDir base(QDir(dir).filePath(QStringLiteral("marketo")));
    return SalesforceSnapshot::readArrayFile(base.filePath(QStringLiteral("salespersons.json")),
                                             &state->salesPersons, error)
        && SalesforceSnapshot::readArrayFile(base.filePath(QStringLiteral("companies.json")),
                                             &state->companies, error)
        && SalesforceSnapshot::readArrayFile(base.filePath(QStringLiteral("leads.json")),
                                             &state->leads, error)
        && SalesforceSnapshot::readArrayFile(base.filePath(QStringLiteral("opportunities.json")),
                                             &state->opportunities, error)
        && SalesforceSnapshot::readArrayFile(base.filePath(QStringLiteral("opportunityroles.json")),
                                             &state->roles, error);
}

} // namespace msi::sync
