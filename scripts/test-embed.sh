#!/usr/bin/env bash
# Tests the npm package as users get it: packs pkg/ (built by
# scripts/build-pkg.sh), installs the tarball into examples/embed, and runs
# that folder's tests there: the types (tsc), Node 20, parity with the native
# CLI (target/release/newsdigest), and the example site in headless Chromium;
# and builds examples/vite with it, whose bundle a test there opens too.
# Usage: scripts/test-embed.sh   (after scripts/setup.sh, build-pkg.sh, cargo build --release)
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/npm
mkdir -p "$out"
rm -f "$out"/newsdigest-*.tgz
(cd pkg && npm pack --silent --pack-destination "../$out" >/dev/null)
tarball=$(ls "$out"/newsdigest-*.tgz)

# The same tarball bundled by Vite (examples/vite/dist, which
# examples/embed/test/vite.test.mjs opens in Chromium).
(
  cd examples/vite
  [[ -d node_modules/vite ]] || npm ci --no-audit --no-fund
  npm install --no-save --no-audit --no-fund "../../$tarball"
  rm -rf dist
  npx vite build --logLevel warn
)

cd examples/embed
[[ -d node_modules/playwright-core ]] || npm ci --no-audit --no-fund
npm install --no-save --no-audit --no-fund "../../$tarball"
npx tsc --noEmit -p .
node --test test/
