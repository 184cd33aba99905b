#include "checks/MsiFields.h"

#include <QDateTime>
#include <QJsonArray>

namespace msi::checks {

const QList<MsiFields::Field> &MsiFields::all()
{
    static const QList<Field> fields{
        {QStringLiteral("Last_Interesting_Moment_Type__c"),
         {QStringLiteral("msiLastInterestingMomentType")}, Kind::Text},
        {QStringLiteral("Last_Interesting_Moment_Date__c"),
         {QStringLiteral("msiLastInterestingMomentDate")}, Kind::DateTime},
        {QStringLiteral("Last_Interesting_Moment_Desc__c"),
         {QStringLiteral("msiLastInterestingMomentDesc")}, Kind::Text},
        {QStringLiteral("Last_Interesting_Moment_Source__c"),
         {QStringLiteral("msiLastInterestingMomentSource")}, Kind::Text},
        {QStringLiteral("Priority__c"), {QStringLiteral("priority")}, Kind::Number},
        {QStringLiteral("Urgency_Value__c"),
         {QStringLiteral("relativeUrgency"), QStringLiteral("urgency")}, Kind::Number},
        {QStringLiteral("Relative_Score_Value__c"),
         {QStringLiteral("relativeScoring"), QStringLiteral("relativeScore")}, Kind::Number},
    };
    return fields;
}

QJsonValue MsiFields::marketoValue(const QJsonObject &lead, const Field &field)
{
    for (const QString &name : field.marketoNames) {
        if (lead.contains(name))
            return lead.value(name);
    }
    return QJsonValue::Null;
}

QJsonValue MsiFields::salesforceValue(const QJsonObject &record, const Field &field)
{
    const QString prefixed = prefix() + field.salesforceSuffix;
    if (record.contains(prefixed))
        return record.value(prefixed);
    if (record.contains(field.salesforceSuffix))
        return record.value(field.salesforceSuffix);
    return QJsonValue(QJsonValue::Undefined);
}

QJsonObject MsiFields::describeField(const QJsonObject &describe, const Field &field)
{
    const QString prefixed = prefix() + field.salesforceSuffix;
    const QJsonArray fields = describe.value(QStringLiteral("fields")).toArray();
    QJsonObject plain;
    for (const QJsonValue &f : fields) {
        const QJsonObject o = f.toObject();
        const QString name = o.value(QStringLiteral("name")).toString();
        if (name.compare(prefixed, Qt::CaseInsensitive) == 0)
            return o;
        if (name.compare(field.salesforceSuffix, Qt::CaseInsensitive) == 0)
            plain = o;
    }
    return plain;
}

bool MsiFields::isEmpty(const QJsonValue &value)
{
    return value.isNull() || value.isUndefined()
        || (value.isString() && value.toString().trimmed().isEmpty());
}

bool MsiFields::sameValue(const QJsonValue &marketo, const QJsonValue &salesforce, Kind kind)
{
    if (isEmpty(marketo) || isEmpty(salesforce))
        return isEmpty(marketo) && isEmpty(salesforce);
    switch (kind) {
    case Kind::Number: {
        bool ok1 = marketo.isDouble();
        bool ok2 = salesforce.isDouble();
        const double a = ok1 ? marketo.toDouble() : marketo.toString().toDouble(&ok1);
        const double b = ok2 ? salesforce.toDouble() : salesforce.toString().toDouble(&ok2);
        return ok1 && ok2 && a == b;
    }
    case Kind::DateTime: {
        auto parse = [](const QString &s) {
            QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
            if (!t.isValid()) // Salesforce writes +0000 without a colon
                t = QDateTime::fromString(s, QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzt"));
            if (!t.isValid() && s.endsWith(QStringLiteral("+0000")))
                t = QDateTime::fromString(s.chopped(5) + u'Z', Qt::ISODateWithMs);
            return t;
        };
        const QDateTime a = parse(marketo.toString());
        const QDateTime b = parse(salesforce.toString());
        return a.isValid() && b.isValid() ? a == b : marketo.toString() == salesforce.toString();
    }
    case Kind::Text:
        return marketo.toString() == salesforce.toString();
    }
    return false;
}

QString MsiFields::display(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QStringLiteral("null");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        return double(qint64(d)) == d ? QString::number(qint64(d)) : QString::number(d);
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::String:
        return value.toString();
    default:
        return QStringLiteral("…");
    }
}

} // namespace msi::checks
