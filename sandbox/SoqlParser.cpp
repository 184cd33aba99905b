#include "sandbox/SoqlParser.h"

#include "sandbox/SalesforceSchema.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>

namespace msi::sandbox {

namespace {

const QRegularExpression &dateTimeRe()
{
    static const QRegularExpression re(QStringLiteral(
        "\\G(\\d{4}-\\d{2}-\\d{2})(?:T(\\d{2}:\\d{2}:\\d{2})(\\.\\d{1,3})?(Z|[+-]\\d{2}:?\\d{2})?)?"));
    return re;
}

bool isReserved(const QString &word)
{
    static const QStringList words{u"select"_qs, u"from"_qs, u"where"_qs, u"and"_qs, u"or"_qs, u"not"_qs,
                                   u"in"_qs, u"like"_qs, u"order"_qs, u"by"_qs, u"limit"_qs, u"offset"_qs,
                                   u"asc"_qs, u"desc"_qs, u"nulls"_qs, u"first"_qs, u"last"_qs};
    return words.contains(word.toLower());
}

} // namespace

bool SoqlParser::fail(const Token &token, const QString &errorCode, const QString &message, Error *error) const
{
    // Salesforce points at the offending column under a copy of the query.
    const int column = token.position + 1;
    error->errorCode = errorCode;
    error->message = u'\n' + m_soql + u'\n' + QString(token.position, u' ') + u"^\nERROR at Row:1:Column:"_qs
        + QString::number(column) + u'\n' + message;
    return false;
}

bool SoqlParser::unexpected(const Token &token, Error *error) const
{
    if (token.type == Token::Type::End)
        return fail(token, u"MALFORMED_QUERY"_qs, u"unexpected token: <EOF>"_qs, error);
    return fail(token, u"MALFORMED_QUERY"_qs, u"unexpected token: '"_qs + token.text + u'\'', error);
}

bool SoqlParser::tokenize(const QString &soql, Error *error)
{
    m_tokens.clear();
    int i = 0;
    const int n = soql.size();
    while (i < n) {
        const QChar c = soql.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        Token t;
        t.position = i;
        if (c == u'\'') {
            QString text;
            ++i;
            bool closed = false;
            while (i < n) {
                const QChar d = soql.at(i);
                if (d == u'\\' && i + 1 < n) {
                    const QChar e = soql.at(i + 1);
                    text += e == u'n' ? QChar(u'\n') : (e == u't' ? QChar(u'\t') : (e == u'r' ? QChar(u'\r') : e));
                    i += 2;
                    continue;
                }
                if (d == u'\'') {
                    closed = true;
                    ++i;
                    break;
                }
                text += d;
                ++i;
            }
            if (!closed) {
                Token bad{Token::Type::Symbol, u"'"_qs, t.position};
                return fail(bad, u"MALFORMED_QUERY"_qs, u"line 1:"_qs + QString::number(t.position)
                                + u" mismatched character '<EOF>' expecting '''"_qs, error);
            }
            t.type = Token::Type::String;
            t.text = text;
        } else if (c.isDigit() || (c == u'-' && i + 1 < n && soql.at(i + 1).isDigit())) {
            const QRegularExpressionMatch m = dateTimeRe().match(soql, i, QRegularExpression::NormalMatch,
                                                                 QRegularExpression::AnchorAtOffsetMatchOption);
            if (c != u'-' && m.hasMatch() && !m.captured(2).isEmpty() && m.captured(4).isEmpty()) {
                // A '+' offset sent unencoded arrives as a space: say what is missing.
                return fail(t, u"MALFORMED_QUERY"_qs, u"line 1:"_qs + QString::number(i) + u" invalid date-time literal '"_qs
                                + m.captured(0) + u"': add a time zone (Z, +hh:mm or -hh:mm; send '+' as %2B)"_qs,
                            error);
            }
            if (c != u'-' && m.hasMatch()) {
                t.type = m.captured(2).isEmpty() ? Token::Type::Date : Token::Type::DateTime;
                t.text = m.captured(0);
                i += int(m.capturedLength(0));
            } else {
                int j = i + 1;
                while (j < n && (soql.at(j).isDigit() || soql.at(j) == u'.'))
                    ++j;
                t.type = Token::Type::Number;
                t.text = soql.mid(i, j - i);
                i = j;
            }
        } else if (c.isLetter() || c == u'_') {
            int j = i + 1;
            while (j < n && (soql.at(j).isLetterOrNumber() || soql.at(j) == u'_' || soql.at(j) == u'.'))
                ++j;
            t.type = Token::Type::Identifier;
            t.text = soql.mid(i, j - i);
            i = j;
        } else {
            static const QStringList two{u"!="_qs, u"<>"_qs, u"<="_qs, u">="_qs};
            const QString pair = soql.mid(i, 2);
            t.type = Token::Type::Symbol;
            if (two.contains(pair)) {
                t.text = pair == u"<>" ? u"!="_qs : pair;
                i += 2;
            } else if (QStringView(u"=<>(),:").contains(c)) {
                t.text = c;
                ++i;
            } else {
                return fail(t, u"MALFORMED_QUERY"_qs, u"line 1:"_qs + QString::number(i)
                                + u" no viable alternative at character '"_qs + c + u'\'', error);
            }
        }
        m_tokens.append(t);
    }
    m_tokens.append(Token{Token::Type::End, QString(), int(soql.size())});
    return true;
}

const SoqlParser::Token &SoqlParser::peek(int ahead) const
{
    return m_tokens.at(qMin(m_pos + ahead, int(m_tokens.size()) - 1));
}

const SoqlParser::Token &SoqlParser::next()
{
    const Token &t = peek();
    if (m_pos < m_tokens.size() - 1)
        ++m_pos;
    return t;
}

bool SoqlParser::isKeyword(const Token &token, const char16_t *keyword) const
{
    return token.type == Token::Type::Identifier
        && token.text.compare(QString::fromUtf16(keyword), Qt::CaseInsensitive) == 0;
}

bool SoqlParser::resolveField(const Token &token, const QString &objectName, SoqlFieldRef *field, Error *error) const
{
    const SalesforceSchema::Object *object = m_schema.object(objectName);
    const QStringList parts = token.text.split(u'.');
    auto noSuchColumn = [&]() {
        return fail(token, u"INVALID_FIELD"_qs,
                    u"No such column '"_qs + parts.last() + u"' on entity '"_qs + objectName
                        + u"'. If you are attempting to use a custom field, be sure to append the '__c' after the "
                          u"custom field name. Please reference your WSDL or the describe call for the appropriate "
                          u"names."_qs,
                    error);
    };
    if (parts.size() == 1) {
        const int i = object->byLowerName.value(parts.first().toLower(), -1);
        if (i < 0)
            return noSuchColumn();
        field->name = object->fields.at(i).name;
        field->type = object->fields.at(i).type;
        return true;
    }
    if (parts.size() != 2) {
        return fail(token, u"INVALID_FIELD"_qs,
                    u"Didn't understand relationship '"_qs + parts.mid(0, parts.size() - 1).join(u'.')
                        + u"' in field path. The sandbox supports one relationship hop."_qs,
                    error);
    }
    const int r = object->relationshipByLowerName.value(parts.first().toLower(), -1);
    if (r < 0) {
        return fail(token, u"INVALID_FIELD"_qs,
                    u"Didn't understand relationship '"_qs + parts.first()
                        + u"' in field path. If you are attempting to use a custom relationship, be sure to "
                          u"append the '__r' after the custom relationship name. Please reference your WSDL or "
                          u"the describe call for the appropriate names."_qs,
                    error);
    }
    const SalesforceSchema::Field &ref = object->fields.at(r);
    const SalesforceSchema::Object *target = m_schema.object(ref.referenceTo.first());
    const int i = target ? target->byLowerName.value(parts.last().toLower(), -1) : -1;
    if (i < 0) {
        return fail(token, u"INVALID_FIELD"_qs,
                    u"No such column '"_qs + parts.last() + u"' on entity '"_qs + ref.referenceTo.first()
                        + u"'. If you are attempting to use a custom field, be sure to append the '__c' after "
                          u"the custom field name. Please reference your WSDL or the describe call for the "
                          u"appropriate names."_qs,
                    error);
    }
    field->relationship = ref.relationshipName;
    field->referenceField = ref.name;
    field->targetType = target->name;
    field->name = target->fields.at(i).name;
    field->type = target->fields.at(i).type;
    return true;
}

bool SoqlParser::parseValue(const SoqlFieldRef &field, SoqlValue *value, Error *error)
{
    const Token &t = next();
    const bool dateTimeField = field.type == u"datetime";
    const bool dateField = field.type == u"date";
    auto typeError = [&](const QString &expected) {
        return fail(t, u"INVALID_FIELD"_qs,
                    u"value of filter criterion for field '"_qs + field.name + u"' must be of type "_qs
                        + expected + u" and should not be enclosed in quotes"_qs,
                    error);
    };
    if (isKeyword(t, u"null")) {
        value->kind = SoqlValue::Kind::Null;
        return true;
    }
    switch (t.type) {
    case Token::Type::String:
        if (dateTimeField)
            return typeError(u"dateTime"_qs);
        if (dateField)
            return typeError(u"date"_qs);
        if (field.type == u"double" || field.type == u"currency" || field.type == u"percent" || field.type == u"int")
            return typeError(u"double"_qs);
        if (field.type == u"boolean")
            return typeError(u"boolean"_qs);
        value->kind = SoqlValue::Kind::String;
        value->text = t.text;
        return true;
    case Token::Type::Number: {
        bool ok = false;
        value->number = t.text.toDouble(&ok);
        if (!ok)
            return unexpected(t, error);
        if (dateTimeField)
            return typeError(u"dateTime"_qs);
        if (dateField)
            return typeError(u"date"_qs);
        value->kind = SoqlValue::Kind::Number;
        value->text = t.text;
        if (field.type != u"double" && field.type != u"currency" && field.type != u"percent" && field.type != u"int")
            return typeError(field.type == u"boolean" ? u"boolean"_qs : u"string"_qs);
        return true;
    }
    case Token::Type::DateTime: {
        if (!dateTimeField && !dateField)
            return typeError(field.type == u"boolean" ? u"boolean"_qs : u"string"_qs);
        if (dateField)
            return typeError(u"date"_qs);
        QString text = t.text;
        // Qt reads +hh:mm but not +hhmm; add the colon.
        static const QRegularExpression offsetRe(QStringLiteral("([+-]\\d{2})(\\d{2})$"));
        text.replace(offsetRe, QStringLiteral("\\1:\\2"));
        const QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!dt.isValid())
            return fail(t, u"MALFORMED_QUERY"_qs, u"line 1:"_qs + QString::number(t.position)
                            + u" invalid date-time literal '"_qs + t.text + u'\'', error);
        value->kind = SoqlValue::Kind::DateTime;
        value->text = dt.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + u"+0000";
        return true;
    }
    case Token::Type::Date:
        if (dateTimeField)
            return typeError(u"dateTime"_qs);
        if (!dateField)
            return typeError(field.type == u"boolean" ? u"boolean"_qs : u"string"_qs);
        if (!QDate::fromString(t.text, Qt::ISODate).isValid())
            return unexpected(t, error);
        value->kind = SoqlValue::Kind::Date;
        value->text = t.text;
        return true;
    case Token::Type::Identifier:
        if (isKeyword(t, u"true") || isKeyword(t, u"false")) {
            if (field.type != u"boolean")
                return typeError(field.type == u"datetime" ? u"dateTime"_qs : field.type);
            value->kind = SoqlValue::Kind::Boolean;
            value->boolean = isKeyword(t, u"true");
            return true;
        }
        return unexpected(t, error);
    default:
        return unexpected(t, error);
    }
}

