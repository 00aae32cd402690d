#!/usr/bin/env bash
# The PostGIS reference for bench/geo_lookup: the same grids, zones and points, loaded into
# a throwaway PostgreSQL 15 + PostGIS cluster with GiST indexes, measured as
#   (a) one prepared query per point (grid by ST_Contains + zones by ST_Contains), and
#   (b) a set-based join of 200 000 points (grids, then zones), no parallel workers,
# reporting wall-clock rates and rates per CPU-second of the server backend.
# The cluster lives in a temp dir, runs as the unprivileged `postgres` user (initdb refuses
# root), listens on 127.0.0.1 on a free port only, and is removed on exit.
#
#   bench/geo_lookup_postgis.sh [BUILD_DIR] [VERTICES ...]   (default: $BUILD or build; 16 64)
set -euo pipefail
BUILD=${1:-${BUILD:-build}}
shift || true
VERTICES=("$@")
[[ ${#VERTICES[@]} -gt 0 ]] || VERTICES=(16 64)
PER_POINT_QUERIES=${PER_POINT_QUERIES:-20000}
PGBIN=/usr/lib/postgresql/15/bin
GEO=$BUILD/bench/geo_lookup
[[ -x $PGBIN/initdb ]] || { echo "缺少 PostgreSQL 15：请先运行 scripts/install-deps.sh bench" >&2; exit 1; }
[[ -x $GEO ]] || { echo "缺少 $GEO：请先构建 geo_lookup（cmake --build $BUILD --target geo_lookup）" >&2; exit 1; }

# The throwaway cluster comes from scripts/with-postgres.sh (the same one the API tests use),
# with generous caches so the measurement is of PostGIS, not of the disk.
if [[ -z ${ENVGRID_TEST_PG_URL:-} ]]; then
  export BUILD PER_POINT_QUERIES
  PG_EXTRA_OPTS="-c shared_buffers=512MB -c work_mem=64MB -c max_parallel_workers_per_gather=0" \
    exec "$(dirname "$0")/../scripts/with-postgres.sh" "$0" "$BUILD" "${VERTICES[@]}"
fi
hostport=${ENVGRID_TEST_PG_URL#postgresql://postgres@}
export PGHOST=${hostport%:*} PGPORT=${hostport##*:} PGUSER=postgres PGDATABASE=postgres
dir=$(mktemp -d /tmp/envgrid-postgis.XXXXXX)
trap 'rm -rf "$dir"' EXIT
PSQL=("$PGBIN/psql" -X -q -v ON_ERROR_STOP=1)

list=$(IFS=,; echo "${VERTICES[*]}")
mkdir -p "$dir/data"
"$GEO" --vertices "$list" --points 200000 --dump-only "$dir/data" >/dev/null
read -r lng0 lat0 lng1 lat1 <"$dir/data/extent.txt"

load_areas() {  # table file
  "${PSQL[@]}" <<SQL
CREATE TABLE $1_raw (id bigint, wkt text);
\copy $1_raw FROM '$2'
CREATE TABLE $1 AS SELECT id, ST_GeomFromText(wkt, 4326)::geometry(MultiPolygon, 4326) AS geom FROM $1_raw;
DROP TABLE $1_raw;
ALTER TABLE $1 ADD PRIMARY KEY (id);
CREATE INDEX ON $1 USING gist (geom);
VACUUM ANALYZE $1;
SQL
}

"${PSQL[@]}" -c "CREATE EXTENSION postgis"
load_areas zones "$dir/data/zones.tsv"
for v in "${VERTICES[@]}"; do load_areas "grids_$v" "$dir/data/grids_$v.tsv"; done
"${PSQL[@]}" <<SQL
CREATE TABLE points_raw (id bigint, lng float8, lat float8);
\copy points_raw FROM '$dir/data/points.tsv'
CREATE TABLE points AS SELECT id, ST_SetSRID(ST_MakePoint(lng, lat), 4326)::geometry(Point, 4326) AS geom FROM points_raw;
DROP TABLE points_raw;
VACUUM ANALYZE points;
SQL

versions=$("${PSQL[@]}" -At -c "SELECT split_part(version(), ' ', 2) || ' / PostGIS ' || postgis_lib_version() || ' / GEOS ' || postgis_geos_version()")
echo "## PostGIS reference (PostgreSQL $versions), $(date -u +%F)"
echo
echo "| grid vertices | method | points | points/s, wall clock | points per backend CPU-second | check |"
echo "|---|---|---|---|---|---|"

# Runs a SQL file in one session; prints wall seconds and the backend's CPU seconds. The
# machine is shared, so CPU time is the figure comparable with geo_lookup's.
measured() {
  {
    echo 'SELECT pg_backend_pid() AS pid \gset'
    echo '\setenv BACKEND :pid'
    echo "\\! awk '{ print \$14 + \$15 }' /proc/\$BACKEND/stat > $dir/cpu0; date +%s.%N > $dir/t0"
    cat "$1"
    echo "\\! date +%s.%N > $dir/t1; awk '{ print \$14 + \$15 }' /proc/\$BACKEND/stat > $dir/cpu1"
  } >"$dir/run.sql"
  "${PSQL[@]}" -o /dev/null -f "$dir/run.sql"
  awk -v hz="$(getconf CLK_TCK)" -v t0="$(cat "$dir/t0")" -v t1="$(cat "$dir/t1")" \
      -v c0="$(cat "$dir/cpu0")" -v c1="$(cat "$dir/cpu1")" 'BEGIN { printf "%.3f %.3f\n", t1 - t0, (c1 - c0) / hz }'
}
count() { "${PSQL[@]}" -At -c "$1"; }
rates() {  # points wall cpu -> "wall rate | cpu rate"
  awk -v n="$1" -v w="$2" -v c="$3" 'BEGIN { printf "%d | %d", n / w, (c > 0 ? n / c : 0) }'
}

for v in "${VERTICES[@]}"; do
  # (a) One prepared statement per point, for the first points of the same set.
  {
    echo "PREPARE q(float8, float8) AS
      SELECT (SELECT min(g.id) FROM grids_$v g WHERE ST_Contains(g.geom, p.pt)) AS grid,
             ARRAY(SELECT z.id FROM zones z WHERE ST_Contains(z.geom, p.pt) ORDER BY z.id) AS zones
        FROM (SELECT ST_SetSRID(ST_MakePoint(\$1, \$2), 4326) AS pt) p;"
    head -n "$PER_POINT_QUERIES" "$dir/data/points.tsv" | awk -F '\t' '{ print "EXECUTE q(" $2 ", " $3 ");" }'
  } >"$dir/per_point_$v.sql"
  measured "$dir/per_point_$v.sql" >/dev/null  # warm the caches
  read -r wall cpu < <(measured "$dir/per_point_$v.sql")
  echo "| $v | prepared ST_Contains query per point (psql, 1 session) | $PER_POINT_QUERIES | $(rates "$PER_POINT_QUERIES" "$wall" "$cpu") | |"

  # (b) Set-based: all points joined to grids, then to zones; the better of two runs each.
  best_of_two() {
    local w1 c1 w2 c2
    read -r w1 c1 < <(measured "$1")
    read -r w2 c2 < <(measured "$1")
    if awk -v a="$c2" -v b="$c1" 'BEGIN { exit !(a < b) }'; then echo "$w2 $c2"; else echo "$w1 $c1"; fi
  }
  q_grid="SELECT count(*) FROM points p JOIN grids_$v g ON ST_Contains(g.geom, p.geom)"
  q_zone="SELECT count(*) FROM points p JOIN zones z ON ST_Contains(z.geom, p.geom)"
  echo "$q_grid;" >"$dir/join_grid_$v.sql"
  echo "$q_zone;" >"$dir/join_zone_$v.sql"
  read -r wg cg < <(best_of_two "$dir/join_grid_$v.sql")
  read -r wz cz < <(best_of_two "$dir/join_zone_$v.sql")
  read -r want_grid want_zone <"$dir/data/expected_$v.txt"
  got_grid=$(count "$q_grid")
  got_zone=$(count "$q_zone")
  echo "| $v | set-based join, grids only, no parallel workers | 200000 | $(rates 200000 "$wg" "$cg") | (point, grid) pairs: PostGIS $got_grid, envgrid $want_grid |"
  w=$(awk -v a="$wg" -v b="$wz" 'BEGIN { print a + b }')
  c=$(awk -v a="$cg" -v b="$cz" 'BEGIN { print a + b }')
  echo "| $v | set-based join, grids + zones, no parallel workers | 200000 | $(rates 200000 "$w" "$c") | (point, zone) pairs: PostGIS $got_zone, envgrid $want_zone |"
done
