#!/usr/bin/env bash
# ./portal bench: speed figures of the portal, measured in one run on this machine, printed as one table and written
# as JSON to .data/bench/. Reports; never fails on a figure (the goals are printed beside them).
#
#   ./portal bench [--rounds 3] [--duration 10] [--connections 64] [--threads 2] [--only web,handouts,photos,emails]
#                  [--pages ceiling,floor,log,...] [--reseed] [--no-build] [--env NAME=VALUE]...
#   ./portal bench --instances 2 [...]: the patient home through nginx, two instances against one (bench-instances.sh)
#
# 1. Web: the portal published (Release) and run in Production against its own database on the private PostgreSQL
#    (physioportal_bench: a clinic of 100 000 patients, 20 000 active prescriptions of 8 exercises, 2 000 000 session
#    logs; seeded once by scripts/seed-large-clinic.sql + scripts/seed-bench-activity.sql, reused while the counts
#    hold; --reseed drops it; 2 000 own exercises are added once). wrk, signed in with a cookie from curl, measures
#    requests/s and p99 for: the ceiling (/bench/ceiling: the layout and a card, no
#    database but the session), the same page signed out (what reading the session costs), the floor (/bench/floor:
#    the same layout and one row read by primary key through EF Core, served only because the bench sets
#    Bench__Yardsticks=true), the patient home, posting a session log, the patient list (a search, page 500 by number
#    and page 500 by the "Next" link of page 499), the clinician home with the slipping list, a stored photo and a
#    library search (issue 13), and for issue 14 posting a log without the alert rules (the same request with a header
#    the portal honours only while Bench__Yardsticks=true), both at 64 connections and at 1 (p50, p99), and the alerts
#    inbox of the bench clinician with 500 open alerts (scripts/seed-bench-alerts.sql, idempotent, every run). Every
#    page's ratio to the ceiling and to the floor of the same round is printed beside
#    the goals, and where the time goes per request: the portal's CPU, PostgreSQL's transactions and busy time.
#    Rounds are interleaved (every page once, then again), so a slow minute of the machine touches all pages alike.
#    Before the rounds, a 12-megapixel JPEG is uploaded 5 times through an own exercise's edit page (timed by curl).
#    --env NAME=VALUE goes to the portal's environment (e.g. --env DOTNET_GCConserveMemory=7 to compare GC settings);
#    --no-build reuses the last build and publish; --pages runs only the pages named (keep ceiling and floor for ratios).
# 2. Handouts: bench/PhysioPortal.Bench handouts, once per round, with its yardsticks: the floor (PDFsharp writing the
#    same text runs with no layout) and the peer (Debian's Chromium printing the patient's page of the same routine,
#    saved by the web part, to PDF: one browser kept warm, and a process per PDF).
# 3. Photos (issue 13): bench/PhysioPortal.Bench photos: a 12-megapixel JPEG through the portal's PhotoProcessor on one
#    core, the peak memory one upload adds, and ten uploads at once through the portal's upload gate.
# 4. Emails: bench/PhysioPortal.EmailBench (the real EmailSender) sends 10 000 due reminders to netDumbster, once per round;
#    received messages, distinct Message-IDs and rows marked Sent are counted.
# 5. Memory: the portal's peak resident set (VmHWM, reset before the web runs, and VmRSS polled) during the web runs.
#
# Started by ./portal bench, which starts the private cluster and exports PORTAL_PG_PORT and PG_BIN.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"
CS="$(bench_connection_string 100)"

# --instances N: the patient home through nginx with N instances against one, a run of its own (scripts/bench-instances.sh).
for arg in "$@"; do [[ "$arg" == --instances ]] && exec "$REPO/scripts/bench-instances.sh" "$@"; done

PORTAL_ENV=() NO_BUILD=0 ONLY_PAGES=""
ONLY="web,handouts,photos,emails" RESEED=0 PORT="${BENCH_PORT:-}"
PATIENTS=100000 ACTIVE=20000 MINE=2000 EXERCISES=8 LOGS=2000000 EMAILS=10000
CLINIC_NAME="Riverside Physiotherapy (demo)"
CLINICIAN_EMAIL="alice.morgan@riverside.example"
OTHER_EMAIL="ben.okafor@riverside.example"
SEARCH="smith"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --pages) ONLY_PAGES="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --reseed) RESEED=1; shift ;;
    --no-build) NO_BUILD=1; shift ;;
    --env) [[ "$2" == *=* ]] || { printf 'bench: --env takes NAME=VALUE\n' >&2; exit 2; }; PORTAL_ENV+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,/^# Started by/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) printf 'bench: unknown option %s (see ./portal bench --help)\n' "$1" >&2; exit 2 ;;
  esac
done
positive_numbers "$ROUNDS" "$DURATION" "$CONNECTIONS" "$THREADS"
wants() { [[ ",$ONLY," == *",$1,"* ]]; }

STAMP="$(date -u +%Y%m%d-%H%M%S)"
RUN="$OUT/runs/$STAMP"
mkdir -p "$RUN"
LOG="$RUN/bench.log"

json_list() { local IFS=,; printf '[%s]' "$*"; }
fmt_int() { LC_ALL=C awk -v v="$1" 'BEGIN { if (v == "-") { print "-"; exit } v = sprintf("%.0f", v); s = ""; while (length(v) > 3) { s = " " substr(v, length(v) - 2) s; v = substr(v, 1, length(v) - 3) } print v s }'; }

