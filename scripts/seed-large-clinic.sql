-- Seeds a large clinic: COUNT patients with varied, realistic names, emails, ages, conditions and intake answers,
-- about a third of them with an active prescription (built from the clinic's routine templates, with the exercise
-- snapshot), some with an ended one, and some archived. Set-based (generate_series), about 15 s for 100 000.
--
--   psql "host=127.0.0.1 port=55432 user=portal password=portal dbname=physioportal" \
--        -v clinic_id=<uuid of an existing clinic> [-v count=100000] [-v clinician_id=<AspNetUsers.Id>] \
--        [-v active_share=0.35] [-v ended_share=0.08] -f scripts/seed-large-clinic.sql
--
-- Seeded patient number n of a clinic has the id md5(clinic_id || ':seed:' || n)::uuid, so running the script again
-- tops the clinic up to COUNT seeded patients: it never adds more and never deletes. Their email addresses (94 % have
-- one) are at @large-clinic.example, a reserved domain where nothing is ever delivered, and they never consent to
-- email, so no reminder job picks them up. Prescriptions are signed by clinician_id,
-- or by a clinician of the clinic when it is not given. active_share and ended_share are the shares of the new current
-- patients given an active and an ended prescription (./portal bench sets them). The database must be migrated by the
-- portal first.

\set ON_ERROR_STOP on
\if :{?clinic_id}
\else
  \echo 'seed-large-clinic.sql: set the clinic with -v clinic_id=<uuid>'
  \quit
\endif
\if :{?count}
\else
  \set count 100000
\endif
\if :{?clinician_id}
\else
  \set clinician_id ''
\endif
\if :{?active_share}
\else
  \set active_share 0.35
\endif
\if :{?ended_share}
\else
  \set ended_share 0.08
\endif

BEGIN;

SELECT setseed(0.20261125) AS seeded \gset

-- The clinic must exist; the clinician is the one given, or any clinician of the clinic.
CREATE TEMP TABLE seed_ctx ON COMMIT DROP AS
SELECT c."Id" AS clinic_id,
       coalesce(u."Id", '') AS clinician_id,
       coalesce(u."DisplayName", 'Seeded clinician') AS clinician_name,
       (SELECT count(*) FROM generate_series(1, (:count)::int) n
        WHERE EXISTS (SELECT 1 FROM "Patients" p WHERE p."Id" = md5(c."Id"::text || ':seed:' || n)::uuid)) AS existing
FROM "Clinics" c
LEFT JOIN LATERAL (
    SELECT x."Id", x."DisplayName"
    FROM "AspNetUsers" x
    WHERE x."ClinicId" = c."Id"
      AND (x."Id" = :'clinician_id'
           OR (:'clinician_id' = '' AND EXISTS (
                SELECT 1 FROM "AspNetUserRoles" ur JOIN "AspNetRoles" r ON r."Id" = ur."RoleId"
                WHERE ur."UserId" = x."Id" AND r."Name" = 'Clinician')))
    ORDER BY x."Email" DESC
    LIMIT 1) u ON true
WHERE c."Id" = :'clinic_id'::uuid;

SELECT CASE WHEN count(*) = 1 THEN 'clinic found' ELSE 'no clinic with id ' || :'clinic_id' END AS check,
       max(existing) AS already_seeded
FROM seed_ctx \gset
\if :{?already_seeded}
\else
  \echo 'seed-large-clinic.sql: ' :check
  \quit
\endif
\echo :check ', seeded patients already there:' :already_seeded ', target:' :count

