#!/usr/bin/env bash
# Builds the npm package in pkg/: the library compiled to WebAssembly for
# size (opt-level "z", this build only: the native release build keeps
# opt-level 3), the `--target web` glue and types from wasm-bindgen, a
# `wasm-opt -O3` pass with the binaryen pinned in tools/package.json (not
# wasm-pack's own: see Cargo.toml), then the package.json fields and the
# README that wasm-pack does not write (scripts/pkg-json.mjs, npm/README.md).
# Prints the .wasm size, raw and gzipped.
# Usage: scripts/build-pkg.sh   (after scripts/setup.sh: wasm-pack, node, tools/)
set -euo pipefail
cd "$(dirname "$0")/.."

# Without the legacy-encodings feature: encoding_rs's tables would cost
# ~130 KB gzipped; the bindings decode legacy charsets with the host's
# TextDecoder instead (src/wasm.rs). Opt-level "z" through the environment,
# so that only this build sees it (the wasm32 artefacts of other opt-levels
# stay in target/ beside it): after wasm-opt it came out 10% smaller
# gzipped than "s" and 3 (see ARCHITECTURE.md).
# LLVM's inliner at a threshold of 40 (opt-level "z" sets it near 5): at
# "z" small hot functions (slice and str indexing, hashbrown's key
# comparison, Rc::clone) stay out of line, about 9% of the .wasm's time.
# Measured in Node against the same package at "z" alone: 0.78-0.81x the
# CPU time on the 200 Multi-News stories, 0.80-0.88x on the 5 MB story, for
# 3.7 KB more gzipped; 25 gave 0.9x for 1.8 KB, 55 went over the budget
# (docs/performance.md, "Tenth round"). Set for the wasm32 target only, so
# that the native build is untouched; a caller's RUSTFLAGS would take the
# place of the target's flags, so it gets the flag too.
inline=-Cllvm-args=-inline-threshold=40
if [[ -n ${RUSTFLAGS:-} ]]; then export RUSTFLAGS="$RUSTFLAGS $inline"; fi
CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:-} $inline" \
  wasm-pack build --target web --release --out-dir pkg --out-name newsdigest -- --no-default-features
wasm=pkg/newsdigest_bg.wasm

# wasm-opt -O3 (with global effects computed first, and repeated until it
# converges: 0.8 KB), stripping the producers and target-features sections. The
# features are those rustc's wasm32 target enables (the module's
# target_features section); wasm-bindgen's externref table needs reference
# types, which binaryen >= 116 keeps as externref. -O3 rather than -Os: on
# this module (eleventh round) -O3 comes out 2.7 KB larger raw but 437 B
# smaller gzipped, and no slower in Node (0.92x and 1.00x the time on the
# 200 stories in two sittings); -Oz saves 16 KB raw but gzips 2.6 KB larger
# than -Os (ARCHITECTURE.md).
# --low-memory-unused (constant address offsets folded into loads and
# stores: 0.6 KB gzipped) holds for what rustc's wasm32 target links: the
# stack first, growing down from 1 MiB, the data and heap above it (and
# wasm-ld's data never starts below 1 KiB anyway), so only a stack overflow
# could reach the low 1 KiB, a crash either way.
# The result is cached by the input's hash: the pass costs ~35 s of CPU, and
# wasm-pack rewrites pkg/ on every build even when nothing changed.
wasm_opt=tools/node_modules/.bin/wasm-opt
[[ -x $wasm_opt ]] || { echo "build-pkg: $wasm_opt is missing: run scripts/setup.sh" >&2; exit 1; }
flags=(--generate-global-effects --low-memory-unused -O3 --converge --strip-producers --strip-target-features
  --enable-bulk-memory --enable-bulk-memory-opt --enable-multivalue --enable-mutable-globals --enable-nontrapping-float-to-int --enable-reference-types
  --enable-sign-ext)
key=$({ sha256sum <"$wasm"; "$wasm_opt" --version; echo "${flags[*]}"; } | sha256sum | cut -c1-32)
cache=target/wasm-opt/$key.wasm
if [[ ! -f $cache ]]; then
  mkdir -p target/wasm-opt
  printf 'build-pkg: wasm-opt %s (%s)\n' "${flags[*]}" "$("$wasm_opt" --version)"
  "$wasm_opt" "${flags[@]}" "$wasm" -o "$cache.tmp"
  mv "$cache.tmp" "$cache"
  # Keep the newest few.
  ls -t target/wasm-opt/*.wasm | tail -n +5 | xargs -r rm -f
fi
cp "$cache" "$wasm"

node scripts/pkg-json.mjs pkg
cp npm/README.md pkg/README.md

printf 'build-pkg: %s: %d bytes, %d gzipped (gzip -9)\n' "$wasm" "$(wc -c <"$wasm")" "$(gzip -9c "$wasm" | wc -c)"
# The budget is a warning, not a failure, while the core settles (see the
# size table in npm/README.md).
budget=250000
if (($(gzip -9c "$wasm" | wc -c) > budget)); then
  echo "build-pkg: WARNING: $wasm is over the budget of $budget bytes gzipped" >&2
fi