APP_PID="" SAMPLER_PID=""
cleanup() {
  if [[ -n "$SAMPLER_PID" ]]; then kill "$SAMPLER_PID" 2>/dev/null || true; fi
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------------------------
# Tools and builds

for tool in curl awk sort "$PSQL" dotnet; do command -v "$tool" >/dev/null || die "needs $tool"; done
if wants web; then install_tool wrk wrk; fi

build() { # what, command...
  local what="$1"; shift
  if [[ $NO_BUILD -eq 1 ]]; then say "Not building $what (--no-build): using the last build"; return 0; fi
  say "Building $what..."
  "$@" >"$RUN/build-${what// /-}.log" 2>&1 || { tail -n 30 "$RUN/build-${what// /-}.log" >&2; die "building $what failed (log: $RUN)"; }
}
if wants web && [[ $NO_BUILD -eq 0 ]]; then
  rm -rf "$PUBLISH"
  build "the portal" dotnet publish src/PhysioPortal.Web -c Release -o "$PUBLISH" -nologo
fi
if wants handouts || wants web || wants photos; then build "the handout and photo bench" dotnet build bench/PhysioPortal.Bench -c Release -nologo; fi
if wants emails; then build "the email bench" dotnet build bench/PhysioPortal.EmailBench -c Release -nologo; fi

# ---------------------------------------------------------------------------------------------------------------
# Web

declare -A URLS
PAGES=(ceiling anon floor me log lognone log1 lognone1 search page500 next500 clinic alerts photo library)
# Issue 14: posting a log with the alert rules (log, log1) and without them (lognone, lognone1: the same build and
# request, with a header the portal honours only while the bench's yardsticks are on), at 64 connections and at 1.
declare -A PAGE_CONNS=([log1]=1 [lognone1]=1)
if [[ -n "$ONLY_PAGES" ]]; then
  chosen=()
  for name in "${PAGES[@]}"; do [[ ",$ONLY_PAGES," == *",$name,"* ]] && chosen+=("$name"); done
  [[ ${#chosen[@]} -gt 0 ]] || die "--pages names none of: ${PAGES[*]}"
  PAGES=("${chosen[@]}")
fi
TITLES_ceiling="empty page (ceiling)"
TITLES_anon="empty page, signed out"
TITLES_floor="one row by key (floor)"
TITLES_me="patient home"
TITLES_log="log a session"
TITLES_lognone="log a session, no alert rules"
TITLES_log1="log a session, 1 connection"
TITLES_lognone1="log, no alert rules, 1 conn."
TITLES_alerts="alerts inbox, 500 open"
TITLES_search="patient list, search"
TITLES_page500="patient list, page 500"
TITLES_next500="page 500 by Next (keyset)"
TITLES_clinic="clinician home, slipping"
TITLES_photo="a stored photo (issue 13)"
TITLES_library="library search (issue 13)"
title() { local v="TITLES_$1"; printf '%s' "${!v}"; }
DATA_NOTE="" SEED_NOTE="" PEAK_KB="" PEAK_HWM_KB="" WEB_ERRORS=""

wrk_run() { # name, url, file, seconds [, lua]
  local name="$1" url="$2" file="$3" seconds="$4" lua="${5:-}"
  # A long timeout: a slow page must show in the p99, not vanish into wrk's timeouts (2 s by default).
  local conns="${PAGE_CONNS[$name]:-$CONNECTIONS}" threads="$THREADS"
  (( threads > conns )) && threads="$conns"
  local -a args=(-t "$threads" -c "$conns" -d "${seconds}s" --timeout 30s --latency -H "$PROTO")
  [[ "$name" == anon ]] || args+=(-H "Cookie: $(cookie_for "$name")")
  [[ "$name" == lognone* ]] && args+=(-H "$SKIP_ALERTS")
  [[ -n "$lua" ]] && args+=(-s "$lua")
  wrk "${args[@]}" "$url" >"$file" 2>&1 || true
  drain
}

# PostgreSQL's own count of transactions (every statement outside one is one) and milliseconds busy, in the bench database.
pg_work() { sql -F ' ' -c "SELECT xact_commit + xact_rollback, active_time FROM pg_stat_database WHERE datname = '$DB'" 2>/dev/null || echo "0 0"; }

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$APP_PID/stat" 2>/dev/null || echo 0; } # for drain (bench-common.sh)

# Production cookies are Secure, and curl keeps no Secure cookie over http: the bench keeps them itself, one
# "name=value; ..." file per identity, and says it is a TLS proxy (X-Forwarded-Proto: https from a known proxy).
PROTO="X-Forwarded-Proto: https"
SKIP_ALERTS="X-Bench-Skip-Alerts: 1"
cookie_for() { case "$1" in search|page500|next500|clinic|alerts|photo|library) cat "$RUN/clinician.cookies" ;; anon) ;; *) cat "$RUN/patient.cookies" ;; esac; }
# GET or POST with the identity's cookies, keeping the cookies the answer sets: file, curl arguments...
curl_as() {
  local file="$1"; shift
  local hdr; hdr="$(mktemp)"
  [[ -f "$file" ]] || : >"$file"
  curl -H "$PROTO" -H "Cookie: $(cat "$file")" -D "$hdr" "$@"
  local rc=$?
  { tr ';' '\n' <"$file" | sed 's/^ *//' | grep '='; grep -i '^set-cookie:' "$hdr" | sed 's/^[^:]*: *//; s/;.*//; s/\r$//'; } |
    awk -F= '{ k = $1; v = substr($0, length($1) + 2); if (!(k in seen)) order[n++] = k; seen[k] = 1; val[k] = v }
      END { for (i = 0; i < n; i++) printf "%s%s=%s", (i ? "; " : ""), order[i], val[order[i]] }' >"$file.new"
  mv "$file.new" "$file"; rm -f "$hdr"
  return $rc
}

sign_in() { # email, cookie file
  local email="$1" jar="$2" token status
  rm -f "$jar"
  token="$(curl_as "$jar" -fs "$BASE/Identity/Account/Login" |
    grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//')"
  [[ -n "$token" ]] || die "no antiforgery token on the login page"
  status="$(curl_as "$jar" -s -o /dev/null -w '%{http_code}' \
    --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=$PASSWORD" \
    --data-urlencode "__RequestVerificationToken=$token" "$BASE/Identity/Account/Login")"
  [[ "$status" == 302 ]] || die "signing in as $email answered $status, not a redirect"
}

