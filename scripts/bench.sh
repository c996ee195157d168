#!/usr/bin/env bash
# Benchmarks (printed figures, not a gate; scripts/test.sh does not run them):
#   native simulated work per second     (mp-run --bench)
#   native layout time per frame         (mp-layout example layout_bench)
#   in-browser simulated work per second, p95 frame time of the ring at
#   300 servers x 100 points with 10k keys, gzipped size of dist/, and memory
#   over an animated run (10 minutes unless --minutes N)
#
#   scripts/bench.sh [--minutes N] [--seconds S] [--t T] [--skip-memory] [--no-build]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh

BUILD=1
PASS=()
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) PASS+=("$arg") ;;
  esac
done

bash scripts/install.sh --test
if [ "$BUILD" = 1 ] || [ ! -f dist/index.html ]; then bash scripts/build.sh --no-install; fi

echo
echo "== native: mp-run --bench =="
cargo run --release -q -p mp-models --bin mp-run -- --bench

echo
echo "== native: layout frame time (hash ring, 300 x 100, 10k keys) =="
cargo run --release -q -p mp-layout --example layout_bench

echo
echo "== browser: headless $(/usr/bin/chromium --version 2>/dev/null | head -n1), $(nproc) cores =="
cd tests/browser
node bench.mjs "${PASS[@]}"
