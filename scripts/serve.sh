#!/usr/bin/env bash
# Installs what is missing, builds the site and serves it on 127.0.0.1.
#
#   scripts/serve.sh [--port N] [--prefix /sub/path/]
#       release build into dist/, served as a deployed site would be: a plain
#       static server with the strict Content-Security-Policy (default port 8080,
#       or $PORT). With --prefix, the site is served under that sub-path.
#   scripts/serve.sh --dev [--port N]
#       `trunk serve --release`: rebuilds and reloads on every change (no CSP).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh

PORT="${PORT:-8080}"
PREFIX=/
DEV=0
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT="$2"; shift 2 ;;
    --prefix) PREFIX="$2"; shift 2 ;;
    --dev) DEV=1; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "serve.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

bash scripts/install.sh
if [ "$DEV" = 1 ]; then
  exec trunk serve --release --offline --address 127.0.0.1 --port "$PORT"
fi
bash scripts/build.sh --no-install
exec node tests/browser/serve.mjs --root dist --port "$PORT" --prefix "$PREFIX"