expect() { # name, method, expected status, url [, body file]
  local name="$1" method="$2" want="$3" url="$4" body="${5:-}" got
  local -a args=(-s -o "$RUN/check-$name.html" -w '%{http_code} %{redirect_url}' -H "$PROTO")
  [[ "$name" == anon ]] || args+=(-H "Cookie: $(cookie_for "$name")")
  [[ "$name" == lognone* ]] && args+=(-H "$SKIP_ALERTS")
  if [[ "$method" == POST ]]; then args+=(-X POST -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$body"); fi
  got="$(curl "${args[@]}" "$url")"
  [[ "${got%% *}" == "$want" ]] || die "$method $url answered '$got', expected $want (page: $RUN/check-$name.html)"
}

seed() {
  local clinic="$1" bench_id="$2" other_id="$3" started
  started="$(now)"
  say "Seeding the large clinic: $PATIENTS patients (scripts/seed-large-clinic.sql)..."
  "$PSQL" "$PG" -qX -v ON_ERROR_STOP=1 -v clinic_id="$clinic" -v count="$PATIENTS" -v clinician_id="$other_id" \
    -v active_share=0.215 -v ended_share=0.35 -f scripts/seed-large-clinic.sql >>"$LOG" 2>&1 ||
    { tail -n 20 "$LOG" >&2; die "seeding the patients failed"; }
  say "  patients and prescriptions in $(since "$started") s; routines, exercises and $LOGS session logs (scripts/seed-bench-activity.sql)..."
  "$PSQL" "$PG" -qX -v ON_ERROR_STOP=1 -v clinic_id="$clinic" -v bench_id="$bench_id" -v other_id="$other_id" \
    -v active="$ACTIVE" -v mine="$MINE" -v exercises="$EXERCISES" -v logs="$LOGS" -f scripts/seed-bench-activity.sql >>"$LOG" 2>&1 ||
    { tail -n 20 "$LOG" >&2; die "seeding the activity failed"; }
  say "  vacuum and analyze..."
  for t in Patients Prescriptions PrescriptionVersions PrescribedExercise SessionLogs; do
    sql -c "VACUUM (ANALYZE) \"$t\"" >>"$LOG" 2>&1
  done
  SEED_SECONDS="$(since "$started")"
  sql -c "COMMENT ON DATABASE $DB IS 'physioportal bench data: seeded $(date -u +%Y-%m-%d) in $SEED_SECONDS s'"
  say "  seeded in $SEED_SECONDS s"
}

# The handout's peer prints the patient's own page of the same routine: the home page as the server sent it, with its
# two stylesheets beside it (no scripts, no network), and the routine's exercises for the handout bench to use.
PEER_DIR="$OUT/peer"
save_peer_page() {
  mkdir -p "$PEER_DIR"
  cp "$PUBLISH/wwwroot/lib/bootstrap/dist/css/bootstrap.min.css" "$PUBLISH/wwwroot/css/site.css" "$PEER_DIR/"
  sed -e 's|href="/lib/bootstrap/dist/css/bootstrap.min.css"|href="bootstrap.min.css"|; s|href="/css/site.css[^"]*"|href="site.css"|' \
      -e 's|<script [^>]*></script>||g' "$RUN/check-me.html" >"$PEER_DIR/patient-home.html"
  sql -c "SELECT string_agg(e.\"Slug\", ',' ORDER BY e.\"Position\") FROM \"PrescribedExercise\" e
          JOIN \"PrescriptionVersions\" v ON v.\"Id\" = e.\"VersionId\"
          JOIN \"Prescriptions\" r ON r.\"Id\" = v.\"PrescriptionId\" AND v.\"Number\" = r.\"CurrentVersionNumber\"
          JOIN \"AspNetUsers\" u ON u.\"PatientId\" = r.\"PatientId\"
          WHERE u.\"NormalizedEmail\" = upper('$PATIENT_EMAIL') AND r.\"Status\" = 'Active'" >"$PEER_DIR/slugs.txt"
  [[ "$(tr ',' '\n' <"$PEER_DIR/slugs.txt" | grep -c .)" == "$EXERCISES" ]] || say "  (the bench patient's routine has not $EXERCISES library exercises: $(cat "$PEER_DIR/slugs.txt"))"
}

# Issue 13: the clinic's own library (2 000 own exercises, copies of the built-in ones under other names, added once),
# and a 12-megapixel phone photo uploaded through the edit page (timed by curl), whose web-size JPEG is then served.
OWN=2000 UPLOADS=5 UPLOAD_MS=() PHOTO_KEY=""
own_library() {
  local clinic="$1"
  sql -v clinic="$clinic" -v own="$OWN" <<'SQL' >>"$LOG"
INSERT INTO "Exercises" ("Id", "ClinicId", "Slug", "Name", "Group", "Position", "Equipment", "Steps", "Targets", "Cautions",
  "VariantNote", "SortOrder", "DefaultDosage_HoldMaxSeconds", "DefaultDosage_HoldMinSeconds", "DefaultDosage_RepsMax",
  "DefaultDosage_RepsMin", "DefaultDosage_RestSeconds", "DefaultDosage_Sets", "DefaultDosage_Sides", "CopiedFromId", "Regions", "UpdatedAt")
SELECT gen_random_uuid(), :'clinic', 'bench-own-' || lpad(n::text, 4, '0'),
  e."Name" || ', ' || (ARRAY['slow', 'banded', 'seated', 'standing', 'assisted', 'deep', 'short hold', 'long hold', 'gentle', 'loaded'])[1 + n % 10] || ' ' || n,
  e."Group", e."Position", e."Equipment", e."Steps", e."Targets", e."Cautions", e."VariantNote", 1000 + n,
  e."DefaultDosage_HoldMaxSeconds", e."DefaultDosage_HoldMinSeconds", e."DefaultDosage_RepsMax", e."DefaultDosage_RepsMin",
  e."DefaultDosage_RestSeconds", e."DefaultDosage_Sets", e."DefaultDosage_Sides", e."Id", e."Regions", now()
FROM generate_series(1, :own) n
CROSS JOIN LATERAL (SELECT * FROM "Exercises" b WHERE b."ClinicId" IS NULL ORDER BY b."Slug" OFFSET n % 39 LIMIT 1) e
WHERE NOT EXISTS (SELECT 1 FROM "Exercises" x WHERE x."ClinicId" = :'clinic' AND x."Slug" LIKE 'bench-own-%');
ANALYZE "Exercises";
SQL
  local photo="$OUT/phone-12mp.jpg"
  if [[ ! -s "$photo" ]]; then
    dotnet bench/PhysioPortal.Bench/bin/Release/net10.0/PhysioPortal.Bench.dll photos --count 1 --warmup 1 --out "$photo" >>"$LOG" 2>&1 ||
      die "could not make the 12-megapixel photo (bench/PhysioPortal.Bench photos)"
  fi
  local photo_sql="SELECT m.\"Key\" FROM \"ExerciseMedia\" m JOIN \"Exercises\" e ON e.\"Id\" = m.\"ExerciseId\"
    WHERE e.\"ClinicId\" = '$clinic' AND e.\"Slug\" = 'bench-own-0001' LIMIT 1"
  # The photo served in the rounds: uploaded once and kept (an upload's memory stays out of the rounds' figures).
  PHOTO_KEY="$(sql -c "$photo_sql")"
  if [[ -z "$PHOTO_KEY" ]]; then
    upload_photo 1 "$photo" >/dev/null
    PHOTO_KEY="$(sql -c "$photo_sql")"
  fi
  [[ -n "$PHOTO_KEY" ]] || die "the uploaded photo is not stored"
}

# Issue 14: 500 open alerts in the bench clinician's inbox (scripts/seed-bench-alerts.sql: added once, opened again
# at every run), and how many are open in all (the bench patient's logs may have raised a few real ones).
ALERTS=500 OPEN_ALERTS=""
bench_alerts() {
  local clinic="$1" bench_id="$2"
  OPEN_ALERTS="$("$PSQL" "$PG" -qAtX -v ON_ERROR_STOP=1 -v clinic_id="$clinic" -v bench_id="$bench_id" -v count="$ALERTS" \
    -f scripts/seed-bench-alerts.sql 2>>"$LOG" | tail -n 1)" || die "seeding the bench alerts failed (log: $LOG)"
  say "Alerts: $OPEN_ALERTS open in the bench clinician's inbox ($ALERTS seeded by scripts/seed-bench-alerts.sql)"
}

upload_photo() { # exercise number, file -> ms
  local token got
  token="$(curl_as "$RUN/clinician.cookies" -fs "$BASE/clinic/library/bench-own-000$1/edit" |
    grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//')"
  [[ -n "$token" ]] || die "no form token on /clinic/library/bench-own-000$1/edit"
  got="$(curl_as "$RUN/clinician.cookies" -s -o "$RUN/upload-$1.html" -w '%{http_code} %{time_total}' \
    -F "__RequestVerificationToken=$token" -F "photo=@$2;type=image/jpeg" "$BASE/clinic/library/bench-own-000$1/edit?handler=Photo")"
  [[ "${got%% *}" == 302 ]] || die "uploading the photo answered ${got%% *} (page: $RUN/upload-$1.html)"
  awk -v s="${got#* }" 'BEGIN { printf "%.0f\n", s * 1000 }'
}

# After the rounds (so that their memory figure is the pages' own): the 12-megapixel JPEG uploaded to 5 own exercises,
# one at a time, timed by curl (sending, processing, storing, the redirect).
time_uploads() {
  local clinic="$1" photo="$OUT/phone-12mp.jpg" i
  sql -c "DELETE FROM \"ExerciseMedia\" WHERE \"ExerciseId\" IN (SELECT \"Id\" FROM \"Exercises\" WHERE \"ClinicId\" = '$clinic'
          AND \"Slug\" LIKE 'bench-own-000_' AND \"Slug\" <> 'bench-own-0001')" >>"$LOG"
  for i in $(seq 2 $((UPLOADS + 1))); do
    UPLOAD_MS+=("$(upload_photo "$i" "$photo")")
  done
  say "  $UPLOADS uploads of a $(du -k "$photo" | cut -f1) KB 12-megapixel JPEG through the edit page: $(printf '%s ' "${UPLOAD_MS[@]}")ms"
}

web() {
  if [[ $RESEED -eq 1 ]]; then
    say "Dropping $DB (--reseed)..."
    "$PSQL" "$PG_ADMIN" -qAtX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >>"$LOG"
  fi
  if [[ "$("$PSQL" "$PG_ADMIN" -qAtX -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]]; then
    "$PSQL" "$PG_ADMIN" -qAtX -v ON_ERROR_STOP=1 -c "CREATE DATABASE $DB" >>"$LOG"
    say "Created the database $DB"
  fi

  if [[ -z "$PORT" ]]; then
    for PORT in $(seq 5097 5140); do port_free "$PORT" && break; done
  fi
  port_free "$PORT" || die "port $PORT is taken; choose one with --port"
  BASE="http://127.0.0.1:$PORT"
  dataprotection_certificate
  say "Starting the published portal in Production on $BASE (it migrates $DB and adds the demo clinic)..."
  ( run_bench_portal "$PORT" "$CS" Bench__Yardsticks=true Portal__MigrateOnStart=true Portal__SeedDemoData=true Portal__PublicUrl="$BASE" \
      ${PORTAL_ENV[@]+"${PORTAL_ENV[@]}"} ) >"$RUN/portal.log" 2>&1 &
  APP_PID=$!
  local i
  for i in $(seq 1 240); do
    if curl -fs -o /dev/null "$BASE/health"; then break; fi
    kill -0 "$APP_PID" 2>/dev/null || { tail -n 30 "$RUN/portal.log" >&2; die "the portal stopped while starting"; }
    sleep 0.5
  done
  curl -fs -o /dev/null "$BASE/health" || { tail -n 30 "$RUN/portal.log" >&2; die "the portal did not answer /health in 2 minutes"; }

  # The data: reused when the counts are there.
  local clinic bench_id other_id patients active mine logs checked
  checked="$(now)"
  clinic="$(sql -c "SELECT \"Id\" FROM \"Clinics\" WHERE \"Name\" = '$CLINIC_NAME'")"
  bench_id="$(sql -c "SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"NormalizedEmail\" = upper('$CLINICIAN_EMAIL')")"
  other_id="$(sql -c "SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"NormalizedEmail\" = upper('$OTHER_EMAIL')")"
  [[ -n "$clinic" && -n "$bench_id" && -n "$other_id" ]] || die "the demo clinic or its clinicians are missing in $DB (try --reseed)"
  counts_sql="SELECT (SELECT count(*) FROM \"Patients\" WHERE \"ClinicId\" = '$clinic'),
      (SELECT count(*) FROM \"Prescriptions\" WHERE \"ClinicId\" = '$clinic' AND \"Status\" = 'Active'),
      (SELECT count(*) FROM \"Prescriptions\" WHERE \"ClinicId\" = '$clinic' AND \"Status\" = 'Active' AND \"ClinicianUserId\" = '$bench_id'),
      (SELECT count(*) FROM \"SessionLogs\")"
  read -r patients active mine logs <<<"$(sql -F ' ' -c "$counts_sql")"
  if (( patients >= PATIENTS && active == ACTIVE && logs >= LOGS )); then
    SEED_NOTE="reused, counts checked in $(since "$checked") s ($(sql -c "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$DB'" | sed 's/^physioportal bench data: //'))"
    say "Data: reused, $patients patients, $active active prescriptions, $logs session logs ($SEED_NOTE)"
  else
    say "Data: $patients patients, $active active prescriptions, $logs session logs: short of the targets, seeding"
    seed "$clinic" "$bench_id" "$other_id"
    SEED_NOTE="seeded now in $SEED_SECONDS s"
    read -r patients active mine logs <<<"$(sql -F ' ' -c "$counts_sql")"
  fi
  DATA_NOTE="$(fmt_int "$patients") patients, $(fmt_int "$active") active prescriptions ($(fmt_int "$mine") the bench clinician's), $(fmt_int "$logs") session logs"
  DATA_JSON="{\"patients\": $patients, \"activePrescriptions\": $active, \"benchClinicianActive\": $mine, \"sessionLogs\": $logs, \"seeding\": \"$SEED_NOTE\"}"

  # The bench patient's routine must run through today (the data may be weeks old).
  sql -c "UPDATE \"PrescriptionVersions\" v SET \"Weeks\" = (current_date - v.\"StartDate\") / 7 + 5
          FROM \"Prescriptions\" r JOIN \"AspNetUsers\" u ON u.\"PatientId\" = r.\"PatientId\"
          WHERE u.\"NormalizedEmail\" = upper('$PATIENT_EMAIL') AND r.\"Status\" = 'Active'
            AND v.\"PrescriptionId\" = r.\"Id\" AND v.\"Number\" = r.\"CurrentVersionNumber\"
            AND v.\"StartDate\" + v.\"Weeks\" * 7 - 1 < current_date + 7" >/dev/null

  # Signing in, the session-log form, and a check of every page before measuring.
  sign_in "$PATIENT_EMAIL" "$RUN/patient.cookies"
  sign_in "$CLINICIAN_EMAIL" "$RUN/clinician.cookies"
  local form token done_ids body
  form="$(curl_as "$RUN/patient.cookies" -fs "$BASE/me/log")"
  token="$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$form" | head -n1 | sed 's/.*value="//; s/"$//')"
  [[ -n "$token" ]] || die "no antiforgery token on /me/log"
  done_ids="$(grep -o 'name="Input.Done" value="[^"]*"' <<<"$form" | sed 's/.*value="//; s/"$//')"
  [[ -n "$done_ids" ]] || die "no exercises on /me/log"
  body="__RequestVerificationToken=$token"
  while read -r id; do body+="&Input.Done=$id"; done <<<"$done_ids"
  body+="&Input.PainBefore=4&Input.PainAfter=3&Input.Difficulty=AboutRight&Input.Note=Bench+run"
  printf '%s' "$body" >"$RUN/log-body.txt"
  cat >"$RUN/post-log.lua" <<EOF
wrk.method = "POST"
wrk.body = "$body"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
EOF
  URLS[ceiling]="$BASE/bench/ceiling"
  URLS[floor]="$BASE/bench/floor"
  URLS[me]="$BASE/me"
  URLS[log]="$BASE/me/log"
  URLS[search]="$BASE/clinic/patients?q=$SEARCH"
  URLS[page500]="$BASE/clinic/patients?page=500"
  URLS[clinic]="$BASE/clinic"
  URLS[anon]="$BASE/bench/ceiling"
  URLS[lognone]="$BASE/me/log"
  URLS[log1]="$BASE/me/log"
  URLS[lognone1]="$BASE/me/log"
  bench_alerts "$clinic" "$bench_id"
  URLS[alerts]="$BASE/clinic/alerts"
  # Page 500 as a clinician reaches it: the "Next" link of page 499 (it names page 499's last patient).
  local next
  next="$(curl_as "$RUN/clinician.cookies" -fs "$BASE/clinic/patients?page=499" | grep -o '<a class="page-link" href="[^"]*" rel="next"' |
    sed 's/.*href="//; s/".*//; s/&amp;/\&/g')"
  [[ "$next" == /clinic/patients\?page=500* ]] || die "page 499 has no link to page 500 ($next)"
  URLS[next500]="$BASE$next"
  own_library "$clinic"
  URLS[photo]="$BASE/media/$PHOTO_KEY"
  URLS[library]="$BASE/clinic/library?Q=plank"
  check_all() {
    expect ceiling GET 200 "${URLS[ceiling]}"
    expect anon GET 200 "${URLS[anon]}"
    expect photo GET 200 "${URLS[photo]}"
    expect library GET 200 "${URLS[library]}"
    expect floor GET 200 "${URLS[floor]}"
    expect me GET 200 "${URLS[me]}"
    expect log POST 302 "${URLS[log]}" "$RUN/log-body.txt"
    expect lognone POST 302 "${URLS[lognone]}" "$RUN/log-body.txt"
    expect alerts GET 200 "${URLS[alerts]}"
    expect search GET 200 "${URLS[search]}"
    expect page500 GET 200 "${URLS[page500]}"
    expect next500 GET 200 "${URLS[next500]}"
    expect clinic GET 200 "${URLS[clinic]}"
  }
  check_all
  grep -q 'Showing' "$RUN/check-page500.html" || die "/clinic/patients?page=500 shows no rows"
  grep -q 'alert-item' "$RUN/check-alerts.html" || die "/clinic/alerts shows no alerts"
  save_peer_page

  # Memory: reset the peak, then poll the resident set while wrk runs.
  echo 5 >"/proc/$APP_PID/clear_refs" 2>/dev/null || true
  (
    peak=0
    while kill -0 "$APP_PID" 2>/dev/null; do
      rss="$(awk '/^VmRSS:/ { print $2 }' "/proc/$APP_PID/status" 2>/dev/null || echo 0)"
      if (( ${rss:-0} > peak )); then peak="$rss"; echo "$peak" >"$RUN/rss-peak"; fi
      sleep 0.2
    done
  ) &
  SAMPLER_PID=$!

  say "Warming up (5 s a page)..."
  local name lua
  for name in "${PAGES[@]}"; do
    lua=""; [[ "$name" == log* ]] && lua="$RUN/post-log.lua"
    wrk_run "$name" "${URLS[$name]}" "$RUN/warmup-$name.txt" 5 "$lua"
  done

  local r rps p99 p50 errors t0 t1 pg0 pg1 reqs hz order; hz="$(getconf CLK_TCK)"
  declare -gA RPS_L P99_L P50_L RATIO_L FLOOR_L PROF_CPU PROF_SQL PROF_DB
  for r in $(seq 1 "$ROUNDS"); do
    say "Round $r of $ROUNDS: ${#PAGES[@]} pages x ${DURATION} s, $CONNECTIONS connections, $THREADS threads"
    local ceiling_rps="" floor_rps=""
    # With and without the alert rules take turns at going first, round by round.
    order="${PAGES[*]}"
    if (( r % 2 == 0 )); then order="$(sed 's/\blog lognone log1 lognone1\b/lognone log lognone1 log1/' <<<"$order")"; fi
    for name in $order; do
      lua=""; [[ "$name" == log* ]] && lua="$RUN/post-log.lua"
      t0="$(cpu_ticks)"; pg0="$(pg_work)"
      wrk_run "$name" "${URLS[$name]}" "$RUN/wrk-$name-$r.txt" "$DURATION" "$lua"
      t1="$(cpu_ticks)"; pg1="$(pg_work)"
      read -r rps p99 errors p50 <<<"$(wrk_parse "$RUN/wrk-$name-$r.txt")"
      P50_L[$name]+="$p50 "
      # Where the time goes: the portal's CPU, PostgreSQL's statements and busy time, per request served.
      reqs="$(awk '/requests in/ { print $1 }' "$RUN/wrk-$name-$r.txt")"
      read -r a b c <<<"$(awk -v t0="$t0" -v t1="$t1" -v hz="$hz" -v n="${reqs:-0}" -v p0="$pg0" -v p1="$pg1" 'BEGIN {
        split(p0, x, " "); split(p1, y, " "); if (n <= 0) { print "0 0 0"; exit }
        printf "%.3f %.2f %.3f\n", (t1 - t0) * 1000 / hz / n, (y[1] - x[1]) / n, (y[2] - x[2]) / n }')"
      PROF_CPU[$name]+="$a "; PROF_SQL[$name]+="$b "; PROF_DB[$name]+="$c "
      [[ "$name" == ceiling ]] && ceiling_rps="$rps"
      [[ "$name" == floor ]] && floor_rps="$rps"
      RPS_L[$name]+="$rps "
      P99_L[$name]+="$p99 "
      RATIO_L[$name]+="$(awk -v a="$rps" -v b="$ceiling_rps" 'BEGIN { printf "%.4f", (b > 0 ? a / b : 0) }') "
      if [[ -n "$floor_rps" ]]; then FLOOR_L[$name]+="$(awk -v a="$rps" -v b="$floor_rps" 'BEGIN { printf "%.4f", (b > 0 ? a / b : 0) }') "; fi
      if (( errors > 0 )); then WEB_ERRORS+="$name round $r: $errors errors or non-2xx/3xx; "; fi
      say "$(printf '  %-28s %9.0f req/s   p50 %7.2f ms   p99 %8.1f ms%s' "$(title "$name")" "$rps" "$p50" "$p99" "$( (( errors > 0 )) && echo "   $errors ERRORS")")"
    done
    check_all   # still signed in, still the same answers
  done

  kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
  PEAK_HWM_KB="$(awk '/^VmHWM:/ { print $2 }' "/proc/$APP_PID/status" 2>/dev/null || echo 0)"
  PEAK_KB="$(cat "$RUN/rss-peak" 2>/dev/null || echo 0)"
  (( PEAK_HWM_KB > PEAK_KB )) && PEAK_KB="$PEAK_HWM_KB"
  time_uploads "$clinic"
  say "The patient list's statements explained at this size (bench/PhysioPortal.Bench plans)..."
  dotnet bench/PhysioPortal.Bench/bin/Release/net10.0/PhysioPortal.Bench.dll plans "$CS" "$clinic" >"$RUN/plans.txt" 2>&1 ||
    { tail -n 20 "$RUN/plans.txt" >&2; say "  (the plans could not be read)"; }
  say "Stopping the portal..."
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}

# ---------------------------------------------------------------------------------------------------------------
# Handouts

HANDOUT_MS=() HANDOUT_ONE=() HANDOUT_ALL=() HANDOUT_CORES=""
FLOOR_MS=() OVER_FLOOR=() PEER_MS=() PEER_RATIO=() PEER_COLD_RATIO=() PEER_CPU_RATIO=() PEER_NOTE=""
handouts() {
  local r file
  local -a peer=()
  if [[ -s "$PEER_DIR/slugs.txt" && -f "$PEER_DIR/patient-home.html" ]]; then
    peer=(--slugs "$(cat "$PEER_DIR/slugs.txt")" --peer-html "$PEER_DIR/patient-home.html" --peer-count 20)
    PEER_NOTE="the bench patient's routine ($(cat "$PEER_DIR/slugs.txt" | tr ',' ' ' | wc -w) exercises), its page saved $(date -u -r "$PEER_DIR/patient-home.html" '+%Y-%m-%d %H:%M') UTC"
  else
    PEER_NOTE="no peer: the patient's page is saved by the web part (run it once)"
  fi
  for r in $(seq 1 "$ROUNDS"); do
    say "Handouts: round $r of $ROUNDS..."
    file="$RUN/handouts-$r.txt"
    dotnet bench/PhysioPortal.Bench/bin/Release/net10.0/PhysioPortal.Bench.dll handouts --rounds 1 --count 500 --warmup 400 "${peer[@]}" >"$file" 2>&1 ||
      { tail -n 20 "$file" >&2; die "the handout bench failed"; }
    FLOOR_MS+=("$(awk '/^floor \(ms\)/ { print $3 }' "$file")")
    OVER_FLOOR+=("$(awk '/^handout \/ floor/ { print $5 }' "$file")")
    if grep -q '^peer / handout' "$file"; then
      PEER_MS+=("$(awk '/^peer, warm browser/ { print $5 }' "$file")")
      PEER_RATIO+=("$(awk '/^peer \/ handout/ { print $5 }' "$file")")
      PEER_COLD_RATIO+=("$(awk '/^peer \/ handout/ { print $12 }' "$file")")
      PEER_CPU_RATIO+=("$(awk '/^peer CPU \/ handout CPU/ { print $6 }' "$file")")
      say "  peer (warm Chromium) ${PEER_MS[-1]} ms: ${PEER_RATIO[-1]} x the handout (a process per PDF: ${PEER_COLD_RATIO[-1]} x); floor ${FLOOR_MS[-1]} ms: handout ${OVER_FLOOR[-1]} x the floor"
    fi
    HANDOUT_MS+=("$(awk '/^whole handout \(ms\)/ { print $4 }' "$file")")
    HANDOUT_ONE+=("$(awk '/^handouts per second, 1 thread/ { print $6 }' "$file")")
    HANDOUT_ALL+=("$(awk '/^handouts per second, [0-9]+ cores/ { print $6 }' "$file")")
    HANDOUT_CORES="$(awk '/^handouts per second, [0-9]+ cores/ { print $4 }' "$file")"
    say "  median $(printf '%s' "${HANDOUT_MS[-1]}") ms, ${HANDOUT_ONE[-1]}/s on one thread, ${HANDOUT_ALL[-1]}/s on $HANDOUT_CORES cores"
    say "  $(grep -E '^text-only handout' "$file" | awk '{ print "text-only in the same run: median " $6 " ms" }'); pictures cost $(awk '/^pictures cost/ { print $4 " %" }' "$file"); $(grep '^file size' "$file" | sed 's/ *(goal.*//; s/file size, pictured \/ text-only */file /')"
  done
}

# ---------------------------------------------------------------------------------------------------------------
# Photos (issue 13): processing a 12-megapixel JPEG on one core, its peak memory, ten uploads through the gate

photos() {
  say "Photos: a 12-megapixel JPEG through the portal's photo processing (bench/PhysioPortal.Bench photos)..."
  dotnet bench/PhysioPortal.Bench/bin/Release/net10.0/PhysioPortal.Bench.dll photos --count 10 --warmup 3 >"$RUN/photos.txt" 2>&1 ||
    { tail -n 20 "$RUN/photos.txt" >&2; die "the photo bench failed"; }
  cat "$RUN/photos.txt" >>"$LOG"
}

# ---------------------------------------------------------------------------------------------------------------
# Emails

EMAIL_S=() EMAIL_RATE=() EMAIL_CHECK=""
emails() {
  local senders json="$RUN/emails.json"
  senders="$(printf '1%.0s,' $(seq 1 "$ROUNDS"))"; senders="${senders%,}"
  say "Emails: $EMAILS due reminders to netDumbster, $ROUNDS rounds (bench/PhysioPortal.EmailBench, database physioportal_emailbench)..."
  dotnet bench/PhysioPortal.EmailBench/bin/Release/net10.0/PhysioPortal.EmailBench.dll \
    --db "Host=127.0.0.1;Port=$PG_PORT;Database=physioportal_emailbench;Username=portal;Password=portal" \
    --rows "$EMAILS" --senders "$senders" --json "$json" >"$RUN/emails.txt" 2>&1 ||
    { tail -n 20 "$RUN/emails.txt" >&2; die "the email bench failed"; }
  cat "$RUN/emails.txt" >>"$LOG"
  local line seconds rate sent rows_sent received doubled
  while IFS= read -r line; do
    [[ "$line" == *'"senders"'* ]] || continue
    seconds="$(sed 's/.*"seconds": \([0-9.]*\).*/\1/' <<<"$line")"
    rate="$(sed 's/.*"emailsPerSecond": \([0-9.]*\).*/\1/' <<<"$line")"
    sent="$(sed 's/.*"sent": \([0-9]*\).*/\1/' <<<"$line")"
    rows_sent="$(sed 's/.*"rowsSent": \([0-9]*\).*/\1/' <<<"$line")"
    received="$(sed 's/.*"received": \([0-9null]*\).*/\1/' <<<"$line")"
    doubled="$(sed 's/.*"doubled": \([0-9null]*\).*/\1/' <<<"$line")"
    EMAIL_S+=("$seconds"); EMAIL_RATE+=("$rate")
    if [[ "$received" != "$EMAILS" || "$rows_sent" != "$EMAILS" || "$sent" != "$EMAILS" || "$doubled" != 0 ]]; then
      EMAIL_CHECK+="round ${#EMAIL_S[@]}: $received received, $rows_sent rows Sent, $doubled doubled; "
    fi
  done <"$json"
  [[ ${#EMAIL_S[@]} -gt 0 ]] || die "the email bench wrote no runs"
  say "  $(printf '%s s ' "${EMAIL_S[@]}")"
}

# ---------------------------------------------------------------------------------------------------------------

STARTED="$(now)"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
if wants web; then web; fi
if wants handouts; then handouts; fi
if wants photos; then photos; fi
if wants emails; then emails; fi

# ---------------------------------------------------------------------------------------------------------------
# The table and the JSON

fmt1() { [[ "$1" == "-" ]] && echo "-" || LC_ALL=C printf '%.1f' "$1"; }
pct() { [[ "$1" == "-" ]] && echo "-" || LC_ALL=C awk -v v="$1" 'BEGIN { printf "%.0f %%", v * 100 }'; }
ok() { if [[ "$1" == 1 ]]; then echo "ok"; else echo "SHORT"; fi; }
meets() { LC_ALL=C awk "BEGIN { print ($1) ? 1 : 0 }"; }

TABLE="$RUN/table.txt"

# Issue 14: what the alert rules add to posting a log, from the pairs of runs with and without them in each round.
issue14_log() {
  [[ -n "${P50_L[log1]:-}" && -n "${P50_L[lognone1]:-}" ]] || return 0
  local -a with=(${P50_L[log1]}) without=(${P50_L[lognone1]}) w99=(${P99_L[log1]}) wo99=(${P99_L[lognone1]}) diffs=() diffs99=()
  local i
  for i in "${!with[@]}"; do
    diffs+=("$(awk -v a="${with[$i]}" -v b="${without[$i]:-0}" 'BEGIN { printf "%.2f", a - b }')")
    diffs99+=("$(awk -v a="${w99[$i]}" -v b="${wo99[$i]:-0}" 'BEGIN { printf "%.2f", a - b }')")
  done
  read -r d_m d_lo d_hi <<<"$(stats "${diffs[@]}")"
  read -r d99_m _ <<<"$(stats "${diffs99[@]}")"
  read -r w_m _ <<<"$(stats ${P50_L[log1]})"; read -r wo_m _ <<<"$(stats ${P50_L[lognone1]})"
  read -r w99_m _ <<<"$(stats ${P99_L[log1]})"; read -r wo99_m _ <<<"$(stats ${P99_L[lognone1]})"
  echo
  echo "Issue 14: what raising alerts adds to POST /me/log (the same build and request; the alert rules skipped by a header"
  echo "the portal honours only with the bench's yardsticks on; with and without take turns at going first, round by round)"
  printf '  1 connection:   with the rules p50 %s ms, p99 %s ms; without p50 %s ms, p99 %s ms
' "$w_m" "$w99_m" "$wo_m" "$wo99_m"
  printf '                  the rules add p50 %s ms [%s to %s] (per round: %s), p99 %s ms; goal ≤ 2 ms: %s
' \
    "$d_m" "$d_lo" "$d_hi" "${diffs[*]}" "$d99_m" "$(ok "$(meets "$d_m <= 2")")"
  if [[ -n "${RPS_L[log]:-}" && -n "${RPS_L[lognone]:-}" ]]; then
    read -r r_m _ <<<"$(stats ${RPS_L[log]})"; read -r ro_m _ <<<"$(stats ${RPS_L[lognone]})"
    read -r r99_m _ <<<"$(stats ${P99_L[log]})"; read -r ro99_m _ <<<"$(stats ${P99_L[lognone]})"
    printf '  %s connections: with the rules %s req/s (p99 %s ms), without %s req/s (p99 %s ms): %s of it
' "$CONNECTIONS" \
      "$(fmt_int "$r_m")" "$(fmt1 "$r99_m")" "$(fmt_int "$ro_m")" "$(fmt1 "$ro99_m")" \
      "$(pct "$(awk -v a="$r_m" -v b="$ro_m" 'BEGIN { printf "%.4f", (b > 0 ? a / b : 0) }')")"
  fi
}
JSON="$RUN/bench.json"
{
  printf 'PhysioPortal bench, %s UTC: %s logical cores, .NET %s, %s\n' "$(date -u '+%Y-%m-%d %H:%M')" "$(nproc)" \
    "$(dotnet --list-runtimes | awk '/Microsoft.AspNetCore.App/ { v = $2 } END { print v }')" \
    "PostgreSQL $("$PSQL" "$PG_ADMIN" -qAtX -c 'SHOW server_version' 2>/dev/null | awk '{ print $1 }')"
  printf 'Medians of %s rounds [min-max]; each round runs every figure once.\n' "$ROUNDS"
} >"$TABLE"
WEB_JSON="" HANDOUT_JSON="null" EMAIL_JSON="null" MEM_JSON="null"

if wants web; then
  {
    echo
    printf 'Web: the published portal in Production; %s\n' "$DATA_NOTE"
    printf '     data %s; wrk %s connections, %s threads, %s s a run\n' "$SEED_NOTE" "$CONNECTIONS" "$THREADS" "$DURATION"
    printf '     the ceiling is /bench/ceiling signed in as the patient: the layout and a card, no data (the session is read)\n'
    printf '     the floor is /bench/floor: the same layout and one row read by primary key through EF Core\n'
    printf '     load average before the web runs: %s\n' "$LOAD_BEFORE"
    printf '%-26s %-34s %23s %22s %15s %10s  %s\n' "page" "request" "req/s [min-max]" "p99 ms [min-max]" "% of ceiling" "% floor" "goal (issue 17)"
  } >>"$TABLE"
  read -r ceiling_p99 _ <<<"$(stats ${P99_L[ceiling]})"
  for name in "${PAGES[@]}"; do
    read -r rps_m rps_lo rps_hi <<<"$(stats ${RPS_L[$name]})"
    read -r p99_m p99_lo p99_hi <<<"$(stats ${P99_L[$name]})"
    read -r ra_m ra_lo ra_hi <<<"$(stats ${RATIO_L[$name]})"
    read -r fl_m _ <<<"$(stats ${FLOOR_L[$name]:-})"
    goal="" met="null"
    case "$name" in
      clinic) goal="≥ 25 % of ceiling, p99 < 100 ms"; met="$(meets "$ra_m >= 0.25 && $p99_m < 100")" ;;
      me) goal="≥ 35 % of ceiling, p99 < 2 × ceiling's ($(fmt1 "$ceiling_p99") ms)"; met="$(meets "$ra_m >= 0.35 && $p99_m < 2 * $ceiling_p99")" ;;
      log) goal="≥ 25 % of ceiling"; met="$(meets "$ra_m >= 0.25")" ;;
      search|page500|next500) goal="≥ 20 % of ceiling, p99 < 100 ms"; met="$(meets "$ra_m >= 0.2 && $p99_m < 100")" ;;
      photo) goal="≥ 50 % of ceiling (issue 13)"; met="$(meets "$ra_m >= 0.5")" ;;
      library) goal="p99 < 50 ms, 39 built-in + $(fmt_int "$OWN") own (issue 13)"; met="$(meets "$p99_m < 50")" ;;
      alerts) goal="p99 < 50 ms, $OPEN_ALERTS open (issue 14)"; met="$(meets "$p99_m < 50")" ;;
    esac
    [[ "$met" != null ]] && goal+=": $(ok "$met")"
    request="GET ${URLS[$name]#"$BASE"}"
    case "$name" in
      log|log1) request="POST /me/log (updates today's log)" ;;
      lognone|lognone1) request="POST /me/log, skip-alerts header" ;;
    esac
    printf '%-26s %-34s %23s %22s %15s %10s  %s\n' "$(title "$name")" "$request" \
      "$(fmt_int "$rps_m") [$(fmt_int "$rps_lo")-$(fmt_int "$rps_hi")]" \
      "$(fmt1 "$p99_m") [$(fmt1 "$p99_lo")-$(fmt1 "$p99_hi")]" \
      "$(pct "$ra_m" | tr -d ' %') [$(pct "$ra_lo" | tr -d ' %')-$(pct "$ra_hi" | tr -d ' %')]" "$(pct "$fl_m")" "$goal" >>"$TABLE"
    WEB_JSON+="${WEB_JSON:+, }{\"page\": \"$name\", \"title\": \"$(title "$name")\", \"request\": \"$request\", \"requestsPerSecond\": {\"median\": $rps_m, \"min\": $rps_lo, \"max\": $rps_hi, \"rounds\": $(json_list ${RPS_L[$name]})}, \"p99Ms\": {\"median\": $p99_m, \"min\": $p99_lo, \"max\": $p99_hi, \"rounds\": $(json_list ${P99_L[$name]})}, \"p50MsRounds\": $(json_list ${P50_L[$name]}), \"ofCeiling\": {\"median\": $ra_m, \"min\": $ra_lo, \"max\": $ra_hi}, \"ofFloor\": $([[ $fl_m == - ]] && echo null || echo "$fl_m"), \"goal\": \"${goal%%:*}\", \"met\": $( [[ $met == null ]] && echo null || ([[ $met == 1 ]] && echo true || echo false))}"
  done
  if [[ -n "$WEB_ERRORS" ]]; then printf 'WARNING: %s\n' "$WEB_ERRORS" >>"$TABLE"; fi
  issue14_log >>"$TABLE"
  {
    echo
    echo "Where the time goes, per request (medians of the rounds): the portal's CPU (from /proc), and PostgreSQL's"
    echo "transactions (each statement outside a transaction is one: about the round trips) and busy time (pg_stat_database)."
    printf '%-26s %16s %14s %18s %16s\n' "page" "portal CPU ms" "PG xacts" "PG busy ms" "cores busy"
    for name in "${PAGES[@]}"; do
      read -r cpu_m _ <<<"$(stats ${PROF_CPU[$name]})"
      read -r sql_m _ <<<"$(stats ${PROF_SQL[$name]})"
      read -r db_m _ <<<"$(stats ${PROF_DB[$name]})"
      read -r rps_m _ <<<"$(stats ${RPS_L[$name]})"
      printf '%-26s %16s %14s %18s %16s\n' "$(title "$name")" "$cpu_m" "$sql_m" "$db_m" \
        "$(awk -v c="$cpu_m" -v r="$rps_m" 'BEGIN { printf "%.2f", c * r / 1000 }')"
    done
  } >>"$TABLE"
  read -r anon_m _ <<<"$(stats ${RPS_L[anon]})"
  read -r ceil_m _ <<<"$(stats ${RPS_L[ceiling]})"
  printf 'Reading the session (every signed-in request): the signed-in empty page serves %s of the signed-out one\n' \
    "$(pct "$(awk -v a="$ceil_m" -v b="$anon_m" 'BEGIN { printf "%.4f", (b > 0 ? a / b : 0) }')")" >>"$TABLE"
  if [[ -s "$RUN/plans.txt" ]]; then
    { echo; echo "The patient list's statements, explained by PostgreSQL at this size (bench/PhysioPortal.Bench plans):"; sed 's/^/  /' "$RUN/plans.txt"; } >>"$TABLE"
  fi
  read -r up_m up_lo up_hi <<<"$(stats "${UPLOAD_MS[@]}")"
  printf 'Upload of a 12-megapixel JPEG through the edit page (curl, one at a time): median %s ms [%s-%s]; goal ≤ 400 ms: %s\n' \
    "$up_m" "$up_lo" "$up_hi" "$(ok "$(meets "$up_m <= 400")")" >>"$TABLE"
  printf 'Memory: the portal'"'"'s peak working set during the web runs %s MB (VmHWM %s MB); goal < 300 MB: %s\n' \
    "$(awk -v k="$PEAK_KB" 'BEGIN { printf "%.0f", k / 1024 }')" "$(awk -v k="$PEAK_HWM_KB" 'BEGIN { printf "%.0f", k / 1024 }')" \
    "$(ok "$(meets "$PEAK_KB < 300 * 1024")")" >>"$TABLE"
  MEM_JSON="{\"peakWorkingSetMB\": $(awk -v k="$PEAK_KB" 'BEGIN { printf "%.1f", k / 1024 }'), \"vmHwmMB\": $(awk -v k="$PEAK_HWM_KB" 'BEGIN { printf "%.1f", k / 1024 }')}"
