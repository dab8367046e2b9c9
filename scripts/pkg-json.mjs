// Completes the package.json that wasm-pack writes from Cargo.toml with what
// it does not know: `exports` (with types, and the .wasm for Node and
// bundlers), `sideEffects: false`, the README in `files`, the Node version.
// Usage: node scripts/pkg-json.mjs pkg
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'pkg';
const path = join(dir, 'package.json');
const pkg = JSON.parse(readFileSync(path, 'utf8'));
const { main, types } = pkg;
if (pkg.name !== 'newsdigest' || !main || !types) throw new Error(`${path}: not the package wasm-pack builds`);
const wasm = main.replace(/\.js$/, '_bg.wasm');

Object.assign(pkg, {
  type: 'module',
  exports: {
    '.': { types: `./${types}`, default: `./${main}` },
    [`./${wasm}`]: `./${wasm}`,
    './package.json': './package.json',
  },
  sideEffects: false,
  files: [...new Set([...(pkg.files ?? []), main, types, wasm, 'README.md'])],
  homepage: pkg.repository?.url?.replace(/^git\+/, '').replace(/\.git$/, ''),
  engines: { node: '>=20' },
});
writeFileSync(path, JSON.stringify(pkg, null, 2) + '\n');
