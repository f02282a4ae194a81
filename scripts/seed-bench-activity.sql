-- The large clinic of ./portal bench, second step: run after scripts/seed-large-clinic.sql has added the patients and
-- their prescriptions (signed by other_id). In one transaction, set-based (a minute or two for 2 000 000 logs):
--   1. exactly `active` active prescriptions in the clinic (the extra seeded ones are ended);
--   2. the seeded routines spread over time: active ones started 3 to 152 days ago and still running, ended ones
--      6 to 12 weeks long;
--   3. `exercises` exercises in every routine of the clinic (the template's, then others from the library);
--   4. `mine` of the active prescriptions signed by the bench clinician (bench_id), the rest by other_id;
--   5. session logs up to `logs` rows in all: on scheduled days up to yesterday, each routine with its own adherence
--      (some patients slip in the last 10 days) and its own pain trend (most improve, some get worse).
--
--   psql "host=127.0.0.1 port=55432 user=portal password=portal dbname=physioportal_bench" \
--        -v clinic_id=<uuid> -v bench_id=<AspNetUsers.Id> -v other_id=<AspNetUsers.Id> \
--        [-v active=20000] [-v mine=2000] [-v exercises=8] [-v logs=2000000] -f scripts/seed-bench-activity.sql
--
-- Meant for a database of its own (physioportal_bench): it changes the seeded rows in place. ./portal bench runs it
-- only when the counts are short, and the transaction makes it all or nothing.

\set ON_ERROR_STOP on
\if :{?clinic_id}
\else
  \echo 'seed-bench-activity.sql: set -v clinic_id, -v bench_id and -v other_id'
  \quit
\endif
\if :{?active}
\else
  \set active 20000
\endif
\if :{?mine}
\else
  \set mine 2000
\endif
\if :{?exercises}
\else
  \set exercises 8
\endif
\if :{?logs}
\else
  \set logs 2000000
\endif

BEGIN;
SELECT setseed(0.8) AS seeded \gset

-- The seeded prescriptions: signed by other_id (the demo clinic's own are signed by the bench clinician).
CREATE TEMP TABLE bench_rx ON COMMIT DROP AS
SELECT r."Id" AS rx_id, r."PatientId" AS patient_id, r."Status" AS status, v."Id" AS version_id
FROM "Prescriptions" r
JOIN "PrescriptionVersions" v ON v."PrescriptionId" = r."Id" AND v."Number" = r."CurrentVersionNumber"
WHERE r."ClinicId" = :'clinic_id' AND r."ClinicianUserId" = :'other_id';
CREATE INDEX ON bench_rx (rx_id);

-- 1. Exactly `active` active prescriptions.
SELECT count(*) AS active_now FROM "Prescriptions" WHERE "ClinicId" = :'clinic_id' AND "Status" = 'Active' \gset
SELECT (:active_now)::int < (:active)::int AS too_few \gset
\if :too_few
  \echo 'seed-bench-activity.sql: only' :active_now 'active prescriptions, fewer than' :active '(raise active_share)'
  ROLLBACK;
  \quit
\endif
UPDATE "Prescriptions" SET "Status" = 'Ended'
WHERE "Id" IN (SELECT rx_id FROM bench_rx WHERE status = 'Active' ORDER BY rx_id LIMIT (:active_now)::int - (:active)::int);
UPDATE bench_rx b SET status = r."Status" FROM "Prescriptions" r WHERE r."Id" = b.rx_id AND r."Status" <> b.status;

-- 2. Spread over time. Active: started 3..152 days ago, running 1..8 weeks past today. Ended: 6..12 weeks long,
--    over well before today (their start dates from seed-large-clinic.sql are 4 to 13 months back).
UPDATE "PrescriptionVersions" v
SET "StartDate" = current_date - d.back,
    "Weeks" = (d.back + 6) / 7 + 1 + d.extra,
    "CreatedAt" = (current_date - d.back)::timestamptz
FROM (SELECT version_id, 3 + floor(random() * 150)::int AS back, floor(random() * 8)::int AS extra
      FROM bench_rx WHERE status = 'Active') d
WHERE v."Id" = d.version_id;
UPDATE "PrescriptionVersions" v SET "Weeks" = 6 + floor(random() * 7)::int
FROM bench_rx b WHERE b.status = 'Ended' AND v."Id" = b.version_id;

-- 3. `exercises` exercises per routine: what the template gave, then other library exercises in a per-routine order.
INSERT INTO "PrescribedExercise" ("Id", "VersionId", "Position", "ExerciseId", "Slug", "Name", "Group", "StartingPosition",
                                  "Equipment", "Steps", "Targets", "Cautions", "Note", "Dosage_HoldMaxSeconds",
                                  "Dosage_HoldMinSeconds", "Dosage_RepsMax", "Dosage_RepsMin", "Dosage_RestSeconds",
                                  "Dosage_Sets", "Dosage_Sides", "PhotoKeys", "PhotoPrintKeys")
SELECT gen_random_uuid(), x.version_id, x.have + x.rn, e."Id", e."Slug", e."Name", e."Group", e."Position", e."Equipment",
       e."Steps", e."Targets", e."Cautions", NULL, e."DefaultDosage_HoldMaxSeconds", e."DefaultDosage_HoldMinSeconds",
       e."DefaultDosage_RepsMax", e."DefaultDosage_RepsMin", e."DefaultDosage_RestSeconds", e."DefaultDosage_Sets",
       e."DefaultDosage_Sides", '{}', '{}'
FROM (
    SELECT h.version_id, h.have, lib.id AS exercise_id,
           row_number() OVER (PARTITION BY h.version_id ORDER BY (lib.n + h.shift) % lib.total) AS rn
    FROM (SELECT v."Id" AS version_id, count(pe."Id")::int AS have, floor(random() * 1000)::int AS shift
          FROM "PrescriptionVersions" v
          JOIN "Prescriptions" r ON r."Id" = v."PrescriptionId" AND r."ClinicId" = :'clinic_id'
          LEFT JOIN "PrescribedExercise" pe ON pe."VersionId" = v."Id"
          GROUP BY v."Id"
          HAVING count(pe."Id") < (:exercises)::int) h
    CROSS JOIN (SELECT "Id" AS id, (row_number() OVER (ORDER BY "Slug"))::int AS n, (count(*) OVER ())::int AS total
                FROM "Exercises" WHERE "ClinicId" IS NULL) lib
    WHERE NOT EXISTS (SELECT 1 FROM "PrescribedExercise" pe WHERE pe."VersionId" = h.version_id AND pe."ExerciseId" = lib.id)
) x
JOIN "Exercises" e ON e."Id" = x.exercise_id
WHERE x.rn <= (:exercises)::int - x.have;

-- 4. `mine` active prescriptions for the bench clinician (counting the demo's own) and the same share of the ended
--    ones, so that the planner sees a clinician with a history; the rest stay with other_id.
SELECT count(*) AS mine_now FROM "Prescriptions"
WHERE "ClinicId" = :'clinic_id' AND "Status" = 'Active' AND "ClinicianUserId" = :'bench_id' \gset
SELECT round(count(*) * (:mine)::numeric / (:active)::numeric) AS mine_ended FROM bench_rx WHERE status = 'Ended' \gset
SELECT "DisplayName" AS bench_name FROM "AspNetUsers" WHERE "Id" = :'bench_id' \gset
UPDATE "Prescriptions" SET "ClinicianUserId" = :'bench_id', "ClinicianName" = :'bench_name'
WHERE "Id" IN (SELECT rx_id FROM bench_rx WHERE status = 'Active' ORDER BY md5(rx_id::text)
               LIMIT greatest((:mine)::int - (:mine_now)::int, 0))
   OR "Id" IN (SELECT rx_id FROM bench_rx WHERE status = 'Ended' ORDER BY md5(rx_id::text) LIMIT (:mine_ended)::int);
UPDATE "PrescriptionVersions" v SET "AuthorUserId" = :'bench_id', "AuthorName" = :'bench_name'
FROM "Prescriptions" r, bench_rx b
WHERE b.rx_id = r."Id" AND r."ClinicianUserId" = :'bench_id' AND v."Id" = b.version_id;

-- 5. Session logs. Per routine: an adherence (a fifth of the patients under 50 %), a slip in the last 10 days for
--    some active ones, a first pain score and a trend (most improve by about 3 points, some worsen by 3).
CREATE TEMP TABLE bench_plan ON COMMIT DROP AS
SELECT b.rx_id, b.patient_id, b.version_id, b.status = 'Active' AS active,
       v."StartDate" AS start_date, least(v."StartDate" + v."Weeks" * 7 - 1, current_date - 1) AS last_date,
       v."Days" AS days, v."ReminderTime" AS reminder,
       (SELECT array_agg(pe."ExerciseId" ORDER BY pe."Position") FROM "PrescribedExercise" pe WHERE pe."VersionId" = v."Id") AS done,
       CASE WHEN random() < 0.2 THEN 0.1 + random() * 0.4 ELSE 0.5 + random() * 0.48 END AS adherence,
       b.status = 'Active' AND random() < 0.15 AS slipping,
       2 + floor(random() * 7)::int AS first_pain,
       CASE WHEN random() < 0.8 THEN -3.0 WHEN random() < 0.5 THEN 3.0 ELSE 0.0 END AS trend,
       random() < 0.7 AS scores_pain
FROM bench_rx b
JOIN "PrescriptionVersions" v ON v."Id" = b.version_id;

SELECT (:logs)::bigint - count(*) AS logs_needed FROM "SessionLogs" \gset

CREATE TEMP TABLE bench_logs ON COMMIT DROP AS
SELECT p.rx_id, p.patient_id, p.version_id, p.active, d::date AS day, p.done, p.reminder,
       CASE WHEN p.scores_pain THEN
           least(10, greatest(0, round(p.first_pain + p.trend * (d::date - p.start_date) / greatest(p.last_date - p.start_date, 1)
                                       + (random() * 2 - 1))::int)) END AS pain
FROM bench_plan p
CROSS JOIN LATERAL generate_series(p.start_date, p.last_date, interval '1 day') AS d
WHERE p.days & (1 << (extract(isodow FROM d)::int - 1)) <> 0
  AND random() < CASE WHEN p.slipping AND d::date >= current_date - 10 THEN p.adherence * 0.15 ELSE p.adherence END;

-- Active routines first (their recent weeks are what the pages read), then ended ones until the total is reached.
INSERT INTO "SessionLogs" ("Id", "ClinicId", "PatientId", "PrescriptionId", "PrescriptionVersionId", "LocalDate", "Session",
                           "ExercisesDone", "PainBefore", "PainAfter", "Difficulty", "Note", "Source", "LoggedAt", "UpdatedAt")
SELECT gen_random_uuid(), :'clinic_id', l.patient_id, l.rx_id, l.version_id, l.day, 1,
       CASE WHEN random() < 0.85 THEN l.done ELSE l.done[1:greatest(array_length(l.done, 1) - 2, 1)] END,
       l.pain, CASE WHEN l.pain IS NOT NULL THEN greatest(l.pain - floor(random() * 3)::int, 0) END,
       (ARRAY['AboutRight','AboutRight','AboutRight','Easy','TooHard'])[1 + floor(random() * 5)::int],
       CASE WHEN random() < 0.03 THEN 'Felt a pull on the left side, eased off after a few reps.' END,
       CASE WHEN random() < 0.3 THEN 'EmailLink' ELSE 'Site' END,
       (l.day + l.reminder + make_interval(mins => floor(random() * 600)::int)) AT TIME ZONE 'Europe/London',
       (l.day + l.reminder + make_interval(mins => floor(random() * 600)::int)) AT TIME ZONE 'Europe/London'
FROM (SELECT * FROM bench_logs WHERE active
      UNION ALL
      SELECT * FROM bench_logs WHERE NOT active) l
LIMIT greatest((:logs_needed)::bigint, 0);

SELECT count(*) FILTER (WHERE "Status" = 'Active') AS active_rx,
       count(*) FILTER (WHERE "Status" = 'Active' AND "ClinicianUserId" = :'bench_id') AS mine_rx,
       count(*) AS all_rx
FROM "Prescriptions" WHERE "ClinicId" = :'clinic_id' \gset
SELECT count(*) AS log_count FROM "SessionLogs" \gset
\echo 'bench activity:' :active_rx 'active prescriptions (' :mine_rx 'of the bench clinician) of' :all_rx ',' :log_count 'session logs'

COMMIT;
