// The benchmark's engine worker: the package loaded as www/worker.js loads
// it, then `summarize` timed on the inputs the bench script serves in
// inputs.json ({ options, sets: { name: [[{ name, text }]] } }). Time is
// the worker's performance.now() around the calls only: no messaging.

let nd = null;
let inputs = null;

async function init() {
  const t = performance.now();
  nd = await import('./pkg/newsdigest.js');
  await nd.default({ module_or_path: new URL('./pkg/newsdigest_bg.wasm', import.meta.url) });
  const loaded = performance.now() - t;
  inputs = await (await fetch(new URL('./inputs.json', import.meta.url))).json();
  return { loadMs: loaded, version: nd.version() };
}

function run({ set, reps, digests }) {
  const stories = inputs.sets[set];
  if (!stories) throw new Error(`no input set ${set}`);
  const out = digests ? [] : null;
  const t = performance.now();
  for (let r = 0; r < reps; r++) {
    for (const sources of stories) {
      let digest = null;
      try {
        digest = nd.summarize(sources, inputs.options);
      } catch {
        // No usable source: the native batch reports the same story as an error line.
      }
      if (out && r === 0) out.push(digest ? digest.sentences.map((s) => s.text) : null);
    }
  }
  return { seconds: (performance.now() - t) / 1000 / reps, digests: out };
}

addEventListener('message', async ({ data }) => {
  try {
    const value = data.type === 'init' ? await init() : run(data);
    postMessage({ id: data.id, value });
  } catch (e) {
    postMessage({ id: data.id, error: e instanceof Error ? e.message : String(e) });
  }
});
