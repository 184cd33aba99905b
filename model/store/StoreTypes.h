#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>

#include <optional>

// Value types shared by the store's repositories. Each enum is stored as the lower-case name
// that nameOf() returns (a database contract: never renumber or rename).
namespace msi::store {

Q_NAMESPACE

enum class System { Salesforce, Marketo };
enum class Environment { Production, Sandbox };

// The MSI entities that get a Marketo id for a Salesforce record (ID map).
enum class Entity { SalesPerson, Company, Person, Opportunity, OpportunityRole };

// Records: a run limited to chosen records (a diagnosis' Fix, sync --records, retry failed).
enum class RunMode { Full, Incremental, DryRun, Records };
// Interrupted: found still running when the workspace was opened again (a crash or a kill).
enum class RunStatus { Running, Succeeded, Failed, Cancelled, QuotaExhausted, Interrupted };
enum class Outcome { Created, Updated, Unchanged, Skipped, Blocked, Failed, Deferred };

Q_ENUM_NS(System)
Q_ENUM_NS(Environment)
Q_ENUM_NS(Entity)
Q_ENUM_NS(RunMode)
Q_ENUM_NS(RunStatus)
Q_ENUM_NS(Outcome)

QString nameOf(System value);
QString nameOf(Environment value);
QString nameOf(Entity value);
QString nameOf(RunMode value);
QString nameOf(RunStatus value);
QString nameOf(Outcome value);

std::optional<System> systemFromName(const QString &text);
std::optional<Environment> environmentFromName(const QString &text);
std::optional<Entity> entityFromName(const QString &text);
std::optional<RunMode> runModeFromName(const QString &text);
std::optional<RunStatus> runStatusFromName(const QString &text);
std::optional<Outcome> outcomeFromName(const QString &text);

// Timestamps are stored as UTC ISO-8601 with milliseconds ("2024-05-28T08:15:03.000Z") so that
// text order is time order. Accepts Salesforce ("...000+0000") and Marketo ("...Z") forms.
QString storedTimestamp(const QDateTime &time);
QDateTime parseApiTimestamp(const QString &text);
QString nowTimestamp();

} // namespace msi::store
