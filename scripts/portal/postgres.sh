# Sourced by ./portal: the private PostgreSQL cluster of this checkout (./portal db ...), started by run, test and
# bench. Why a private cluster: docs/decisions/0005-private-postgresql-cluster-for-development.md.

pg_bin_for() { # major version -> bin dir (empty if absent)
  local d="/usr/lib/postgresql/$1/bin"
  if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then printf '%s' "$d"; fi
}

highest_pg_bin() {
  local d best=""
  while IFS= read -r d; do
    if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then best="$d"; fi
  done < <(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V)
  printf '%s' "$best"
}

PG_BIN=""
ensure_postgres_installed() {
  PG_BIN="$(highest_pg_bin)"
  if [[ -z "$PG_BIN" ]] || ! command -v psql >/dev/null 2>&1; then
    if [[ $IS_ROOT -eq 1 ]]; then
      say "PostgreSQL: installing Debian's postgresql package (apt-get)"
      apt_install postgresql || die "could not install PostgreSQL with apt-get"
      PG_BIN="$(highest_pg_bin)"
    fi
    [[ -n "$PG_BIN" ]] || die "PostgreSQL is not installed. Install it with: sudo apt-get install -y postgresql
(or point ConnectionStrings__Portal / PORTAL_TEST_DB at a database of your own)"
  fi
  if [[ $IS_ROOT -eq 1 ]] && ! id postgres >/dev/null 2>&1; then
    die "the 'postgres' OS user is missing (normally created by Debian's postgresql package)"
  fi
}

# ---------------------------------------------------------------------------------------------------------------
# The cluster. Layout (PG_HOME = .data/pg, or the directory it links to):
#   PG_HOME/data      PGDATA            PG_HOME/pg.log    server log         PG_HOME/.s.PGSQL.PORT   unix socket
# As root everything runs as the 'postgres' OS user (initdb refuses root); otherwise as the current user.

