#include "sandbox/MarketoSync.h"

#include "sandbox/MarketoSchema.h"
#include "sandbox/MsiActivity.h"
#include "sandbox/SandboxClock.h"

#include <QSet>
#include <QUuid>

namespace msi::sandbox {

namespace {

constexpr int kMaxBatch = 300;
constexpr int kMaxLeadMatches = 1000;

bool isBlank(const QJsonValue &v)
{
    return v.isNull() || v.isUndefined() || (v.isString() && v.toString().trimmed().isEmpty());
}

QString pageToken(int offset)
{
    return QString::fromLatin1(QByteArray("sbx:" + QByteArray::number(offset))
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

int pageOffset(const QString &token, bool *ok)
{
    const QByteArray raw = QByteArray::fromBase64(token.toLatin1(), QByteArray::Base64UrlEncoding);
    *ok = raw.startsWith("sbx:");
    return *ok ? raw.mid(4).toInt(ok) : 0;
}

} // namespace

MarketoSync::Answer MarketoSync::error(const QString &code, const QString &message)
{
    Answer a;
    a.errorCode = code;
    a.errorMessage = message;
    return a;
}

QJsonObject MarketoSync::reason(const QString &code, const QString &message)
{
    return QJsonObject{{u"code"_qs, code}, {u"message"_qs, message}};
}

QJsonObject MarketoSync::skipped(int seq, const QJsonObject &why, bool withSeq) const
{
    QJsonObject r;
    if (withSeq)
        r.insert(u"seq"_qs, seq);
    r.insert(u"status"_qs, u"skipped"_qs);
    r.insert(u"reasons"_qs, QJsonArray{why});
    return r;
}

QString MarketoSync::now() const
{
    return SandboxClock::marketoDateTime(m_clock.now());
}

QString MarketoSync::newGuid() const
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool MarketoSync::checkFields(Entity entity, const QJsonObject &record, const QStringList &allowedReadOnly,
                              QJsonObject *why) const
{
    for (auto it = record.begin(); it != record.end(); ++it) {
        const MarketoSchema::Field *field = m_schema.field(entity, it.key());
        if (!field) {
            *why = reason(u"1006"_qs, u"Field '"_qs + it.key() + u"' not found"_qs);
            return false;
        }
        if (!field->updateable && !allowedReadOnly.contains(field->name)) {
            *why = reason(u"1003"_qs, u"Field '"_qs + field->name + u"' is read-only"_qs);
            return false;
        }
        if (field->dataType == u"integer" && !it.value().isNull() && !it.value().isDouble()) {
            *why = reason(u"1001"_qs, u"Invalid value '"_qs + it.value().toVariant().toString() + u"'. Required of type '"_qs
                                          + field->dataType + u"' for field '"_qs + field->name + u'\'');
            return false;
        }
    }
    return true;
}

MarketoSync::Answer MarketoSync::sync(Entity entity, const QJsonObject &body)
{
    if (!body.value(u"input").isArray() || body.value(u"input").toArray().isEmpty())
        return error(u"701"_qs, u"input cannot be blank"_qs);
    if (body.value(u"input").toArray().size() > kMaxBatch)
        return error(u"1003"_qs, u"Invalid data: input has more than 300 records"_qs);
    return entity == Entity::Leads ? syncLeads(body) : syncObjects(entity, body);
}

MarketoSync::Answer MarketoSync::syncLeads(const QJsonObject &body)
{
    const QString action = body.value(u"action").toString(u"createOrUpdate"_qs);
    static const QStringList actions{u"createOnly"_qs, u"updateOnly"_qs, u"createOrUpdate"_qs, u"createDuplicate"_qs};
    if (!actions.contains(action))
        return error(u"1003"_qs, u"Invalid action '"_qs + action + u'\'');
    const QString lookupField = body.value(u"lookupField").toString(u"email"_qs);
    // Sync Leads documents no list of lookup fields (marketo-api.md §5); the sandbox accepts the
    // describe2 searchable fields (which include externalPersonId with MSI non-native).
    if (!m_schema.field(Entity::Leads, lookupField))
        return error(u"1006"_qs, u"Field '"_qs + lookupField + u"' not found"_qs);
    if (!m_schema.isSearchable(Entity::Leads, lookupField))
        return error(u"1011"_qs, u"Field '"_qs + lookupField + u"' not supported as lookupField"_qs);
    if (lookupField == u"id" && action != u"updateOnly")
        return error(u"1003"_qs, u"Invalid data: lookupField 'id' is only allowed with action 'updateOnly'"_qs);

    const QJsonArray input = body.value(u"input").toArray();
    const QStringList companyFields = MarketoSchema::companyFields();
    Answer answer;
    for (int seq = 0; seq < input.size(); ++seq) {
        const QJsonObject record = input.at(seq).toObject();
        QJsonObject why;
        if (!checkFields(Entity::Leads, record, lookupField == u"id" ? QStringList{u"id"_qs} : QStringList(), &why)) {
            answer.result.append(skipped(seq, why, false));
            continue;
        }
        const QString email = record.value(u"email").toString();
        bool ascii = true;
        for (const QChar c : email)
            ascii = ascii && c.unicode() < 128;
        if (!ascii) {
            answer.result.append(skipped(seq, reason(u"1001"_qs, u"Invalid value '"_qs + email
                                                                     + u"'. Required of type 'email' for field 'email'"_qs),
                                         false));
            continue;
        }
        QList<int> matches;
        if (action != u"createDuplicate") {
            const QJsonValue key = record.value(lookupField);
            if (isBlank(key)) {
                if (action != u"createOnly") {
                    answer.result.append(skipped(seq, reason(u"1003"_qs, u"Value for lookup field '"_qs + lookupField
                                                                             + u"' is missing"_qs),
                                                 false));
                    continue;
                }
            } else {
                matches = m_state.find(Entity::Leads, lookupField, key);
            }
        }
        if (action == u"createOnly" && !matches.isEmpty()) {
            answer.result.append(skipped(seq, reason(u"1005"_qs, u"Lead already exists"_qs), false));
            continue;
        }
        if (action == u"updateOnly" && matches.isEmpty()) {
            answer.result.append(skipped(seq, reason(u"1004"_qs, u"Lead not found"_qs), false));
            continue;
        }
        if (matches.size() > 1) {
            answer.result.append(skipped(seq, reason(u"1007"_qs, u"Multiple lead match lookup criteria"_qs), false));
            continue;
        }
        // A lead linked to a company inherits its fields; Sync Leads cannot change them (1021).
        const QJsonObject existing = matches.isEmpty() ? QJsonObject() : m_state.at(Entity::Leads, matches.first());
        const QJsonValue companyKey = record.contains(u"externalCompanyId") ? record.value(u"externalCompanyId")
                                                                            : existing.value(u"externalCompanyId");
        if (!isBlank(companyKey) && !m_state.find(Entity::Companies, u"externalCompanyId"_qs, companyKey).isEmpty()) {
            QString touched;
            for (const QString &f : companyFields) {
                if (record.contains(f))
                    touched = f;
            }
            if (!touched.isEmpty()) {
                answer.result.append(skipped(seq, reason(u"1021"_qs, u"Company update not allowed in syncLead ('"_qs
                                                                         + touched + u"')"_qs),
                                             false));
                continue;
            }
        }
        QJsonObject fields = record;
        fields.remove(u"id"_qs);
        fields.insert(u"updatedAt"_qs, now());
        if (matches.isEmpty()) {
            const int id = m_state.nextId(Entity::Leads);
            fields.insert(u"id"_qs, id);
            fields.insert(u"createdAt"_qs, now());
            m_state.insert(Entity::Leads, fields);
            answer.result.append(QJsonObject{{u"id"_qs, id}, {u"status"_qs, u"created"_qs}});
        } else {
            m_state.update(Entity::Leads, matches.first(), fields);
            answer.result.append(QJsonObject{{u"id"_qs, existing.value(u"id")}, {u"status"_qs, u"updated"_qs}});
        }
    }
    return answer;
}

MarketoSync::Answer MarketoSync::syncObjects(Entity entity, const QJsonObject &body)
{
    const QString action = body.value(u"action").toString(u"createOrUpdate"_qs);
    static const QStringList actions{u"createOnly"_qs, u"updateOnly"_qs, u"createOrUpdate"_qs};
    if (!actions.contains(action))
        return error(u"1003"_qs, u"Invalid action '"_qs + action + u'\'');
    const QString dedupeBy = body.value(u"dedupeBy").toString(u"dedupeFields"_qs);
    if (dedupeBy != u"dedupeFields" && dedupeBy != u"idField")
        return error(u"1003"_qs, u"Invalid dedupeBy '"_qs + dedupeBy + u'\'');
    if (dedupeBy == u"idField" && action != u"updateOnly")
        return error(u"1003"_qs, u"Invalid data: dedupeBy 'idField' is only allowed with action 'updateOnly'"_qs);
    const QString idField = m_schema.idField(entity);
    const QStringList keys = dedupeBy == u"idField" ? QStringList{idField} : m_schema.dedupeFields(entity);
    QStringList allowedReadOnly = keys;
    allowedReadOnly += m_schema.dedupeFields(entity);
    const QJsonArray input = body.value(u"input").toArray();
    QSet<QString> seen;
    Answer answer;
    for (int seq = 0; seq < input.size(); ++seq) {
        const QJsonObject record = input.at(seq).toObject();
        if (m_nativeCrmSync) {
            answer.result.append(skipped(seq, reason(u"1018"_qs, u"CRM Enabled"_qs)));
            continue;
        }
        QJsonObject why;
        QString missing;
        QString compound;
        for (const QString &k : keys) {
            if (isBlank(record.value(k)))
                missing = k;
            compound += MarketoState::normalise(record.value(k)) + u'\x1f';
        }
        if (!missing.isEmpty()) {
            answer.result.append(skipped(seq, reason(u"1002"_qs, u"Missing value for required field '"_qs + missing + u'\'')));
            continue;
        }
        if (seen.contains(compound)) {
            answer.result.append(skipped(seq, reason(u"1036"_qs, u"Duplicate object in input ("_qs + keys.join(u',') + u')')));
            continue;
        }
        seen.insert(compound);
        if (!checkFields(entity, record, allowedReadOnly, &why)) {
            answer.result.append(skipped(seq, why));
            continue;
        }
        // Find the existing object by its key(s).
        QList<int> rows = m_state.find(entity, keys.first(), record.value(keys.first()));
        for (int k = 1; k < keys.size(); ++k) {
            const QString expected = MarketoState::normalise(record.value(keys.at(k)));
            rows.removeIf([&](int row) {
                return MarketoState::normalise(m_state.at(entity, row).value(keys.at(k))) != expected;
            });
        }
        if (entity == Entity::OpportunityRoles) {
            const QJsonValue leadId = record.contains(u"leadId") ? record.value(u"leadId") : QJsonValue();
            if (!leadId.isNull() && !leadId.isUndefined() && !leadId.isDouble()) {
                answer.result.append(skipped(seq, reason(u"1001"_qs, u"Invalid value '"_qs + leadId.toVariant().toString()
                                                                         + u"'. Required of type 'integer' for field 'leadId'"_qs)));
                continue;
            }
            if (!leadId.isNull() && !leadId.isUndefined() && m_state.find(Entity::Leads, u"id"_qs, leadId).isEmpty()) {
                answer.result.append(skipped(seq, reason(u"1013"_qs, u"Lead not found (leadId "_qs
                                                                         + QString::number(leadId.toInteger()) + u')')));
                continue;
            }
            const QJsonValue opp = record.value(u"externalOpportunityId");
            if (!isBlank(opp) && m_state.find(Entity::Opportunities, u"externalOpportunityId"_qs, opp).isEmpty()) {
                answer.result.append(skipped(seq, reason(u"1013"_qs, u"Opportunity not found (externalOpportunityId "_qs
                                                                         + opp.toString() + u')')));
                continue;
            }
        }
        if (entity == Entity::Companies || entity == Entity::Opportunities) {
            const QJsonValue owner = record.value(u"externalSalesPersonId");
            if (!isBlank(owner) && m_state.find(Entity::SalesPersons, u"externalSalesPersonId"_qs, owner).isEmpty()) {
                answer.result.append(skipped(seq, reason(u"718"_qs, u"ExternalSalesPersonID not found"_qs)));
                continue;
            }
        }
        if (action == u"createOnly" && !rows.isEmpty()) {
            answer.result.append(skipped(seq, reason(u"1017"_qs, u"Object already exists"_qs)));
            continue;
        }
        if (action == u"updateOnly" && rows.isEmpty()) {
            answer.result.append(skipped(seq, reason(u"1013"_qs, u"Record not found"_qs)));
            continue;
        }
        if (rows.isEmpty() && entity == Entity::Opportunities && isBlank(record.value(u"name"))) {
            answer.result.append(skipped(seq, reason(u"1002"_qs, u"Missing value for required field 'name'"_qs)));
            continue;
        }
        QJsonObject fields = record;
        fields.insert(u"updatedAt"_qs, now());
        QJsonObject result{{u"seq"_qs, seq}};
        if (rows.isEmpty()) {
            QJsonValue id;
            if (idField == u"id")
                id = m_state.nextId(entity);
            else
                id = newGuid();
            fields.insert(idField, id);
            fields.insert(u"createdAt"_qs, now());
            m_state.insert(entity, fields);
            result.insert(idField, id);
            result.insert(u"status"_qs, u"created"_qs);
        } else {
            const QJsonObject existing = m_state.at(entity, rows.first());
            for (const QString &k : m_schema.dedupeFields(entity))
                fields.remove(k); // keys are not updateable; keep the stored spelling
            fields.remove(idField);
            m_state.update(entity, rows.first(), fields);
            result.insert(idField, existing.value(idField));
            result.insert(u"status"_qs, u"updated"_qs);
        }
        answer.result.append(result);
    }
    return answer;
}

MarketoSync::Answer MarketoSync::remove(Entity entity, const QJsonObject &body)
{
    const QJsonArray input = body.value(u"input").toArray();
    if (input.isEmpty())
        return error(u"701"_qs, u"input cannot be blank"_qs);
    if (input.size() > kMaxBatch)
        return error(u"1003"_qs, u"Invalid data: input has more than 300 records"_qs);
    Answer answer;
    if (entity == Entity::Leads) {
        for (int seq = 0; seq < input.size(); ++seq) {
            const QJsonValue id = input.at(seq).toObject().value(u"id");
            const QList<int> rows = id.isDouble() ? m_state.find(Entity::Leads, u"id"_qs, id) : QList<int>();
            if (rows.isEmpty()) {
                QJsonObject r = skipped(seq, reason(u"1004"_qs, u"Lead not found"_qs), false);
                r.insert(u"id"_qs, id);
                answer.result.append(r);
                continue;
            }
            m_state.remove(Entity::Leads, rows.first());
            answer.result.append(QJsonObject{{u"id"_qs, id}, {u"status"_qs, u"deleted"_qs}});
        }
        return answer;
    }
    const QString deleteBy = body.value(u"deleteBy").toString(u"dedupeFields"_qs);
    if (deleteBy != u"dedupeFields" && deleteBy != u"idField")
        return error(u"1003"_qs, u"Invalid deleteBy '"_qs + deleteBy + u'\'');
    const QString idField = m_schema.idField(entity);
    const QStringList keys = deleteBy == u"idField" ? QStringList{idField} : m_schema.dedupeFields(entity);
    for (int seq = 0; seq < input.size(); ++seq) {
        const QJsonObject record = input.at(seq).toObject();
        if (m_nativeCrmSync) {
            answer.result.append(skipped(seq, reason(u"1018"_qs, u"CRM Enabled"_qs)));
            continue;
        }
        QList<int> rows = m_state.find(entity, keys.first(), record.value(keys.first()));
        for (int k = 1; k < keys.size(); ++k) {
            const QString expected = MarketoState::normalise(record.value(keys.at(k)));
            rows.removeIf([&](int row) {
                return MarketoState::normalise(m_state.at(entity, row).value(keys.at(k))) != expected;
            });
        }
        if (rows.isEmpty()) {
            answer.result.append(skipped(seq, reason(u"1013"_qs, u"Record not found"_qs)));
            continue;
        }
        const QJsonObject existing = m_state.at(entity, rows.first());
        if (entity == Entity::SalesPersons) {
            const QJsonValue key = existing.value(u"externalSalesPersonId");
            if (!m_state.find(Entity::Leads, u"externalSalesPersonId"_qs, key).isEmpty()
                || !m_state.find(Entity::Companies, u"externalSalesPersonId"_qs, key).isEmpty()) {
                answer.result.append(skipped(seq, reason(u"1022"_qs, u"Object in use"_qs)));
                continue;
            }
        }
        m_state.remove(entity, rows.first());
        answer.result.append(QJsonObject{{u"seq"_qs, seq}, {idField, existing.value(idField)}, {u"status"_qs, u"deleted"_qs}});
    }
    return answer;
}

QJsonObject MarketoSync::leadView(const QJsonObject &lead) const
{
    QJsonObject view = lead;
    if (!m_schema.msiNonNative()) {
        static const QStringList hidden{u"externalPersonId"_qs, u"externalSalesPersonId"_qs, u"externalCompanyId"_qs,
                                        u"msiLastInterestingMomentType"_qs, u"msiLastInterestingMomentDate"_qs,
                                        u"msiLastInterestingMomentDesc"_qs, u"msiLastInterestingMomentSource"_qs,
                                        u"priority"_qs, u"relativeUrgency"_qs, u"relativeScoring"_qs};
        for (const QString &f : hidden)
            view.remove(f);
        return view;
    }
    const QJsonValue companyKey = lead.value(u"externalCompanyId");
    if (!isBlank(companyKey)) {
        const QList<int> rows = m_state.find(Entity::Companies, u"externalCompanyId"_qs, companyKey);
        if (!rows.isEmpty()) {
            const QJsonObject company = m_state.at(Entity::Companies, rows.first());
            for (const QString &f : MarketoSchema::companyFields()) {
                if (company.contains(f))
                    view.insert(f, company.value(f));
            }
        }
    }
    return m_activity.overlay(view);
}

MarketoSync::Answer MarketoSync::get(Entity entity, const Query &query)
{
    QString filterType = query.filterType;
    if (filterType.isEmpty())
        return error(u"1003"_qs, u"Invalid data: filterType cannot be blank"_qs);
    if (filterType == u"idField")
        filterType = m_schema.idField(entity);
    const bool compound = filterType == u"dedupeFields" && entity != Entity::Leads;
    QStringList keyFields = compound ? m_schema.dedupeFields(entity) : QStringList{filterType};
    if (!compound) {
        if (!m_schema.field(entity, filterType))
            return error(u"1006"_qs, u"Field '"_qs + filterType + u"' not found"_qs);
        if (!m_schema.isSearchable(entity, filterType))
            return error(u"1011"_qs, u"Field '"_qs + filterType + u"' not supported as filterType"_qs);
    }
    // The filter as a list of key tuples.
    QList<QJsonObject> filters;
    if (compound && !query.compoundInput.isEmpty()) {
        for (const QJsonValue &v : query.compoundInput)
            filters.append(v.toObject());
    } else {
        if (compound && keyFields.size() > 1)
            return error(u"1003"_qs, u"Invalid data: dedupeFields of this object need a JSON input"_qs);
        for (const QString &v : query.filterValues)
            filters.append(QJsonObject{{keyFields.first(), v}});
    }
    if (filters.isEmpty())
        return error(u"1003"_qs, u"Invalid data: filterValues cannot be blank"_qs);
    if (filters.size() > kMaxBatch)
        return error(u"1003"_qs, u"Invalid data: more than 300 filterValues"_qs);
    QStringList fields = query.fields.isEmpty() ? m_schema.defaultFields(entity) : query.fields;
    for (const QString &f : std::as_const(fields)) {
        if (!m_schema.field(entity, f))
            return error(u"1006"_qs, u"Field '"_qs + f + u"' not found"_qs);
    }
    QList<QPair<int, int>> matches; // (row, seq)
    QSet<int> seenRows;
    for (int seq = 0; seq < filters.size(); ++seq) {
        const QJsonObject &filter = filters.at(seq);
        QList<int> rows = m_state.find(entity, keyFields.first(), filter.value(keyFields.first()));
        for (int k = 1; k < keyFields.size(); ++k) {
            const QString expected = MarketoState::normalise(filter.value(keyFields.at(k)));
            rows.removeIf([&](int row) {
                return MarketoState::normalise(m_state.at(entity, row).value(keyFields.at(k))) != expected;
            });
        }
        for (int row : std::as_const(rows)) {
            if (!seenRows.contains(row)) {
                seenRows.insert(row);
                matches.append({row, seq});
            }
        }
    }
    if (entity == Entity::Leads) {
        if (matches.size() > kMaxLeadMatches)
            return error(u"1003"_qs, u"Too many results match the filter"_qs);
        std::sort(matches.begin(), matches.end(), [&](const auto &a, const auto &b) {
            return m_state.at(entity, a.first).value(u"id").toInteger() < m_state.at(entity, b.first).value(u"id").toInteger();
        });
    }
    int offset = 0;
    if (!query.nextPageToken.isEmpty()) {
        bool ok = false;
        offset = pageOffset(query.nextPageToken, &ok);
        if (!ok || offset < 0)
            return error(u"1003"_qs, u"Invalid data: nextPageToken"_qs);
    }
    // batchSize is at most 300 (UNVERIFIED whether larger values fail; the sandbox caps them).
    const int batch = qBound(1, query.batchSize, kMaxBatch);
    Answer answer;
    const int end = qMin(int(matches.size()), offset + batch);
    for (int i = offset; i < end; ++i) {
        const QJsonObject record = entity == Entity::Leads ? leadView(m_state.at(entity, matches.at(i).first))
                                                           : m_state.at(entity, matches.at(i).first);
        QJsonObject out;
        if (entity != Entity::Leads)
            out.insert(u"seq"_qs, matches.at(i).second);
        for (const QString &f : std::as_const(fields))
            out.insert(f, record.contains(f) ? record.value(f) : QJsonValue());
        answer.result.append(out);
    }
    answer.paged = true;
    answer.moreResult = end < matches.size();
    if (answer.moreResult)
        answer.nextPageToken = pageToken(end);
    return answer;
}

} // namespace msi::sandbox
