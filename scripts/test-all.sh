#!/usr/bin/env bash
# Every test tier, in order: unit (ctest), web unit (vitest), API on SQLite, API on a
# throwaway PostgreSQL, browser end-to-end (Chromium). All tiers run even when one fails;
# the summary lines of each runner come last, then one overall line.
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
PY=/usr/bin/python3
mkdir -p tests/artifacts
declare -A result
summary=()
run_tier() {
  local name=$1; shift
  local log=tests/artifacts/$name.log
  echo "=== $name: $*"
  local start=$SECONDS
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  result[$name]=$rc
  summary+=("$name: $(tail -n 40 "$log" | sed 's/\x1b\[[0-9;]*m//g' | grep -E "tests passed|passed|failed|ℹ pass|ℹ fail|Tests " | tail -n 3 | tr -s ' \n' ' ') ($((SECONDS - start)) s, exit $rc)")
}

run_tier unit bash -c "cd $BUILD && ctest --output-on-failure -j2"
run_tier web-unit bash -c "cd web && npm test --silent"
run_tier api-sqlite env ENVGRID_BIN=$BUILD/envgrid ENVGRID_TEST_DB=sqlite $PY -m pytest -q -p no:cacheprovider tests/api
run_tier api-postgresql env ENVGRID_BIN=$BUILD/envgrid scripts/with-postgres.sh $PY -m pytest -q -p no:cacheprovider tests/api
run_tier e2e scripts/e2e.sh "$BUILD"

echo
echo "=== summary"
failed=0
for line in "${summary[@]}"; do echo "$line"; done
for k in "${!result[@]}"; do [[ ${result[$k]} -ne 0 ]] && failed=$((failed + 1)); done
# One overall line: tests passed and failed across the runners (ctest counts test
# executables; pytest, Vitest and node's runner count test cases).
totals=$(/usr/bin/python3 - <<'PY'
import re, pathlib
p = f = 0
def grab(name, pat_pass, pat_fail):
    global p, f
    path = pathlib.Path("tests/artifacts") / (name + ".log")
    text = path.read_text(errors="replace") if path.exists() else ""
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    m = re.findall(pat_pass, text); p += int(m[-1]) if m else 0
    m = re.findall(pat_fail, text); f += int(m[-1]) if m else 0
grab("unit", r"tests passed, \d+ tests failed out of (\d+)", r"tests passed, (\d+) tests failed")
grab("web-unit", r"Tests\s+(\d+) passed", r"Tests\s+(\d+) failed")
for n in ("api-sqlite", "api-postgresql"):
    grab(n, r"(\d+) passed", r"(\d+) failed")
grab("e2e", r"ℹ pass (\d+)", r"ℹ fail (\d+)")
print(p, f)
PY
)
read -r tp tf <<<"$totals"
echo "tiers: $(( ${#result[@]} - failed )) passed, $failed failed"
echo "$tp passed, $(( tf + failed )) failed"
exit $(( failed > 0 ))
