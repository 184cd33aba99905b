#pragma once

#include "sandbox/SoqlQuery.h"

#include <QList>
#include <QString>

namespace msi::sandbox {

class SalesforceSchema;

// Parses the SOQL subset the product and common clients use:
//   SELECT field[, Rel.field ...] | COUNT() FROM Object
//   [WHERE cond] [ORDER BY field [ASC|DESC] [NULLS FIRST|LAST], ...] [LIMIT n] [OFFSET n]
// cond: field = != <> < > <= >= value | field [NOT] IN (values) | field LIKE 'x%' |
//       NOT cond | (cond) | cond AND cond | cond OR cond (mixing AND/OR needs parentheses,
//       as in Salesforce). Values: 'strings', numbers, true/false/null, date-time literals
//       (2024-01-01T00:00:00Z, ...+01:00, ...-0500, with optional .sss) and dates (2024-01-01).
// Errors come back in Salesforce's shape: errorCode MALFORMED_QUERY, INVALID_FIELD or INVALID_TYPE.
class SoqlParser final
{
public:
    struct Error {
        QString errorCode;
        QString message;
    };

    explicit SoqlParser(const SalesforceSchema &schema) : m_schema(schema) {}
    bool parse(const QString &soql, SoqlQuery *query, Error *error);

private:
    struct Token {
        enum class Type { Identifier, String, Number, DateTime, Date, Symbol, End };
        Type type = Type::End;
        QString text;
        int position = 0;
    };
    bool tokenize(const QString &soql, Error *error);
    const Token &peek(int ahead = 0) const;
    const Token &next();
    bool isKeyword(const Token &token, const char16_t *keyword) const;
    bool fail(const Token &token, const QString &errorCode, const QString &message, Error *error) const;
    bool unexpected(const Token &token, Error *error) const;
    bool resolveField(const Token &token, const QString &objectName, SoqlFieldRef *field, Error *error) const;
    bool parseCondition(const QString &objectName, SoqlCondition *condition, Error *error);
    bool parseTerm(const QString &objectName, SoqlCondition *condition, Error *error);
    bool parseValue(const SoqlFieldRef &field, SoqlValue *value, Error *error);

    const SalesforceSchema &m_schema;
    QString m_soql;
    QList<Token> m_tokens;
    int m_pos = 0;
};

} // namespace msi::sandbox
