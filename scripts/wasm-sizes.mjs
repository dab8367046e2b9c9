// Where the bytes of a .wasm are: section sizes, then the code section's
// function bodies grouped by the crate their (demangled) name starts with,
// from the "name" custom section. Modules without names (after wasm-opt
// strips them) get the section table only.
// Usage: node scripts/wasm-sizes.mjs [file.wasm]   (default pkg/newsdigest_bg.wasm)
//
// With --diff OLD NEW, which functions grew or shrank between two modules
// with names (target/wasm32-unknown-unknown/release/newsdigest.wasm, before
// wasm-bindgen and wasm-opt): body bytes summed per name without the symbol
// hash, so a generic's instantiations add up. The gzipped size after
// wasm-opt does not follow these bytes one for one, but a new instantiation
// (a stable sort, a lazy initializer) shows here first (docs/performance.md,
// "Twelfth round").
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';

const NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount', 'tag'];

function parse(file) {
  const bytes = readFileSync(file);
  let at = 8;
  const u32 = () => {
    let n = 0, shift = 0, b;
    do { b = bytes[at++]; n += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    return n;
  };
  const str = () => { const n = u32(); const s = bytes.toString('utf8', at, at + n); at += n; return s; };
  const sections = [];
  let imports = 0;
  const bodies = [], names = new Map();
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = u32();
    const end = at + size;
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
  // Each body with its function's name (function indices count the imports first).
  const named = bodies.map(([start, len], i) => [names.get(imports + i) ?? '?', start, len]);
  return { bytes, sections, named, hasNames: names.size > 0 };
}

if (process.argv[2] === '--diff') {
  const perName = (file) => {
    const sizes = new Map();
    for (const [name, , len] of parse(file).named) {
      const key = name.replace(/17h[0-9a-f]{16}E$/, '').replace(/::h[0-9a-f]{16}$/, '');
      sizes.set(key, (sizes.get(key) ?? 0) + len);
    }
    return sizes;
  };
  const [older, newer] = [perName(process.argv[3]), perName(process.argv[4])];
  const sum = (m) => [...m.values()].reduce((a, b) => a + b, 0);
  console.log(`code bytes: ${sum(older)} -> ${sum(newer)}`);
  const changes = [...new Set([...older.keys(), ...newer.keys()])]
    .map((k) => [(newer.get(k) ?? 0) - (older.get(k) ?? 0), k])
    .filter(([d]) => d !== 0)
    .sort((a, b) => a[0] - b[0]);
  for (const [d, k] of [...changes.slice(0, 10), ...changes.slice(-25)]) {
    console.log(`${String(d).padStart(7)} ${String(older.get(k) ?? 0).padStart(7)} ${String(newer.get(k) ?? 0).padStart(7)}  ${k.slice(0, 120)}`);
  }
  process.exit(0);
}

const file = process.argv[2] ?? 'pkg/newsdigest_bg.wasm';
const { bytes, sections, named, hasNames } = parse(file);
const kb = (n) => `${(n / 1024).toFixed(1).padStart(7)} KB`;
console.log(`${file}: ${bytes.length} bytes, ${execFileSync('gzip', ['-9c'], { input: bytes }).length} gzipped (gzip -9)`);
for (const [name, size] of sections.sort((a, b) => b[1] - a[1])) console.log(`  ${kb(size)}  ${name}`);
if (hasNames) {
  // "<alloc::vec::Vec<T> as core::ops::Drop>::drop" counts for alloc; a
  // generic instantiated for a crate's type counts for the outer path.
  const crate = (name) => (name.match(/^[<&\s*]*(?:dyn\s+|mut\s+|const\s+)*([A-Za-z_][A-Za-z0-9_]*)(?:::|<|$)/)?.[1] ?? '?');
  const byCrate = new Map();
  named.forEach(([name, start, len]) => {
    const c = crate(name);
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
