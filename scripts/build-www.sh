#!/usr/bin/env bash
# Makes www/ complete, ready to serve or to copy as-is to any static host:
# the WebAssembly package (pkg/, built by `make wasm-pkg`) goes to www/pkg/,
# the sample story (seeds/) to www/samples/ with samples/index.json listing
# it. Both are build output (.gitignore). Usage: scripts/build-www.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -f pkg/newsdigest.js && -f pkg/newsdigest_bg.wasm ]]; then
  rm -rf www/pkg
  cp -r pkg www/pkg
elif [[ -f www/pkg/newsdigest.js && -f www/pkg/newsdigest_bg.wasm ]]; then
  echo "build-www: no pkg/ at the repository root; keeping www/pkg/ as it is" >&2
else
  echo "build-www: the WebAssembly package is missing: run \`make wasm-pkg\` (it writes pkg/)" >&2
  exit 1
fi

rm -rf www/samples
mkdir -p www/samples
files=()
for f in seeds/*; do
  [[ -f "$f" ]] || continue
  cp "$f" www/samples/
  files+=("\"$(basename "$f")\"")
done
(
  IFS=,
  printf '{"title":"The sample story: Russia seeks more attack drones from Iran","files":[%s]}\n' "${files[*]}"
) >www/samples/index.json
echo "build-www: www/ is ready (www/pkg, ${#files[@]} samples in www/samples)" >&2