bool SoqlParser::parseTerm(const QString &objectName, SoqlCondition *condition, Error *error)
{
    const Token &t = peek();
    if (isKeyword(t, u"not")) {
        next();
        SoqlCondition inner;
        if (!parseTerm(objectName, &inner, error))
            return false;
        condition->kind = SoqlCondition::Kind::Not;
        condition->children = {inner};
        return true;
    }
    if (t.type == Token::Type::Symbol && t.text == u"(") {
        next();
        if (!parseCondition(objectName, condition, error))
            return false;
        const Token &close = next();
        if (close.type != Token::Type::Symbol || close.text != u")")
            return unexpected(close, error);
        return true;
    }
    if (t.type != Token::Type::Identifier || isReserved(t.text))
        return unexpected(t, error);
    const Token fieldToken = next();
    if (!resolveField(fieldToken, objectName, &condition->field, error))
        return false;
    if (condition->field.type == u"textarea") {
        return fail(fieldToken, u"INVALID_FIELD"_qs,
                    u"field '"_qs + condition->field.name
                        + u"' can not be filtered in a query call"_qs,
                    error);
    }
    const Token &op = next();
    bool negated = false;
    if (isKeyword(op, u"not") && isKeyword(peek(), u"in")) {
        next();
        negated = true;
    }
    if (negated || isKeyword(op, u"in")) {
        condition->kind = negated ? SoqlCondition::Kind::NotIn : SoqlCondition::Kind::In;
        const Token &open = next();
        if (open.type != Token::Type::Symbol || open.text != u"(")
            return unexpected(open, error);
        for (;;) {
            SoqlValue v;
            if (!parseValue(condition->field, &v, error))
                return false;
            condition->values.append(v);
            const Token &sep = next();
            if (sep.type == Token::Type::Symbol && sep.text == u")")
                break;
            if (sep.type != Token::Type::Symbol || sep.text != u",")
                return unexpected(sep, error);
        }
        return true;
    }
    if (isKeyword(op, u"like")) {
        const Token &pattern = next();
        if (pattern.type != Token::Type::String)
            return unexpected(pattern, error);
        QString re;
        for (const QChar ch : pattern.text) {
            if (ch == u'%')
                re += u".*"_qs;
            else if (ch == u'_')
                re += u'.';
            else
                re += QRegularExpression::escape(QString(ch));
        }
        condition->kind = SoqlCondition::Kind::Like;
        condition->like = QRegularExpression(u"^(?:"_qs + re + u")$"_qs,
                                             QRegularExpression::CaseInsensitiveOption
                                                 | QRegularExpression::DotMatchesEverythingOption);
        return true;
    }
    static const QStringList ops{u"="_qs, u"!="_qs, u"<"_qs, u">"_qs, u"<="_qs, u">="_qs};
    if (op.type != Token::Type::Symbol || !ops.contains(op.text))
        return unexpected(op, error);
    condition->kind = SoqlCondition::Kind::Compare;
    condition->op = op.text;
    return parseValue(condition->field, &condition->value, error);
}

