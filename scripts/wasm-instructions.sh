#!/usr/bin/env bash
# The .wasm's own work in Node, as a count that does not depend on the
# machine's moment: instructions under callgrind for one steady pass over the
# 200 Multi-News stories, (3 passes - 1 pass) / 2, so that the module's
# compilation (in the first pass) drops out. `node --single-threaded
# --no-liftoff` compiles every function with the optimizing compiler up
# front, on the main thread: two runs of the same package then differ by
# about 0.3 M, where V8's background tiering made them differ by up to 156 M
# (docs/performance.md, "Sixteenth round"). About 2.5 minutes a package.
# Usage: scripts/wasm-instructions.sh [PKG...]   (default pkg/; needs valgrind, the data)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export NEWSDIGEST_DATA="${NEWSDIGEST_DATA:-$root/../shared/data}"
command -v valgrind >/dev/null || { echo "wasm-instructions: valgrind is missing (apt-get install valgrind)" >&2; exit 1; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
count() {
  valgrind --tool=callgrind --callgrind-out-file="$out/cg" node --single-threaded --no-liftoff \
    "$root/bench/wasm/passes.mjs" "$1" "$2" 2>&1 >/dev/null | sed -n 's/.*refs: *//p' | tr -d ,
}
for pkg in "${@:-$root/pkg}"; do
  one=$(count "$pkg" 1)
  three=$(count "$pkg" 3)
  printf '%s: %d instructions a steady pass (1 pass %d, 3 passes %d)\n' "$pkg" $(((three - one) / 2)) "$one" "$three"
done
