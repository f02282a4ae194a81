#!/usr/bin/env bash
# A local inbox for development: smtp4dev (the dotnet tool Rnwood.Smtp4dev) bound to 127.0.0.1 only.
#   scripts/smtp4dev.sh start     install it into .data/tools if needed, start it in the background (idempotent)
#   scripts/smtp4dev.sh stop      stop the one this script started
#   scripts/smtp4dev.sh status    is it running, where
# SMTP on 127.0.0.1:${SMTP4DEV_SMTP_PORT:-2525}, web inbox on http://127.0.0.1:${SMTP4DEV_WEB_PORT:-5081}. Messages are kept in
# memory (gone when it stops). Log: .data/smtp4dev/smtp4dev.log; pid file: .data/smtp4dev/smtp4dev.pid; the ports it
# really listens on: .data/smtp4dev/ports ("SMTP WEB"), which ./portal run reads to send to the right one.
set -euo pipefail
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

REPO="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="$REPO/.data"
TOOLS="$DATA/tools"
HOME_DIR="$DATA/smtp4dev"
PID_FILE="$HOME_DIR/smtp4dev.pid"
LOG="$HOME_DIR/smtp4dev.log"
PORTS_FILE="$HOME_DIR/ports"
VERSION="3.15.0"
SMTP_PORT="${SMTP4DEV_SMTP_PORT:-2525}"
WEB_PORT="${SMTP4DEV_WEB_PORT:-5081}"
WEB_URL="http://127.0.0.1:$WEB_PORT"

say() { printf 'smtp4dev: %s\n' "$*"; }
die() { printf 'smtp4dev: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running_ports() { # a running smtp4dev keeps the ports it was started with: read them back
  local smtp web
  if [[ -f "$PORTS_FILE" ]] && read -r smtp web <"$PORTS_FILE" && [[ "$smtp" =~ ^[0-9]+$ && "$web" =~ ^[0-9]+$ ]]; then
    if [[ "$smtp" != "$SMTP_PORT" || "$web" != "$WEB_PORT" ]]; then
      say "running with SMTP $smtp and web $web, not the $SMTP_PORT and $WEB_PORT asked for (stop it first to change them)"
    fi
    SMTP_PORT="$smtp"; WEB_PORT="$web"; WEB_URL="http://127.0.0.1:$WEB_PORT"
  else
    printf '%s %s\n' "$SMTP_PORT" "$WEB_PORT" >"$PORTS_FILE"
  fi
}

running_pid() { # prints the pid when the process of the pid file is alive and is smtp4dev
  [[ -f "$PID_FILE" ]] || return 1
  local pid; pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # Our tool, not some other process that got the pid since.
  tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | head -n 1 | grep -q "/tools/smtp4dev$" || return 1
  printf '%s' "$pid"
}

ensure_installed() {
  if [[ -x "$TOOLS/smtp4dev" ]] && dotnet tool list --tool-path "$TOOLS" 2>/dev/null | grep -qi "rnwood.smtp4dev *$VERSION"; then
    return 0
  fi
  say "installing Rnwood.Smtp4dev $VERSION into .data/tools"
  mkdir -p "$TOOLS"
  dotnet tool uninstall Rnwood.Smtp4dev --tool-path "$TOOLS" >/dev/null 2>&1 || true
  dotnet tool install Rnwood.Smtp4dev --version "$VERSION" --tool-path "$TOOLS" >"$DATA/smtp4dev-install.log" 2>&1 \
    || { cat "$DATA/smtp4dev-install.log" >&2; die "could not install Rnwood.Smtp4dev $VERSION"; }
}

start() {
  mkdir -p "$HOME_DIR"
  if pid="$(running_pid)"; then
    running_ports
    say "already running (pid $pid): SMTP 127.0.0.1:$SMTP_PORT, inbox $WEB_URL"
    return 0
  fi
  rm -f "$PID_FILE" "$PORTS_FILE"
  if port_open "$SMTP_PORT"; then
    die "port $SMTP_PORT on 127.0.0.1 is taken by another program; set SMTP4DEV_SMTP_PORT or stop it"
  fi
  if port_open "$WEB_PORT"; then
    die "port $WEB_PORT on 127.0.0.1 is taken by another program; set SMTP4DEV_WEB_PORT or stop it"
  fi
  ensure_installed
  # Own process group and session, so it outlives the shell that started it; everything bound to 127.0.0.1.
  cd "$HOME_DIR"
  XDG_CONFIG_HOME="$HOME_DIR" setsid nohup "$TOOLS/smtp4dev" \
      --urls="$WEB_URL" --bindaddress=127.0.0.1 --allowremoteconnections- --hostname=localhost \
      --smtpport="$SMTP_PORT" --imapport="" --pop3port="" --db="" --nousersettings \
      --baseappdatapath="$HOME_DIR" >"$LOG" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$PID_FILE"
  printf '%s %s\n' "$SMTP_PORT" "$WEB_PORT" >"$PORTS_FILE"
  for _ in $(seq 1 100); do
    if port_open "$SMTP_PORT" && port_open "$WEB_PORT"; then
      say "running (pid $pid): SMTP 127.0.0.1:$SMTP_PORT, inbox $WEB_URL"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { tail -n 30 "$LOG" >&2; rm -f "$PID_FILE"; die "it stopped while starting (log above)"; }
    sleep 0.2
  done
  tail -n 30 "$LOG" >&2
  die "not listening after 20 s (log: $LOG)"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    say "not running"
    return 0
  fi
  kill "$pid"
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$PID_FILE" "$PORTS_FILE"; say "stopped"; return 0; }
    sleep 0.2
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$PID_FILE" "$PORTS_FILE"
  say "stopped (forced)"
}

status() {
  local pid
  if pid="$(running_pid)"; then
    running_ports
    say "running (pid $pid): SMTP 127.0.0.1:$SMTP_PORT, inbox $WEB_URL"
  else
    say "not running"
    return 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) printf 'Usage: %s start|stop|status\n' "$0" >&2; exit 2 ;;
esac
