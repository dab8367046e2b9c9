#!/usr/bin/env bash
# The WebAssembly and page benchmarks of docs/performance.md (the last step of
# scripts/bench.sh; not part of `make test`):
#   - the size of pkg/*.wasm, raw and gzip -9;
#   - scripts/bench-wasm.mjs: WASM in Node and in a Chromium worker against
#     native `newsdigest batch`, same inputs, same run;
#   - scripts/bench-page.mjs: the page's first-load transfer, and the seeds
#     and a 5 MB story from the page's file input to the digest drawn.
# `make bench` builds pkg/ and www/ first (make wasm-pkg www); run alone, this
# measures whatever pkg/ and www/ hold (and builds the release binary, which
# the native side of the comparison needs). The browser parts use Debian's
# Chromium through tests/page's playwright-core (npm ci there on first use).
# Data: NEWSDIGEST_DATA (default <repo root>/../shared/data); without it, the
# seeds only. Called from scripts/bench.sh (NEWSDIGEST_FROM_BENCH_SH=1), it
# leaves out the machine line and the release build, which bench.sh has just
# done. Usage: scripts/bench-wasm.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export NEWSDIGEST_DATA="${NEWSDIGEST_DATA:-$root/../shared/data}"

if [[ -z "${NEWSDIGEST_FROM_BENCH_SH:-}" ]]; then
    echo "## Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    cargo build --release --locked -q
fi

echo "## Download size of the package"
shopt -s nullglob
wasm=(pkg/*.wasm)
if (( ${#wasm[@]} )); then
    for w in "${wasm[@]}"; do
        echo "$w: $(stat -c%s "$w") bytes raw, $(gzip -9c "$w" | wc -c) bytes gzip -9"
    done
else
    echo "no pkg/*.wasm: run 'make wasm-pkg' (or 'make bench', which builds it) to measure"
fi

if ! command -v node > /dev/null; then
    echo "skipping WebAssembly and page benchmarks: no node"
    exit 0
fi
# playwright-core for the browser parts, as `make page-test` installs it.
if [[ ! -d tests/page/node_modules/playwright-core ]]; then
    (cd tests/page && npm ci --no-audit --no-fund --silent)
fi

echo "## WebAssembly against native: Node and Chromium (worker), same inputs, same run"
if [[ -f pkg/newsdigest_bg.wasm ]]; then
    node scripts/bench-wasm.mjs
else
    echo "skipped: no pkg/ (make wasm-pkg)"
fi

echo "## The page: first-load transfer, stories from the file input to the digest"
if [[ -f www/pkg/newsdigest_bg.wasm ]]; then
    node scripts/bench-page.mjs
else
    echo "skipped: www/ is not built (make www)"
fi
