#include "store/Schema.h"

#include "store/Logging.h"
#include "store/Transaction.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace msi::store {

namespace {

// Version 3: what a run read from Marketo, for the run that resumes it (MarketoReadCache).
constexpr char16_t kMarketoReadsTable[] =
    uR"(CREATE TABLE marketo_reads (
        id INTEGER PRIMARY KEY,
        run_id INTEGER,
        object TEXT NOT NULL,
        filter TEXT NOT NULL,
        vals TEXT NOT NULL,
        records TEXT NOT NULL,
        read_at TEXT NOT NULL))";
constexpr char16_t kMarketoReadsIndex[] =
    u"CREATE INDEX marketo_reads_object ON marketo_reads (object, filter)";

// Current (version 4) schema, for fresh workspaces.
const char16_t *const kCreateStatements[] = {
    uR"(CREATE TABLE profiles (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('salesforce', 'marketo')),
        environment TEXT NOT NULL CHECK (environment IN ('production', 'sandbox')),
        login_url TEXT,
        api_url TEXT,
        identity_url TEXT,
        client_id TEXT,
        user_name TEXT,
        updated_at TEXT NOT NULL))",
    uR"(CREATE TABLE snapshots (
        id INTEGER PRIMARY KEY,
        system TEXT NOT NULL CHECK (system IN ('salesforce', 'marketo')),
        object_type TEXT NOT NULL,
        record_key TEXT NOT NULL,
        email TEXT,
        owner_id TEXT,
        account_id TEXT,
        contact_id TEXT,
        opportunity_id TEXT,
        external_person_id TEXT,
        external_company_id TEXT,
        external_sales_person_id TEXT,
        external_opportunity_id TEXT,
        modstamp TEXT,
        record TEXT NOT NULL,
        stored_at TEXT NOT NULL))",
    uR"(CREATE TABLE mapping_versions (
        version INTEGER PRIMARY KEY AUTOINCREMENT,
        document TEXT NOT NULL,
        note TEXT,
        created_at TEXT NOT NULL))",
    uR"(CREATE TABLE id_map (
        entity TEXT NOT NULL,
        salesforce_id TEXT NOT NULL,
        marketo_id INTEGER NOT NULL,
        run_id INTEGER,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (entity, salesforce_id)) WITHOUT ROWID)",
    u"CREATE UNIQUE INDEX id_map_marketo ON id_map (entity, marketo_id)",
    uR"(CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        mode TEXT NOT NULL,
        status TEXT NOT NULL,
        stage_counts TEXT,
        message TEXT,
        result TEXT))",
    uR"(CREATE TABLE api_calls (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        stage TEXT,
        system TEXT NOT NULL,
        endpoint TEXT NOT NULL,
        http_status INTEGER,
        error_code TEXT,
        request_count INTEGER NOT NULL DEFAULT 1,
        duration_ms INTEGER))",
    u"CREATE INDEX api_calls_run ON api_calls (run_id)",
    uR"(CREATE TABLE record_outcomes (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        stage TEXT NOT NULL,
        record_key TEXT NOT NULL,
        outcome TEXT NOT NULL,
        reason TEXT,
        marketo_id INTEGER,
        attempts INTEGER NOT NULL DEFAULT 1,
        last_try_at TEXT))",
    u"CREATE UNIQUE INDEX record_outcomes_record ON record_outcomes (run_id, stage, record_key)",
    u"CREATE INDEX record_outcomes_outcome ON record_outcomes (run_id, outcome)",
    u"CREATE INDEX record_outcomes_key ON record_outcomes (record_key)",
    uR"(CREATE TABLE watermarks (
        system TEXT NOT NULL,
        object_type TEXT NOT NULL,
        modstamp TEXT NOT NULL,
        run_id INTEGER,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (system, object_type)) WITHOUT ROWID)",
    uR"(CREATE TABLE usage_ledger (
        system TEXT NOT NULL,
        day TEXT NOT NULL,
        calls INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (system, day)) WITHOUT ROWID)",
    kMarketoReadsTable,
    kMarketoReadsIndex,
};

