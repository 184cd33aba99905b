#include "salesforce/Soql.h"

namespace msi::salesforce {

QString Soql::dateTimeLiteral(const QDateTime &when)
{
    return when.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + u'Z';
}

QString Soql::changedSince(const QString &object, const QStringList &fields, const QDateTime &since)
{
    QStringList select = fields;
    if (!select.contains(QStringLiteral("Id"), Qt::CaseInsensitive))
        select.prepend(QStringLiteral("Id"));
    if (!select.contains(QStringLiteral("SystemModstamp"), Qt::CaseInsensitive))
        select << QStringLiteral("SystemModstamp");
    QString q = QStringLiteral("SELECT ") + select.join(QStringLiteral(", ")) + QStringLiteral(" FROM ")
            + object;
    if (since.isValid())
        q += QStringLiteral(" WHERE SystemModstamp > ") + dateTimeLiteral(since);
    q += QStringLiteral(" ORDER BY SystemModstamp");
    return q;
}

QString Soql::quote(const QString &value)
{
    QString escaped = value;
    escaped.replace(u'\\', QStringLiteral("\\\\"));
    escaped.replace(u'\'', QStringLiteral("\\'"));
    return u'\'' + escaped + u'\'';
}

} // namespace msi::salesforce
