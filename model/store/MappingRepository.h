#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace msi::store {

class Workspace;

struct MappingVersion
{
    int version = 0;
    QJsonObject document;
    QString note;
    QDateTime createdAt;
};

// Table `mapping_versions`: the field mapping of the workspace as one JSON document; every save
// adds a version, the highest is current.
class MappingRepository final
{
public:
    explicit MappingRepository(Workspace &workspace);

    // The new version number, or 0 on failure.
    int save(const QJsonObject &document, const QString &note = {}, QString *error = nullptr);
    std::optional<MappingVersion> current() const;
    std::optional<MappingVersion> version(int version) const;
    // Newest first; documents included.
    QList<MappingVersion> versions() const;

private:
    std::optional<MappingVersion> fetch(const QString &where, const QVariant &value) const;

    Workspace &m_workspace;
};

} // namespace msi::store
