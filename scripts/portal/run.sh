# Sourced by ./portal: ./portal run.

WEB_PROJECT="src/PhysioPortal.Web"
WEB_DLL="bin/Release/net10.0/PhysioPortal.Web.dll"   # under WEB_PROJECT
BUILD_STAMP="$DATA/run/web-build.stamp"             # the checksum of the file list of the last good build, made when it started

# What the web app is built from (build output aside).
build_inputs() {
  find src migrations Directory.Build.props Directory.Packages.props global.json .editorconfig \
    \( -name bin -o -name obj \) -prune -o -type f -print 2>/dev/null | LC_ALL=C sort
}

# Prints something when a build is needed: no stamp, a file newer than it, or a file added, removed or renamed (the
# stamp holds a checksum of the list of files). Folders' own times are not compared: a build changes them.
changed_since_build() {
  [[ -f "$BUILD_STAMP" ]] || { echo "no build yet"; return 0; }
  local files; files="$(build_inputs)"
  if [[ "$(sha1sum <<<"$files" | cut -c1-40)" != "$(cat "$BUILD_STAMP")" ]]; then echo "files added or removed"; return 0; fi
  xargs -d '\n' -r find -newer "$BUILD_STAMP" -print -quit <<<"$files" 2>/dev/null | head -n 1
}

# dotnet run would spend 40-55 s checking that every project is up to date on each start: build only when something
# changed, show progress while building (a first build takes minutes), then start the built app.
build_web() {
  if [[ -f "$WEB_PROJECT/$WEB_DLL" && -z "$(changed_since_build)" ]]; then
    say "Portal: nothing changed since the last build, starting it"
    return 0
  fi
  mkdir -p "$DATA/run"
  # Files changed while the build runs are newer than this stamp: the next run builds again.
  build_inputs | sha1sum | cut -c1-40 >"$BUILD_STAMP.next"
  local started=$SECONDS rc=0
  say "Portal: building (Release; the first build takes a few minutes, later starts skip it when nothing changed)"
  if [[ -t 1 ]]; then
    dotnet build "$WEB_PROJECT" -c Release -nologo || rc=$?   # the terminal logger shows live progress
  else
    dotnet build "$WEB_PROJECT" -c Release -nologo -v:m -tl:off &
    local pid=$!
    while kill -0 "$pid" 2>/dev/null; do
      sleep 1
      if (( (SECONDS - started) % 30 == 0 )); then say "Portal: still building ($((SECONDS - started)) s)"; fi
    done
    wait "$pid" || rc=$?
  fi
  (( rc == 0 )) || die "the build failed (errors above)"
  mv "$BUILD_STAMP.next" "$BUILD_STAMP"
  say "Portal: built in $((SECONDS - started)) s"
}

# The development inbox: smtp4dev on 127.0.0.1. One variable sets both sides: smtp4dev listens on
# SMTP4DEV_SMTP_PORT (or Email__SmtpPort when only that is set; default 2525) and the portal sends there.
start_inbox() {
  export SMTP4DEV_SMTP_PORT="${SMTP4DEV_SMTP_PORT:-${Email__SmtpPort:-2525}}" SMTP4DEV_WEB_PORT="${SMTP4DEV_WEB_PORT:-5081}"
  "$REPO/scripts/smtp4dev.sh" start
  # An inbox that was already running keeps its ports: send to the ones it really has.
  read -r SMTP4DEV_SMTP_PORT SMTP4DEV_WEB_PORT <"$DATA/smtp4dev/ports"
  export Email__SmtpHost=127.0.0.1 Email__SmtpPort="$SMTP4DEV_SMTP_PORT"
  say "Emails: sent to smtp4dev on 127.0.0.1:$SMTP4DEV_SMTP_PORT; read them at http://127.0.0.1:$SMTP4DEV_WEB_PORT (scripts/smtp4dev.sh stop stops it)"
}

cmd_run() {
  ensure_dotnet
  if [[ -n "${ConnectionStrings__Portal:-}" ]]; then
    say "PostgreSQL: using ConnectionStrings__Portal from the environment (private cluster not started)"
  else
    cluster_up
    export ConnectionStrings__Portal; ConnectionStrings__Portal="$(portal_cs "$DB_NAME")"
  fi
  export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
  export ASPNETCORE_URLS="http://127.0.0.1:$WEB_PORT"
  if [[ -z "${Email__SmtpHost:-}" ]]; then start_inbox; fi
  export Portal__PublicUrl="${Portal__PublicUrl:-http://127.0.0.1:$WEB_PORT}"
  # Prometheus metrics on a port of their own (9464 for the default 5080), answered to this machine only.
  export Metrics__Url="${Metrics__Url:-http://127.0.0.1:$((WEB_PORT + 4384))}"
  build_web
  say "Portal: starting on $ASPNETCORE_URLS (Ctrl+C stops it); metrics: $Metrics__Url/metrics; health: /health/live, /health/ready"
  # As dotnet run does: from the project folder (the content root), without a launch profile.
  cd "$WEB_PROJECT"
  exec dotnet "$WEB_DLL" --urls "$ASPNETCORE_URLS" "$@"
}