-- Names from many backgrounds, as a city clinic sees them. Female names first (pregnancy is only seeded for them).
CREATE TEMP TABLE seed_names ON COMMIT DROP AS
SELECT
  ARRAY['Emma','Olivia','Amelia','Isla','Ava','Mia','Sophie','Grace','Lily','Freya','Chloe','Ella','Evie','Poppy',
        'Charlotte','Jessica','Hannah','Lucy','Ruby','Alice','Priya','Aisha','Fatima','Zara','Maryam','Ananya','Sofia',
        'Lucía','Maria','Ana','Chiara','Giulia','Agnieszka','Katarzyna','Olena','Ngozi','Chiamaka','Amara','Mei','Yuki',
        'Hana','Siobhan','Niamh','Aoife','Catrin','Eilidh','Margaret','Susan','Helen','Karen','Janet','Patricia','Linda',
        'Deborah','Claire','Rachel','Rebecca','Laura','Sarah','Emily','Zoë','Noor','Leila','Ines','Anja','Elif','Ayesha',
        'Sana','Joanna','Beatriz'] AS female,
  ARRAY['Oliver','George','Harry','Noah','Jack','Leo','Arthur','Oscar','Charlie','Jacob','Thomas','James','William',
        'Henry','Alfie','Joshua','Daniel','Samuel','Mohammed','Ahmed','Omar','Yusuf','Ali','Arjun','Rohan','Vikram',
        'Raj','Mateo','Diego','Javier','Luca','Marco','Piotr','Tomasz','Jakub','Andriy','Chinedu','Emeka','Kwame',
        'Kofi','Wei','Hiroshi','Kenji','Seán','Cian','Rhys','Dylan','Callum','Robert','David','Michael','Paul','Peter',
        'Stephen','Mark','Richard','Christopher','Andrew','Anthony','Kevin','Gareth','Ibrahim','Hamza','Tariq','Bilal',
        'Lars','Jonas','Mehmet','Emre','Nikos'] AS male,
  ARRAY['Smith','Jones','Williams','Taylor','Brown','Davies','Evans','Wilson','Thomas','Johnson','Roberts','Robinson',
        'Thompson','Wright','Walker','White','Edwards','Hughes','Green','Hall','Lewis','Harris','Clarke','Patel','Jackson',
        'Wood','Turner','Martin','Cooper','Hill','Ward','Morris','Moore','Clark','Lee','King','Baker','Harrison',
        'Morgan','Allen','James','Scott','Phillips','Watson','Davis','Parker','Price','Bennett','Young','Griffiths',
        'Mitchell','Kelly','Cook','Carter','Richardson','Bailey','Collins','Bell','Shaw','Murphy','Miller','Cox',
        'Richards','Khan','Marshall','Anderson','Simpson','Ellis','Adams','Singh','Begum','Wilkinson','Foster','Chapman',
        'Powell','Webb','Rogers','Gray','Mason','Ali','Hunt','Hussain','Campbell','Matthews','Owen','Palmer','Holmes',
        'Mills','Barnes','Knight','Lloyd','Butler','Russell','Barker','Fisher','Stevens','Jenkins','Murray','Dixon',
        'Harvey','Graham','Pearson','Ahmed','Fletcher','Walsh','Kaur','Gibson','Howard','Andrews','Stewart','Ford',
        'Reynolds','Saunders','Payne','Fox','O''Brien','O''Connor','McDonald','MacLeod','Nowak','Kowalski','Wiśniewska',
        'García','Martínez','Rodríguez','Fernández','Rossi','Russo','Ferrari','Okafor','Okonkwo','Adeyemi','Mensah',
        'Boateng','Chen','Wang','Li','Zhang','Nguyen','Tanaka','Sato','Yilmaz','Demir','Kaya','Öztürk','Müller','Schmidt',
        'Schneider','Dubois','Lefèvre','Jansen','de Vries','Van der Berg','Nielsen','Hansen','Johansson','Papadopoulos',
        'Shah','Sharma','Gupta','Iyer','Chaudhry','Rahman','Hossain','Goldsmith','Smithson','Ferreira','Silva','Costa',
        'Haddad','Nasser','Cohen','Levi','Byrne','Doyle','Quinn','Burke','Rees','Pritchard','Llewellyn'] AS last,
  ARRAY['Europe/London','Europe/London','Europe/London','Europe/London','Europe/London','Europe/London','Europe/Dublin',
        'Europe/Paris','Europe/Madrid','Europe/Warsaw','America/New_York','Asia/Kolkata','Australia/Sydney'] AS zones,
  ARRAY['07:00','07:30','08:00','08:00','08:00','09:00','12:30','18:00','19:30','20:00']::time[] AS times;

