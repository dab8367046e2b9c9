// N passes of the 200 Multi-News stories through a package's summarize(),
// in Node: what scripts/wasm-instructions.sh counts under callgrind.
// Usage: node bench/wasm/passes.mjs PKG N   (NEWSDIGEST_DATA as for bench-wasm.mjs)
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inputs } from './common.mjs';

const [pkgArg, passesArg] = process.argv.slice(2);
const pkg = resolve(pkgArg);
const passes = Number(passesArg);
const wasm = await import(pathToFileURL(join(pkg, 'newsdigest.js')).href);
wasm.initSync({ module: readFileSync(join(pkg, 'newsdigest_bg.wasm')) });
const { multinews } = inputs();
if (!multinews) throw new Error('no multinews-dev.jsonl: set NEWSDIGEST_DATA');
let entries = 0;
for (let p = 0; p < passes; p++) {
  for (const story of multinews) {
    try {
      entries += wasm.summarize(story.docs, { maxWords: 300 }).sentences.length;
    } catch (e) {
      // A story without usable text is an error, as natively; any other is a bug.
      if (!String(e).includes('no source has usable text')) throw e;
    }
  }
}
console.log(`${passes} passes, ${entries} digest entries`);
