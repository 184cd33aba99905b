#pragma once

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

namespace msi::store {

// The workspace schema, versioned in PRAGMA user_version (style rule 4).
// createSchema() builds the current version on an empty database; migrate() upgrades an older
// database with cumulative `if (from <= N)` steps. Both run in ONE transaction that is rolled
// back on any failure, so a database is always at exactly one version.
//
// Version history:
//   1  profiles, snapshots (email/owner/account/external person, company, sales person keys),
//      mapping_versions, id_map, runs, api_calls, record_outcomes, watermarks
//   2  snapshots move to a rowid table with partial indexes on the key columns, gain
//      contact_id, opportunity_id, external_opportunity_id (back-filled from the stored JSON)
//      and keep e-mail trimmed + lower-cased instead of comparing NOCASE; record_outcomes gain attempts + last_try_at and become one row per
//      (run, stage, record); id_map gets a unique (entity, marketo_id) index; usage_ledger
//   3  marketo_reads: what a run read from Marketo, reused by the run that resumes it
//   4  runs gain `result`: the sync engine's status key (succeeded, findings, usage, connection,
//      quota, cancelled), NULL for runs journaled before
class Schema final
{
    Q_DECLARE_TR_FUNCTIONS(msi::store::Schema)
public:
    static constexpr int CurrentVersion = 4;

    static int version(const QSqlDatabase &db);
    // Brings db to CurrentVersion: creates the schema when user_version is 0, migrates when lower,
    // refuses when higher (a newer MSI Bridge wrote it). False + a user-readable error on failure.
    static bool ensure(QSqlDatabase db, QString *error);

private:
    static bool createSchema(QSqlDatabase &db, QString *error);
    static bool migrate(QSqlDatabase &db, int from, QString *error);
};

} // namespace msi::store
