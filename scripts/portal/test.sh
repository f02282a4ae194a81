# Sourced by ./portal: ./portal test (prerequisites of the tests, dotnet test, the summary "N passed, N failed").

ensure_chromium() {
  [[ -d "$REPO/tests/PhysioPortal.BrowserTests" ]] || return 0
  if [[ -x /usr/bin/chromium ]]; then return 0; fi
  if [[ $IS_ROOT -eq 1 ]]; then
    say "Browser tests: installing Debian's chromium (apt-get, about a minute)"
    apt_install chromium || die "could not install chromium with apt-get"
  else
    die "browser tests need Debian's chromium at /usr/bin/chromium: sudo apt-get install -y chromium"
  fi
}

cmd_test() {
  ensure_dotnet
  ensure_chromium
  ensure_checkers
  # The handout test turns a PDF page into a PNG with Debian's pdftoppm.
  if ! command -v pdftoppm >/dev/null 2>&1; then
    [[ $IS_ROOT -eq 1 ]] || die "the handout tests need pdftoppm: sudo apt-get install -y poppler-utils"
    say "Handout tests: installing Debian's poppler-utils (pdftoppm)"
    apt_install poppler-utils || die "could not install poppler-utils"
  fi
  # The reverse-proxy tests put Debian's nginx (TLS) in front of the portal.
  if [[ ! -x /usr/sbin/nginx ]]; then
    [[ $IS_ROOT -eq 1 ]] || die "the reverse-proxy tests need nginx: sudo apt-get install -y nginx-light"
    say "Proxy tests: installing Debian's nginx-light"
    apt_install nginx-light || die "could not install nginx-light"
  fi
  # The deployment test reads docker-compose.yml with Debian's docker-compose (no Docker engine needed).
  if [[ ! -x /usr/bin/docker-compose ]]; then
    [[ $IS_ROOT -eq 1 ]] || die "the deployment tests need docker-compose: sudo apt-get install -y docker-compose"
    say "Deployment tests: installing Debian's docker-compose"
    apt_install --no-install-recommends docker-compose || die "could not install docker-compose"
  fi
  if [[ -n "${PORTAL_TEST_DB:-}" ]]; then
    say "PostgreSQL: using PORTAL_TEST_DB from the environment (private cluster not started)"
  else
    cluster_up
    export PORTAL_TEST_DB; PORTAL_TEST_DB="$(portal_cs "$TEST_DB_NAME")"
    # The resilience test stops and restarts this cluster while requests run.
    export PORTAL_DB_CONTROL; PORTAL_DB_CONTROL="$REPO/portal db"
  fi

  local results; results="$DATA/test-results/$(date +%Y%m%d-%H%M%S)-$$"
  mkdir -p "$results"
  local log="$results/dotnet-test.log"
  local -a test_cmd
  if grep -q 'Microsoft.Testing.Platform' global.json 2>/dev/null; then
    test_cmd=(dotnet test --solution PhysioPortal.sln -c Release --results-directory "$results" --report-trx)
  else
    test_cmd=(dotnet test PhysioPortal.sln -c Release --logger trx --results-directory "$results")
  fi
  say "Tests: ${test_cmd[*]} $*"
  local rc=0
  set +e
  "${test_cmd[@]}" "$@" 2>&1 | tee "$log"
  rc="${PIPESTATUS[0]}"
  set -e

  summarize_trx "$results"
  say ""
  say "Test results: ${results#"$REPO"/}"
  local ran=$((TRX_PASSED + TRX_FAILED + TRX_SKIPPED))
  if [[ $TRX_FILES -eq 0 && $rc -ne 0 ]]; then
    local errors
    errors="$(grep -E '(error|Error) [A-Z]+[0-9]+|: error ' "$log" | sed 's/^ *//' | sort -u | head -n 30 || true)"
    if [[ -n "$errors" ]]; then
      say "Build failed:"
      printf '%s
' "$errors"
    else
      say "dotnet test exited with code $rc and wrote no test results (see $log)"
    fi
    say "0 passed, 1 failed"
    exit 1
  fi
  local build_errors=""
  if [[ $rc -ne 0 ]]; then
    build_errors="$(grep -E '(error|Error) [A-Z]+[0-9]+|: error ' "$log" | sed 's/^ *//' | sort -u | head -n 30 || true)"
    if [[ -n "$build_errors" ]]; then
      say "Build errors (some test projects did not build):"
      printf '%s\n' "$build_errors"
    fi
  fi
  if [[ $rc -ne 0 && $TRX_FAILED -eq 0 ]] && ! [[ $ran -eq 0 && $rc -eq 8 && -z "$build_errors" ]]; then
    # (8 is "no test ran" on Microsoft.Testing.Platform)
    if [[ -n "$build_errors" ]]; then
      say "Counted as 1 failure: the build failed."
    else
      say "dotnet test exited with code $rc although no test reported a failure (a crashed test host?);"
      say "counted as 1 failure. See $log"
    fi
    TRX_FAILED=1
  fi
  if [[ $TRX_PASSED -eq 0 && $TRX_FAILED -eq 0 ]]; then
    say "No test ran (no test project, or a filter that matches nothing): that is a failure."
  fi
  local summary="$TRX_PASSED passed, $TRX_FAILED failed"
  if [[ $TRX_SKIPPED -gt 0 ]]; then summary+=", $TRX_SKIPPED skipped"; fi
  say "$summary"
  if [[ $TRX_FAILED -gt 0 || $TRX_PASSED -eq 0 ]]; then exit 1; fi
  exit 0
}
