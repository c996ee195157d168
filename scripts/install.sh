#!/usr/bin/env bash
# Installs what is missing to build Moving Parts (and, with --test, to test it).
# Idempotent and quick when everything is already there. Everything comes from
# the package registries only: crates.io (cargo install), the npm registry, and
# Debian's apt. Trunk itself never downloads anything (Trunk.toml: offline).
#
#   scripts/install.sh          wasm32 target, trunk ~0.21, wasm-bindgen-cli at
#                               the version in Cargo.lock, wasm-opt (npm binaryen@132
#                               into ./.tools)
#   scripts/install.sh --test   the same, plus Chromium + chromedriver (apt) and the
#                               browser-test packages (npm ci in tests/browser)
#
# Scripts that build `source scripts/env.sh` to get these tools on PATH.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh

WITH_TEST=0
for arg in "$@"; do
  case "$arg" in
    --test) WITH_TEST=1 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

say() { printf '[install] %s\n' "$*"; }
need() { command -v "$1" >/dev/null 2>&1 || { echo "install.sh: $1 is required but not found ($2)" >&2; exit 1; }; }
need cargo "the machine's Rust toolchain"
need rustup "the machine's Rust toolchain"
need node "Node.js 20+"
need npm "Node.js 20+"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# 1. The wasm target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rust target wasm32-unknown-unknown (rustup target add)"
  rustup target add wasm32-unknown-unknown
fi

# 2. Trunk ~0.21 (cargo install, ~7 min the first time).
if ! trunk --version 2>/dev/null | grep -qE '^trunk 0\.21\.'; then
  say "trunk ~0.21 (cargo install trunk --locked; takes ~7 min)"
  cargo install trunk --version '~0.21' --locked
fi

# 3. wasm-bindgen-cli at exactly the version of wasm-bindgen in Cargo.lock
#    (also provides wasm-bindgen-test-runner). Not --locked: its own lock file
#    pins crates that no longer build with this toolchain.
if [ ! -f Cargo.lock ]; then
  say "Cargo.lock (cargo generate-lockfile)"
  cargo generate-lockfile
fi
WBG_VERSION="$(wasm_bindgen_version)"
if [ -z "$WBG_VERSION" ]; then
  echo "install.sh: no wasm-bindgen package in Cargo.lock" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WBG_VERSION" ] \
   || ! command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
  say "wasm-bindgen-cli $WBG_VERSION (cargo install; takes ~3 min)"
  cargo install wasm-bindgen-cli --version "=$WBG_VERSION" --force
fi

# 4. wasm-opt: binaryen from npm (Debian's binaryen is too old for today's rustc output).
if ! wasm-opt --version 2>/dev/null | grep -q 'version 132'; then
  say "wasm-opt (npm install --prefix .tools binaryen@132)"
  npm install --prefix .tools --no-audit --no-fund --loglevel=error binaryen@132
fi

if [ "$WITH_TEST" = 1 ]; then
  # 5. Chromium and its matching chromedriver from Debian.
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "chromium chromium-driver (apt-get install)"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-cache show chromium-driver >/dev/null 2>&1; then
      $SUDO apt-get update -q
    fi
    if ! $SUDO apt-get install -y -q chromium chromium-driver; then
      say "apt-get install failed; updating the package lists once and retrying"
      $SUDO apt-get update -q
      $SUDO apt-get install -y -q chromium chromium-driver
    fi
  fi
  # 6. The browser-test packages (playwright-core, pinned by package-lock.json;
  #    it drives /usr/bin/chromium: no browser download).
  if [ ! -f tests/browser/node_modules/.package-lock.json ] \
     || [ tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]; then
    say "browser-test packages (npm ci in tests/browser)"
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
say "ready: $(trunk --version), wasm-bindgen $WBG_VERSION, $(wasm-opt --version | cut -d' ' -f1-3)$(
  [ "$WITH_TEST" = 1 ] && printf ', %s, playwright-core %s' "$(/usr/bin/chromium --version 2>/dev/null | head -n1)" \
    "$(node -p 'require("./tests/browser/node_modules/playwright-core/package.json").version')")"
