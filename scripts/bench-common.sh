# Sourced by scripts/bench.sh and scripts/bench-instances.sh: the settings, helpers and portal start-up environment
# both benches share, so that one instance in `./portal bench` and N in `./portal bench --instances` run alike.
# Started by ./portal bench, which starts the private cluster and exports PORTAL_PG_PORT and PG_BIN.

REPO="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

PG_PORT="${PORTAL_PG_PORT:-55432}"
PSQL="${PG_BIN:+$PG_BIN/}psql"
DB="physioportal_bench"
export PGPASSWORD=portal
PG="host=127.0.0.1 port=$PG_PORT user=portal dbname=$DB"
PG_ADMIN="host=127.0.0.1 port=$PG_PORT user=portal dbname=postgres"
OUT="$REPO/.data/bench"
PUBLISH="$OUT/publish"
PATIENT_EMAIL="emma.clarke@example.com"
PASSWORD="demo-password-2026"
ROUNDS=3 DURATION=10 CONNECTIONS=64 THREADS=2

bench_connection_string() { # maximum pool size
  printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=portal;Password=portal;Maximum Pool Size=%s' "$PG_PORT" "$DB" "$1"
}

say()  { printf '%s\n' "$*" >&2; printf '%s\n' "$*" >>"$LOG"; }
die()  { printf 'bench: %s\n' "$*" >&2; exit 1; }
sql()  { "$PSQL" "$PG" -v ON_ERROR_STOP=1 -qAtX "$@"; }
now()  { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# "median min max" of the numbers given as arguments ("- - -" when none)
stats() {
  if [[ $# -eq 0 ]]; then echo "- - -"; return; fi
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s %s %s\n", m, v[1], v[NR] }'
}

positive_numbers() { # every argument a positive whole number, or exit 2
  local n
  for n in "$@"; do [[ "$n" =~ ^[1-9][0-9]*$ ]] || { printf 'bench: %s is not a positive whole number\n' "$n" >&2; exit 2; }; done
}

install_tool() { # command, Debian package
  command -v "$1" >/dev/null && return 0
  [[ -x "/usr/sbin/$1" ]] && return 0
  [[ $EUID -eq 0 ]] || die "$1 is missing: sudo apt-get install -y $2"
  say "$1: installing Debian's $2 (apt-get)"
  apt-get -o DPkg::Lock::Timeout=300 install -y "$2" >"$RUN/apt.log" 2>&1 ||
    { apt-get -o DPkg::Lock::Timeout=300 update >>"$RUN/apt.log" 2>&1 && apt-get -o DPkg::Lock::Timeout=300 install -y "$2" >>"$RUN/apt.log" 2>&1; } ||
    { tail -n 20 "$RUN/apt.log" >&2; die "could not install $2"; }
}

# After wrk stops, the portal still finishes the requests it had accepted: wait until it is idle (under 5 % of a core
# for a second), so that a slow page never eats into the next run. The caller's cpu_ticks adds up its processes' ticks.
drain() {
  local i a b idle=0 hz; hz="$(getconf CLK_TCK)"
  for i in $(seq 1 240); do
    a="$(cpu_ticks)"; sleep 0.5; b="$(cpu_ticks)"
    if (( (b - a) * 100 < hz * 5 / 2 )); then idle=$((idle + 1)); else idle=0; fi
    (( idle >= 2 )) && return 0
  done
  say "  (the portal was still busy 2 minutes after wrk stopped)"
}

# wrk's report -> "rps p99_ms errors p50_ms"
wrk_parse() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^Requests\/sec:/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { errors += $NF }
    /Socket errors:/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
    END { printf "%s %s %d %s\n", (rps == "" ? "0" : rps), (p99 == "" ? "0" : p99), errors, (p50 == "" ? "0" : p50) }' "$1"
}

# Production refuses to start without a certificate for the Data Protection key ring: the bench makes its own, once.
DP_CERT="$OUT/dataprotection.pfx"
dataprotection_certificate() {
  [[ -f "$DP_CERT" ]] && return 0
  openssl req -x509 -newkey rsa:3072 -sha256 -days 3650 -nodes -subj "/CN=PhysioPortal bench" \
    -keyout "$OUT/dp.key" -out "$OUT/dp.crt" >>"$LOG" 2>&1 &&
    openssl pkcs12 -export -inkey "$OUT/dp.key" -in "$OUT/dp.crt" -out "$DP_CERT" -passout pass:bench >>"$LOG" 2>&1 ||
    die "could not make the bench's Data Protection certificate (openssl)"
  rm -f "$OUT/dp.key" "$OUT/dp.crt"
}

# Runs the published portal in the foreground (the caller puts it in the background): Production, the bench database,
# behind a known proxy, no Hangfire server, metrics on port + 4384. Arguments: port, connection string, then NAME=VALUE
# settings of the caller's own.
run_bench_portal() {
  local port="$1" cs="$2"; shift 2
  cd "$PUBLISH"
  exec env ConnectionStrings__Portal="$cs" ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
    Security__DataProtection__CertificatePath="$DP_CERT" Security__DataProtection__CertificatePassword=bench \
    Security__KnownProxies__0=127.0.0.1 Jobs__RunServer=false Email__FromAddress=no-reply@bench.clinic.example.org \
    Metrics__Url="http://127.0.0.1:$((port + 4384))" "$@" dotnet PhysioPortal.Web.dll
}
