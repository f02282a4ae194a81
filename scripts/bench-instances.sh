#!/usr/bin/env bash
# ./portal bench --instances N: the patient home's requests/s through nginx with N portal instances against the same
# nginx in front of one instance, in one run, rounds interleaved (one, N, one, N ...). Prints a table, writes JSON to
# .data/bench/; never fails on a figure (the goal, N instances >= 90 % of one, is printed beside it).
#
#   ./portal bench --instances 2 [--rounds 3] [--duration 10] [--connections 64] [--threads 2] [--port 5280]
#                  [--no-build] [--env NAME=VALUE]...
#
# --env NAME=VALUE goes to every instance's environment, so the one-instance and the N-instance figures are taken with
# the same settings (e.g. --env DOTNET_gcServer=0); --no-build reuses the last publish.
# The published portal (Release, Production) runs N times on ports PORT+1 .. PORT+N against the bench database
# (physioportal_bench; the demo clinic's patient emma.clarke@example.com is the one signed in). Debian's nginx listens
# on PORT+8 (upstream: instance 1 only) and PORT+9 (upstream: all N, round-robin), proxy_next_upstream as in
# deploy/nginx/physioportal.conf, keep-alive connections to the instances. wrk measures GET /me through each.
# On a 2-core machine N instances share the same cores: the figure shows what sharing one database and the
# proxy's spreading cost, not a gain.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"
CS="$(bench_connection_string 50)"

INSTANCES=2 PORT="${BENCH_PORT:-5280}" PORTAL_ENV=() NO_BUILD=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --instances) INSTANCES="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --no-build) NO_BUILD=1; shift ;;
    --env) [[ "$2" == *=* ]] || { printf 'bench: --env takes NAME=VALUE\n' >&2; exit 2; }; PORTAL_ENV+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) printf 'bench: %s does not go with --instances (see ./portal bench --help)\n' "$1" >&2; exit 2 ;;
  esac
done
positive_numbers "$INSTANCES" "$ROUNDS" "$DURATION" "$CONNECTIONS" "$THREADS" "$PORT"
(( INSTANCES >= 2 && INSTANCES <= 7 )) || { printf 'bench: --instances takes 2 to 7\n' >&2; exit 2; }

STAMP="$(date -u +%Y%m%d-%H%M%S)"
RUN="$OUT/runs/instances-$STAMP"
mkdir -p "$RUN"
LOG="$RUN/bench.log"

