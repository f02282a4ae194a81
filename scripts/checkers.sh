# Sourced by ./portal (uses say, warn, die, apt_install, IS_ROOT, REPO, DATA).
# The independent checkers the test suite runs over the portal's outputs (README: "Checkers"):
#   qpdf --check          every handout PDF the tests make            (apt: qpdf)
#   Nu HTML checker       every page the browser tests visit           (npm: vnu-jar; runs on Java)
#   ical.js (Mozilla)     every calendar the portal serves             (npm: ical.js; runs on Node)
#   SpamAssassin          every email kind, scored offline (-L)        (apt: spamassassin)
# Installed once per machine; the npm part once per change of tests/checkers/package-lock.json.

ensure_checkers() {
  local -a missing=()
  command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
  command -v spamassassin >/dev/null 2>&1 || missing+=(spamassassin)
  command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  if [[ ${#missing[@]} -gt 0 ]]; then
    [[ $IS_ROOT -eq 1 ]] || die "the output checkers need: sudo apt-get install -y ${missing[*]}"
    say "Checkers: installing Debian's ${missing[*]} (apt-get)"
    if ! apt_install "${missing[@]}"; then
      # SpamAssassin is the one optional checker: its tests say "skipped" when it is missing.
      local -a required=()
      local p; for p in "${missing[@]}"; do [[ "$p" == spamassassin ]] || required+=("$p"); done
      if [[ ${#required[@]} -eq 0 ]] || apt_install "${required[@]}"; then
        warn "could not install spamassassin; the email spam-score test will be skipped"
      else
        die "could not install ${required[*]} with apt-get (see .data/apt.log)"
      fi
    fi
  fi
  local dir="$REPO/tests/checkers" stamp="$REPO/tests/checkers/node_modules/.installed"
  if [[ ! -f "$stamp" || "$dir/package-lock.json" -nt "$stamp" ]]; then
    say "Checkers: installing vnu-jar and ical.js from npm (tests/checkers)"
    mkdir -p "$DATA"
    # --ignore-scripts: vnu-jar's install script would download a Java runtime; Debian's is used instead.
    (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >"$DATA/npm.log" 2>&1) ||
      { tail -n 20 "$DATA/npm.log" >&2; die "npm ci in tests/checkers failed (see .data/npm.log)"; }
    touch "$stamp"
  fi
  export PORTAL_CHECKERS="$dir"
}
