#!/usr/bin/env bash
# Browser end-to-end tier: a demo town in a fresh SQLite file, the server on a free
# loopback port, and the web app's stories in headless Chromium (playwright-core).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
work=$(mktemp -d /tmp/envgrid-e2e.XXXXXX)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
"$BUILD/envgrid" demo --db "sqlite:$work/e2e.db" --data-dir "$work/data" --problems-months 1 >"$work/demo.log" 2>&1 \
  || { cat "$work/demo.log"; exit 1; }
"$BUILD/envgrid" serve --db "sqlite:$work/e2e.db" --data-dir "$work/data" --listen "127.0.0.1:$port" \
  --web-dir web/dist --demo >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break
  sleep 0.1
done
mkdir -p tests/artifacts/e2e
"$BUILD/envgrid_photo" --seed 4242 --time "$(TZ=Asia/Shanghai date -d "-1 hour" +%Y-%m-%dT%H:%M:%S)+08:00" --lng 118.05 --lat 36.80 \
  --out "$work/before.jpg" --caption "暴露垃圾"
"$BUILD/envgrid_photo" --seed 9191 --time "$(TZ=Asia/Shanghai date +%Y-%m-%dT%H:%M:%S)+08:00" --lng 118.05 --lat 36.80 \
  --out "$work/after.jpg" --caption "已清理"
printf 'this is not a photo\n' >"$work/fake.jpg"
cd web
BASE_URL="http://127.0.0.1:$port" PHOTO_PATH="$work/before.jpg" AFTER_PHOTO_PATH="$work/after.jpg" \
  FAKE_PHOTO_PATH="$work/fake.jpg" ARTIFACTS="$(pwd)/../tests/artifacts/e2e" node e2e/run.mjs
