#!/usr/bin/env bash
# Installs what the build and the tests need, idempotently: each step checks
# first and does nothing when its tool is already there, so running it again
# costs a second. Usage: scripts/setup.sh [native]
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
