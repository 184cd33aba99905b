#include "sandbox/SoqlQuery.h"

#include "sandbox/OrgState.h"

#include <algorithm>

namespace msi::sandbox {

namespace {

bool isNumericType(const QString &type)
{
    return type == u"double" || type == u"currency" || type == u"percent" || type == u"int";
}

bool isIdType(const QString &type) { return type == u"id" || type == u"reference"; }

// -1, 0, 1; nulls are handled by the caller.
int compareValues(const QJsonValue &recordValue, const SoqlValue &literal, const QString &type)
{
    if (isNumericType(type)) {
        const double a = recordValue.toDouble();
        return a < literal.number ? -1 : (a > literal.number ? 1 : 0);
    }
    if (type == u"boolean") {
        const bool a = recordValue.toBool();
        return a == literal.boolean ? 0 : (a ? 1 : -1);
    }
    const QString a = recordValue.toString();
    if (type == u"datetime" || type == u"date") {
        // Stored values are UTC text in one canonical form, so text order is time order.
        const int c = QString::compare(a.left(literal.text.size()), literal.text);
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    if (isIdType(type) && (literal.text.size() == 15 || literal.text.size() == 18)) {
        const int c = QString::compare(a.left(15), literal.text.left(15), Qt::CaseSensitive);
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    const int c = QString::compare(a, literal.text, Qt::CaseInsensitive);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

bool compare(const QJsonValue &v, const QString &op, const SoqlValue &literal, const QString &type)
{
    const bool recordNull = v.isNull() || v.isUndefined();
    if (literal.kind == SoqlValue::Kind::Null) {
        if (op == u"=")
            return recordNull;
        if (op == u"!=")
            return !recordNull;
        return false;
    }
    if (recordNull)
        return op == u"!=";
    const int c = compareValues(v, literal, type);
    if (op == u"=")
        return c == 0;
    if (op == u"!=")
        return c != 0;
    if (op == u"<")
        return c < 0;
    if (op == u">")
        return c > 0;
    if (op == u"<=")
        return c <= 0;
    if (op == u">=")
        return c >= 0;
    return false;
}

bool evaluate(const SoqlCondition &c, const QJsonObject &record, const OrgState &org)
{
    switch (c.kind) {
    case SoqlCondition::Kind::And:
        return std::all_of(c.children.begin(), c.children.end(),
                           [&](const SoqlCondition &x) { return evaluate(x, record, org); });
    case SoqlCondition::Kind::Or:
        return std::any_of(c.children.begin(), c.children.end(),
                           [&](const SoqlCondition &x) { return evaluate(x, record, org); });
    case SoqlCondition::Kind::Not:
        return !evaluate(c.children.first(), record, org);
    case SoqlCondition::Kind::Compare:
        return compare(SoqlQuery::valueOf(c.field, record, org), c.op, c.value, c.field.type);
    case SoqlCondition::Kind::In:
    case SoqlCondition::Kind::NotIn: {
        const QJsonValue v = SoqlQuery::valueOf(c.field, record, org);
        bool found = false;
        for (const SoqlValue &literal : c.values) {
            if (compare(v, u"="_qs, literal, c.field.type)) {
                found = true;
                break;
            }
        }
        return c.kind == SoqlCondition::Kind::In ? found : (!found && !(v.isNull() || v.isUndefined()));
    }
    case SoqlCondition::Kind::Like: {
        const QJsonValue v = SoqlQuery::valueOf(c.field, record, org);
        return v.isString() && c.like.match(v.toString()).hasMatch();
    }
    }
    return false;
}

QJsonValue defaultFor(const QString &type)
{
    return type == u"boolean" ? QJsonValue(false) : QJsonValue();
}

} // namespace

QJsonObject SoqlQuery::attributes(const QString &type, const QString &id, const QString &version)
{
    return QJsonObject{{u"type"_qs, type},
                       {u"url"_qs, QString(u"/services/data/"_qs + version + u"/sobjects/"_qs + type + u'/' + id)}};
}

QJsonValue SoqlQuery::valueOf(const SoqlFieldRef &field, const QJsonObject &record, const OrgState &org)
{
    if (field.relationship.isEmpty()) {
        const auto it = record.constFind(field.name);
        if (it != record.constEnd())
            return it.value();
        if (field.name == u"LastModifiedDate")
            return record.value(u"SystemModstamp");
        return defaultFor(field.type);
    }
    const QString id = record.value(field.referenceField).toString();
    if (id.isEmpty())
        return QJsonValue();
    const OrgState::Location loc = org.find(id);
    if (!loc.isValid())
        return QJsonValue();
    const QJsonObject &target = org.at(loc);
    const auto it = target.constFind(field.name);
    return it == target.constEnd() ? defaultFor(field.type) : it.value();
}

bool SoqlQuery::matches(const QJsonObject &record, const OrgState &org) const
{
    return !where || evaluate(*where, record, org);
}

QJsonObject SoqlQuery::project(const QJsonObject &record, const OrgState &org, const QString &version) const
{
    QJsonObject row;
    row.insert(u"attributes"_qs, attributes(objectName, record.value(u"Id").toString(), version));
    QHash<QString, QJsonObject> related;
    QHash<QString, bool> relatedNull;
    QStringList relationshipOrder;
    for (const SoqlFieldRef &f : fields) {
        if (f.relationship.isEmpty()) {
            row.insert(f.name, valueOf(f, record, org));
            continue;
        }
        if (!related.contains(f.relationship)) {
            relationshipOrder.append(f.relationship);
            const QString id = record.value(f.referenceField).toString();
            const OrgState::Location loc = id.isEmpty() ? OrgState::Location{} : org.find(id);
            relatedNull.insert(f.relationship, !loc.isValid());
            related.insert(f.relationship, loc.isValid() ? QJsonObject{{u"attributes"_qs,
                                                                        attributes(loc.type, id, version)}}
                                                         : QJsonObject{});
        }
        if (!relatedNull.value(f.relationship))
            related[f.relationship].insert(f.name, valueOf(f, record, org));
    }
    for (const QString &rel : std::as_const(relationshipOrder))
        row.insert(rel, relatedNull.value(rel) ? QJsonValue() : QJsonValue(related.value(rel)));
    return row;
}

void SoqlQuery::sort(QList<int> &rows, const OrgState &org) const
{
    if (orderBy.isEmpty())
        return;
    const QList<QJsonObject> &records = org.records(objectName);
    std::stable_sort(rows.begin(), rows.end(), [&](int a, int b) {
        for (const SoqlOrder &o : orderBy) {
            const QJsonValue va = valueOf(o.field, records.at(a), org);
            const QJsonValue vb = valueOf(o.field, records.at(b), org);
            const bool na = va.isNull() || va.isUndefined();
            const bool nb = vb.isNull() || vb.isUndefined();
            if (na || nb) {
                if (na && nb)
                    continue;
                // Nulls first unless NULLS LAST (SOQL default for ASC; DESC defaults to NULLS LAST).
                const bool nullsFirst = !o.nullsLast;
                return na ? nullsFirst : !nullsFirst;
            }
            int c = 0;
            if (isNumericType(o.field.type)) {
                const double x = va.toDouble(), y = vb.toDouble();
                c = x < y ? -1 : (x > y ? 1 : 0);
            } else if (o.field.type == u"boolean") {
                c = int(va.toBool()) - int(vb.toBool());
            } else {
                c = QString::compare(va.toString(), vb.toString(), Qt::CaseInsensitive);
            }
            if (c != 0)
                return o.descending ? c > 0 : c < 0;
        }
        return false;
    });
}

} // namespace msi::sandbox
