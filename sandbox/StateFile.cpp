#include "sandbox/StateFile.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSaveFile>

namespace msi::sandbox {

bool StateFile::exists(const QString &path)
{
    return !path.isEmpty() && QFile::exists(path);
}

bool StateFile::read(const QString &path, QJsonObject *state, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read state file %1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()
        || doc.object().value(u"format").toString() != u"msi-bridge-sandbox-state/1") {
        *error = QStringLiteral("state file %1 is not a sandbox state file (%2)").arg(path, parseError.errorString());
        return false;
    }
    *state = doc.object();
    return true;
}

bool StateFile::write(const QString &path, const QJsonObject &state, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write state file %1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonObject json = state;
    json.insert(u"format"_qs, u"msi-bridge-sandbox-state/1"_qs);
    file.write(QJsonDocument(json).toJson(QJsonDocument::Compact));
    if (!file.commit()) {
        *error = QStringLiteral("cannot write state file %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace msi::sandbox
