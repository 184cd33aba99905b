#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QRegularExpression>
#include <QString>

#include <memory>

namespace msi::sandbox {

class OrgState;

// A field as a SOQL query names it: "Email" or one relationship hop such as "Owner.Name".
struct SoqlFieldRef {
    QString relationship;     // "Owner" (canonical relationship name) or empty
    QString referenceField;   // "OwnerId" when relationship is set
    QString targetType;       // "User" when relationship is set
    QString name;             // canonical field name on the (target) object
    QString type;             // describe type of that field
};

struct SoqlValue {
    enum class Kind { String, Number, Boolean, Null, DateTime, Date };
    Kind kind = Kind::Null;
    QString text;     // String; DateTime normalised to yyyy-MM-ddTHH:mm:ss.zzz+0000 (UTC); Date
    double number = 0;
    bool boolean = false;
};

struct SoqlCondition {
    enum class Kind { Compare, In, NotIn, Like, And, Or, Not };
    Kind kind = Kind::Compare;
    SoqlFieldRef field;
    QString op;                   // = != < > <= >=
    SoqlValue value;
    QList<SoqlValue> values;      // IN / NOT IN
    QRegularExpression like;      // LIKE
    QList<SoqlCondition> children;
};

struct SoqlOrder {
    SoqlFieldRef field;
    bool descending = false;
    bool nullsLast = false;
};

// A parsed SOQL query (see SoqlParser) that can filter, sort and project OrgState records.
struct SoqlQuery {
    QString objectName;
    QList<SoqlFieldRef> fields;
    bool countOnly = false;       // SELECT COUNT() FROM ...
    std::shared_ptr<SoqlCondition> where;
    QList<SoqlOrder> orderBy;
    int limit = -1;
    int offset = 0;

    bool matches(const QJsonObject &record, const OrgState &org) const;
    // The record shaped like a query result row ("attributes" first, then the selected fields).
    QJsonObject project(const QJsonObject &record, const OrgState &org, const QString &version) const;
    // Sorts row indices of objectName's records by orderBy.
    void sort(QList<int> &rows, const OrgState &org) const;

    static QJsonValue valueOf(const SoqlFieldRef &field, const QJsonObject &record, const OrgState &org);
    static QJsonObject attributes(const QString &type, const QString &id, const QString &version);
};

} // namespace msi::sandbox
