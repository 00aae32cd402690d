#!/usr/bin/env bash
# `make bench`: every benchmark, printing Markdown rows to paste into docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
cmake --build "$BUILD" --target geo_lookup ledger_seed http_load assessment_bench -j2 >/dev/null
echo "## geo lookup"
"$BUILD/bench/geo_lookup"
[[ -x bench/geo_lookup_postgis.sh ]] && BUILD=$BUILD bench/geo_lookup_postgis.sh || true
echo "## ledger"
BUILD=$BUILD bench/ledger_bench.sh
echo "## assessment"
(cd . && "$BUILD/bench/assessment_bench")