bool SoqlParser::parseCondition(const QString &objectName, SoqlCondition *condition, Error *error)
{
    SoqlCondition first;
    if (!parseTerm(objectName, &first, error))
        return false;
    QList<SoqlCondition> terms{first};
    QString connector;
    while (isKeyword(peek(), u"and") || isKeyword(peek(), u"or")) {
        const Token &c = next();
        const QString word = c.text.toLower();
        if (!connector.isEmpty() && connector != word) {
            // Salesforce refuses "a AND b OR c" without parentheses.
            return unexpected(c, error);
        }
        connector = word;
        SoqlCondition term;
        if (!parseTerm(objectName, &term, error))
            return false;
        terms.append(term);
    }
    if (terms.size() == 1) {
        *condition = terms.first();
        return true;
    }
    condition->kind = connector == u"and" ? SoqlCondition::Kind::And : SoqlCondition::Kind::Or;
    condition->children = terms;
    return true;
}

bool SoqlParser::parse(const QString &soql, SoqlQuery *query, Error *error)
{
    m_soql = soql;
    m_pos = 0;
    if (!tokenize(soql, error))
        return false;
    if (!isKeyword(peek(), u"select"))
        return unexpected(peek(), error);
    next();
    QList<Token> fieldTokens;
    if (isKeyword(peek(), u"count") && peek(1).type == Token::Type::Symbol && peek(1).text == u"(") {
        next();
        next();
        const Token &close = next();
        if (close.type != Token::Type::Symbol || close.text != u")")
            return unexpected(close, error);
        query->countOnly = true;
    } else {
        for (;;) {
            const Token &t = next();
            if (t.type != Token::Type::Identifier || isReserved(t.text))
                return unexpected(t, error);
            fieldTokens.append(t);
            if (peek().type == Token::Type::Symbol && peek().text == u",") {
                next();
                continue;
            }
            break;
        }
    }
    if (!isKeyword(peek(), u"from"))
        return unexpected(peek(), error);
    next();
    const Token objectToken = next();
    if (objectToken.type != Token::Type::Identifier)
        return unexpected(objectToken, error);
    const SalesforceSchema::Object *object = m_schema.object(objectToken.text);
    if (!object) {
        return fail(objectToken, u"INVALID_TYPE"_qs,
                    u"sObject type '"_qs + objectToken.text
                        + u"' is not supported. If you are attempting to use a custom object, be sure to append "
                          u"the '__c' after the entity name. Please reference your WSDL or the describe call for "
                          u"the appropriate names."_qs,
                    error);
    }
    query->objectName = object->name;
    QSet<QString> seen;
    for (const Token &t : std::as_const(fieldTokens)) {
        SoqlFieldRef field;
        if (!resolveField(t, object->name, &field, error))
            return false;
        const QString key = (field.relationship + u'.' + field.name).toLower();
        if (seen.contains(key))
            return fail(t, u"MALFORMED_QUERY"_qs, u"duplicate field selected: "_qs + t.text, error);
        seen.insert(key);
        query->fields.append(field);
    }
    if (isKeyword(peek(), u"where")) {
        next();
        auto condition = std::make_shared<SoqlCondition>();
        if (!parseCondition(object->name, condition.get(), error))
            return false;
        query->where = condition;
    }
    if (isKeyword(peek(), u"order")) {
        next();
        if (!isKeyword(peek(), u"by"))
            return unexpected(peek(), error);
        next();
        for (;;) {
            const Token t = next();
            if (t.type != Token::Type::Identifier || isReserved(t.text))
                return unexpected(t, error);
            SoqlOrder order;
            if (!resolveField(t, object->name, &order.field, error))
                return false;
            if (isKeyword(peek(), u"asc")) {
                next();
            } else if (isKeyword(peek(), u"desc")) {
                next();
                order.descending = true;
                order.nullsLast = true;
            }
            if (isKeyword(peek(), u"nulls")) {
                next();
                const Token &w = next();
                if (isKeyword(w, u"first"))
                    order.nullsLast = false;
                else if (isKeyword(w, u"last"))
                    order.nullsLast = true;
                else
                    return unexpected(w, error);
            }
            query->orderBy.append(order);
            if (peek().type == Token::Type::Symbol && peek().text == u",") {
                next();
                continue;
            }
            break;
        }
    }
    if (isKeyword(peek(), u"limit")) {
        next();
        const Token &n = next();
        bool ok = false;
        const int limit = n.text.toInt(&ok);
        if (n.type != Token::Type::Number || !ok || limit < 0)
            return unexpected(n, error);
        query->limit = limit;
    }
    if (isKeyword(peek(), u"offset")) {
        next();
        const Token &n = next();
        bool ok = false;
        const int offset = n.text.toInt(&ok);
        if (n.type != Token::Type::Number || !ok || offset < 0)
            return unexpected(n, error);
        if (offset > 2000)
            return fail(n, u"NUMBER_OUTSIDE_VALID_RANGE"_qs,
                        u"Maximum SOQL offset allowed is 2000"_qs, error);
        query->offset = offset;
    }
    if (peek().type != Token::Type::End)
        return unexpected(peek(), error);
    return true;
}

} // namespace msi::sandbox
