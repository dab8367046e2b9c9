// The package's .wasm stays within its budget: 250 KB, read as 250,000 bytes
// (not KiB), under `gzip -9`, the measure scripts/build-pkg.sh, README.md and npm/README.md
// report. (Node's zlib at level 9 makes this module about 2% larger than
// GNU gzip does; the docs give both.) What the build contains, and what
// each cut saved: ARCHITECTURE.md, "Size of the WebAssembly package".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

test('the installed .wasm is at most 250,000 bytes under gzip -9', () => {
  const file = fileURLToPath(import.meta.resolve('newsdigest/newsdigest_bg.wasm'));
  const raw = readFileSync(file).length;
  const gzipped = execFileSync('gzip', ['-9c', file], { maxBuffer: 64 << 20 }).length;
  assert.ok(gzipped <= 250000, `newsdigest_bg.wasm is ${raw} bytes, ${gzipped} under gzip -9: over 250000`);
});
