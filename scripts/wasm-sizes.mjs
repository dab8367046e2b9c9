// Where the bytes of a .wasm are: section sizes, then the code section's
// function bodies grouped by the crate their (demangled) name starts with,
// from the "name" custom section. Modules without names (after wasm-opt
// strips them) get the section table only.
// Usage: node scripts/wasm-sizes.mjs [file.wasm]   (default pkg/newsdigest_bg.wasm)
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';

const file = process.argv[2] ?? 'pkg/newsdigest_bg.wasm';
const bytes = readFileSync(file);
let at = 8;
const u32 = () => {
  let n = 0, shift = 0, b;
  do { b = bytes[at++]; n += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
  return n;
};
const str = () => { const n = u32(); const s = bytes.toString('utf8', at, at + n); at += n; return s; };
const NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount', 'tag'];
const sections = [];
let imports = 0, bodies = [], names = new Map();
while (at < bytes.length) {
  const id = bytes[at++];
  const size = u32();
  const start = at, end = at + size;
  let name = NAMES[id] ?? `id ${id}`;
  if (id === 0) {
    const custom = str();
    name = `custom "${custom}"`;
    if (custom === 'name') {
      while (at < end) {
        const sub = bytes[at++], len = u32(), subEnd = at + len;
        if (sub === 1) for (let n = u32(); n > 0; n--) { const i = u32(); names.set(i, str()); }
        at = subEnd;
      }
    }
  } else if (id === 2) {
    for (let n = u32(); n > 0; n--) {
      str(); str();
      const kind = bytes[at++];
      if (kind === 0) { imports++; u32(); } else if (kind === 1) { at++; const f = bytes[at++]; u32(); if (f & 1) u32(); }
      else if (kind === 2) { const f = bytes[at++]; u32(); if (f & 1) u32(); } else if (kind === 3) { at += 2; } else { at++; u32(); }
    }
  } else if (id === 10) {
    for (let n = u32(), i = 0; i < n; i++) { const len = u32(); bodies.push([at, len]); at += len; }
  }
  at = end;
  sections.push([name, size]);
}
const kb = (n) => `${(n / 1024).toFixed(1).padStart(7)} KB`;
console.log(`${file}: ${bytes.length} bytes, ${execFileSync('gzip', ['-9c'], { input: bytes }).length} gzipped (gzip -9)`);
for (const [name, size] of sections.sort((a, b) => b[1] - a[1])) console.log(`  ${kb(size)}  ${name}`);
if (names.size) {
  // "<alloc::vec::Vec<T> as core::ops::Drop>::drop" counts for alloc; a
  // generic instantiated for a crate's type counts for the outer path.
  const crate = (name) => (name.match(/^[<&\s*]*(?:dyn\s+|mut\s+|const\s+)*([A-Za-z_][A-Za-z0-9_]*)(?:::|<|$)/)?.[1] ?? '?');
  const byCrate = new Map();
  bodies.forEach(([start, len], i) => {
    const c = crate(names.get(imports + i) ?? '?');
    const parts = byCrate.get(c) ?? [];
    parts.push(bytes.subarray(start, start + len));
    byCrate.set(c, parts);
  });
  // Gzipped alone, a crate's code compresses a little worse than as part of
  // the whole module: a guide to what leaving it out would save.
  console.log('code by crate (function bodies; gzipped alone):');
  const rows = [...byCrate].map(([c, parts]) => [c, Buffer.concat(parts)]).sort((a, b) => b[1].length - a[1].length);
  for (const [c, code] of rows.slice(0, 20)) console.log(`  ${kb(code.length)} ${kb(gzipSync(code, { level: 9 }).length)}  ${c}`);
}