as_pg() { # run a command as the cluster's OS user, from a directory that user can read
  if [[ $IS_ROOT -eq 1 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

PG_HOME=""; PGDATA_DIR=""; SOCK_DIR=""; PG_LOG=""

short_hash() { printf '%s' "$REPO" | sha1sum | cut -c1-10; }

resolve_pg_home() { # sets PG_HOME, PGDATA_DIR, PG_LOG, SOCK_DIR; creates directories as needed
  mkdir -p "$DATA"
  if [[ $IS_ROOT -eq 1 ]]; then
    chmod 755 "$DATA"   # postgres must be able to traverse it
    if [[ -L "$PG_LINK" ]]; then
      PG_HOME="$(readlink -f "$PG_LINK" 2>/dev/null || readlink "$PG_LINK")"
    elif [[ -d "$PG_LINK" ]] && as_pg test -x "$PG_LINK"; then
      PG_HOME="$PG_LINK"
    elif [[ ! -e "$PG_LINK" ]] && as_pg test -x "$DATA"; then
      PG_HOME="$PG_LINK"
    else
      # The postgres user cannot reach into this repository (a private home directory, for example):
      # keep the cluster in postgres's own home and leave a symlink behind.
      if [[ -e "$PG_LINK" ]]; then die "$PG_LINK exists but the postgres user cannot read it; remove it and retry"; fi
      PG_HOME="/var/lib/postgresql/physioportal-$(short_hash)"
      ln -s "$PG_HOME" "$PG_LINK"
      say "PostgreSQL: the postgres user cannot traverse $REPO; data lives in $PG_HOME (symlinked from .data/pg)"
    fi
    install -d -o postgres -g postgres -m 700 "$PG_HOME"
  else
    if [[ -L "$PG_LINK" ]]; then PG_HOME="$(readlink -f "$PG_LINK")"; else PG_HOME="$PG_LINK"; fi
    mkdir -p "$PG_HOME"; chmod 700 "$PG_HOME"
  fi
  PGDATA_DIR="$PG_HOME/data"
  PG_LOG="$PG_HOME/pg.log"
  SOCK_DIR="$PG_HOME"
  # A unix socket path must stay under ~107 bytes.
  if (( ${#SOCK_DIR} + 16 > 100 )); then
    SOCK_DIR="/tmp/physioportal-pg-$(id -u)-$(short_hash)"
    if [[ $IS_ROOT -eq 1 ]]; then install -d -o postgres -g postgres -m 700 "$SOCK_DIR"
    else mkdir -p "$SOCK_DIR"; chmod 700 "$SOCK_DIR"; fi
  fi
}

init_cluster() {
  if [[ -f "$PGDATA_DIR/PG_VERSION" ]]; then
    local major; major="$(cat "$PGDATA_DIR/PG_VERSION")"
    local bin; bin="$(pg_bin_for "$major")"
    [[ -n "$bin" ]] || die "the cluster in .data/pg was made by PostgreSQL $major, which is not installed; run ./portal db reset"
    PG_BIN="$bin"
    return 0
  fi
  if [[ -e "$PGDATA_DIR" ]]; then   # a half-made cluster (initdb interrupted): start over
    rm -rf "$PGDATA_DIR"
  fi
  local auth_local="peer"
  [[ $IS_ROOT -eq 1 ]] || auth_local="trust"   # non-root: socket dir is mode 700, only its owner can connect
  say "PostgreSQL: initialising a private cluster in .data/pg"
  local out
  if ! out="$(as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres -E UTF8 --locale=C.UTF-8 \
                  --auth-local="$auth_local" --auth-host=scram-sha-256 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "initdb failed"
  fi
}

proc_state() { # pid -> "COMM STATE" from /proc (empty if no such process)
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 0
  local comm="${stat#*(}"; comm="${comm%)*}"
  local rest="${stat##*) }"
  printf '%s %s' "$comm" "${rest%% *}"
}

# The postmaster is alive: postmaster.pid names a live (not zombie) postgres process. pg_ctl status alone is
# fooled by a zombie or by a PID reused by another program after a crash or a container restart.
pg_running() {
  local pid
  pid="$(head -n1 "$PGDATA_DIR/postmaster.pid" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  live_postgres_pid "$pid" || return 1
  local cwd; cwd="$(readlink "/proc/$pid/cwd" 2>/dev/null || true)"   # a postgres server, but ours?
  [[ -z "$cwd" || "$cwd" == "$(readlink -f "$PGDATA_DIR")" ]]
}

pg_ready() { as_pg "$PG_BIN/pg_isready" -q -h "$SOCK_DIR" -p "$PG_PORT" -t "${1:-3}"; }

leftover_backends() { # live postgres processes still working in this data dir (after the postmaster died)
  local p real n=0 ps
  real="$(readlink -f "$PGDATA_DIR")"
  for p in /proc/[0-9]*; do
    [[ "$(readlink "$p/cwd" 2>/dev/null)" == "$real" ]] || continue
    ps="$(proc_state "${p#/proc/}")"
    if [[ "$ps" == postgres* && "$ps" != *" Z" ]]; then n=$((n + 1)); fi
  done
  printf '%s' "$n"
}

live_postgres_pid() { # pid -> true if it is a running (not zombie) postgres process
  local ps; ps="$(proc_state "$1")"
  [[ "$ps" == postgres* && "$ps" != *" Z" && "$ps" != *" X" ]]
}

clear_stale_locks() { # called when pg_running is false: lock files left by a crashed server
  local pidfile="$PGDATA_DIR/postmaster.pid" sockfile="$SOCK_DIR/.s.PGSQL.$PG_PORT.lock" pid i
  if [[ -f "$pidfile" ]]; then
    for i in $(seq 1 30); do   # orphaned backends exit on their own shortly after their postmaster died
      if [[ "$(leftover_backends)" -eq 0 ]]; then break; fi
      if [[ $i -eq 30 ]]; then die "PostgreSQL processes from a crashed server still use .data/pg/data; stop them and retry"; fi
      sleep 0.5
    done
    say "PostgreSQL: removing a stale postmaster.pid (its server is gone)"
    rm -f "$pidfile"
  fi
  if [[ -f "$sockfile" ]]; then
    pid="$(head -n1 "$sockfile" 2>/dev/null || true)"
    pid="${pid#-}"
    if ! [[ "$pid" =~ ^[0-9]+$ ]] || ! live_postgres_pid "$pid"; then
      rm -f "$sockfile"
    fi
  fi
}

start_cluster() {
  if pg_running; then
    local i running_port
    running_port="$(sed -n 4p "$PGDATA_DIR/postmaster.pid" 2>/dev/null || true)"
    if [[ -n "$running_port" && "$running_port" != "$PG_PORT" ]]; then
      die "PostgreSQL in .data/pg is already running on port $running_port, not $PG_PORT; ./portal db stop it first"
    fi
    for i in $(seq 1 15); do   # it may be starting up or recovering
      if pg_ready 2; then
        say "PostgreSQL: already running on 127.0.0.1:$PG_PORT (data in .data/pg)"
        return 0
      fi
      sleep 1
    done
    die "PostgreSQL in .data/pg is running but does not answer on 127.0.0.1:$PG_PORT (another PORTAL_PG_PORT?); see $PG_LOG"
  fi
  clear_stale_locks
  # This cluster is for development and tests only: durability is traded for speed (fsync off).
  local opts="-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$SOCK_DIR"
  opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
  # 9>&- : the server must not inherit our lock file descriptor; 3>&- : nor that of `flock FILE ./portal ...` (flock(1)
  # hands the command its lock on fd 3: a server started under it held the machine's heavy-work lock until it stopped)
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PG_LOG" -w -t 30 -o "$opts" start >/dev/null 2>&1 3>&- 9>&-; then
    warn "PostgreSQL failed to start; last lines of $PG_LOG:"
    tail -n 15 "$PG_LOG" >&2 2>/dev/null || true
    if grep -q "Address already in use" "$PG_LOG" 2>/dev/null; then
      warn "port $PG_PORT is taken by another program; choose another with PORTAL_PG_PORT=NNNN"
    fi
    exit 1
  fi
  say "PostgreSQL: started on 127.0.0.1:$PG_PORT (data in .data/pg)"
}

stop_cluster() {
  if pg_running; then
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w -t 60 stop >/dev/null
    say "PostgreSQL: stopped"
  else
    say "PostgreSQL: not running"
  fi
}

psql_super() { # psql as the postgres superuser over the unix socket
  as_pg "$PG_BIN/psql" -X -q -h "$SOCK_DIR" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"
}

ensure_role_and_db() {
  local has
  has="$(psql_super -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")"
  if [[ "$has" != 1 ]]; then
    psql_super -c "CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASS'"
    say "PostgreSQL: created role $DB_USER (password $DB_PASS)"
  fi
  has="$(psql_super -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")"
  if [[ "$has" != 1 ]]; then
    psql_super -c "CREATE DATABASE $DB_NAME OWNER $DB_USER"
    say "PostgreSQL: created database $DB_NAME"
  fi
}

LOCK_FILE=""
take_lock() { # serialise cluster setup between concurrent ./portal invocations
  mkdir -p "$DATA"
  LOCK_FILE="$DATA/.portal.lock"
  exec 9>"$LOCK_FILE"
  if ! flock -w 300 9; then die "another ./portal is holding $LOCK_FILE for more than 5 minutes"; fi
}
release_lock() { exec 9>&-; }

cluster_up() { # install if needed, init, start, role + database
  ensure_postgres_installed
  take_lock
  resolve_pg_home
  init_cluster
  start_cluster
  ensure_role_and_db
  release_lock
}

cluster_paths() { # for stop/status/psql: no install, no init
  PG_BIN="$(highest_pg_bin)"
  [[ -n "$PG_BIN" ]] || die "PostgreSQL is not installed; ./portal db start installs it"
  if [[ ! -e "$PG_LINK" ]]; then return 1; fi
  resolve_pg_home
  if [[ -f "$PGDATA_DIR/PG_VERSION" ]]; then
    local bin; bin="$(pg_bin_for "$(cat "$PGDATA_DIR/PG_VERSION")")"
    if [[ -n "$bin" ]]; then PG_BIN="$bin"; fi
    return 0
  fi
  return 1
}

portal_cs() { printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=%s;Password=%s' "$PG_PORT" "$1" "$DB_USER" "$DB_PASS"; }

cmd_db() {
  local sub="${1:-status}"; shift || true
  case "$sub" in
    start)
      cluster_up
      say "Connect: psql \"host=127.0.0.1 port=$PG_PORT user=$DB_USER password=$DB_PASS dbname=$DB_NAME\"" ;;
    stop)
      if cluster_paths; then take_lock; stop_cluster; release_lock; else say "PostgreSQL: no cluster in .data/pg"; fi ;;
    status)
      if ! cluster_paths; then say "PostgreSQL: no cluster yet (./portal db start creates one)"; exit 3; fi
      if pg_running; then
        local port; port="$(sed -n 4p "$PGDATA_DIR/postmaster.pid" 2>/dev/null || true)"
        PG_PORT="${port:-$PG_PORT}"
        local ready="answering"; pg_ready 3 || ready="NOT answering"
        say "PostgreSQL: running on 127.0.0.1:$PG_PORT, $ready (data in .data/pg -> $PGDATA_DIR)"
        say "  version:  $("$PG_BIN/postgres" --version)"
        say "  log:      $PG_LOG"
        say "  portal:   $(portal_cs "$DB_NAME")"
        say "  tests:    $(portal_cs "$TEST_DB_NAME")"
      else
        say "PostgreSQL: stopped (data in .data/pg -> $PGDATA_DIR); ./portal db start starts it"
        exit 3
      fi ;;
    reset)
      ensure_postgres_installed
      take_lock
      resolve_pg_home
      if [[ -f "$PGDATA_DIR/PG_VERSION" ]]; then
        local bin; bin="$(pg_bin_for "$(cat "$PGDATA_DIR/PG_VERSION")")"
        if [[ -n "$bin" ]]; then PG_BIN="$bin"; stop_cluster; fi
        PG_BIN="$(highest_pg_bin)"
      fi
      rm -rf "$PGDATA_DIR" "$PG_LOG"
      say "PostgreSQL: deleted the cluster's data"
      init_cluster
      start_cluster
      ensure_role_and_db
      release_lock ;;
    psql)
      cluster_paths || die "no cluster yet; run ./portal db start"
      pg_running || die "PostgreSQL is not running; run ./portal db start"
      if [[ $IS_ROOT -eq 1 ]]; then
        exec runuser -u postgres -- env PGDATABASE="$DB_NAME" "$PG_BIN/psql" -h "$SOCK_DIR" -p "$PG_PORT" -U postgres "$@"
      else
        PGDATABASE="$DB_NAME" exec "$PG_BIN/psql" -h "$SOCK_DIR" -p "$PG_PORT" -U postgres "$@"
      fi ;;
    backup) cmd_backup "$@" ;;
    restore) cmd_restore "$@" ;;
    *) usage >&2; exit 2 ;;
  esac
}
