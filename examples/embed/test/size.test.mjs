// The package's .wasm stays within its budget: 250 KB (256,000 bytes)
// gzipped at level 9, as npm/README.md reports it. What the default build
// contains, and what each cut saved: ARCHITECTURE.md, "Size of the
// WebAssembly package".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

test('the installed .wasm is at most 250 KB gzipped', () => {
  const wasm = readFileSync(new URL(import.meta.resolve('newsdigest/newsdigest_bg.wasm')));
  const gzipped = gzipSync(wasm, { level: 9 }).length;
  assert.ok(gzipped <= 250 * 1024, `newsdigest_bg.wasm is ${wasm.length} bytes, ${gzipped} gzipped: over 256000`);
});
