#pragma once

#include <QCoreApplication>
#include <QHashFunctions>
#include <QString>

namespace msi::core {

// A Salesforce record ID as every layer sees it: the raw input plus what it is.
// 15-character IDs are case-sensitive; the 18-character form adds a checksum suffix that encodes
// the case of the first 15 characters, so 18-character IDs compare case-insensitively.
class SalesforceId final
{
    Q_DECLARE_TR_FUNCTIONS(msi::core::SalesforceId)
public:
    enum class Status {
        Valid18,       // 18 characters, suffix matches
        Valid15,       // 15 characters, [0-9A-Za-z]
        CaseDamaged,   // 18 characters upper/lower-cased by a tool; repaired from the suffix
        BadChecksum,   // 18 characters whose suffix does not match and cannot be a case repair
        BadLength,     // neither 15 nor 18 characters
        BadCharacters, // characters outside [0-9A-Za-z]
    };

    SalesforceId() = default;
    explicit SalesforceId(const QString &input);
    static SalesforceId parse(const QString &input) { return SalesforceId(input); }

    const QString &input() const { return m_input; }
    Status status() const { return m_status; }
    // Valid18, Valid15 and CaseDamaged IDs name one record; the others do not.
    bool isValid() const;
    bool isNull() const { return m_input.isEmpty(); }

    // The canonical 18-character form (repaired when case-damaged); empty when invalid.
    QString id18() const { return m_id18; }
    // The first 15 characters of the canonical form; empty when invalid.
    QString id15() const { return m_id18.left(15); }
    QString keyPrefix() const;
    // "Account", "Contact", ... or an empty string when the prefix is not one the product knows.
    QString objectType() const;

    // Machine-readable status name: valid-18, valid-15, case-damaged, bad-checksum, bad-length,
    // bad-characters (a CLI contract).
    static QString statusName(Status status);
    QString statusName() const { return statusName(m_status); }
    // A sentence for the admin, e.g. "case damaged, repaired to 001M000000qfPySIAU".
    QString explanation() const;

    // The three-character suffix for a 15-character ID (no validation beyond length).
    static QString checksumSuffix(QStringView id15);
    static QString objectTypeForPrefix(QStringView prefix);

    bool operator==(const SalesforceId &other) const;
    bool operator!=(const SalesforceId &other) const { return !(*this == other); }

private:
    QString m_input;
    QString m_id18;
    Status m_status = Status::BadLength;
    QString m_detail; // the offending character or the expected suffix

    friend size_t qHash(const SalesforceId &id, size_t seed) noexcept;
};

size_t qHash(const SalesforceId &id, size_t seed = 0) noexcept;

} // namespace msi::core
