#!/usr/bin/env bash
# Builds the deployable site into dist/ (release, wasm-opt -Oz, hashed file
# names, relative URLs, no inline scripts). Copy dist/ to any static host, at
# any sub-path; no rewrite rules needed.
#
#   scripts/build.sh [--dist DIR] [--no-install]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh

DIST=dist
INSTALL=1
while [ $# -gt 0 ]; do
  case "$1" in
    --dist) DIST="$2"; shift 2 ;;
    --no-install) INSTALL=0; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

if [ "$INSTALL" = 1 ]; then bash scripts/install.sh; fi

start=$(date +%s)
# Trunk runs cargo with --offline (Trunk.toml: offline = true, so that it never
# downloads a tool); fetch the crates of every target from crates.io first.
cargo fetch --quiet
trunk build --release --offline --dist "$DIST"
echo "[build] trunk build --release: $(( $(date +%s) - start )) s"

# The post_build hook already refuses inline scripts; check the result anyway.
node - "$DIST" <<'EOF'
const fs = require('node:fs'), path = require('node:path'), zlib = require('node:zlib');
const dist = process.argv[2];
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const bad = [];
for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
  if (!/\bsrc=/.test(m[1]) && m[2].trim()) bad.push('inline <script> in index.html');
}
if (!fs.existsSync(path.join(dist, 'worker.js'))) bad.push('worker.js missing');
if (bad.length) { console.error('[build] ' + bad.join('; ')); process.exit(1); }
let raw = 0, gz = 0;
const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) {
  const p = path.join(d, e.name);
  if (e.isDirectory()) walk(p); else { const b = fs.readFileSync(p); raw += b.length; gz += zlib.gzipSync(b, { level: 9 }).length; }
} };
walk(dist);
console.log(`[build] ${dist}/: ${(raw / 1024).toFixed(1)} KiB, ${(gz / 1024).toFixed(1)} KiB gzipped (gzip -9 per file)`);
EOF
