#!/usr/bin/env bash
# Measures the patient list (/clinic/patients) with a clinic of 100 000 patients.
#
#   scripts/measure-patient-list.sh [--explain]
#
# 1. starts the private PostgreSQL (./portal db start) and, unless PORTAL_URL points at a running portal, builds the
#    portal (Release) and starts it on 127.0.0.1:$MEASURE_PORT in Development: that migrates the database and creates
#    the demo clinic "Riverside Physiotherapy (demo)" with its logins;
# 2. tops the demo clinic up to $PATIENTS seeded patients with scripts/seed-large-clinic.sql (idempotent);
# 3. signs in as the demo clinician (curl: the login form with its antiforgery token, a cookie jar);
# 4. requests each list URL $RUNS times after $WARMUP warm-up requests and prints the median, p90 and max of the
#    whole response time as curl sees it (the app and PostgreSQL share this machine);
# 5. with --explain, prints EXPLAIN (ANALYZE, BUFFERS) of the list's main statement for five of the URLs (the SQL
#    EF Core generates, with the clinic filter's parameters bound as the app binds them).
#
# Environment: PATIENTS (100000), RUNS (20), WARMUP (3), MEASURE_PORT (5098), PORTAL_URL (use a running portal),
# PORTAL_PG_PORT (55432), EMAIL / PASSWORD (the demo clinician).
set -euo pipefail

REPO="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

PATIENTS="${PATIENTS:-100000}"
RUNS="${RUNS:-20}"
WARMUP="${WARMUP:-3}"
PORT="${MEASURE_PORT:-5098}"
PG_PORT="${PORTAL_PG_PORT:-55432}"
EMAIL="${EMAIL:-alice.morgan@riverside.example}"
PASSWORD="${PASSWORD:-demo-password-2026}"
EXPLAIN=0
[[ "${1:-}" == "--explain" ]] && EXPLAIN=1

PG="host=127.0.0.1 port=$PG_PORT user=portal password=portal dbname=physioportal"
CS="Host=127.0.0.1;Port=$PG_PORT;Database=physioportal;Username=portal;Password=portal"
WORK="$(mktemp -d)"
APP_PID=""

cleanup() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

say() { printf '%s\n' "$*" >&2; }
die() { printf 'measure-patient-list: %s\n' "$*" >&2; exit 1; }
sql() { psql "$PG" -v ON_ERROR_STOP=1 -qAtX "$@"; }

for tool in curl psql dotnet awk sort; do command -v "$tool" >/dev/null || die "needs $tool"; done

./portal db start >/dev/null

# -- the portal ---------------------------------------------------------------------------------------------------
if [[ -n "${PORTAL_URL:-}" ]]; then
  BASE="${PORTAL_URL%/}"
  say "Using the portal at $BASE"
else
  BASE="http://127.0.0.1:$PORT"
  say "Building the portal (Release)..."
  dotnet build src/PhysioPortal.Web -c Release -nologo -v q >"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log" >&2; die "build failed"; }
  say "Starting it on $BASE (migrates the database, creates the demo clinic)..."
  (
    cd src/PhysioPortal.Web
    exec env ConnectionStrings__Portal="$CS" ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="$BASE" \
      Logging__LogLevel__Default=Warning \
      dotnet bin/Release/net10.0/PhysioPortal.Web.dll
  ) >"$WORK/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 180); do
    if curl -fs -o /dev/null "$BASE/health"; then break; fi
    kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$WORK/app.log" >&2; die "the portal stopped while starting"; }
    sleep 1
  done
  curl -fs -o /dev/null "$BASE/health" || { tail -30 "$WORK/app.log" >&2; die "the portal did not answer /health within 3 minutes"; }
fi

# -- the data -----------------------------------------------------------------------------------------------------
CLINIC_ID="$(sql -c "SELECT \"Id\" FROM \"Clinics\" WHERE \"Name\" = 'Riverside Physiotherapy (demo)'")"
[[ -n "$CLINIC_ID" ]] || die "no demo clinic: start the portal once in Development (./portal run) so it creates it"
say "Seeding the demo clinic ($CLINIC_ID) up to $PATIENTS seeded patients..."
seed_start=$(date +%s.%N)
psql "$PG" -qX -v ON_ERROR_STOP=1 -v clinic_id="$CLINIC_ID" -v count="$PATIENTS" -f scripts/seed-large-clinic.sql >&2
seed_end=$(date +%s.%N)
read -r TOTAL CURRENT ACTIVE <<<"$(sql -F ' ' -c "
  SELECT count(*), count(*) FILTER (WHERE \"ArchivedAt\" IS NULL),
         (SELECT count(*) FROM \"Prescriptions\" WHERE \"ClinicId\" = '$CLINIC_ID' AND \"Status\" = 'Active')
  FROM \"Patients\" WHERE \"ClinicId\" = '$CLINIC_ID'")"
say "$(printf 'Seeding took %.1f s. The clinic has %s patients (%s current), %s active prescriptions.' \
  "$(awk -v a="$seed_start" -v b="$seed_end" 'BEGIN { print b - a }')" "$TOTAL" "$CURRENT" "$ACTIVE")"

# -- signing in ---------------------------------------------------------------------------------------------------
JAR="$WORK/cookies"
login_html="$(curl -fs -c "$JAR" -b "$JAR" "$BASE/Identity/Account/Login")"
token="$(printf '%s' "$login_html" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')"
[[ -n "$token" ]] || die "no antiforgery token on the login page"
status="$(curl -s -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" \
  --data-urlencode "Input.Email=$EMAIL" --data-urlencode "Input.Password=$PASSWORD" \
  --data-urlencode "__RequestVerificationToken=$token" "$BASE/Identity/Account/Login")"
