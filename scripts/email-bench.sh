#!/usr/bin/env bash
# How many due emails per second the scheduled-email sender delivers to a local SMTP server.
# Uses the private PostgreSQL of ./portal (a database of its own, dropped and made anew) and netDumbster in process;
# pass --smtp 127.0.0.1:2525 to send to smtp4dev instead (scripts/smtp4dev.sh start). Other arguments go to the bench:
#   scripts/email-bench.sh [--rows 2000] [--senders 1,2,4] [--batch 50] [--smtp HOST:PORT]
set -euo pipefail
REPO="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
DB="${EMAIL_BENCH_DB:-Host=127.0.0.1;Port=${PORTAL_PG_PORT:-55432};Database=physioportal_emailbench;Username=portal;Password=portal}"
exec dotnet run -c Release --project bench/PhysioPortal.EmailBench -- --db "$DB" "$@"