// The snapshot indexes of version 2 (fresh and migrated). The key columns are indexed only
// where they hold a value (partial indexes): most are empty for one of the two systems.
const char16_t *const kSnapshotIndexes[] = {
    u"CREATE UNIQUE INDEX snapshots_key ON snapshots (system, object_type, record_key)",
    u"CREATE INDEX snapshots_email ON snapshots (system, object_type, email) WHERE email IS NOT NULL",
    u"CREATE INDEX snapshots_owner ON snapshots (system, object_type, owner_id) WHERE owner_id IS NOT NULL",
    u"CREATE INDEX snapshots_account ON snapshots (system, object_type, account_id) WHERE account_id IS NOT NULL",
    u"CREATE INDEX snapshots_contact ON snapshots (system, object_type, contact_id) WHERE contact_id IS NOT NULL",
    u"CREATE INDEX snapshots_opportunity ON snapshots (system, object_type, opportunity_id) "
    u"WHERE opportunity_id IS NOT NULL",
    u"CREATE INDEX snapshots_ext_person ON snapshots (system, object_type, external_person_id) "
    u"WHERE external_person_id IS NOT NULL",
    u"CREATE INDEX snapshots_ext_company ON snapshots (system, object_type, external_company_id) "
    u"WHERE external_company_id IS NOT NULL",
    u"CREATE INDEX snapshots_ext_sales_person ON snapshots (system, object_type, external_sales_person_id) "
    u"WHERE external_sales_person_id IS NOT NULL",
    u"CREATE INDEX snapshots_ext_opportunity ON snapshots (system, object_type, external_opportunity_id) "
    u"WHERE external_opportunity_id IS NOT NULL",
};

// Version 1 -> 2.
const char16_t *const kMigrateTo2[] = {
    // v1 kept snapshots in a WITHOUT ROWID table, which is slow for rows of a few KB; v2 uses
    // a rowid table, adds three key columns (back-filled from the stored JSON) and keeps e-mail
    // trimmed and lower-cased instead of comparing NOCASE (SQLite's lower() folds ASCII only;
    // records stored by v2 are case-folded fully).
    uR"(CREATE TABLE snapshots_v2 (
        id INTEGER PRIMARY KEY,
        system TEXT NOT NULL CHECK (system IN ('salesforce', 'marketo')),
        object_type TEXT NOT NULL,
        record_key TEXT NOT NULL,
        email TEXT,
        owner_id TEXT,
        account_id TEXT,
        contact_id TEXT,
        opportunity_id TEXT,
        external_person_id TEXT,
        external_company_id TEXT,
        external_sales_person_id TEXT,
        external_opportunity_id TEXT,
        modstamp TEXT,
        record TEXT NOT NULL,
        stored_at TEXT NOT NULL))",
    uR"(INSERT INTO snapshots_v2 (system, object_type, record_key, email, owner_id, account_id,
            contact_id, opportunity_id, external_person_id, external_company_id,
            external_sales_person_id, external_opportunity_id, modstamp, record, stored_at)
        SELECT system, object_type, record_key, lower(trim(email)), owner_id, account_id,
            CASE WHEN system = 'salesforce' THEN json_extract(record, '$.ContactId') END,
            CASE WHEN system = 'salesforce' THEN json_extract(record, '$.OpportunityId') END,
            external_person_id, external_company_id, external_sales_person_id,
            CASE WHEN system = 'marketo' THEN json_extract(record, '$.externalOpportunityId') END,
            modstamp, record, stored_at
        FROM snapshots ORDER BY system, object_type, record_key)",
    u"DROP TABLE snapshots",
    u"ALTER TABLE snapshots_v2 RENAME TO snapshots",
    // v1 kept one row per attempt; v2 keeps the last outcome per record and counts attempts.
    uR"(CREATE TABLE record_outcomes_v2 (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        stage TEXT NOT NULL,
        record_key TEXT NOT NULL,
        outcome TEXT NOT NULL,
        reason TEXT,
        marketo_id INTEGER,
        attempts INTEGER NOT NULL DEFAULT 1,
        last_try_at TEXT))",
    uR"(INSERT INTO record_outcomes_v2 (run_id, stage, record_key, outcome, reason, marketo_id,
                                        attempts, last_try_at)
        SELECT o.run_id, o.stage, o.record_key, o.outcome, o.reason, o.marketo_id,
               (SELECT COUNT(*) FROM record_outcomes c
                 WHERE c.run_id = o.run_id AND c.stage = o.stage AND c.record_key = o.record_key),
               o.at
        FROM record_outcomes o
        WHERE o.id = (SELECT MAX(l.id) FROM record_outcomes l
                       WHERE l.run_id = o.run_id AND l.stage = o.stage
                         AND l.record_key = o.record_key))",
    u"DROP TABLE record_outcomes",
    u"ALTER TABLE record_outcomes_v2 RENAME TO record_outcomes",
    u"CREATE UNIQUE INDEX record_outcomes_record ON record_outcomes (run_id, stage, record_key)",
    u"CREATE INDEX record_outcomes_outcome ON record_outcomes (run_id, outcome)",
    u"CREATE INDEX record_outcomes_key ON record_outcomes (record_key)",
    // Fails (and rolls everything back) when two Salesforce records claim one Marketo id.
    u"CREATE UNIQUE INDEX id_map_marketo ON id_map (entity, marketo_id)",
    uR"(CREATE TABLE usage_ledger (
        system TEXT NOT NULL,
        day TEXT NOT NULL,
        calls INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (system, day)) WITHOUT ROWID)",
};

