#!/usr/bin/env bash
# Installs the Debian packages envgrid needs to build, test and benchmark.
# Usage: scripts/install-deps.sh [build|test|bench]   (each level includes the previous)
# Only installs what is missing, so a second run costs a second.
set -euo pipefail
level=${1:-build}

build_pkgs=(build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libpq-dev libsodium-dev libexif-dev libvips-dev libheif-dev
  libxlsxwriter-dev libzip-dev libspdlog-dev libfmt-dev libtomlplusplus-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev nodejs npm)
test_pkgs=(postgresql-15 python3-pytest python3-requests python3-pil python3-openpyxl
  chromium fonts-noto-cjk libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils)
bench_pkgs=(postgresql-15-postgis-3 bc)

want=("${build_pkgs[@]}")
case "$level" in
  build) ;;
  test) want+=("${test_pkgs[@]}") ;;
  bench) want+=("${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
  *) echo "用法: $0 [build|test|bench]" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  # node and npm may come with the base image outside dpkg: accept them from PATH.
  if [[ $p == nodejs ]] && command -v node >/dev/null; then continue; fi
  if [[ $p == npm ]] && command -v npm >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "安装缺少的软件包: ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
