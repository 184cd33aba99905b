#include "sandbox/SeedLoader.h"

#include "sandbox/MarketoState.h"
#include "sandbox/OrgState.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace msi::sandbox {

namespace {

bool readArray(const QString &path, QList<QJsonObject> *records, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read seed file %1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isArray()) {
        *error = QStringLiteral("seed file %1 is not a JSON array (%2)").arg(path, parseError.errorString());
        return false;
    }
    const QJsonArray array = doc.array();
    records->reserve(array.size());
    for (const QJsonValue &v : array)
        records->append(v.toObject());
    return true;
}

} // namespace

bool SeedLoader::load(const QString &dir, OrgState *org, MarketoState *marketo, QString *error)
{
    const QDir root(dir);
    const QDir sf(root.filePath(QStringLiteral("salesforce")));
    if (!sf.exists()) {
        *error = QStringLiteral("seed folder %1 has no salesforce/ folder").arg(dir);
        return false;
    }
    org->clear();
    marketo->clear();
    const QStringList files = sf.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        QList<QJsonObject> records;
        if (!readArray(sf.filePath(name), &records, error))
            return false;
        org->setRecords(name.chopped(5), std::move(records));
    }
    const QDir mk(root.filePath(QStringLiteral("marketo")));
    for (int i = 0; i < MarketoState::kEntityCount; ++i) {
        const auto entity = MarketoState::Entity(i);
        const QString path = mk.filePath(MarketoState::entityName(entity) + u".json"_qs);
        if (!QFile::exists(path))
            continue;
        QList<QJsonObject> records;
        if (!readArray(path, &records, error))
            return false;
        marketo->setRecords(entity, records);
    }
    return true;
}

} // namespace msi::sandbox
