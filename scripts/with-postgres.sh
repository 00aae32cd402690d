#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15 cluster: initdb in a temp dir as the
# unprivileged `postgres` user (initdb refuses root), listening only on 127.0.0.1 on a
# free port, removed afterwards. The command sees ENVGRID_TEST_DB=postgresql and
# ENVGRID_TEST_PG_URL=postgresql://…/ (a superuser URL without database name).
# PG_EXTRA_OPTS adds server settings (e.g. "-c shared_buffers=512MB" for benchmarks).
set -euo pipefail
PGBIN=/usr/lib/postgresql/15/bin
[[ -x $PGBIN/initdb ]] || { echo "缺少 PostgreSQL 15：请先运行 scripts/install-deps.sh test" >&2; exit 1; }
RUNAS=()
if [[ $(id -u) -eq 0 ]]; then RUNAS=(runuser -u postgres --); fi
dir=$(mktemp -d /tmp/envgrid-pg.XXXXXX)
chmod 755 "$dir"
[[ ${#RUNAS[@]} -gt 0 ]] && chown postgres "$dir"
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cleanup() {
  "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
"${RUNAS[@]}" "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log"; exit 1; }
"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=on -c max_connections=200 ${PG_EXTRA_OPTS:-}" start >/dev/null \
  || { cat "$dir/server.log"; exit 1; }
export ENVGRID_TEST_DB=postgresql
export ENVGRID_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port"
"$@"
