-- MSI Bridge workspace schema version 1, exactly as version 1 created it.
-- Used by tst_workspace to build databases that an older MSI Bridge would have left behind.
CREATE TABLE profiles (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('salesforce', 'marketo')),
    environment TEXT NOT NULL CHECK (environment IN ('production', 'sandbox')),
    login_url TEXT,
    api_url TEXT,
    identity_url TEXT,
    client_id TEXT,
    user_name TEXT,
    updated_at TEXT NOT NULL);
CREATE TABLE snapshots (
    system TEXT NOT NULL CHECK (system IN ('salesforce', 'marketo')),
    object_type TEXT NOT NULL,
    record_key TEXT NOT NULL,
    email TEXT,
    owner_id TEXT,
    account_id TEXT,
    external_person_id TEXT,
    external_company_id TEXT,
    external_sales_person_id TEXT,
    modstamp TEXT,
    record TEXT NOT NULL,
    stored_at TEXT NOT NULL,
    PRIMARY KEY (system, object_type, record_key)) WITHOUT ROWID;
CREATE INDEX snapshots_email ON snapshots (system, object_type, email COLLATE NOCASE);
CREATE INDEX snapshots_owner ON snapshots (system, object_type, owner_id);
CREATE INDEX snapshots_account ON snapshots (system, object_type, account_id);
CREATE INDEX snapshots_ext_person ON snapshots (system, object_type, external_person_id);
CREATE INDEX snapshots_ext_company ON snapshots (system, object_type, external_company_id);
CREATE INDEX snapshots_ext_sales_person ON snapshots (system, object_type, external_sales_person_id);
CREATE INDEX snapshots_modstamp ON snapshots (system, object_type, modstamp);
CREATE TABLE mapping_versions (
    version INTEGER PRIMARY KEY AUTOINCREMENT,
    document TEXT NOT NULL,
    note TEXT,
    created_at TEXT NOT NULL);
CREATE TABLE id_map (
    entity TEXT NOT NULL,
    salesforce_id TEXT NOT NULL,
    marketo_id INTEGER NOT NULL,
    run_id INTEGER,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (entity, salesforce_id)) WITHOUT ROWID;
CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    mode TEXT NOT NULL,
    status TEXT NOT NULL,
    stage_counts TEXT,
    message TEXT);
CREATE TABLE api_calls (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    stage TEXT,
    system TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    http_status INTEGER,
    error_code TEXT,
    request_count INTEGER NOT NULL DEFAULT 1,
    duration_ms INTEGER);
CREATE INDEX api_calls_run ON api_calls (run_id);
CREATE TABLE record_outcomes (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    stage TEXT NOT NULL,
    record_key TEXT NOT NULL,
    outcome TEXT NOT NULL,
    reason TEXT,
    marketo_id INTEGER);
CREATE INDEX record_outcomes_run ON record_outcomes (run_id, outcome);
CREATE TABLE watermarks (
    system TEXT NOT NULL,
    object_type TEXT NOT NULL,
    modstamp TEXT NOT NULL,
    run_id INTEGER,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (system, object_type)) WITHOUT ROWID;
PRAGMA user_version = 1;
