#!/usr/bin/env bash
# Installs what the build and the tests need, idempotently: each step checks
# first and does nothing when its tool is already there, so running it again
# costs a second. Usage: scripts/setup.sh [native]
# (`native`: only what the Rust build and tests need, not the WebAssembly
# package's tools).
set -euo pipefail

log() { printf 'setup: %s\n' "$*" >&2; }

need_rust_components() {
  local installed
  installed=$(rustup component list --installed 2>/dev/null || true)
  for c in rustfmt clippy; do
    if ! grep -q "^$c" <<<"$installed"; then
      log "installing rust component $c"
      rustup component add "$c"
    fi
  done
}

command -v cargo >/dev/null || { log "cargo is required (https://rustup.rs)"; exit 1; }
need_rust_components

# The WebAssembly package (make wasm-test): the target; wasm-pack; the
# wasm-bindgen CLI of the version in Cargo.lock (its test runner drives the
# browser tests; wasm-pack uses it too instead of installing its own); from
# Debian chromium + chromedriver for the headless tests, node and npm; and the
# npm packages of tools/ and the test folders, exactly as locked.
need_wasm_tools() {
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    log "installing rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  if ! command -v wasm-pack >/dev/null; then
    log "installing wasm-pack"
    cargo install wasm-pack --locked
  fi
  local bindgen
  bindgen=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')
  if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen" ]] \
    || ! command -v wasm-bindgen-test-runner >/dev/null; then
    local cached="$HOME/.cache/.wasm-pack/wasm-bindgen-cargo-install-$bindgen"
    if [[ -x "$cached/wasm-bindgen" && -x "$cached/wasm-bindgen-test-runner" ]]; then
      # wasm-pack already built this version for itself: reuse it.
      log "using wasm-bindgen-cli $bindgen from wasm-pack's cache"
      mkdir -p "$HOME/.cargo/bin"
      install -m 755 "$cached"/wasm-bindgen* "$HOME/.cargo/bin/"
    else
      log "installing wasm-bindgen-cli $bindgen"
      # --locked first; the registry may lack a version its lock file pins
      # (seen: webpki-roots 1.0.11), then resolve afresh as wasm-pack does.
      cargo install wasm-bindgen-cli --version "=$bindgen" --locked --force ||
        cargo install wasm-bindgen-cli --version "=$bindgen" --force
    fi
  fi
  local packages=()
  command -v chromium >/dev/null || packages+=(chromium)
  command -v chromedriver >/dev/null || packages+=(chromium-driver)
  command -v node >/dev/null || packages+=(nodejs)
  command -v npm >/dev/null || packages+=(npm)
  if ((${#packages[@]})); then
    log "installing ${packages[*]}"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"
  fi
  # tools/: binaryen's wasm-opt for scripts/build-pkg.sh (Debian's is too
  # old for wasm-bindgen's output); examples/embed and examples/vite: the
  # embedding tests.
  local dir
  for dir in tools examples/embed examples/vite; do
    if [[ ! "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]]; then
      log "installing npm packages in $dir"
      (cd "$dir" && npm ci --no-audit --no-fund)
    fi
  done
}

if [[ "${1:-}" != native ]]; then
  cd "$(dirname "$0")/.."
  need_wasm_tools
fi
