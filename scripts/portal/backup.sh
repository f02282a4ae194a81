# Sourced by ./portal: ./portal db backup and ./portal db restore FILE.
# The database is the one ConnectionStrings__Portal names (production), or this checkout's private cluster.
# Backups are pg_dump's custom format (compressed, restorable table by table with pg_restore).

BACKUP_DIR_DEFAULT="$DATA/backups"
BACKUP_KEEP_DEFAULT=14

# ---------------------------------------------------------------------------------------------------------------
# Which database: libpq variables from an Npgsql connection string, or the private cluster's portal database.

DB_TARGET_NAME=""   # the database named by the connection (the one backed up, the default restore target)

use_npgsql_connection_string() { # "Host=...;Port=...;Database=...;Username=...;Password=..." -> PG* variables
  local cs="$1" part key value
  local IFS=';'
  for part in $cs; do
    [[ "$part" == *=* ]] || continue
    key="${part%%=*}"; value="${part#*=}"
    key="$(printf '%s' "$key" | tr -d ' ' | tr '[:upper:]' '[:lower:]')"
    value="${value#"${value%%[![:space:]]*}"}"; value="${value%"${value##*[![:space:]]}"}"
    if [[ "$value" == \"*\" || "$value" == \'*\' ]]; then value="${value:1:${#value}-2}"; fi
    case "$key" in
      host|server) export PGHOST="$value" ;;
      port) export PGPORT="$value" ;;
      database|db) DB_TARGET_NAME="$value" ;;
      username|userid|user|uid) export PGUSER="$value" ;;
      password|pwd) export PGPASSWORD="$value" ;;
      sslmode) export PGSSLMODE="$(printf '%s' "$value" | tr '[:upper:]' '[:lower:]')" ;;
    esac
  done
  [[ -n "$DB_TARGET_NAME" ]] || die "ConnectionStrings__Portal names no Database="
  [[ -n "${PGHOST:-}" ]] || die "ConnectionStrings__Portal names no Host="
}

resolve_backup_connection() { # sets PG* variables, DB_TARGET_NAME and PG_BIN (client tools)
  if [[ -n "${ConnectionStrings__Portal:-}" ]]; then
    PG_BIN="$(highest_pg_bin)"
    [[ -n "$PG_BIN" ]] || die "pg_dump is not installed: sudo apt-get install -y postgresql-client (its major version must be at least the server's)"
    use_npgsql_connection_string "$ConnectionStrings__Portal"
    say "Database: $DB_TARGET_NAME on ${PGHOST}:${PGPORT:-5432} (ConnectionStrings__Portal)"
  else
    cluster_paths || die "no private cluster yet and ConnectionStrings__Portal is not set: nothing to back up"
    pg_running || die "the private cluster is not running; ./portal db start starts it"
    export PGHOST=127.0.0.1 PGPORT="$PG_PORT" PGUSER="$DB_USER" PGPASSWORD="$DB_PASS"
    DB_TARGET_NAME="$DB_NAME"
    say "Database: $DB_TARGET_NAME in the private cluster (127.0.0.1:$PG_PORT)"
  fi
  export PGCONNECT_TIMEOUT="${PGCONNECT_TIMEOUT:-10}" PGAPPNAME="portal-backup"
}

psql_admin() { # psql on the maintenance database 'postgres' with the connection's credentials
  PGOPTIONS="-c client_min_messages=warning" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -d postgres "$@"
}

sql_literal() { printf "'%s'" "${1//\'/\'\'}"; }
sql_ident() { printf '"%s"' "${1//\"/\"\"}"; }

# ---------------------------------------------------------------------------------------------------------------
# ./portal db backup [--dir DIR] [--keep N]

