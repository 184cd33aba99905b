#pragma once

#include "store/StoreTypes.h"

#include <QDateTime>
#include <QString>

namespace msi::store {

class Workspace;

// Table `watermarks`: per system and object, the newest SystemModstamp / updatedAt that a
// finished incremental read has stored; the next read asks for records modified after it.
class WatermarkRepository final
{
public:
    explicit WatermarkRepository(Workspace &workspace);

    // Invalid QDateTime when none is stored (read everything).
    QDateTime watermark(System system, const QString &objectType) const;
    // Moves the watermark forward only (an older time leaves it as it is).
    bool advance(System system, const QString &objectType, const QDateTime &modstamp,
                 qint64 runId = 0, QString *error = nullptr);
    // Forgets the watermark, so the next read is a full one.
    bool reset(System system, const QString &objectType, QString *error = nullptr);

private:
    Workspace &m_workspace;
};

} // namespace msi::store
