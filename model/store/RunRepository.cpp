#include "store/RunRepository.h"

#include "store/Logging.h"
#include "store/Transaction.h"
#include "store/Workspace.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace msi::store {

namespace {

bool fail(const QSqlQuery &query, QString *error)
{
    qCWarning(lcStore) << "run journal:" << query.lastError().text();
    if (error)
        *error = query.lastError().text();
    return false;
}

QVariant nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QString timeOrNow(const QDateTime &time)
{
    return time.isValid() ? storedTimestamp(time) : nowTimestamp();
}

const QString kRunColumns =
    QStringLiteral("id, started_at, finished_at, mode, status, stage_counts, message, result");
const QString kOutcomeColumns =
    QStringLiteral("stage, record_key, outcome, reason, marketo_id, attempts, last_try_at");

RunInfo runFromQuery(const QSqlQuery &query)
{
    RunInfo run;
    run.id = query.value(0).toLongLong();
    run.startedAt = parseApiTimestamp(query.value(1).toString());
    run.finishedAt = parseApiTimestamp(query.value(2).toString());
    run.mode = runModeFromName(query.value(3).toString()).value_or(RunMode::Full);
    run.status = runStatusFromName(query.value(4).toString()).value_or(RunStatus::Failed);
    run.stageCounts = QJsonDocument::fromJson(query.value(5).toString().toUtf8()).object();
    run.message = query.value(6).toString();
    run.result = query.value(7).toString();
    return run;
}

RecordOutcome outcomeFromQuery(const QSqlQuery &query)
{
    RecordOutcome o;
    o.stage = query.value(0).toString();
    o.recordKey = query.value(1).toString();
    o.outcome = outcomeFromName(query.value(2).toString()).value_or(Outcome::Failed);
    o.reason = query.value(3).toString();
    o.marketoId = query.value(4).toLongLong();
    o.attempts = query.value(5).toInt();
    o.lastTry = parseApiTimestamp(query.value(6).toString());
    return o;
}

} // namespace

RunRepository::RunRepository(Workspace &workspace)
    : m_workspace(workspace)
{
}

qint64 RunRepository::beginRun(RunMode mode, QString *error)
{
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral("INSERT INTO runs (started_at, mode, status) VALUES (?, ?, ?)"));
    query.addBindValue(nowTimestamp());
    query.addBindValue(nameOf(mode));
    query.addBindValue(nameOf(RunStatus::Running));
    if (!query.exec()) {
        fail(query, error);
        return 0;
    }
    return query.lastInsertId().toLongLong();
}

bool RunRepository::recordCall(qint64 runId, const ApiCall &call, QString *error)
{
    return recordCalls(runId, {call}, error);
}

bool RunRepository::recordCalls(qint64 runId, const QList<ApiCall> &calls, QString *error)
{
    QSqlDatabase db = m_workspace.connection();
    Transaction transaction(db);
    if (!transaction.isActive()) {
        if (error)
            *error = transaction.error();
        return false;
    }
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "INSERT INTO api_calls (run_id, at, stage, system, endpoint, http_status, error_code, "
        "request_count, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const ApiCall &call : calls) {
        query.addBindValue(runId);
        query.addBindValue(timeOrNow(call.at));
        query.addBindValue(nullIfEmpty(call.stage));
        query.addBindValue(nameOf(call.system));
        query.addBindValue(call.endpoint);
        query.addBindValue(call.httpStatus > 0 ? QVariant(call.httpStatus) : QVariant());
        query.addBindValue(nullIfEmpty(call.errorCode));
        query.addBindValue(call.requestCount);
        query.addBindValue(call.durationMs);
        if (!query.exec())
            return fail(query, error);
    }
    query.finish();
    return transaction.commit(error);
}

bool RunRepository::recordOutcomes(qint64 runId, const QList<RecordOutcome> &outcomes, QString *error)
{
    QSqlDatabase db = m_workspace.connection();
    Transaction transaction(db);
    if (!transaction.isActive()) {
        if (error)
            *error = transaction.error();
        return false;
    }
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "INSERT INTO record_outcomes (run_id, stage, record_key, outcome, reason, marketo_id, "
        "attempts, last_try_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (run_id, stage, record_key) DO UPDATE SET outcome = excluded.outcome, "
        "reason = excluded.reason, marketo_id = COALESCE(excluded.marketo_id, marketo_id), "
        "attempts = attempts + excluded.attempts, last_try_at = excluded.last_try_at"));
    for (const RecordOutcome &o : outcomes) {
        query.addBindValue(runId);
        query.addBindValue(o.stage);
        query.addBindValue(o.recordKey);
        query.addBindValue(nameOf(o.outcome));
        query.addBindValue(nullIfEmpty(o.reason));
        query.addBindValue(o.marketoId > 0 ? QVariant(o.marketoId) : QVariant());
        query.addBindValue(qMax(1, o.attempts));
        query.addBindValue(timeOrNow(o.lastTry));
        if (!query.exec())
            return fail(query, error);
    }
    query.finish();
    return transaction.commit(error);
}

QJsonObject RunRepository::stageCounts(qint64 runId) const
{
    QJsonObject counts;
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral("SELECT stage, outcome, COUNT(*) FROM record_outcomes "
                                 "WHERE run_id = ? GROUP BY stage, outcome"));
    query.addBindValue(runId);
    if (!query.exec()) {
        fail(query, nullptr);
        return counts;
    }
    while (query.next()) {
        const QString stage = query.value(0).toString();
        QJsonObject perStage = counts.value(stage).toObject();
        perStage.insert(query.value(1).toString(), query.value(2).toLongLong());
        counts.insert(stage, perStage);
    }
    return counts;
}

