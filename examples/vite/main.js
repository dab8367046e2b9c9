// The package as a bundler sees it: `import init from 'newsdigest'`, and the
// .wasm that the glue finds by `new URL(..., import.meta.url)`, which Vite
// emits as an asset. The sample story is bundled as text.
import init, { summarize, version } from 'newsdigest';

const seeds = import.meta.glob('../../seeds/*.txt', { query: '?raw', import: 'default', eager: true });
const $ = (id) => document.getElementById(id);

try {
  await init();
  const sources = Object.entries(seeds).sort().map(([path, text]) => ({ name: path.split('/').pop(), text }));
  const d = summarize(sources, { type: 'key-points', length: 'medium' });
  $('digest').replaceChildren(...d.sentences.map((e) => {
    const li = document.createElement('li');
    li.textContent = `${e.text} ${e.sources.map((s) => `[${s + 1}]`).join('')}`;
    return li;
  }));
  $('status').textContent = `Done: newsdigest ${version()}, ${sources.length} sources, ${d.sentences.length} statements.`;
} catch (e) {
  $('status').textContent = `Failed: ${e.message}`;
}