cmd_backup() {
  local dir="${PORTAL_BACKUP_DIR:-$BACKUP_DIR_DEFAULT}" keep="${PORTAL_BACKUP_KEEP:-$BACKUP_KEEP_DEFAULT}"
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --dir) [[ $# -ge 2 ]] || die "--dir needs a folder"; dir="$2"; shift 2 ;;
      --keep) [[ $# -ge 2 ]] || die "--keep needs a number"; keep="$2"; shift 2 ;;
      *) die "db backup: unknown argument '$1' (usage: ./portal db backup [--dir DIR] [--keep N])" ;;
    esac
  done
  [[ "$keep" =~ ^[1-9][0-9]*$ ]] || die "the number of backups to keep (--keep / PORTAL_BACKUP_KEEP) must be a whole number of at least 1, not '$keep'"
  resolve_backup_connection
  mkdir -p "$dir" || die "cannot create the backup folder $dir"
  [[ -w "$dir" ]] || die "the backup folder $dir is not writable"
  umask 077   # a backup holds patients' data: readable by its owner only

  local stamp file n=1
  stamp="$(date -u +%Y-%m-%dT%H-%M-%SZ)"
  file="$dir/$DB_TARGET_NAME-$stamp.dump"
  while [[ -e "$file" ]]; do n=$((n + 1)); file="$dir/$DB_TARGET_NAME-$stamp-$n.dump"; done
  local partial="$file.partial" started=$SECONDS
  # Custom format, compressed; a consistent snapshot of every schema (the portal's tables, hangfire, media chunks).
  if ! "$PG_BIN/pg_dump" --format=custom --compress=6 --no-password --dbname="$DB_TARGET_NAME" --file="$partial"; then
    rm -f "$partial"
    die "pg_dump failed; no backup was written (older backups are untouched)"
  fi
  # The archive must be readable before it counts (and before an older one is deleted).
  if ! "$PG_BIN/pg_restore" --list "$partial" >/dev/null; then
    rm -f "$partial"
    die "the dump written by pg_dump cannot be read back; no backup was written"
  fi
  mv "$partial" "$file"
  say "Backup: $file ($(du -h "$file" | cut -f1), $((SECONDS - started)) s)"

  # Keep the newest N backups of this database (by modification time); never touch other files in the folder.
  local old
  while IFS= read -r old; do
    rm -f -- "$old"
    say "Backup: removed the older $old (keeping $keep)"
  done < <(find "$dir" -maxdepth 1 -type f -name "$DB_TARGET_NAME-*.dump" -printf '%T@ %p\n' \
             | sort -rn | tail -n "+$((keep + 1))" | cut -d' ' -f2-)
}

# ---------------------------------------------------------------------------------------------------------------
# ./portal db restore FILE [--to DATABASE] [--yes]
# The backup goes into a fresh database first; only when that worked does it take the target's name. The database
# it replaces is kept under another name until the operator drops it.

cmd_restore() {
  local file="" to="" yes=0
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --to) [[ $# -ge 2 ]] || die "--to needs a database name"; to="$2"; shift 2 ;;
      --yes|-y) yes=1; shift ;;
      -*) die "db restore: unknown option '$1' (usage: ./portal db restore FILE [--to DATABASE] [--yes])" ;;
      *) [[ -z "$file" ]] || die "db restore: one backup file only"; file="$1"; shift ;;
    esac
  done
  [[ -n "$file" ]] || die "usage: ./portal db restore FILE [--to DATABASE] [--yes]"
  [[ -f "$file" ]] || die "no such backup file: $file"
  resolve_backup_connection
  to="${to:-$DB_TARGET_NAME}"
  [[ "$to" =~ ^[A-Za-z_][A-Za-z0-9_]{0,40}$ ]] || die "the database name '$to' is not a plain name (letters, digits, _)"

  local created
  created="$("$PG_BIN/pg_restore" --list "$file" 2>/dev/null | sed -n 's/^;[[:space:]]*Archive created at //p' | head -n1)" \
    || true
  [[ -n "$created" ]] || die "$file is not a backup made by ./portal db backup (pg_restore cannot read it)"
  local exists
  exists="$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = $(sql_literal "$to")")" \
    || die "cannot connect to the server as $PGUSER (it needs the right to create databases)"

  say "Restore: $file (made $created)"
  if [[ "$exists" == 1 ]]; then
    say "  into:  database $to on $PGHOST:${PGPORT:-5432}, which exists and will be REPLACED"
    say "         (it is kept as ${to}_before_restore_<time> until you drop it; stop the portal first)"
  else
    say "  into:  a new database $to on $PGHOST:${PGPORT:-5432}"
  fi
  if [[ $yes -ne 1 ]]; then
    [[ -t 0 ]] || die "not asking on a non-interactive input: add --yes to restore without asking"
    local answer
    read -r -p "Type the database name ($to) to restore into it: " answer
    [[ "$answer" == "$to" ]] || die "not restored (the answer was not '$to')"
  fi

  local fresh="${to}_restoring" started=$SECONDS
  psql_admin -c "DROP DATABASE IF EXISTS $(sql_ident "$fresh") WITH (FORCE)" -c "CREATE DATABASE $(sql_ident "$fresh")" \
    || die "could not create the database $fresh (does $PGUSER have CREATEDB?)"
  # Owned by the restoring role (the portal's own role, normally); one transaction: all or nothing.
  if ! "$PG_BIN/pg_restore" --no-owner --no-acl --exit-on-error --single-transaction --no-password \
         --dbname="$fresh" "$file"; then
    psql_admin -c "DROP DATABASE IF EXISTS $(sql_ident "$fresh")" || true
    die "pg_restore failed; nothing was replaced"
  fi
  if [[ "$exists" == 1 ]]; then
    local kept; kept="${to}_before_restore_$(date -u +%Y%m%d%H%M%S)"
    if ! psql_admin -c "ALTER DATABASE $(sql_ident "$to") RENAME TO $(sql_ident "$kept")"; then
      die "the backup is restored in $fresh, but $to is in use: stop the portal (every instance) and run:
  psql -d postgres -c 'ALTER DATABASE $to RENAME TO $kept' -c 'ALTER DATABASE $fresh RENAME TO $to'"
    fi
    say "Restore: the previous database is kept as $kept (drop it with: DROP DATABASE $kept)"
  fi
  psql_admin -c "ALTER DATABASE $(sql_ident "$fresh") RENAME TO $(sql_ident "$to")"
  say "Restore: done in $((SECONDS - started)) s; database $to now holds the backup of $created"
}
