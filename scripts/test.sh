#!/usr/bin/env bash
# Installs what the tests need, then runs every test of Moving Parts:
#   1. cargo test --workspace                  native unit and property tests
#   2. pure-core check                         no web crate in mp-models / mp-layout
#   3. cargo clippy -D warnings                lints, native workspace and the app for wasm32
#                                              (--skip-clippy or MP_CLIPPY=0 leaves them out)
#   4. wasm-bindgen-test in headless Chromium  the app crate's wasm tests, if any
#   5. scripts/build.sh                        the release dist/
#   6. node --test tests/browser/*.test.mjs    the built site in headless Chromium
# Ends with one line "N passed, M failed" and exits non-zero on any failure.
#
#   scripts/test.sh [--no-install] [--skip-clippy] [--only-browser]
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh

INSTALL=1
CLIPPY="${MP_CLIPPY:-1}"
ONLY_BROWSER=0
for arg in "$@"; do
  case "$arg" in
    --no-install) INSTALL=0 ;;
    --clippy) CLIPPY=1 ;;
    --skip-clippy) CLIPPY=0 ;;
    --only-browser) ONLY_BROWSER=1 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "test.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$MP_ROOT/tests/browser/webdriver.json"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"

LOG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/mp-test.XXXXXX")"
PASSED=0
FAILED=0
SUMMARY=()
T0=$(date +%s)

# record NAME PASSED FAILED SECONDS NOTE
record() {
  PASSED=$((PASSED + $2))
  FAILED=$((FAILED + $3))
  SUMMARY+=("$(printf '%-34s %5s passed %4s failed %6ss  %s' "$1" "$2" "$3" "$4" "$5")")
}

# Sums cargo's (and wasm-bindgen-test-runner's) "test result:" lines of a log.
cargo_counts() {
  awk '/^test result: /{
         for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i }
       } END { printf "%d %d\n", p, f }' "$1"
}

step() { printf '\n==== %s ====\n' "$*"; }

if [ "$INSTALL" = 1 ]; then
  step "install (scripts/install.sh --test)"
  s=$(date +%s)
  if ! bash scripts/install.sh --test; then
    echo "test.sh: installing the test tools failed" >&2
    record "install" 0 1 $(( $(date +%s) - s )) "see output above"
    printf '\n%s\n' "${SUMMARY[@]}"
    echo "$PASSED passed, $FAILED failed"
    exit 1
  fi
fi

if [ "$ONLY_BROWSER" = 0 ]; then
  # 1. Native tests.
  step "cargo test --workspace"
  s=$(date +%s)
  cargo test --workspace 2>&1 | tee "$LOG_DIR/cargo-test.log"
  rc=${PIPESTATUS[0]}
  read -r p f < <(cargo_counts "$LOG_DIR/cargo-test.log")
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; note="cargo test failed to build or run (exit $rc)"; else note=""; fi
  record "cargo test --workspace" "$p" "$f" $(( $(date +%s) - s )) "$note"

  # 2. The pure core has no web crate in its dependency tree (any target, any feature).
  step "pure-core dependency check"
  s=$(date +%s)
  for crate in mp-models mp-layout; do
    if ! tree="$(cargo tree -p "$crate" -e normal --target all --all-features --prefix none 2>&1)"; then
      echo "$tree"
      echo "FAIL: cargo tree -p $crate failed"
      record "no web crates in $crate" 0 1 $(( $(date +%s) - s )) "cargo tree failed"
      continue
    fi
    web="$(printf '%s\n' "$tree" | grep -E '^(web-sys|js-sys|wasm-bindgen[a-z0-9-]*|yew[a-z0-9-]*|gloo[a-z0-9-]*|plotters-canvas|console_error_panic_hook) v' | sort -u || true)"
    if [ -n "$web" ]; then
      echo "FAIL: $crate depends on web crates:"; echo "$web"
      record "no web crates in $crate" 0 1 $(( $(date +%s) - s )) "$(echo $web)"
    else
      echo "ok: $crate has no web crate among its $(printf '%s\n' "$tree" | sort -u | wc -l) dependencies"
      record "no web crates in $crate" 1 0 $(( $(date +%s) - s )) ""
    fi
  done

  # 3. Lints.
  if [ "$CLIPPY" = 1 ]; then
    step "cargo clippy --workspace --all-targets -- -D warnings (native, and the app for wasm32)"
    s=$(date +%s)
    if cargo clippy --workspace --all-targets -- -D warnings \
       && cargo clippy --target wasm32-unknown-unknown -p moving-parts -- -D warnings; then
      record "cargo clippy -D warnings" 1 0 $(( $(date +%s) - s )) ""
    else
      record "cargo clippy -D warnings" 0 1 $(( $(date +%s) - s )) ""
    fi
  fi

  # 4. The app crate's wasm-bindgen tests, in headless Chromium via chromedriver.
  step "wasm-bindgen-test (cargo test --target wasm32-unknown-unknown -p moving-parts)"
  s=$(date +%s)
  if grep -rqsE 'wasm_bindgen_test\b' src $(ls tests/*.rs 2>/dev/null); then
    cargo test --target wasm32-unknown-unknown -p moving-parts 2>&1 | tee "$LOG_DIR/wasm-test.log"
    rc=${PIPESTATUS[0]}
    read -r p f < <(cargo_counts "$LOG_DIR/wasm-test.log")
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; note="failed to build or run (exit $rc)"; else note=""; fi
    record "wasm-bindgen-test (Chromium)" "$p" "$f" $(( $(date +%s) - s )) "$note"
  else
    echo "no #[wasm_bindgen_test] in src/ or tests/*.rs: skipped"
    record "wasm-bindgen-test (Chromium)" 0 0 0 "none yet"
  fi
fi

# 5. The release site.
step "scripts/build.sh"
s=$(date +%s)
if bash scripts/build.sh --no-install 2>&1 | tee "$LOG_DIR/build.log"; [ "${PIPESTATUS[0]}" -eq 0 ]; then
  record "build dist/ (release)" 1 0 $(( $(date +%s) - s )) "$(grep -o '[0-9.]* KiB gzipped' "$LOG_DIR/build.log" | tail -n1)"
  BUILT=1
else
  record "build dist/ (release)" 0 1 $(( $(date +%s) - s )) "browser tests not run"
  BUILT=0
fi

# 6. Browser tests of the built site.
if [ "$BUILT" = 1 ]; then
  step "node --test tests/browser/*.test.mjs"
  s=$(date +%s)
  (cd tests/browser && node --test --test-concurrency=1 --test-reporter=spec ./*.test.mjs) 2>&1 | tee "$LOG_DIR/browser.log"
  rc=${PIPESTATUS[0]}
  p=$(grep -aE '^ℹ pass [0-9]+' "$LOG_DIR/browser.log" | tail -n1 | awk '{print $3}')
  f=$(grep -aE '^ℹ fail [0-9]+' "$LOG_DIR/browser.log" | tail -n1 | awk '{print $3}')
  c=$(grep -aE '^ℹ cancelled [0-9]+' "$LOG_DIR/browser.log" | tail -n1 | awk '{print $3}')
  p=${p:-0}; f=$(( ${f:-0} + ${c:-0} ))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; note="node --test exit $rc"; else note=""; fi
  record "browser tests (Chromium)" "$p" "$f" $(( $(date +%s) - s )) "$note"
fi

printf '\n==== summary (%ss, logs in %s) ====\n' $(( $(date +%s) - T0 )) "$LOG_DIR"
printf '%s\n' "${SUMMARY[@]}"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
