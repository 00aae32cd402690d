#!/usr/bin/env bash
# Ledger benchmarks on a table already holding N problems (default 1 000 000):
#   - durable intake through HTTP (routed, group-committed): fixed 1 000/s and saturation,
#     next to direct SQLite inserts one per transaction and 100 per transaction;
#   - 50-row filtered keyset pages (unit + three states, newest first) through HTTP, on
#     SQLite and on a throwaway PostgreSQL;
#   - the XLSX ledger export of 100 000 rows, with the server's peak RSS.
# Prints Markdown table rows; scripts/bench-all.sh collects them.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
N=${N:-1000000}
work=$(mktemp -d /tmp/envgrid-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

serve() {  # serve DB_URL → sets base; waits for health
  local port; port=$(free_port)
  "$BUILD/envgrid" serve --db "$1" --data-dir "$work/data" --listen "127.0.0.1:$port" >"$work/server-$port.log" 2>&1 &
  pids+=($!); server_pid=$!
  base="http://127.0.0.1:$port"
  for _ in $(seq 300); do curl -sf "$base/api/v1/health" >/dev/null && return; sleep 0.2; done
  echo "server did not start"; cat "$work/server-$port.log"; exit 1
}
token() { curl -sf "$base/api/v1/session" -d "{\"username\":\"$1\",\"password\":\"demo-$1\"}" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'; }
rss_mb() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

prepare() {  # prepare DB_URL: demo territory + N problems
  "$BUILD/envgrid" demo --db "$1" --data-dir "$work/data" --problems-months 0 >/dev/null
  "$BUILD/bench/ledger_seed" seed --db "$1" --n "$N" >&2
}

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%d)"
db="sqlite:$work/ledger.db"
prepare "$db"
cp "$work/ledger.db" "$work/baseline.db"
echo "| baseline: SQLite insert, 1 per transaction ($N rows) | $("$BUILD/bench/ledger_seed" baseline --db "sqlite:$work/baseline.db" --rows 3000 --batch 1 | grep -o '[0-9]* rows/s') |"
echo "| baseline: SQLite insert, 100 per transaction ($N rows) | $("$BUILD/bench/ledger_seed" baseline --db "sqlite:$work/baseline.db" --rows 30000 --batch 100 | grep -o '[0-9]* rows/s') |"
rm -f "$work/baseline.db"*

serve "$db"
tok=$(token dispatcher)
cat >"$work/report.json" <<'JSON'
{"category_code":"06010","source":"citizen","lng":{{lng}},"lat":{{lat}},"address":"压测地址 {{n}} 号","description":"压测：路边暴露垃圾"}
JSON
echo "| envgrid HTTP intake at 1 000/s | $("$BUILD/bench/http_load" --url "$base/api/v1/problems" --method POST --token "$tok" --body-template "$work/report.json" --connections 64 --rate 1000 --duration 10 --label intake-1000) |"
echo "| envgrid HTTP intake, saturation (64 connections) | $("$BUILD/bench/http_load" --url "$base/api/v1/problems" --method POST --token "$tok" --body-template "$work/report.json" --connections 64 --duration 10 --label intake-max) |"
unit=$(curl -sf -H "Authorization: Bearer $tok" "$base/api/v1/units" | /usr/bin/python3 -c 'import json,sys; print([u["id"] for u in json.load(sys.stdin)["items"]][1])')
page="/api/v1/problems?unit_id=$unit&state=dispatched,handled,registered&limit=50"
echo "| ledger page over $N, SQLite, one client | $("$BUILD/bench/http_load" --url "$base$page" --token "$tok" --connections 1 --duration 10 --label page-sqlite-1) |"
echo "| ledger page over $N, SQLite, 8 clients | $("$BUILD/bench/http_load" --url "$base$page" --token "$tok" --connections 8 --duration 10 --label page-sqlite-8) |"
from=$(date -u -d @1700000000 +%Y-%m-%d); to=$(date -u -d @$((1700000000 + 100000*60 - 86400)) +%Y-%m-%d)
before=$(rss_mb "$server_pid")
t0=$(date +%s.%N)
curl -sf -H "Authorization: Bearer $tok" "$base/api/v1/reports/ledger.xlsx?from=$from&to=$to" -o "$work/ledger.xlsx"
t1=$(date +%s.%N)
echo "| XLSX ledger export $(/usr/bin/python3 -c "import zipfile,re; z=zipfile.ZipFile('$work/ledger.xlsx'); print(len(re.findall(rb'<row ', z.read('xl/worksheets/sheet1.xml'))))") rows | $(echo "$t1 - $t0" | bc) s, server peak RSS $before → $(rss_mb "$server_pid") MB |"
echo "| server peak RSS with $N problems after the runs above | $(rss_mb "$server_pid") MB |"
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true

if [[ ${SKIP_PG:-0} != 1 ]]; then
  export BUILD N work
  scripts/with-postgres.sh bash -c '
    set -euo pipefail
    url="$ENVGRID_TEST_PG_URL/postgres"
    "$BUILD/envgrid" demo --db "$url" --data-dir "$work/pgdata" --problems-months 0 >/dev/null
    "$BUILD/bench/ledger_seed" seed --db "$url" --n "$N" >&2
    psql "$url" -qc "ANALYZE" >/dev/null
    port=$(/usr/bin/python3 -c "import socket; s=socket.socket(); s.bind((\"127.0.0.1\",0)); print(s.getsockname()[1])")
    "$BUILD/envgrid" serve --db "$url" --data-dir "$work/pgdata" --listen "127.0.0.1:$port" >"$work/pg-server.log" 2>&1 &
    spid=$!
    base="http://127.0.0.1:$port"
    for _ in $(seq 300); do curl -sf "$base/api/v1/health" >/dev/null && break; sleep 0.2; done
    tok=$(curl -sf "$base/api/v1/session" -d "{\"username\":\"dispatcher\",\"password\":\"demo-dispatcher\"}" | /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)[\"token\"])")
    unit=$(curl -sf -H "Authorization: Bearer $tok" "$base/api/v1/units" | /usr/bin/python3 -c "import json,sys; print([u[\"id\"] for u in json.load(sys.stdin)[\"items\"]][1])")
    page="$base/api/v1/problems?unit_id=$unit&state=dispatched,handled,registered&limit=50"
    echo "| ledger page over $N, PostgreSQL, one client | $("$BUILD/bench/http_load" --url "$page" --token "$tok" --connections 1 --duration 10 --label page-pg-1) |"
    echo "| ledger page over $N, PostgreSQL, 8 clients | $("$BUILD/bench/http_load" --url "$page" --token "$tok" --connections 8 --duration 10 --label page-pg-8) |"
    kill $spid; wait $spid 2>/dev/null || true
  '
fi
