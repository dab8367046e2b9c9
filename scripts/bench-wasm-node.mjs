// The pipeline in WebAssembly under Node, on the same stories as the native
// batch benchmark:  node scripts/bench-wasm-node.mjs [pkg dir] [stories.jsonl]
// pkg dir: a `wasm-pack build --target web` output (default <repo>/pkg).
// TODO(wasm): the same in Chromium (e.g. Playwright loading the demo page).
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const pkg = path.resolve(process.argv[2] ?? path.join(root, "pkg"));
const data = process.argv[3] ?? path.join(process.env.NEWSDIGEST_DATA ?? path.join(root, "../shared/data"), "multinews-dev.jsonl");
const wasm = await import(pathToFileURL(path.join(pkg, "newsdigest.js")).href);
wasm.initSync({ module: readFileSync(path.join(pkg, "newsdigest_bg.wasm")) });

const stories = readFileSync(data, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
const inputs = stories.map((s) => s.docs.map((d, i) => (typeof d === "string" ? { name: `docs[${i}]`, text: d } : d)));
const bytes = inputs.flat().reduce((n, d) => n + Buffer.byteLength(d.text), 0);
let best = Infinity;
for (let run = 0; run < 3; run++) {
  const t = performance.now();
  for (const sources of inputs) {
    try { wasm.summarize(sources, { maxWords: 300 }); } catch { /* no usable source: as native */ }
  }
  best = Math.min(best, (performance.now() - t) / 1000);
}
console.log(`wasm in node ${process.version}: ${stories.length} stories, ${(bytes / 1e6).toFixed(2)} MB, ` +
  `${best.toFixed(3)} s, ${(bytes / 1e6 / best).toFixed(2)} MB/s, ${(stories.length / best).toFixed(0)} stories/s`);
