# Sourced by ./portal test: reads the .trx files of a test run and counts passed, failed and skipped tests.

trx_attr() { # element-text attribute -> number (0 if absent)
  local v
  v="$(sed -n "s/.* $2=\"\([0-9]*\)\".*/\1/p" <<<"$1")"
  printf '%s' "${v:-0}"
}

# Sums the results of every .trx under DIR; sets TRX_FILES TRX_PASSED TRX_FAILED TRX_SKIPPED.
summarize_trx() {
  local dir="$1" f counters n
  TRX_FILES=0; TRX_PASSED=0; TRX_FAILED=0; TRX_SKIPPED=0
  while IFS= read -r -d '' f; do
    TRX_FILES=$((TRX_FILES + 1))
    counters="$(tr -d '\r\n' <"$f" | grep -o '<Counters [^>]*>' | head -n1 || true)"
    if [[ -n "$counters" ]]; then
      TRX_PASSED=$((TRX_PASSED + $(trx_attr "$counters" passed)))
      for n in failed error timeout aborted; do
        TRX_FAILED=$((TRX_FAILED + $(trx_attr "$counters" "$n")))
      done
      # VSTest leaves skipped tests out of "executed" (notExecuted stays 0)
      n=$(( $(trx_attr "$counters" total) - $(trx_attr "$counters" executed) ))
      if (( n < $(trx_attr "$counters" notExecuted) )); then n=$(trx_attr "$counters" notExecuted); fi
      if (( n > 0 )); then TRX_SKIPPED=$((TRX_SKIPPED + n)); fi
    else # no Counters element: count the results one by one
      local outcomes
      outcomes="$(tr -d '\r\n' <"$f" | grep -o '<UnitTestResult [^>]*>' | sed -n 's/.* outcome="\([A-Za-z]*\)".*/\1/p' || true)"
      TRX_PASSED=$((TRX_PASSED + $(grep -cx 'Passed' <<<"$outcomes" || true)))
      TRX_FAILED=$((TRX_FAILED + $(grep -cxE 'Failed|Error|Timeout|Aborted' <<<"$outcomes" || true)))
      TRX_SKIPPED=$((TRX_SKIPPED + $(grep -cxE 'NotExecuted|Inconclusive' <<<"$outcomes" || true)))
    fi
  done < <(find "$dir" -type f -name '*.trx' -print0 2>/dev/null)
}
