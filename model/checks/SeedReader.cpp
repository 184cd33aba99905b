#include "checks/SeedReader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace msi::checks {

bool SeedReader::readArray(const QString &path, QList<QJsonObject> *records, QString *error)
{
    records->clear();
    QFile file(path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("cannot open %1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = tr("%1 is not valid JSON (offset %2: %3)")
                     .arg(path)
                     .arg(parseError.offset)
                     .arg(parseError.errorString());
        return false;
    }
    if (!doc.isArray()) {
        *error = tr("%1 must hold a JSON array of records").arg(path);
        return false;
    }
    const QJsonArray array = doc.array();
    records->reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject()) {
            *error = tr("%1: element %2 is not a record object").arg(path).arg(i);
            return false;
        }
        records->append(array.at(i).toObject());
    }
    return true;
}

bool SeedReader::readObject(const QString &path, QJsonObject *object, QString *error)
{
    *object = {};
    QFile file(path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("cannot open %1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = tr("%1 must hold one JSON object (a describe result)").arg(path);
        return false;
    }
    *object = doc.object();
    return true;
}

bool SeedReader::read(const QString &directory, SystemState *state, QString *error)
{
    const QDir dir(directory);
    if (!dir.exists(QStringLiteral("salesforce")) && !dir.exists(QStringLiteral("marketo"))) {
        *error = tr("%1 is not a seed folder (it has neither salesforce/ nor marketo/)")
                     .arg(directory);
        return false;
    }
    *state = {};
    const struct
    {
        const char *file;
        QList<QJsonObject> SystemState::*list;
    } files[] = {
        {"salesforce/User.json", &SystemState::sfUsers},
        {"salesforce/Account.json", &SystemState::sfAccounts},
        {"salesforce/Contact.json", &SystemState::sfContacts},
        {"salesforce/Lead.json", &SystemState::sfLeads},
        {"salesforce/Opportunity.json", &SystemState::sfOpportunities},
        {"salesforce/OpportunityContactRole.json", &SystemState::sfContactRoles},
        {"marketo/salespersons.json", &SystemState::mktoSalesPersons},
        {"marketo/companies.json", &SystemState::mktoCompanies},
        {"marketo/leads.json", &SystemState::mktoLeads},
        {"marketo/opportunities.json", &SystemState::mktoOpportunities},
        {"marketo/opportunityRoles.json", &SystemState::mktoOpportunityRoles},
    };
    for (const auto &f : files) {
        if (!readArray(dir.filePath(QString::fromLatin1(f.file)), &(state->*f.list), error))
            return false;
    }
    return readObject(dir.filePath(QStringLiteral("salesforce/describe/Lead.json")),
                      &state->sfLeadDescribe, error)
        && readObject(dir.filePath(QStringLiteral("salesforce/describe/Contact.json")),
                      &state->sfContactDescribe, error);
}

} // namespace msi::checks