[[ "$status" == 302 ]] || die "signing in as $EMAIL answered $status, not a redirect"
[[ "$(curl -s -o /dev/null -w '%{http_code}' -b "$JAR" "$BASE/clinic/patients")" == 200 ]] || die "/clinic/patients is not 200 after signing in"

# -- measuring ----------------------------------------------------------------------------------------------------
URLS=(
  "/clinic/patients"
  "/clinic/patients?q=smith"
  "/clinic/patients?condition=Sciatica"
  "/clinic/patients?page=500"
  "/clinic/patients?status=none"
  "/clinic/patients?status=active"
  "/clinic/patients?status=archived"
  "/clinic/patients?q=sarah+jones&condition=LowerBack"
  "/clinic/patients?q=large-clinic&page=2000"
)

summary() { # ms values on stdin -> "median p90 max"
  sort -n | awk '{ v[NR] = $1 } END {
    n = NR; m = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2;
    p = int(0.9 * n + 0.999999); if (p < 1) p = 1;
    printf "%.1f %.1f %.1f", m, v[p], v[n] }'
}

printf '\nPatient list, %s patients in the clinic; %s requests each after %s warm-up (ms, whole response)\n\n' "$TOTAL" "$RUNS" "$WARMUP"
printf '%-52s %8s %8s %8s %8s  %s\n' "URL" "median" "p90" "max" "KiB" "shown"
printf '%-52s %8s %8s %8s %8s  %s\n' "---" "------" "---" "---" "---" "-----"
for url in "${URLS[@]}"; do
  for _ in $(seq 1 "$WARMUP"); do curl -s -o /dev/null -b "$JAR" "$BASE$url"; done
  : >"$WORK/times"
  for _ in $(seq 1 "$RUNS"); do
    out="$(curl -s -o "$WORK/page.html" -w '%{http_code} %{time_total} %{size_download}' -b "$JAR" "$BASE$url")"
    read -r code secs size <<<"$out"
    [[ "$code" == 200 ]] || die "$url answered $code"
    awk -v s="$secs" 'BEGIN { printf "%.3f\n", s * 1000 }' >>"$WORK/times"
  done
  read -r med p90 max <<<"$(summary <"$WORK/times")"
  shown="$(grep -o 'Showing [^<]*' "$WORK/page.html" | head -1 | sed 's/&#x2013;/-/; s/–/-/')"
  printf '%-52s %8s %8s %8s %8s  %s\n' "$url" "$med" "$p90" "$max" "$((size / 1024))" "${shown:-no rows}"
done

# -- plans --------------------------------------------------------------------------------------------------------
if [[ $EXPLAIN -eq 1 ]]; then
  # The SQL EF Core sends for the list (see Pages/Clinic/Patients/Index.cshtml.cs), as a prepared statement so the
  # clinic filter's parameters are bound the way Npgsql binds them: $1 = all clinics, $2 = the clinic. A page runs
  # three statements: the ids from the page on, looking ahead to 1 000 rows (shown here), the rows of the page's 25
  # ids and their active prescriptions (two primary-key / unique-index look-ups, not shown).
  explain() { # title, extra WHERE, LIMIT/OFFSET
    printf '\n== %s\n' "$1"
    psql "$PG" -qX <<SQL
PREPARE list_ids(boolean, uuid) AS
  SELECT p."Id" FROM "Patients" AS p WHERE (\$1 OR p."ClinicId" = \$2) $2
  ORDER BY p."LastName", p."FirstName", p."Id" $3;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE list_ids(false, '$CLINIC_ID');
SQL
  }
  # shellcheck disable=SC2016 # $1 and $2 are the statement's parameters, not shell variables
  NOT_ACTIVE='NOT EXISTS (SELECT 1 FROM "Prescriptions" AS p0 WHERE ($1 OR p0."ClinicId" = $2) AND p0."PatientId" = p."Id" AND p0."Status" = '"'Active'"')'
  CURRENT='AND p."ArchivedAt" IS NULL'
  explain "/clinic/patients" "$CURRENT" "LIMIT 1001"
  explain "?q=smith" "$CURRENT AND p.\"SearchText\" ILIKE '%smith%' ESCAPE '\\'" "LIMIT 1001"
  explain "?condition=Sciatica" "$CURRENT AND p.\"Conditions\" & 256 <> 0" "LIMIT 1001"
  explain "?page=500" "$CURRENT" "LIMIT 26 OFFSET 12475"
  explain "?status=none" "$CURRENT AND $NOT_ACTIVE" "LIMIT 1001"
fi
