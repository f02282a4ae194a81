# Sourced by ./portal: settings, messages and prerequisites shared by every command.
# Expects REPO (the checkout) and the current directory to be it.

PG_PORT="${PORTAL_PG_PORT:-55432}"
WEB_PORT="${PORTAL_PORT:-5080}"
DATA="$REPO/.data"
PG_LINK="$DATA/pg"          # holds data/ (PGDATA), pg.log and the unix socket; a symlink when the repo is private
DB_NAME="physioportal"
TEST_DB_NAME="physioportal_test"
DB_USER="portal"
DB_PASS="portal"

IS_ROOT=0; if [[ $EUID -eq 0 ]]; then IS_ROOT=1; fi

say()  { printf '%s\n' "$*"; }
warn() { printf 'portal: %s\n' "$*" >&2; }
die()  { printf 'portal: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------------------------
# Prerequisites

apt_install() { # packages... (output goes to .data/apt.log; shown when apt-get fails)
  mkdir -p "$DATA"
  local log="$DATA/apt.log"
  if apt-get -o DPkg::Lock::Timeout=300 install -y "$@" >"$log" 2>&1; then return 0; fi
  say "apt-get install failed; running apt-get update and trying again"
  if apt-get -o DPkg::Lock::Timeout=300 update >>"$log" 2>&1 &&
     apt-get -o DPkg::Lock::Timeout=300 install -y "$@" >>"$log" 2>&1; then return 0; fi
  tail -n 20 "$log" >&2
  return 1
}


ensure_dotnet() {
  command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not on PATH; install .NET SDK 10"
  local out
  if ! out="$(dotnet tool restore 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "dotnet tool restore failed"
  fi
}
