-- A version-1 workspace in which two Salesforce accounts claim the same Marketo company (v1 had
-- no unique index on id_map (entity, marketo_id)); the upgrade to version 2 must fail and leave
-- the file untouched.
INSERT INTO id_map (entity, salesforce_id, marketo_id, run_id, updated_at)
VALUES ('company', '0017F000007y8FGQAY', 8, 1, '2024-06-03T08:02:00.000Z');
