// The package in Node: `node node.mjs article1.txt article2.html ...` prints
// the digest as Markdown key points, with the sources under it.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { initSync, summarize } from 'newsdigest';

initSync({ module: readFileSync(new URL(import.meta.resolve('newsdigest/newsdigest_bg.wasm'))) });

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node node.mjs FILE...');
  process.exit(2);
}
const digest = summarize(
  files.map((f) => ({ name: basename(f), bytes: readFileSync(f) })),
  { type: 'key-points', length: 'medium' },
);
if (digest.title) console.log(`# ${digest.title}\n`);
console.log(digest.text);
console.log('\n## Sources\n');
digest.sources.forEach((s, i) => console.log(`${i + 1}. ${s.name}${s.error ? ` (not used: ${s.error})` : ''}`));
