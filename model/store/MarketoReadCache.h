#pragma once

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace msi::store {

class Workspace;

// Table `marketo_reads`: what runs read from Marketo (per object and filter: the values asked
// for and the records found), kept so that a run resuming a stopped one (daily quota, cancel,
// crash) does not spend the quota reading the same again. One row per answered read; the sync
// engine clears the table when a run ends normally or when a run starts that resumes nothing.
class MarketoReadCache final
{
public:
    struct Reads
    {
        QSet<QString> values;       // valueKey() of every value asked for
        QList<QJsonObject> records; // every record found, as Marketo returned it
        bool contains(const QString &value) const { return values.contains(valueKey(value)); }
    };

    explicit MarketoReadCache(Workspace &workspace);

    bool save(qint64 runId, const QString &object, const QString &filter, const QStringList &values,
              const QList<QJsonObject> &records, QString *error = nullptr);
    Reads load(const QString &object, const QString &filter) const;
    // What runs wrote since they read: each record created or updated, as the payload sent with
    // its Marketo "id" or "marketoGUID". written() merges them per recordKey(), later over
    // earlier, so a record read before it was written can be brought up to date.
    bool saveWritten(qint64 runId, const QString &object, const QList<QJsonObject> &records,
                     QString *error = nullptr);
    QHash<QString, QJsonObject> written(const QString &object) const;
    qint64 rowCount() const;
    bool clear(QString *error = nullptr);

    // How values are compared: trimmed and case-folded, as Marketo compares filter values.
    static QString valueKey(const QString &value);
    static QString valueKey(const QJsonValue &value);
    // A Marketo record's id as text, else its marketoGUID.
    static QString recordKey(const QJsonObject &record);

private:
    Workspace &m_workspace;
};

} // namespace msi::store
