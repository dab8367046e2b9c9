// A module worker that owns the WebAssembly module, so a long story never
// blocks the page. Import maps do not reach workers: the path is relative.
import init, { summarize, version } from './node_modules/newsdigest/newsdigest.js';

await init();
postMessage({ ready: true, version: version() });

onmessage = ({ data: { id, sources, options } }) => {
  try {
    postMessage({ id, digest: summarize(sources, options) });
  } catch (e) {
    postMessage({ id, error: e.message });
  }
};
