#pragma once

#include <QList>
#include <QRandomGenerator>
#include <QString>

namespace msi::sandbox {

// Deterministic fault injection for both emulated systems.
//
// SPEC is a list of rules separated by ',' or ';':
//     SYSTEM:KIND[~PATH][@RATE | #N | %N | #N+]
// SYSTEM  salesforce|sf, marketo|mkto, or * (both)
// KIND    500 | 502 | 503          HTTP error with an empty-ish body
//         604 | 608 | 611 | 713   Marketo envelope error (HTTP 200, success:false)
//         drop                    close the connection without an answer
//         slow=MS                 answer MS milliseconds late
//         expire                  expire every access token of that system right now
//         lock | validation       Salesforce composite per-record UNABLE_TO_LOCK_ROW /
//                                 FIELD_CUSTOM_VALIDATION_EXCEPTION (counted per record)
// PATH    only requests whose path contains this text count (records: id contains it)
// trigger @0.1 = with probability 0.1 (seeded PRNG); #5 = on the 5th matching call only;
//         #5+ = on every matching call from the 5th; %3 = on every 3rd matching call.
//         No trigger = every matching call.
// Example: "marketo:606@0.05,mkto:drop#3,sf:503~/query#2,sf:lock@0.2,*:slow=1500%10"
class FaultInjector final
{
public:
    enum class System { Salesforce, Marketo };
    enum class Kind { HttpStatus, MarketoError, Drop, Slow, Expire, RowLock, Validation };
    struct Fault {
        Kind kind = Kind::HttpStatus;
        int value = 0; // HTTP status, Marketo code or delay in ms
    };

    // Replaces all rules; returns false (and keeps no rules) on a syntax error.
    bool configure(const QString &spec, quint32 seed, QString *error = nullptr);
    QString spec() const { return m_spec; }
    quint32 seed() const { return m_seed; }

    // Faults that apply to this request (each matching rule advances its own counter).
    QList<Fault> forRequest(System system, const QString &path);
    // Per-record Salesforce write faults (lock/validation) for one record id.
    QList<Fault> forRecord(const QString &recordId);

private:
    enum class Trigger { Always, Rate, Nth, FromNth, EveryNth };
    struct Rule {
        bool salesforce = false;
        bool marketo = false;
        Fault fault;
        QString pathFilter;
        Trigger trigger = Trigger::Always;
        double rate = 0;
        qint64 n = 0;
        qint64 count = 0;
    };
    bool fires(Rule &rule);
    static bool parseRule(const QString &text, Rule *rule, QString *error);

    QList<Rule> m_rules;
    QString m_spec;
    quint32 m_seed = 1;
    QRandomGenerator m_random;
};

} // namespace msi::sandbox
