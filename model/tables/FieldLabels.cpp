#include "tables/FieldLabels.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace msi::tables {

QString FieldLabels::label(const QString &apiName)
{
    QString name = apiName;
    const qsizetype namespaceEnd = name.indexOf(QStringLiteral("__"));
    if (namespaceEnd > 0 && name.endsWith(QStringLiteral("__c"))
        && namespaceEnd + 2 < name.size() - 3)
        name = name.mid(namespaceEnd + 2); // managed-package prefix, e.g. mkto_si__
    if (name.endsWith(QStringLiteral("__c")))
        name.chop(3);
    QString out;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        if (c == u'_') {
            if (!out.endsWith(u' '))
                out += u' ';
            continue;
        }
        const bool boundary = i > 0 && c.isUpper() && name.at(i - 1).isLower();
        if (boundary && !out.endsWith(u' '))
            out += u' ';
        out += out.isEmpty() || out.endsWith(u' ') ? c.toUpper() : c;
    }
    return out.trimmed();
}

QString FieldLabels::fullText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double d = value.toDouble();
        return QString::number(d, 'g', 15);
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    }
    return {};
}

QString FieldLabels::display(const QJsonValue &value)
{
    QString text = fullText(value);
    text.replace(QStringLiteral("\r\n"), QStringLiteral(", ")).replace(u'\n', QStringLiteral(", "));
    return text;
}

} // namespace msi::tables