-- One row per new patient with all its random draws, materialised first so that every draw is made once per row.
CREATE TEMP TABLE seed_draws ON COMMIT DROP AS
SELECT n, md5(ctx.clinic_id::text || ':seed:' || n)::uuid AS id,
       random() < 0.55 AS female, random() AS rf, random() AS rl,
       random() AS r_age, random() AS r_dob_null, random() AS r_email, random() AS r_zone, random() AS r_time,
       random() AS r_archived, random() AS r_created, random() AS r_flag, random() AS r_flag_which, random() AS r_side,
       random() AS r_due, random() AS r_rx, random() AS r_notes, random() AS r_pregnant,
         (CASE WHEN random() < 0.15 THEN 1 ELSE 0 END)        -- upper back
       | (CASE WHEN random() < 0.35 THEN 2 ELSE 0 END)        -- lower back
       | (CASE WHEN random() < 0.10 THEN 4 ELSE 0 END)        -- core
       | (CASE WHEN random() < 0.10 THEN 8 ELSE 0 END)        -- flexibility
       | (CASE WHEN random() < 0.15 THEN 16 ELSE 0 END)       -- posture
       | (CASE WHEN random() < 0.12 THEN 32 ELSE 0 END)       -- hips
       | (CASE WHEN random() < 0.15 THEN 64 ELSE 0 END)       -- at work
       | (CASE WHEN random() < 0.10 THEN 256 ELSE 0 END)      -- sciatica
       | (CASE WHEN random() < 0.04 THEN 512 ELSE 0 END)      -- scoliosis
       AS base_conditions
FROM seed_ctx ctx, generate_series(1, (:count)::int) AS n
WHERE NOT EXISTS (SELECT 1 FROM "Patients" p WHERE p."Id" = md5(ctx.clinic_id::text || ':seed:' || n)::uuid);

CREATE TEMP TABLE seed_patients ON COMMIT DROP AS
SELECT d.*,
       CASE WHEN d.female THEN nm.female[1 + floor(d.rf * array_length(nm.female, 1))::int]
            ELSE nm.male[1 + floor(d.rf * array_length(nm.male, 1))::int] END AS first_name,
       nm.last[1 + floor(d.rl * array_length(nm.last, 1))::int] AS last_name
FROM seed_draws d, seed_names nm;

INSERT INTO "Patients" ("Id", "ClinicId", "FirstName", "LastName", "DateOfBirth", "Email", "TimeZoneId", "ReminderTime",
                        "EmailConsent", "Conditions", "PregnancyDueDate", "SciaticaSide", "RedFlags", "Notes",
                        "CreatedAt", "ArchivedAt")