// Version 3 -> 4: how a sync run ended in the sync engine's words (RunResult::statusKey), so the
// run history names it as `sync --json` did.
const char16_t *const kMigrateTo4[] = {
    u"ALTER TABLE runs ADD COLUMN result TEXT",
};

// Version 2 -> 3.
const char16_t *const kMigrateTo3[] = {
    kMarketoReadsTable,
    kMarketoReadsIndex,
};

template<std::size_t N>
bool execAll(QSqlDatabase &db, const char16_t *const (&statements)[N], QString *error)
{
    for (const char16_t *statement : statements) {
        QSqlQuery query(db);
        if (!query.exec(QString::fromUtf16(statement))) {
            if (error)
                *error = query.lastError().text();
            qCWarning(lcStore) << "schema statement failed:" << query.lastError().text();
            return false;
        }
    }
    return true;
}

bool setVersion(QSqlDatabase &db, int version, QString *error)
{
    QSqlQuery query(db);
    if (query.exec(QStringLiteral("PRAGMA user_version = %1").arg(version)))
        return true;
    if (error)
        *error = query.lastError().text();
    return false;
}

} // namespace

int Schema::version(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (query.exec(QStringLiteral("PRAGMA user_version")) && query.next())
        return query.value(0).toInt();
    return -1;
}

bool Schema::ensure(QSqlDatabase db, QString *error)
{
    const int from = version(db);
    if (from < 0) {
        if (error)
            *error = tr("The workspace database cannot be read (%1).").arg(db.databaseName());
        return false;
    }
    if (from == CurrentVersion)
        return true;
    if (from > CurrentVersion) {
        if (error)
            *error = tr("The workspace %1 was written by a newer MSI Bridge (schema version %2; "
                        "this version understands up to %3). Update MSI Bridge to open it.")
                         .arg(db.databaseName())
                         .arg(from)
                         .arg(CurrentVersion);
        return false;
    }
    return from == 0 ? createSchema(db, error) : migrate(db, from, error);
}

bool Schema::createSchema(QSqlDatabase &db, QString *error)
{
    Transaction transaction(db);
    QString detail;
    if (!transaction.isActive() || !execAll(db, kCreateStatements, &detail)
        || !execAll(db, kSnapshotIndexes, &detail) || !setVersion(db, CurrentVersion, &detail) || !transaction.commit(&detail)) {
        if (detail.isEmpty())
            detail = transaction.error();
        if (error)
            *error = tr("Could not create the workspace database %1: %2")
                         .arg(db.databaseName(), detail);
        return false;
    }
    qCInfo(lcStore) << "created workspace schema version" << CurrentVersion;
    return true;
}

bool Schema::migrate(QSqlDatabase &db, int from, QString *error)
{
    Transaction transaction(db);
    QString detail = transaction.error();
    bool ok = transaction.isActive();
    if (ok && from <= 1)
        ok = execAll(db, kMigrateTo2, &detail) && execAll(db, kSnapshotIndexes, &detail);
    if (ok && from <= 2)
        ok = execAll(db, kMigrateTo3, &detail);
    if (ok && from <= 3)
        ok = execAll(db, kMigrateTo4, &detail);
    // Later versions: add `if (ok && from <= 4) ok = execAll(db, kMigrateTo5, &detail);`
    if (ok)
        ok = setVersion(db, CurrentVersion, &detail) && transaction.commit(&detail);
    if (!ok) {
        transaction.rollback();
        if (error)
            *error = tr("Could not upgrade the workspace database %1 from schema version %2 to %3; "
                        "it was left unchanged at version %2. Cause: %4")
                         .arg(db.databaseName())
                         .arg(from)
                         .arg(CurrentVersion)
                         .arg(detail);
        return false;
    }
    qCInfo(lcStore) << "migrated workspace schema from" << from << "to" << CurrentVersion;
    return true;
}

} // namespace msi::store
