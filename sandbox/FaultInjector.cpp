#include "sandbox/FaultInjector.h"

#include <QRegularExpression>

namespace msi::sandbox {

bool FaultInjector::parseRule(const QString &text, Rule *rule, QString *error)
{
    static const QRegularExpression re(QStringLiteral(
        "^(salesforce|sf|marketo|mkto|\\*):([a-z0-9]+)(?:=(\\d+))?(?:~([^@#%]+))?"
        "(?:@([0-9.]+)|#(\\d+)(\\+)?|%(\\d+))?$"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(text.trimmed());
    if (!m.hasMatch()) {
        if (error)
            *error = QStringLiteral("cannot read fault rule '%1' (expected SYSTEM:KIND[~PATH][@RATE|#N|#N+|%N])").arg(text);
        return false;
    }
    const QString system = m.captured(1).toLower();
    rule->salesforce = system == u"salesforce" || system == u"sf" || system == u"*";
    rule->marketo = system == u"marketo" || system == u"mkto" || system == u"*";
    const QString kind = m.captured(2).toLower();
    bool numeric = false;
    const int code = kind.toInt(&numeric);
    if (numeric && (code == 500 || code == 502 || code == 503 || code == 504)) {
        rule->fault = {Kind::HttpStatus, code};
    } else if (numeric && (code == 604 || code == 606 || code == 607 || code == 608 || code == 611
                           || code == 615 || code == 713)) {
        rule->fault = {Kind::MarketoError, code};
        rule->salesforce = false;
    } else if (kind == u"drop") {
        rule->fault = {Kind::Drop, 0};
    } else if (kind == u"slow") {
        rule->fault = {Kind::Slow, m.captured(3).isEmpty() ? 2000 : m.captured(3).toInt()};
    } else if (kind == u"expire") {
        rule->fault = {Kind::Expire, 0};
    } else if (kind == u"lock") {
        rule->fault = {Kind::RowLock, 0};
        rule->marketo = false;
    } else if (kind == u"validation") {
        rule->fault = {Kind::Validation, 0};
        rule->marketo = false;
    } else {
        if (error)
            *error = QStringLiteral("unknown fault kind '%1' in '%2'").arg(kind, text);
        return false;
    }
    rule->pathFilter = m.captured(4);
    if (!m.captured(5).isEmpty()) {
        rule->trigger = Trigger::Rate;
        rule->rate = m.captured(5).toDouble();
    } else if (!m.captured(6).isEmpty()) {
        rule->trigger = m.captured(7).isEmpty() ? Trigger::Nth : Trigger::FromNth;
        rule->n = m.captured(6).toLongLong();
    } else if (!m.captured(8).isEmpty()) {
        rule->trigger = Trigger::EveryNth;
        rule->n = qMax<qint64>(1, m.captured(8).toLongLong());
    }
    return true;
}

bool FaultInjector::configure(const QString &spec, quint32 seed, QString *error)
{
    QList<Rule> rules;
    const QStringList parts = spec.split(QRegularExpression(QStringLiteral("[,;]")), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        Rule rule;
        if (!parseRule(part, &rule, error)) {
            m_rules.clear();
            m_spec.clear();
            return false;
        }
        rules.append(rule);
    }
    m_rules = rules;
    m_spec = spec;
    m_seed = seed;
    m_random.seed(seed);
    return true;
}

bool FaultInjector::fires(Rule &rule)
{
    ++rule.count;
    switch (rule.trigger) {
    case Trigger::Always: return true;
    case Trigger::Rate: return m_random.generateDouble() < rule.rate;
    case Trigger::Nth: return rule.count == rule.n;
    case Trigger::FromNth: return rule.count >= rule.n;
    case Trigger::EveryNth: return rule.count % rule.n == 0;
    }
    return false;
}

QList<FaultInjector::Fault> FaultInjector::forRequest(System system, const QString &path)
{
    QList<Fault> result;
    for (Rule &rule : m_rules) {
        if (rule.fault.kind == Kind::RowLock || rule.fault.kind == Kind::Validation)
            continue;
        if ((system == System::Salesforce && !rule.salesforce) || (system == System::Marketo && !rule.marketo))
            continue;
        if (!rule.pathFilter.isEmpty() && !path.contains(rule.pathFilter))
            continue;
        if (fires(rule))
            result.append(rule.fault);
    }
    return result;
}

QList<FaultInjector::Fault> FaultInjector::forRecord(const QString &recordId)
{
    QList<Fault> result;
    for (Rule &rule : m_rules) {
        if (rule.fault.kind != Kind::RowLock && rule.fault.kind != Kind::Validation)
            continue;
        if (!rule.pathFilter.isEmpty() && !recordId.contains(rule.pathFilter, Qt::CaseInsensitive))
            continue;
        if (fires(rule))
            result.append(rule.fault);
    }
    return result;
}

} // namespace msi::sandbox
