-- ./portal bench, issue 14: `count` open alerts in the bench clinician's inbox (bench_id), on their active
-- prescriptions in the large clinic, raised over the last weeks, of every kind a log or the nightly job raises. Run at
-- every bench: idempotent (the alerts have keys 'bench:N'); any the bench's checks or a person resolved or marked seen
-- are opened again, so the inbox always holds `count` of them. The warning-sign ones point at a log whose note names a
-- sign (the note is set on that log), so the inbox highlights words as it would for a real one.
--
--   psql ... -v clinic_id=<uuid> -v bench_id=<AspNetUsers.Id> [-v count=500] -f scripts/seed-bench-alerts.sql

\set ON_ERROR_STOP on
\if :{?count}
\else
  \set count 500
\endif

BEGIN;
CREATE TEMP TABLE bench_alert_rx ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY r."Id") AS n, r."Id" AS rx_id, r."PatientId" AS patient_id,
       (SELECT l."Id" FROM "SessionLogs" l WHERE l."PrescriptionId" = r."Id" ORDER BY l."LocalDate" DESC, l."Session" DESC LIMIT 1) AS log_id
FROM "Prescriptions" r
WHERE r."ClinicId" = :'clinic_id' AND r."ClinicianUserId" = :'bench_id' AND r."Status" = 'Active'
ORDER BY r."Id"
LIMIT :count;

-- Kinds in turn; a kind that needs a log falls back to missed days where the routine has none.
CREATE TEMP TABLE bench_alert ON COMMIT DROP AS
SELECT x.n, x.rx_id, x.patient_id,
       CASE WHEN x.log_id IS NULL THEN 'MissedDays'
            ELSE (ARRAY['WarningSign','PainAfterSession','TooHard','PainRising','MissedDays'])[1 + (x.n % 5)::int] END AS kind,
       x.log_id
FROM bench_alert_rx x;

UPDATE "SessionLogs" l SET "Note" = 'Felt dizzy when I got up from the floor, and my left calf was sore and swollen afterwards.'
FROM bench_alert a
WHERE a.kind = 'WarningSign' AND l."Id" = a.log_id AND l."Note" IS DISTINCT FROM 'Felt dizzy when I got up from the floor, and my left calf was sore and swollen afterwards.';

INSERT INTO "Alerts" ("Id", "ClinicId", "PatientId", "PrescriptionId", "SessionLogId", "ClinicianUserId", "Kind", "State",
                      "UniqueKey", "Summary", "Matched", "RaisedAt")
SELECT gen_random_uuid(), :'clinic_id', a.patient_id, a.rx_id, CASE WHEN a.kind = 'MissedDays' THEN NULL ELSE a.log_id END,
       :'bench_id', a.kind, 'Open', 'bench:' || a.n,
       CASE a.kind
         WHEN 'WarningSign' THEN 'The note mentions dizziness or fainting, calf pain or swelling.'
         WHEN 'PainAfterSession' THEN 'Pain rose from 3 to 6/10 during the session.'
         WHEN 'TooHard' THEN '"Too hard" in 2 logs in a row.'
         WHEN 'PainRising' THEN 'Pain before sessions is up: 3/10 in the first week, 5.3/10 over the last 3 logs.'
         ELSE 'No log on 3 scheduled days in a row.' END,
       CASE WHEN a.kind = 'WarningSign' THEN ARRAY['dizzy', 'calf was sore'] ELSE ARRAY[]::text[] END,
       now() - a.n * interval '83 minutes'
FROM bench_alert a
ON CONFLICT ("UniqueKey") DO NOTHING;

UPDATE "Alerts" SET "State" = 'Open', "SeenAt" = NULL, "SeenByName" = NULL, "ResolvedAt" = NULL, "ResolvedByUserId" = NULL,
                    "ResolvedByName" = NULL, "ResolutionNote" = NULL
WHERE "UniqueKey" LIKE 'bench:%' AND "State" <> 'Open';
COMMIT;
VACUUM (ANALYZE) "Alerts";
SELECT count(*) FROM "Alerts" WHERE "ClinicianUserId" = :'bench_id' AND "State" <> 'Resolved';