PIDS=() NGINX_PID=""
cleanup() {
  local pid
  [[ -n "$NGINX_PID" ]] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

for tool in curl awk openssl "$PSQL" dotnet; do command -v "$tool" >/dev/null || die "needs $tool"; done
install_tool wrk wrk
install_tool nginx nginx-light
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

ONE=$((PORT + 8)) ALL=$((PORT + 9))
for p in $(seq $((PORT + 1)) $((PORT + INSTANCES))) "$ONE" "$ALL"; do port_free "$p" || die "port $p is taken; choose another base with --port"; done

if [[ $NO_BUILD -eq 1 && -f "$PUBLISH/PhysioPortal.Web.dll" ]]; then
  say "Not building the portal (--no-build): using the last publish"
else
  say "Building the portal (dotnet publish, Release)..."
  rm -rf "$PUBLISH"
  dotnet publish src/PhysioPortal.Web -c Release -o "$PUBLISH" -nologo >"$RUN/build.log" 2>&1 || { tail -n 30 "$RUN/build.log" >&2; die "publishing failed"; }
fi
if [[ "$("$PSQL" "$PG_ADMIN" -qAtX -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]]; then
  "$PSQL" "$PG_ADMIN" -qAtX -v ON_ERROR_STOP=1 -c "CREATE DATABASE $DB" >>"$LOG"
fi
dataprotection_certificate

start_instance() { # number
  ( run_bench_portal $((PORT + $1)) "$CS" Portal__MigrateOnStart=true Portal__SeedDemoData=true Portal__PublicUrl="http://127.0.0.1:$ALL" \
      ${PORTAL_ENV[@]+"${PORTAL_ENV[@]}"} ) >"$RUN/portal-$1.log" 2>&1 &
  PIDS+=($!)
}
wait_ready() { # number
  local port=$((PORT + $1)) i
  for i in $(seq 1 240); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/health/live" && return 0
    kill -0 "${PIDS[$(($1 - 1))]}" 2>/dev/null || { tail -n 30 "$RUN/portal-$1.log" >&2; die "instance $1 stopped while starting"; }
    sleep 0.5
  done
  die "instance $1 did not answer in 2 minutes (log: $RUN/portal-$1.log)"
}
say "Starting $INSTANCES instances in Production on ports $((PORT + 1))-$((PORT + INSTANCES)) (database $DB)..."
for i in $(seq 1 "$INSTANCES"); do start_instance "$i"; done
for i in $(seq 1 "$INSTANCES"); do wait_ready "$i"; done

mkdir -p "$RUN/nginx"
site() { # upstream name, port: a server that proxies to it as deploy/nginx/physioportal.conf does, keep-alive to the instances
  cat <<SITE
    server {
        listen 127.0.0.1:$2;
        access_log $RUN/nginx/access-$1.log upstream buffer=64k;
        location / {
            proxy_pass http://$1;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_next_upstream error timeout http_502 http_504;
            proxy_next_upstream_tries 2;
            proxy_set_header Host 127.0.0.1;
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_set_header X-Forwarded-Proto https;
        }
    }
SITE
}
servers=""; for i in $(seq 1 "$INSTANCES"); do servers+="        server 127.0.0.1:$((PORT + i)) max_fails=1 fail_timeout=5s;"$'\n'; done
cat >"$RUN/nginx/nginx.conf" <<EOF
$([[ $EUID -eq 0 ]] && echo "user root;")
worker_processes auto;
daemon off;
pid $RUN/nginx/nginx.pid;
error_log $RUN/nginx/error.log;
events { worker_connections 4096; }
http {
    client_body_temp_path $RUN/nginx/body;
    proxy_temp_path $RUN/nginx/proxy;
    fastcgi_temp_path $RUN/nginx/fastcgi;
    uwsgi_temp_path $RUN/nginx/uwsgi;
    scgi_temp_path $RUN/nginx/scgi;
    log_format upstream '\$upstream_addr';
    upstream one {
        server 127.0.0.1:$((PORT + 1)) max_fails=1 fail_timeout=5s;
        keepalive 64;
    }
    upstream all {
$servers        keepalive 64;
    }
$(site one "$ONE")
$(site all "$ALL")
}
EOF
"$NGINX" -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf" &
NGINX_PID=$!
for i in $(seq 1 50); do port_free "$ALL" || break; sleep 0.1; done
port_free "$ALL" && die "nginx did not start: $(cat "$RUN/nginx/error.log")"

# Signed in as the demo patient; production cookies are Secure, so they are carried by hand (as bench.sh does).
COOKIES=""
keep_cookies() { # header file
  COOKIES="$( { tr ';' '\n' <<<"$COOKIES" | sed 's/^ *//' | grep '=' || true; grep -i '^set-cookie:' "$1" | sed 's/^[^:]*: *//; s/;.*//; s/\r$//'; } |
    awk -F= '{ k = $1; if (!(k in seen)) order[n++] = k; seen[k] = 1; val[k] = substr($0, length($1) + 2) }
      END { for (i = 0; i < n; i++) printf "%s%s=%s", (i ? "; " : ""), order[i], val[order[i]] }')"
}
base="http://127.0.0.1:$ALL"
token="$(curl -fs -D "$RUN/h1" "$base/Identity/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//')"
keep_cookies "$RUN/h1"
[[ -n "$token" ]] || die "no antiforgery token on the login page"
status="$(curl -s -o /dev/null -D "$RUN/h2" -w '%{http_code}' -H "Cookie: $COOKIES" --data-urlencode "Input.Email=$PATIENT_EMAIL" \
  --data-urlencode "Input.Password=$PASSWORD" --data-urlencode "__RequestVerificationToken=$token" "$base/Identity/Account/Login")"
[[ "$status" == 302 ]] || die "signing in as $PATIENT_EMAIL answered $status (is the bench database's demo clinic there?)"
keep_cookies "$RUN/h2"
for p in "$ONE" "$ALL" "$ALL"; do
  got="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIES" "http://127.0.0.1:$p/me")"
  [[ "$got" == 200 ]] || die "GET /me through port $p answered $got"
done

cpu_ticks() { local t=0 pid; for pid in "${PIDS[@]}"; do t=$((t + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0))); done; echo "$t"; }
measure() { # port, seconds, file -> "rps p99ms errors p50ms"
  wrk -t "$THREADS" -c "$CONNECTIONS" -d "${2}s" --timeout 30s --latency -H "Cookie: $COOKIES" "http://127.0.0.1:$1/me" >"$3" 2>&1 || true
  drain
  wrk_parse "$3"
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
say "Warming up (10 s each: every instance JIT-compiled and warm)..."
measure "$ONE" 10 "$RUN/warmup-one.txt" >/dev/null
measure "$ALL" 10 "$RUN/warmup-all.txt" >/dev/null
RPS1=() RPSN=() P1=() PN=() ERR=0
for r in $(seq 1 "$ROUNDS"); do
  read -r rps p99 e _ <<<"$(measure "$ONE" "$DURATION" "$RUN/wrk-one-$r.txt")"; RPS1+=("$rps"); P1+=("$p99"); ERR=$((ERR + e))
  say "$(printf 'Round %s: one instance  %8.0f req/s  p99 %7.1f ms' "$r" "$rps" "$p99")"
  read -r rps p99 e _ <<<"$(measure "$ALL" "$DURATION" "$RUN/wrk-all-$r.txt")"; RPSN+=("$rps"); PN+=("$p99"); ERR=$((ERR + e))
  say "$(printf 'Round %s: %s instances %8.0f req/s  p99 %7.1f ms' "$r" "$INSTANCES" "$rps" "$p99")"
done
read -r m1 lo1 hi1 <<<"$(stats "${RPS1[@]}")"
read -r mn lon hin <<<"$(stats "${RPSN[@]}")"
read -r pm1 _ _ <<<"$(stats "${P1[@]}")"
read -r pmn _ _ <<<"$(stats "${PN[@]}")"
ratios=(); for i in "${!RPS1[@]}"; do ratios+=("$(awk -v a="${RPSN[$i]}" -v b="${RPS1[$i]}" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')"); done
read -r rm rlo rhi <<<"$(stats "${ratios[@]}")"
ratio="$(awk -v a="$mn" -v b="$m1" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')"
met="$(awk -v r="$ratio" 'BEGIN { print (r >= 0.9) ? "ok" : "SHORT" }')"
kill -USR1 "$NGINX_PID" 2>/dev/null || true; sleep 0.5   # reopening the logs flushes their buffers
shares="$(sort "$RUN/nginx/access-all.log" | uniq -c | awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $2, $1 }')"

# nginx keeps its connections to the instances open (proxy_http_version 1.1, Connection ""): requests per connection
# that each instance accepted, from its own metrics (Kestrel's connections, ASP.NET Core's requests), warm-up included.
reuse=""
for i in $(seq 1 "$INSTANCES"); do
  scrape="$(curl -fs "http://127.0.0.1:$((PORT + i + 4384))/metrics" || true)"
  conns="$(awk '/^kestrel_connection_duration_seconds_count/ { s += $NF } END { printf "%d", s }' <<<"$scrape")"
  reqs="$(awk '/^http_server_request_duration_seconds_count/ { s += $NF } END { printf "%d", s }' <<<"$scrape")"
  reuse+="${reuse:+, }instance $i: $reqs requests on $((conns)) closed + $(awk '/^kestrel_active_connections/ { s += $NF } END { printf "%d", s }' <<<"$scrape") open connections"
done

TABLE="$RUN/table.txt"
{
  printf 'PhysioPortal bench --instances %s, %s UTC: %s logical cores, load average before %s\n' "$INSTANCES" "$(date -u '+%Y-%m-%d %H:%M')" "$(nproc)" "$LOAD_BEFORE"
  printf 'GET /me (patient home) through nginx, wrk %s connections, %s threads, %s s a run, %s rounds interleaved; medians [min-max]\n' "$CONNECTIONS" "$THREADS" "$DURATION" "$ROUNDS"
  printf '  %-28s %10s req/s [%s-%s]   p99 %s ms\n' "one instance behind nginx" "$(printf '%.0f' "$m1")" "$(printf '%.0f' "$lo1")" "$(printf '%.0f' "$hi1")" "$pm1"
  printf '  %-28s %10s req/s [%s-%s]   p99 %s ms\n' "$INSTANCES instances behind nginx" "$(printf '%.0f' "$mn")" "$(printf '%.0f' "$lon")" "$(printf '%.0f' "$hin")" "$pmn"
  printf '  %-28s %10s %%  (per round: %s)   goal >= 90 %%: %s\n' "$INSTANCES instances / one" "$(awk -v r="$ratio" 'BEGIN { printf "%.0f", r * 100 }')" "${ratios[*]}" "$met"
  # Each round's pair ran back to back, so its ratio is the least touched by the machine's other load.
  printf '  %-28s %10s %%  [%s-%s]\n' "median of the rounds' ratios" "$(awk -v r="$rm" 'BEGIN { printf "%.0f", r * 100 }')" \
    "$(awk -v r="$rlo" 'BEGIN { printf "%.0f", r * 100 }')" "$(awk -v r="$rhi" 'BEGIN { printf "%.0f", r * 100 }')"
  printf '  %-28s %s\n' "requests per instance (N runs, warm-up included)" "$shares"
  printf '  %-28s %s\n' "upstream keep-alive" "$reuse"
  (( ${#PORTAL_ENV[@]} > 0 )) && printf '  %-28s %s\n' "instances' environment" "${PORTAL_ENV[*]}"
  (( ERR > 0 )) && printf '  WARNING: %s errors or non-2xx/3xx answers\n' "$ERR"
  printf 'Raw output: %s\n' "${RUN#"$REPO"/}"
} >"$TABLE"
cat >"$OUT/instances-$STAMP.json" <<EOF
{"date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)", "cores": $(nproc), "loadBefore": "$LOAD_BEFORE", "instances": $INSTANCES,
 "settings": {"rounds": $ROUNDS, "durationSeconds": $DURATION, "connections": $CONNECTIONS, "threads": $THREADS, "env": "${PORTAL_ENV[*]+${PORTAL_ENV[*]}}"},
 "one": {"rps": [$(IFS=,; echo "${RPS1[*]}")], "median": $m1, "p99Median": $pm1},
 "many": {"rps": [$(IFS=,; echo "${RPSN[*]}")], "median": $mn, "p99Median": $pmn},
 "ratio": $ratio, "ratioMedianOfRounds": $rm, "ratioPerRound": [$(IFS=,; echo "${ratios[*]}")], "goal": 0.9, "met": $([[ $met == ok ]] && echo true || echo false), "errors": $ERR}
EOF
cat "$TABLE" >>"$LOG"
echo
cat "$TABLE"
