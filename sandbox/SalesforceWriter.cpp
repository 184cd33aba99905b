#include "sandbox/SalesforceWriter.h"

#include "sandbox/FaultInjector.h"
#include "sandbox/OrgState.h"
#include "sandbox/SalesforceSchema.h"

#include <QDate>
#include <QDateTime>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

namespace msi::sandbox {

namespace {

QJsonObject error(const QString &statusCode, const QString &message, const QStringList &fields = {})
{
    return QJsonObject{{u"statusCode"_qs, statusCode}, {u"message"_qs, message},
                       {u"fields"_qs, QJsonArray::fromStringList(fields)}};
}

bool isNumeric(const QString &type)
{
    return type == u"double" || type == u"currency" || type == u"percent" || type == u"int";
}

// Normalises a datetime the way Salesforce stores it (UTC, .000+0000); empty when unreadable.
QString normaliseDateTime(const QString &text)
{
    QString t = text;
    static const QRegularExpression offsetRe(QStringLiteral("([+-]\\d{2})(\\d{2})$"));
    t.replace(offsetRe, QStringLiteral("\\1:\\2"));
    const QDateTime dt = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!dt.isValid())
        return {};
    return dt.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + u"+0000";
}

} // namespace

QJsonArray SalesforceWriter::validate(const QString &type, const QString &id, const QJsonObject &record,
                                      bool useFaults, QJsonObject *changes) const
{
    const SalesforceSchema::Object *object = m_schema.object(type);
    if (!object)
        return {error(u"INVALID_TYPE"_qs, u"sObject type '"_qs + type + u"' is not supported."_qs)};
    if (id.isEmpty())
        return {error(u"MISSING_ARGUMENT"_qs, u"Id not specified in an update call"_qs)};
    if ((id.size() != 15 && id.size() != 18) || id.left(3) != object->keyPrefix) {
        return {error(u"MALFORMED_ID"_qs, type + u" ID: id value of incorrect type: "_qs + id, {u"Id"_qs})};
    }
    const OrgState::Location location = m_org.find(id);
    if (!location.isValid() || location.type != object->name) {
        return {error(u"INVALID_CROSS_REFERENCE_KEY"_qs, u"invalid cross reference id"_qs)};
    }
    if (m_org.at(location).value(u"IsDeleted").toBool())
        return {error(u"ENTITY_IS_DELETED"_qs, u"entity is deleted"_qs)};
    QJsonArray errors;
    for (auto it = record.begin(); it != record.end(); ++it) {
        const QString key = it.key();
        if (key == u"attributes" || key.compare(u"Id", Qt::CaseInsensitive) == 0)
            continue;
        const int fi = object->byLowerName.value(key.toLower(), -1);
        if (fi < 0) {
            errors.append(error(u"INVALID_FIELD"_qs,
                                u"No such column '"_qs + key + u"' on sobject of type "_qs + object->name, {key}));
            continue;
        }
        const SalesforceSchema::Field &field = object->fields.at(fi);
        if (!field.updateable) {
            errors.append(error(u"INVALID_FIELD_FOR_INSERT_UPDATE"_qs,
                                u"Unable to create/update fields: "_qs + field.name
                                    + u". Please check the security settings of this field and verify that it is "
                                      u"read/write for your profile or permission set."_qs,
                                {field.name}));
            continue;
        }
        const QJsonValue v = it.value();
        if (v.isNull()) {
            if (!field.nillable) {
                errors.append(error(u"REQUIRED_FIELD_MISSING"_qs,
                                    u"Required fields are missing: ["_qs + field.name + u']', {field.name}));
                continue;
            }
            changes->insert(field.name, QJsonValue());
            continue;
        }
        if (isNumeric(field.type)) {
            if (!v.isDouble()) {
                errors.append(error(u"INVALID_TYPE_ON_FIELD_IN_RECORD"_qs,
                                    field.label + u": value not of required type: "_qs + v.toVariant().toString(),
                                    {field.name}));
                continue;
            }
            const double d = v.toDouble();
            const int integerDigits = field.precision - field.scale;
            if (integerDigits > 0 && std::abs(d) >= std::pow(10.0, integerDigits)) {
                errors.append(error(u"NUMBER_OUTSIDE_VALID_RANGE"_qs,
                                    field.label + u": value outside of valid range on numeric field: "_qs
                                        + QString::number(d, 'g', 17),
                                    {field.name}));
                continue;
            }
            changes->insert(field.name, field.type == u"int" ? QJsonValue(qint64(d)) : QJsonValue(d));
            continue;
        }
        if (field.type == u"boolean") {
            if (!v.isBool()) {
                errors.append(error(u"INVALID_TYPE_ON_FIELD_IN_RECORD"_qs,
                                    field.label + u": value not of required type: "_qs + v.toVariant().toString(),
                                    {field.name}));
                continue;
            }
            changes->insert(field.name, v);
            continue;
        }
        if (!v.isString()) {
            errors.append(error(u"INVALID_TYPE_ON_FIELD_IN_RECORD"_qs,
                                field.label + u": value not of required type"_qs, {field.name}));
            continue;
        }
        QString text = v.toString();
        if (field.type == u"datetime") {
            text = normaliseDateTime(text);
            if (text.isEmpty()) {
                errors.append(error(u"INVALID_TYPE_ON_FIELD_IN_RECORD"_qs,
                                    field.label + u": value not of required type: "_qs + v.toString(), {field.name}));
                continue;
            }
        } else if (field.type == u"date") {
            if (!QDate::fromString(text, Qt::ISODate).isValid()) {
                errors.append(error(u"INVALID_TYPE_ON_FIELD_IN_RECORD"_qs,
                                    field.label + u": value not of required type: "_qs + text, {field.name}));
                continue;
            }
        } else if (field.type == u"reference") {
            const OrgState::Location target = m_org.find(text);
            if (!target.isValid() || !field.referenceTo.contains(target.type)) {
                errors.append(error(u"INVALID_CROSS_REFERENCE_KEY"_qs,
                                    field.label + u": id value of incorrect type: "_qs + text, {field.name}));
                continue;
            }
        } else if (field.length > 0 && text.size() > field.length) {
            errors.append(error(u"STRING_TOO_LONG"_qs,
                                field.label + u": data value too large: "_qs + text.left(40)
                                    + u" (max length="_qs + QString::number(field.length) + u')',
                                {field.name}));
            continue;
        }
        changes->insert(field.name, text);
    }
    if (!errors.isEmpty() || !useFaults)
        return errors;
    const QList<FaultInjector::Fault> faults = m_faults.forRecord(id);
    for (const FaultInjector::Fault &fault : faults) {
        if (fault.kind == FaultInjector::Kind::RowLock) {
            return {error(u"UNABLE_TO_LOCK_ROW"_qs,
                          u"unable to obtain exclusive access to this record or 1 records"_qs)};
        }
        if (fault.kind == FaultInjector::Kind::Validation) {
            return {error(u"FIELD_CUSTOM_VALIDATION_EXCEPTION"_qs,
                          u"Sandbox validation rule: this record is locked for MSI updates"_qs)};
        }
    }
    return errors;
}