SELECT s.id,
       ctx.clinic_id,
       s.first_name,
       s.last_name,
       CASE WHEN s.r_dob_null < 0.08 THEN NULL
            WHEN pregnant THEN (current_date - make_interval(years => 20 + floor(s.r_age * 22)::int, days => (s.n % 365)::int))::date
            ELSE (current_date - make_interval(years => 16 + floor(s.r_age * 72)::int, days => (s.n % 365)::int))::date END,
       CASE WHEN s.r_email < 0.06 THEN NULL
            ELSE translate(lower(replace(replace(s.first_name, '''', ''), ' ', '') || '.' || replace(replace(s.last_name, '''', ''), ' ', '')),
                           'áéíóúñçëèöüśęłżź', 'aeiounceeouselzz') || '.' || s.n || '@large-clinic.example' END,
       nm.zones[1 + floor(s.r_zone * array_length(nm.zones, 1))::int],
       nm.times[1 + floor(s.r_time * array_length(nm.times, 1))::int],
       false,
       CASE WHEN conditions = 0 THEN 2 ELSE conditions END,
       CASE WHEN pregnant THEN current_date + (floor(s.r_due * 270)::int - 7) END,
       CASE WHEN conditions & 256 <> 0 THEN (ARRAY['Left','Right','Both','Left','Right'])[1 + floor(s.r_side * 5)::int] END,
       CASE WHEN s.r_flag < 0.05 THEN (1::bigint << floor(s.r_flag_which * 10)::int)
            WHEN pregnant AND s.r_flag < 0.08 THEN (1::bigint << (16 + floor(s.r_flag_which * 7)::int))
            ELSE 0 END,
       CASE WHEN s.r_notes < 0.1 THEN 'Seeded patient: referred by GP, first seen ' || to_char(current_date - (s.n % 900), 'DD Mon YYYY') || '.' END,
       now() - make_interval(days => floor(s.r_created * 1100)::int),
       CASE WHEN s.r_archived < 0.05 THEN now() - make_interval(days => floor(s.r_archived * 4000)::int) END
FROM seed_patients s, seed_ctx ctx, seed_names nm,
     LATERAL (SELECT s.female AND s.r_pregnant < 0.07 AND s.r_age < 0.9 AS pregnant) preg,
     LATERAL (SELECT s.base_conditions | (CASE WHEN preg.pregnant THEN 128 ELSE 0 END) AS conditions) cond;

-- Prescriptions: about 35 % of the current patients have an active one, 8 % an ended one (active_share, ended_share), built from the routine
-- template for their first condition, with the exercises copied in (the snapshot) as the portal does.
CREATE TEMP TABLE seed_rx ON COMMIT DROP AS
SELECT gen_random_uuid() AS rx_id,
       gen_random_uuid() AS version_id,
       p."Id" AS patient_id,
       CASE WHEN s.r_rx < (:active_share)::float8 THEN 'Active' ELSE 'Ended' END AS status,
       t."Id" AS template_id, t."Name" AS title, t."Slug" AS slug, t."DefaultDays" AS days, t."DefaultWeeks" AS weeks,
       p."ReminderTime" AS reminder,
       CASE WHEN s.r_rx < (:active_share)::float8 THEN current_date - floor(s.r_rx * 60)::int
            ELSE current_date - 120 - floor(s.r_rx * 300)::int END AS start_date,
       now() - make_interval(days => floor(s.r_rx * 60)::int) AS updated_at
FROM seed_patients s
JOIN "Patients" p ON p."Id" = s.id AND p."ArchivedAt" IS NULL
CROSS JOIN LATERAL (
    SELECT (ARRAY['UpperBack','LowerBack','Core','Flexibility','Posture','Hips','AtWork','Pregnancy','Sciatica','Scoliosis'])
           [1 + (SELECT min(b) FROM generate_series(0, 9) b WHERE p."Conditions" & (1 << b) <> 0)] AS condition) c
JOIN LATERAL (
    SELECT t.* FROM "RoutineTemplates" t
    WHERE t."Condition" = c.condition AND t."ClinicId" IS NULL
    ORDER BY t."SortOrder", t."Slug" LIMIT 1) t ON true
WHERE s.r_rx < (:active_share)::float8 + (:ended_share)::float8;

INSERT INTO "Prescriptions" ("Id", "ClinicId", "PatientId", "Status", "CurrentVersionNumber", "CreatedAt", "UpdatedAt",
                             "ClinicianName", "ClinicianUserId")
SELECT rx.rx_id, ctx.clinic_id, rx.patient_id, rx.status, 1, rx.updated_at, rx.updated_at, ctx.clinician_name, ctx.clinician_id
FROM seed_rx rx, seed_ctx ctx;

INSERT INTO "PrescriptionVersions" ("Id", "PrescriptionId", "Number", "CreatedAt", "AuthorUserId", "AuthorName", "Title",
                                    "TemplateSlug", "Days", "SessionsPerDay", "ReminderTime", "StartDate", "Weeks",
                                    "NoteToPatient", "ChangeSummary", "AcknowledgedWarnings")
SELECT rx.version_id, rx.rx_id, 1, rx.updated_at, ctx.clinician_id, ctx.clinician_name, rx.title, rx.slug, rx.days, 1,
       rx.reminder, rx.start_date, rx.weeks, NULL, '', '{}'
FROM seed_rx rx, seed_ctx ctx;

INSERT INTO "PrescribedExercise" ("Id", "VersionId", "Position", "ExerciseId", "Slug", "Name", "Group", "StartingPosition",
                                  "Equipment", "Steps", "Targets", "Cautions", "Note", "Dosage_HoldMaxSeconds",
                                  "Dosage_HoldMinSeconds", "Dosage_RepsMax", "Dosage_RepsMin", "Dosage_RestSeconds",
                                  "Dosage_Sets", "Dosage_Sides", "PhotoKeys", "PhotoPrintKeys")
SELECT gen_random_uuid(), rx.version_id, i."Position", e."Id", e."Slug", e."Name", e."Group", e."Position", e."Equipment",
       e."Steps", e."Targets", e."Cautions", i."Note", i."Dosage_HoldMaxSeconds", i."Dosage_HoldMinSeconds",
       i."Dosage_RepsMax", i."Dosage_RepsMin", i."Dosage_RestSeconds", i."Dosage_Sets", i."Dosage_Sides", '{}', '{}'
FROM seed_rx rx
JOIN "RoutineTemplateItem" i ON i."TemplateId" = rx.template_id
JOIN "Exercises" e ON e."Id" = i."ExerciseId";

SELECT count(*) AS patients_added FROM seed_patients \gset
SELECT count(*) FILTER (WHERE status = 'Active') AS active_added, count(*) FILTER (WHERE status = 'Ended') AS ended_added FROM seed_rx \gset
\echo 'added' :patients_added 'patients,' :active_added 'active and' :ended_added 'ended prescriptions'

COMMIT;

ANALYZE "Patients";
ANALYZE "Prescriptions";
ANALYZE "PrescriptionVersions";
ANALYZE "PrescribedExercise";
