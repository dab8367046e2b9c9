// The page side of the benchmark: starts worker.js as a module worker (as
// www/protocol.js starts the engine) and exposes window.bench for
// scripts/bench-wasm.mjs, which calls it through playwright.

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
let next = 1;
const pending = new Map();
worker.addEventListener('message', ({ data }) => {
  const entry = pending.get(data.id);
  if (!entry) return;
  pending.delete(data.id);
  if (data.error) entry.reject(new Error(data.error));
  else entry.resolve(data.value);
});
worker.addEventListener('error', (event) => {
  for (const entry of pending.values()) entry.reject(new Error(`worker error: ${event.message}`));
  pending.clear();
});

function call(type, args = {}) {
  const id = next++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, type, ...args });
  });
}

window.bench = Object.freeze({
  /** Loads the package and the inputs; resolves to the load time in ms. */
  init: () => call('init'),
  /** Runs input set `set` `reps` times over; resolves to { seconds, digests? }. */
  run: (set, reps, digests = false) => call('run', { set, reps, digests }),
});
