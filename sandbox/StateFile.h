#pragma once

#include <QJsonObject>
#include <QString>

namespace msi::sandbox {

// Reads and writes the --state file: both systems' records plus the sandbox clock offset and
// the start of the simulated MSI activity, as one JSON document (written atomically).
class StateFile final
{
public:
    static bool exists(const QString &path);
    static bool read(const QString &path, QJsonObject *state, QString *error);
    static bool write(const QString &path, const QJsonObject &state, QString *error);
};

} // namespace msi::sandbox
