# Sourced by ./portal: ./portal run.

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
  # Development inbox: smtp4dev on 127.0.0.1 (SMTP 2525, web 5081); the portal sends every email there.
  if [[ -z "${Email__SmtpHost:-}" ]]; then
    "$REPO/scripts/smtp4dev.sh" start
    export Email__SmtpHost=127.0.0.1 Email__SmtpPort="${Email__SmtpPort:-2525}"
    say "Emails: smtp4dev inbox at http://127.0.0.1:5081 (scripts/smtp4dev.sh stop to stop it)"
  fi
  export Portal__PublicUrl="${Portal__PublicUrl:-http://127.0.0.1:$WEB_PORT}"
  say "Portal: building and starting on $ASPNETCORE_URLS (Ctrl+C stops it)"
  exec dotnet run --project src/PhysioPortal.Web -c Release --no-launch-profile -- --urls "$ASPNETCORE_URLS" "$@"
}
