-- Rows a version-1 workspace holds after one partly failed run (records from the sample org).
INSERT INTO profiles (name, kind, environment, login_url, api_url, client_id, updated_at)
VALUES ('Aurora production', 'salesforce', 'production', 'https://login.salesforce.com',
        'https://aurora-power.my.salesforce.com', '3MVG9-aurora-client', '2024-06-03T08:00:00.000Z');
INSERT INTO snapshots (system, object_type, record_key, email, owner_id, account_id, modstamp, record, stored_at)
VALUES ('salesforce', 'OpportunityContactRole', '00K7F00000Bz1QaUAJ', NULL, NULL, NULL,
        '2023-06-12T15:20:04.000Z',
        '{"Id":"00K7F00000Bz1QaUAJ","OpportunityId":"0067F000004dRt1QAE","ContactId":"0037F000009XkPUQA0","Role":"Decision Maker","IsPrimary":true,"SystemModstamp":"2023-06-12T15:20:04.000+0000","attributes":{"type":"OpportunityContactRole"}}',
        '2024-06-03T08:00:00.000Z');
INSERT INTO snapshots (system, object_type, record_key, email, owner_id, account_id, modstamp, record, stored_at)
VALUES ('salesforce', 'Contact', '0037F000009XkPUQA0', ' Rose@Edge.com', '0057F00000Bq3LmQAJ', '0017F000007y8FFQAY',
        '2024-05-28T08:15:03.000Z',
        '{"Id":"0037F000009XkPUQA0","Email":" Rose@Edge.com","AccountId":"0017F000007y8FFQAY","OwnerId":"0057F00000Bq3LmQAJ","SystemModstamp":"2024-05-28T08:15:03.000+0000","attributes":{"type":"Contact"}}',
        '2024-06-03T08:00:00.000Z');
INSERT INTO snapshots (system, object_type, record_key, external_company_id, external_sales_person_id, modstamp, record, stored_at)
VALUES ('marketo', 'opportunity', 'dff23271-f996-47d7-984f-f2676861b5fb', '0017F000007y8FFQAY', '0057F00000Bq3LmQAJ',
        '2024-03-18T10:07:40.000Z',
        '{"marketoGUID":"dff23271-f996-47d7-984f-f2676861b5fb","externalOpportunityId":"0067F000004dRt1QAE","externalCompanyId":"0017F000007y8FFQAY","externalSalesPersonId":"0057F00000Bq3LmQAJ","updatedAt":"2024-03-18T10:07:40Z"}',
        '2024-06-03T08:00:00.000Z');
INSERT INTO mapping_versions (document, note, created_at)
VALUES ('{"Lead":{"Email":"email"}}', 'first mapping', '2024-06-03T08:00:00.000Z');
INSERT INTO id_map (entity, salesforce_id, marketo_id, run_id, updated_at)
VALUES ('company', '0017F000007y8FFQAY', 8, 1, '2024-06-03T08:01:00.000Z');
INSERT INTO id_map (entity, salesforce_id, marketo_id, run_id, updated_at)
VALUES ('salesPerson', '0057F000009Zt4AQAS', 3, 1, '2024-06-03T08:01:00.000Z');
INSERT INTO runs (id, started_at, finished_at, mode, status, stage_counts)
VALUES (1, '2024-06-03T08:00:30.000Z', '2024-06-03T08:05:00.000Z', 'full', 'failed', '{}');
INSERT INTO api_calls (run_id, at, stage, system, endpoint, http_status, error_code, request_count, duration_ms)
VALUES (1, '2024-06-03T08:01:00.000Z', 'companies', 'marketo', '/rest/v1/companies/sync.json', 200, NULL, 1, 412);
INSERT INTO record_outcomes (run_id, at, stage, record_key, outcome, reason, marketo_id)
VALUES (1, '2024-06-03T08:01:00.000Z', 'companies', '0017F000007y8FFQAY', 'failed', 'Marketo answered 606 (rate limit)', NULL);
INSERT INTO record_outcomes (run_id, at, stage, record_key, outcome, reason, marketo_id)
VALUES (1, '2024-06-03T08:01:30.000Z', 'companies', '0017F000007y8FGQAY', 'created', NULL, 9);
INSERT INTO record_outcomes (run_id, at, stage, record_key, outcome, reason, marketo_id)
VALUES (1, '2024-06-03T08:02:00.000Z', 'companies', '0017F000007y8FFQAY', 'failed', 'Marketo answered 606 (rate limit)', NULL);
INSERT INTO record_outcomes (run_id, at, stage, record_key, outcome, reason, marketo_id)
VALUES (1, '2024-06-03T08:03:00.000Z', 'companies', '0017F000007y8FFQAY', 'updated', NULL, 8);
INSERT INTO watermarks (system, object_type, modstamp, run_id, updated_at)
VALUES ('salesforce', 'Contact', '2024-05-28T08:15:03.000Z', 1, '2024-06-03T08:05:00.000Z');
