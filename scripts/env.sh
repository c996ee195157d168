# Sourced by the scripts in scripts/: puts the project's tools on PATH.
# cargo-installed tools (trunk, wasm-bindgen, wasm-bindgen-test-runner) live in
# ~/.cargo/bin; wasm-opt comes from npm's binaryen in ./.tools (git-ignored).
MP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export MP_ROOT
export PATH="$MP_ROOT/.tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# Trunk must never download a tool (also set in Trunk.toml).
export TRUNK_OFFLINE=true

# The version of the wasm-bindgen crate in Cargo.lock.
wasm_bindgen_version() {
  awk '
    /^\[\[package\]\]/ { in_wb = 0 }
    /^name = "wasm-bindgen"$/ { in_wb = 1; next }
    in_wb && /^version = / { gsub(/"/, "", $3); print $3; exit }
  ' "$MP_ROOT/Cargo.lock"
}