SalesforceWriter::Result SalesforceWriter::updateCollection(const QJsonObject &request, const QString &modstamp)
{
    const QJsonValue recordsValue = request.value(u"records");
    if (!recordsValue.isArray()) {
        return {400, QJsonArray{QJsonObject{{u"message"_qs, u"Records must be provided"_qs},
                                            {u"errorCode"_qs, u"INVALID_FIELD"_qs}}}};
    }
    const QJsonArray records = recordsValue.toArray();
    if (records.size() > 200) {
        return {400, QJsonArray{QJsonObject{
                         {u"message"_qs, u"record limit reached. cannot submit more than 200 records into this call"_qs},
                         {u"errorCode"_qs, u"EXCEEDED_ID_LIMIT"_qs}}}};
    }
    const bool allOrNone = request.value(u"allOrNone").toBool(false);
    struct Pending {
        OrgState::Location location;
        QJsonObject changes;
    };
    QList<Pending> pending;
    QJsonArray results;
    bool anyFailed = false;
    QSet<QString> seenIds;
    for (const QJsonValue &value : records) {
        const QJsonObject record = value.toObject();
        const QString type = record.value(u"attributes").toObject().value(u"type").toString();
        QString id = record.value(u"id").toString();
        if (id.isEmpty())
            id = record.value(u"Id").toString();
        QJsonObject changes;
        QJsonArray errors;
        if (type.isEmpty()) {
            errors.append(error(u"INVALID_FIELD"_qs, u"No type is specified for the record; specify it in attributes.type"_qs));
        } else if ((id.size() == 15 || id.size() == 18) && seenIds.contains(id.left(15))) {
            errors.append(error(u"DUPLICATE_VALUE"_qs, u"Maximum number of duplicate updates in one batch (1 allowed). Id = "_qs + id));
        } else {
            errors = validate(type, id, record, true, &changes);
        }
        if (!id.isEmpty())
            seenIds.insert(id.left(15));
        if (!errors.isEmpty()) {
            anyFailed = true;
            QJsonObject r{{u"success"_qs, false}, {u"errors"_qs, errors}};
            if (m_org.find(id).isValid())
                r.insert(u"id"_qs, m_org.at(m_org.find(id)).value(u"Id"));
            results.append(r);
            pending.append(Pending{});
            continue;
        }
        const OrgState::Location location = m_org.find(id);
        pending.append(Pending{location, changes});
        results.append(QJsonObject{{u"id"_qs, m_org.at(location).value(u"Id")},
                                   {u"success"_qs, true},
                                   {u"errors"_qs, QJsonArray()}});
    }
    if (allOrNone && anyFailed) {
        // Nothing is written; the valid records report the rollback.
        for (int i = 0; i < results.size(); ++i) {
            QJsonObject r = results.at(i).toObject();
            if (r.value(u"success").toBool()) {
                r.insert(u"success"_qs, false);
                r.insert(u"errors"_qs, QJsonArray{error(u"ALL_OR_NONE_OPERATION_ROLLED_BACK"_qs,
                                                        u"Record rolled back because not all records were valid and "
                                                        u"the request was using AllOrNone header"_qs)});
                results.replace(i, r);
            }
        }
        return {200, results};
    }
    for (const Pending &p : std::as_const(pending)) {
        if (p.location.isValid())
            m_org.update(p.location, p.changes, modstamp);
    }
    return {200, results};
}

QJsonArray SalesforceWriter::updateOne(const QString &type, const QString &id, const QJsonObject &fields,
                                       const QString &modstamp)
{
    QJsonObject changes;
    QJsonArray errors = validate(type, id, fields, true, &changes);
    QJsonArray restErrors;
    for (const QJsonValue &e : std::as_const(errors)) {
        const QJsonObject o = e.toObject();
        restErrors.append(QJsonObject{{u"message"_qs, o.value(u"message")}, {u"errorCode"_qs, o.value(u"statusCode")},
                                      {u"fields"_qs, o.value(u"fields")}});
    }
    if (restErrors.isEmpty())
        m_org.update(m_org.find(id), changes, modstamp);
    return restErrors;
}

} // namespace msi::sandbox
