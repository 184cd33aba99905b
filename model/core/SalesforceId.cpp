#include "core/SalesforceId.h"

#include <QHash>

namespace msi::core {

namespace {

constexpr QStringView kSuffixAlphabet = u"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

bool isAsciiAlnum(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'0' && u <= u'9') || (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z');
}

bool isAsciiUpper(QChar c) { return c.unicode() >= u'A' && c.unicode() <= u'Z'; }
bool isAsciiLetter(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z');
}

// Re-cases the first 15 characters from the (upper-cased) suffix. Returns an empty string when the
// suffix is not a valid checksum alphabet or claims an upper-case letter where there is a digit.
QString repairFromSuffix(QStringView first15, QStringView suffix)
{
    QString repaired;
    repaired.reserve(15);
    for (int chunk = 0; chunk < 3; ++chunk) {
        const qsizetype bits = kSuffixAlphabet.indexOf(suffix.at(chunk).toUpper());
        if (bits < 0)
            return {};
        for (int i = 0; i < 5; ++i) {
            const QChar c = first15.at(chunk * 5 + i);
            const bool upper = (bits >> i) & 1;
            if (upper && !isAsciiLetter(c))
                return {};
            repaired.append(isAsciiLetter(c) ? (upper ? c.toUpper() : c.toLower()) : c);
        }
    }
    return repaired;
}

} // namespace

SalesforceId::SalesforceId(const QString &input)
    : m_input(input)
{
    for (qsizetype i = 0; i < input.size(); ++i) {
        const QChar c = input.at(i);
        if (!isAsciiAlnum(c)) {
            m_status = Status::BadCharacters;
            // Name the character so it can be seen: invisible, control and non-BMP characters
            // (an emoji is two UTF-16 units) as U+XXXX.
            char32_t code = c.unicode();
            if (c.isHighSurrogate() && i + 1 < input.size() && input.at(i + 1).isLowSurrogate())
                code = QChar::surrogateToUcs4(c, input.at(i + 1));
            const bool visible = code < 0x10000 && c.isPrint() && !c.isSpace();
            m_detail = visible ? QString(c)
                               : QStringLiteral("U+%1").arg(uint(code), 4, 16, QChar(u'0')).toUpper();
            if (c == u' ')
                m_detail = QStringLiteral("a space");
            return;
        }
    }
    if (input.size() == 15) {
        m_status = Status::Valid15;
        m_id18 = input + checksumSuffix(input);
        return;
    }
    if (input.size() != 18) {
        m_status = Status::BadLength;
        return;
    }
    const QStringView first15 = QStringView(input).left(15);
    const QStringView suffix = QStringView(input).mid(15);
    const QString expected = checksumSuffix(first15);
    if (suffix == expected) {
        m_status = Status::Valid18;
        m_id18 = input;
        return;
    }
    // A tool that upper- or lower-cased the ID changed the letters' case but not the suffix's
    // meaning: the suffix (read case-insensitively) tells which letters were upper case.
    const bool suffixOnlyCased = suffix.compare(expected, Qt::CaseInsensitive) == 0;
    const bool wholeIdCased = input == input.toUpper() || input == input.toLower();
    if (suffixOnlyCased || wholeIdCased) {
        const QString repaired = repairFromSuffix(first15, suffix);
        if (!repaired.isEmpty()) {
            m_status = Status::CaseDamaged;
            m_id18 = repaired + suffix.toString().toUpper();
            return;
        }
    }
    m_status = Status::BadChecksum;
    m_detail = expected;
}

bool SalesforceId::isValid() const
{
    return m_status == Status::Valid18 || m_status == Status::Valid15
        || m_status == Status::CaseDamaged;
}

QString SalesforceId::keyPrefix() const
{
    return isValid() ? m_id18.left(3) : QString();
}

QString SalesforceId::objectType() const
{
    return isValid() ? objectTypeForPrefix(keyPrefix()) : QString();
}

QString SalesforceId::checksumSuffix(QStringView id15)
{
    QString suffix;
    if (id15.size() < 15)
        return suffix;
    for (int chunk = 0; chunk < 3; ++chunk) {
        int bits = 0;
        for (int i = 0; i < 5; ++i) {
            if (isAsciiUpper(id15.at(chunk * 5 + i)))
                bits |= 1 << i;
        }
        suffix.append(kSuffixAlphabet.at(bits));
    }
    return suffix;
}

QString SalesforceId::objectTypeForPrefix(QStringView prefix)
{
    // Key prefixes of the standard objects the product works with.
    static const QHash<QString, QString> kTypes = {
        {QStringLiteral("001"), QStringLiteral("Account")},
        {QStringLiteral("003"), QStringLiteral("Contact")},
        {QStringLiteral("005"), QStringLiteral("User")},
        {QStringLiteral("006"), QStringLiteral("Opportunity")},
        {QStringLiteral("00Q"), QStringLiteral("Lead")},
        {QStringLiteral("00K"), QStringLiteral("OpportunityContactRole")},
        {QStringLiteral("00G"), QStringLiteral("Queue")},
        {QStringLiteral("00D"), QStringLiteral("Organization")},
    };
    return kTypes.value(prefix.toString());
}

QString SalesforceId::statusName(Status status)
{
    switch (status) {
    case Status::Valid18: return QStringLiteral("valid-18");
    case Status::Valid15: return QStringLiteral("valid-15");
    case Status::CaseDamaged: return QStringLiteral("case-damaged");
    case Status::BadChecksum: return QStringLiteral("bad-checksum");
    case Status::BadLength: return QStringLiteral("bad-length");
    case Status::BadCharacters: return QStringLiteral("bad-characters");
    }
    return {};
}

QString SalesforceId::explanation() const
{
    switch (m_status) {
    case Status::Valid18:
        return tr("valid 18-character ID");
    case Status::Valid15:
        return tr("15-character ID; its 18-character form is %1").arg(m_id18);
    case Status::CaseDamaged:
        return tr("case damaged, repaired to %1").arg(m_id18);
    case Status::BadChecksum:
        return tr("bad checksum: the suffix of %1 should be %2").arg(m_input, m_detail);
    case Status::BadLength:
        return tr("bad length: %1 has %n character(s); a Salesforce ID has 15 or 18", nullptr,
                  int(m_input.size()))
            .arg(m_input.isEmpty() ? tr("the empty value") : m_input);
    case Status::BadCharacters: {
        const QString trimmed = m_input.trimmed();
        if (trimmed != m_input && SalesforceId(trimmed).isValid())
            return tr("bad characters: '%1' has leading or trailing whitespace; without it the ID "
                      "is %2")
                .arg(m_input, SalesforceId(trimmed).id18());
        const QString what = m_detail.startsWith(u"U+") || m_detail == u"a space"
            ? m_detail
            : u'\'' + m_detail + u'\'';
        return tr("bad characters: %1 contains %2; only 0-9, A-Z and a-z are allowed")
            .arg(m_input, what);
    }
    }
    return {};
}

bool SalesforceId::operator==(const SalesforceId &other) const
{
    const bool alnum18 = m_input.size() == 18 && m_status != Status::BadCharacters;
    const bool otherAlnum18 = other.m_input.size() == 18 && other.m_status != Status::BadCharacters;
    if (alnum18 && otherAlnum18)
        return m_input.compare(other.m_input, Qt::CaseInsensitive) == 0;
    if (m_status == Status::Valid15 && other.m_status == Status::Valid15)
        return m_input == other.m_input; // case-sensitive: 15-char IDs never compare ignoring case
    if (m_status == Status::Valid15 && otherAlnum18)
        return m_id18.compare(other.m_input, Qt::CaseInsensitive) == 0;
    if (alnum18 && other.m_status == Status::Valid15)
        return m_input.compare(other.m_id18, Qt::CaseInsensitive) == 0;
    return m_input == other.m_input;
}

size_t qHash(const SalesforceId &id, size_t seed) noexcept
{
    if (id.m_status == SalesforceId::Status::Valid15)
        return qHash(id.m_id18.toUpper(), seed);
    if (id.m_input.size() == 18 && id.m_status != SalesforceId::Status::BadCharacters)
        return qHash(id.m_input.toUpper(), seed);
    return qHash(id.m_input, seed);
}

} // namespace msi::core