fi

if wants handouts; then
  read -r h_m h_lo h_hi <<<"$(stats "${HANDOUT_MS[@]}")"
  read -r o_m o_lo o_hi <<<"$(stats "${HANDOUT_ONE[@]}")"
  read -r a_m a_lo a_hi <<<"$(stats "${HANDOUT_ALL[@]}")"
  met="$(meets "$h_m <= 5")"
  {
    echo
    echo "Handouts: an 8-exercise handout (bench/PhysioPortal.Bench handouts, 500 renders a round)"
    printf '  %-34s %8s ms  [%s-%s]   goal ≤ 5 ms: %s\n' "median time per handout" "$h_m" "$h_lo" "$h_hi" "$(ok "$met")"
    printf '  %-34s %8s /s  [%s-%s]\n' "handouts per second, one core" "$(fmt_int "$o_m")" "$(fmt_int "$o_lo")" "$(fmt_int "$o_hi")"
    printf '  %-34s %8s /s  [%s-%s]\n' "handouts per second, $HANDOUT_CORES cores" "$(fmt_int "$a_m")" "$(fmt_int "$a_lo")" "$(fmt_int "$a_hi")"
    read -r f_m f_lo f_hi <<<"$(stats "${FLOOR_MS[@]}")"
    read -r of_m of_lo of_hi <<<"$(stats "${OVER_FLOOR[@]}")"
    printf '  %-34s %8s ms  [%s-%s]   PDFsharp writing the same text runs, no layout\n' "floor" "$f_m" "$f_lo" "$f_hi"
    printf '  %-34s %8s ×   [%s-%s]   goal ≤ 2 ×: %s\n' "handout ÷ floor" "$of_m" "$of_lo" "$of_hi" "$(ok "$(meets "$of_m <= 2")")"
    if [[ ${#PEER_MS[@]} -gt 0 ]]; then
      read -r p_m p_lo p_hi <<<"$(stats "${PEER_MS[@]}")"
      read -r pr_m pr_lo pr_hi <<<"$(stats "${PEER_RATIO[@]}")"
      read -r pc_m _ <<<"$(stats "${PEER_COLD_RATIO[@]}")"
      read -r pu_m pu_lo pu_hi <<<"$(stats "${PEER_CPU_RATIO[@]}")"
      printf '  %-34s %8s ms  [%s-%s]   Debian'"'"'s Chromium, headless, printing the patient'"'"'s page (one browser kept warm)\n' "peer" "$p_m" "$p_lo" "$p_hi"
      printf '  %-34s %8s ×   [%s-%s]   goal ≥ 20 ×: %s (a Chromium process per PDF: %s ×)\n' "peer ÷ handout" "$pr_m" "$pr_lo" "$pr_hi" "$(ok "$(meets "$pr_m >= 20")")" "$pc_m"
      printf '  %-34s %8s ×   [%s-%s]   CPU time per PDF (the browser'"'"'s processes) ÷ per handout: a busy machine disturbs it less\n' "peer CPU ÷ handout CPU" "$pu_m" "$pu_lo" "$pu_hi"
    fi
    printf '  %-34s %s\n' "routine" "$PEER_NOTE"
  } >>"$TABLE"
  HANDOUT_JSON="{\"medianMs\": {\"median\": $h_m, \"min\": $h_lo, \"max\": $h_hi, \"rounds\": $(json_list "${HANDOUT_MS[@]}")}, \"floorMs\": $(json_list "${FLOOR_MS[@]}"), \"overFloor\": $(json_list "${OVER_FLOOR[@]}"), \"peerMs\": $(json_list "${PEER_MS[@]}"), \"peerOverHandout\": $(json_list "${PEER_RATIO[@]}"), \"perSecondOneCore\": {\"median\": $o_m, \"min\": $o_lo, \"max\": $o_hi}, \"perSecondAllCores\": {\"cores\": ${HANDOUT_CORES:-0}, \"median\": $a_m, \"min\": $a_lo, \"max\": $a_hi}, \"goal\": \"median ≤ 5 ms\", \"met\": $([[ $met == 1 ]] && echo true || echo false)}"
fi

if wants photos; then
  {
    echo
    echo "Photos (issue 13): bench/PhysioPortal.Bench photos, the portal's PhotoProcessor and UploadGate in one process"
    sed 's/^/  /' "$RUN/photos.txt"
  } >>"$TABLE"
fi

if wants emails; then
  read -r e_m e_lo e_hi <<<"$(stats "${EMAIL_S[@]}")"
  read -r r_m r_lo r_hi <<<"$(stats "${EMAIL_RATE[@]}")"
  met="$(meets "$e_m <= 60")"
  {
    echo
    echo "Emails: $(fmt_int "$EMAILS") due reminders, one sender (the real EmailSender), netDumbster in process"
    printf '  %-34s %8s s   [%s-%s]   goal ≤ 60 s: %s\n' "total time" "$(fmt1 "$e_m")" "$(fmt1 "$e_lo")" "$(fmt1 "$e_hi")" "$(ok "$met")"
    printf '  %-34s %8s /s  [%s-%s]\n' "emails per second" "$(fmt_int "$r_m")" "$(fmt_int "$r_lo")" "$(fmt_int "$r_hi")"
    if [[ -z "$EMAIL_CHECK" ]]; then
      printf '  %-34s %s\n' "none doubled" "every round: $(fmt_int "$EMAILS") received = $(fmt_int "$EMAILS") distinct Message-IDs = $(fmt_int "$EMAILS") rows Sent"
    else
      printf '  %-34s %s\n' "MISMATCH" "$EMAIL_CHECK"
    fi
  } >>"$TABLE"
  EMAIL_JSON="{\"reminders\": $EMAILS, \"seconds\": {\"median\": $e_m, \"min\": $e_lo, \"max\": $e_hi, \"rounds\": $(json_list "${EMAIL_S[@]}")}, \"emailsPerSecond\": {\"median\": $r_m, \"min\": $r_lo, \"max\": $r_hi}, \"noneDoubled\": $([[ -z $EMAIL_CHECK ]] && echo true || echo false), \"runs\": $(tr -d '\n' <"$RUN/emails.json"), \"goal\": \"≤ 60 s\", \"met\": $([[ $met == 1 ]] && echo true || echo false)}"
fi
printf '\nThe whole bench took %s s. Raw output: %s\n' "$(since "$STARTED")" "${RUN#"$REPO"/}" >>"$TABLE"

cat >"$JSON" <<EOF
{
  "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "machine": {"logicalCores": $(nproc), "dotnet": "$(dotnet --version)"},
  "settings": {"rounds": $ROUNDS, "durationSeconds": $DURATION, "connections": $CONNECTIONS, "threads": $THREADS},
  "data": ${DATA_JSON:-null},
  "web": [${WEB_JSON}],
  "memory": $MEM_JSON,
  "handouts": $HANDOUT_JSON,
  "emails": $EMAIL_JSON
}
EOF
cp "$JSON" "$OUT/bench-$STAMP.json"
cp "$JSON" "$OUT/latest.json"
cat "$TABLE" >>"$LOG"
echo
cat "$TABLE"
printf 'JSON: %s\n' "${OUT#"$REPO"/}/bench-$STAMP.json"
