#include "store/StoreTypes.h"

#include <QRegularExpression>
#include <QTimeZone>

#include <array>
#include <utility>

namespace msi::store {

namespace {

template<typename Enum, std::size_t N>
QString lookupName(const std::array<std::pair<Enum, const char16_t *>, N> &names, Enum value)
{
    for (const auto &[e, name] : names) {
        if (e == value)
            return QString::fromUtf16(name);
    }
    return QString();
}

template<typename Enum, std::size_t N>
std::optional<Enum> lookupValue(const std::array<std::pair<Enum, const char16_t *>, N> &names,
                            const QString &text)
{
    for (const auto &[e, name] : names) {
        if (text == QStringView(name))
            return e;
    }
    return std::nullopt;
}

constexpr std::array<std::pair<System, const char16_t *>, 2> kSystems{{
    {System::Salesforce, u"salesforce"}, {System::Marketo, u"marketo"}}};
constexpr std::array<std::pair<Environment, const char16_t *>, 2> kEnvironments{{
    {Environment::Production, u"production"}, {Environment::Sandbox, u"sandbox"}}};
constexpr std::array<std::pair<Entity, const char16_t *>, 5> kEntities{{
    {Entity::SalesPerson, u"salesPerson"},
    {Entity::Company, u"company"},
    {Entity::Person, u"person"},
    {Entity::Opportunity, u"opportunity"},
    {Entity::OpportunityRole, u"opportunityRole"}}};
constexpr std::array<std::pair<RunMode, const char16_t *>, 4> kModes{{
    {RunMode::Full, u"full"}, {RunMode::Incremental, u"incremental"}, {RunMode::DryRun, u"dry-run"},
    {RunMode::Records, u"records"}}};
constexpr std::array<std::pair<RunStatus, const char16_t *>, 6> kStatuses{{
    {RunStatus::Running, u"running"},
    {RunStatus::Succeeded, u"succeeded"},
    {RunStatus::Failed, u"failed"},
    {RunStatus::Cancelled, u"cancelled"},
    {RunStatus::QuotaExhausted, u"quota-exhausted"},
    {RunStatus::Interrupted, u"interrupted"}}};
constexpr std::array<std::pair<Outcome, const char16_t *>, 7> kOutcomes{{
    {Outcome::Created, u"created"},
    {Outcome::Updated, u"updated"},
    {Outcome::Unchanged, u"unchanged"},
    {Outcome::Skipped, u"skipped"},
    {Outcome::Blocked, u"blocked"},
    {Outcome::Failed, u"failed"},
    {Outcome::Deferred, u"deferred"}}};

} // namespace

QString nameOf(System value) { return lookupName(kSystems, value); }
QString nameOf(Environment value) { return lookupName(kEnvironments, value); }
QString nameOf(Entity value) { return lookupName(kEntities, value); }
QString nameOf(RunMode value) { return lookupName(kModes, value); }
QString nameOf(RunStatus value) { return lookupName(kStatuses, value); }
QString nameOf(Outcome value) { return lookupName(kOutcomes, value); }

std::optional<System> systemFromName(const QString &text) { return lookupValue(kSystems, text); }
std::optional<Environment> environmentFromName(const QString &text)
{
    return lookupValue(kEnvironments, text);
}
std::optional<Entity> entityFromName(const QString &text) { return lookupValue(kEntities, text); }
std::optional<RunMode> runModeFromName(const QString &text) { return lookupValue(kModes, text); }
std::optional<RunStatus> runStatusFromName(const QString &text) { return lookupValue(kStatuses, text); }
std::optional<Outcome> outcomeFromName(const QString &text) { return lookupValue(kOutcomes, text); }

QString storedTimestamp(const QDateTime &time)
{
    if (!time.isValid())
        return QString();
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime parseApiTimestamp(const QString &text)
{
    if (text.isEmpty())
        return {};
    QString normalized = text;
    // Salesforce writes the offset without a colon (+0000); Qt's ISO parser wants +00:00.
    static const QRegularExpression offset(QStringLiteral("([+-])(\\d\\d)(\\d\\d)$"));
    normalized.replace(offset, QStringLiteral("\\1\\2:\\3"));
    QDateTime parsed = QDateTime::fromString(normalized, Qt::ISODateWithMs);
    if (!parsed.isValid())
        parsed = QDateTime::fromString(normalized, Qt::ISODate);
    return parsed.isValid() ? parsed.toUTC() : QDateTime();
}

QString nowTimestamp() { return storedTimestamp(QDateTime::currentDateTimeUtc()); }

} // namespace msi::store