bool RunRepository::finishRun(qint64 runId, RunStatus status, const QString &message, QString *error)
{
    const QJsonObject counts = stageCounts(runId);
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral(
        "UPDATE runs SET finished_at = ?, status = ?, stage_counts = ?, message = ? WHERE id = ?"));
    query.addBindValue(nowTimestamp());
    query.addBindValue(nameOf(status));
    query.addBindValue(QString::fromUtf8(QJsonDocument(counts).toJson(QJsonDocument::Compact)));
    query.addBindValue(nullIfEmpty(message));
    query.addBindValue(runId);
    if (!query.exec())
        return fail(query, error);
    if (query.numRowsAffected() != 1) {
        if (error)
            *error = QStringLiteral("no run %1").arg(runId);
        return false;
    }
    return true;
}

bool RunRepository::setResult(qint64 runId, const QString &result, QString *error)
{
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral("UPDATE runs SET result = ? WHERE id = ?"));
    query.addBindValue(nullIfEmpty(result));
    query.addBindValue(runId);
    if (!query.exec())
        return fail(query, error);
    return true;
}

int RunRepository::markInterruptedRuns()
{
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral("UPDATE runs SET status = ? WHERE status = ?"));
    query.addBindValue(nameOf(RunStatus::Interrupted));
    query.addBindValue(nameOf(RunStatus::Running));
    if (!query.exec()) {
        fail(query, nullptr);
        return 0;
    }
    return query.numRowsAffected();
}

std::optional<RunInfo> RunRepository::run(qint64 runId) const
{
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral("SELECT ") + kRunColumns + QStringLiteral(" FROM runs WHERE id = ?"));
    query.addBindValue(runId);
    if (query.exec() && query.next())
        return runFromQuery(query);
    return std::nullopt;
}

QList<RunInfo> RunRepository::runs() const
{
    QList<RunInfo> result;
    QSqlQuery query(m_workspace.connection());
    if (!query.exec(QStringLiteral("SELECT ") + kRunColumns + QStringLiteral(" FROM runs ORDER BY id DESC"))) {
        fail(query, nullptr);
        return result;
    }
    while (query.next())
        result << runFromQuery(query);
    return result;
}

QList<ApiCall> RunRepository::calls(qint64 runId) const
{
    QList<ApiCall> result;
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral(
        "SELECT stage, system, endpoint, http_status, error_code, request_count, duration_ms, at "
        "FROM api_calls WHERE run_id = ? ORDER BY id"));
    query.addBindValue(runId);
    if (!query.exec()) {
        fail(query, nullptr);
        return result;
    }
    while (query.next()) {
        ApiCall call;
        call.stage = query.value(0).toString();
        call.system = systemFromName(query.value(1).toString()).value_or(System::Marketo);
        call.endpoint = query.value(2).toString();
        call.httpStatus = query.value(3).toInt();
        call.errorCode = query.value(4).toString();
        call.requestCount = query.value(5).toInt();
        call.durationMs = query.value(6).toLongLong();
        call.at = parseApiTimestamp(query.value(7).toString());
        result << call;
    }
    return result;
}

QList<RecordOutcome> RunRepository::outcomes(qint64 runId, std::optional<Outcome> only) const
{
    QList<RecordOutcome> result;
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral("SELECT ") + kOutcomeColumns
                  + QStringLiteral(" FROM record_outcomes WHERE run_id = ?")
                  + (only ? QStringLiteral(" AND outcome = ?") : QString())
                  + QStringLiteral(" ORDER BY id"));
    query.addBindValue(runId);
    if (only)
        query.addBindValue(nameOf(*only));
    if (!query.exec()) {
        fail(query, nullptr);
        return result;
    }
    while (query.next())
        result << outcomeFromQuery(query);
    return result;
}

QList<RecordOutcome> RunRepository::failures(qint64 runId) const
{
    QList<RecordOutcome> result;
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral("SELECT ") + kOutcomeColumns
                  + QStringLiteral(" FROM record_outcomes WHERE run_id = ? AND outcome IN (?, ?, ?) "
                                   "ORDER BY stage, record_key"));
    query.addBindValue(runId);
    query.addBindValue(nameOf(Outcome::Skipped));
    query.addBindValue(nameOf(Outcome::Blocked));
    query.addBindValue(nameOf(Outcome::Failed));
    if (!query.exec()) {
        fail(query, nullptr);
        return result;
    }
    while (query.next())
        result << outcomeFromQuery(query);
    return result;
}

QList<RecordOutcome> RunRepository::pendingOutcomes() const
{
    QList<RecordOutcome> result;
    QSqlQuery query(m_workspace.connection());
    query.prepare(QStringLiteral("SELECT ") + kOutcomeColumns
                  + QStringLiteral(" FROM (SELECT o.*, ROW_NUMBER() OVER (PARTITION BY o.stage, "
                                   "o.record_key ORDER BY o.run_id DESC) AS newest "
                                   "FROM record_outcomes o JOIN runs r ON r.id = o.run_id "
                                   "WHERE r.mode <> ?) "
                                   "WHERE newest = 1 AND outcome IN (?, ?, ?, ?) "
                                   "ORDER BY stage, record_key"));
    query.addBindValue(nameOf(RunMode::DryRun));
    query.addBindValue(nameOf(Outcome::Skipped));
    query.addBindValue(nameOf(Outcome::Blocked));
    query.addBindValue(nameOf(Outcome::Failed));
    query.addBindValue(nameOf(Outcome::Deferred));
    if (!query.exec()) {
        fail(query, nullptr);
        return result;
    }
    while (query.next())
        result << outcomeFromQuery(query);
    return result;
}

} // namespace msi::store
