#!/usr/bin/env bash
# Builds the npm package in pkg/: the library compiled to WebAssembly with
# the release profile (Cargo.toml says why neither a size profile nor a
# wasm-opt pass), the `--target web` glue and types from wasm-bindgen,
# then the package.json fields and the README that wasm-pack does not write
# (scripts/pkg-json.mjs, npm/README.md). Prints the .wasm size, raw and
# gzipped. Usage: scripts/build-pkg.sh   (needs wasm-pack and node)
set -euo pipefail
cd "$(dirname "$0")/.."

# Without the legacy-encodings feature: its tables would weigh more than the
# rest of the module (see src/decode.rs); UTF-8, UTF-16 and Windows-1252 stay.
wasm-pack build --target web --release --out-dir pkg --out-name newsdigest -- --no-default-features
node scripts/pkg-json.mjs pkg
cp npm/README.md pkg/README.md

wasm=pkg/newsdigest_bg.wasm
printf 'build-pkg: %s: %d bytes, %d gzipped (gzip -9)\n' "$wasm" "$(wc -c <"$wasm")" "$(gzip -9c "$wasm" | wc -c)"
# The budget is a warning, not a failure, while the core settles (see the
# size table in npm/README.md).
budget=$((250 * 1024))
if (($(gzip -9c "$wasm" | wc -c) > budget)); then
  echo "build-pkg: WARNING: $wasm is over the budget of $budget bytes gzipped" >&2
fi
