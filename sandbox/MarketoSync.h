#pragma once

#include "sandbox/MarketoState.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace msi::sandbox {

class MarketoSchema;
class MsiActivity;
class SandboxClock;

// The record logic behind Marketo's sync (create/update), delete and get-by-filter calls for
// leads, companies, sales persons, opportunities and opportunity roles, with per-record
// status/reasons and the documented codes. HTTP and the envelope are MarketoServer's job.
class MarketoSync final
{
public:
    using Entity = MarketoState::Entity;
    struct Answer {
        QJsonArray result;
        QString errorCode;    // request-level error ("1003"...), empty on success
        QString errorMessage;
        bool paged = false;
        bool moreResult = false;
        QString nextPageToken;
        bool ok() const { return errorCode.isEmpty(); }
    };
    struct Query {
        QString filterType;
        QStringList filterValues;
        QJsonArray compoundInput; // _method=GET with JSON input (dedupeFields of several keys)
        QStringList fields;
        int batchSize = 300;
        QString nextPageToken;
    };

    MarketoSync(MarketoState &state, const MarketoSchema &schema, const MsiActivity &activity,
                const SandboxClock &clock, bool nativeCrmSync)
        : m_state(state), m_schema(schema), m_activity(activity), m_clock(clock), m_nativeCrmSync(nativeCrmSync) {}

    Answer sync(Entity entity, const QJsonObject &body);
    Answer remove(Entity entity, const QJsonObject &body);
    Answer get(Entity entity, const Query &query);
    // A lead as the API shows it now: linked company fields inherited, MSI fields computed.
    QJsonObject leadView(const QJsonObject &lead) const;

private:
    Answer syncLeads(const QJsonObject &body);
    Answer syncObjects(Entity entity, const QJsonObject &body);
    static Answer error(const QString &code, const QString &message);
    static QJsonObject reason(const QString &code, const QString &message);
    QJsonObject skipped(int seq, const QJsonObject &why, bool withSeq = true) const;
    // Field checks shared by all syncs: unknown (1006) and read-only (1003) fields.
    bool checkFields(Entity entity, const QJsonObject &record, const QStringList &allowedReadOnly,
                     QJsonObject *why) const;
    QString now() const;
    QString newGuid() const;

    MarketoState &m_state;
    const MarketoSchema &m_schema;
    const MsiActivity &m_activity;
    const SandboxClock &m_clock;
    bool m_nativeCrmSync = false;
};

} // namespace msi::sandbox
