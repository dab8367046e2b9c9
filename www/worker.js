// The engine: newsdigest's WebAssembly package, run off the page's main
// thread. Started by protocol.js (EngineClient) as a module worker; the
// package is loaded on the first request, once. Messages: see protocol.js.

import { cleanedCounts } from './protocol.js';

const CLEAN_UNAVAILABLE = 'clean() is not in this build of the package';

let engine = null;
function load() {
  engine ??= (async () => {
    const module = await import('./pkg/newsdigest.js');
    await module.default({ module_or_path: new URL('./pkg/newsdigest_bg.wasm', import.meta.url) });
    return module;
  })();
  return engine;
}

const cancelled = new Set();

// The files cleaned so far, kept cleaned in the engine (nd.Story) under the
// page's keys, so that a digest does not clean them a second time. Null with
// a package that has no Story: then summarize() cleans the files again.
let story = null;
function storyOf(nd) {
  if (typeof nd.Story !== 'function') return null;
  story ??= new nd.Story();
  return story;
}

// A WebAssembly trap (a panic, out of memory) may leave the module's memory
// inconsistent: the page must start a fresh worker.
function isFatal(error) {
  return error instanceof WebAssembly.RuntimeError || error instanceof RangeError;
}

function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

// A new task, through a MessageChannel: setTimeout(0) in a loop is clamped to
// 4 ms after a few rounds, which is 5 s of idling over 1,296 files.
const yieldChannel = new MessageChannel();
const yielded = [];
yieldChannel.port1.onmessage = () => yielded.shift()?.();
const nextTask = () =>
  new Promise((resolve) => {
    yielded.push(resolve);
    yieldChannel.port2.postMessage(null);
  });

// Without clean() in the package, the article text is the decoded file:
// enough to find a sentence in a text source.
function fallbackClean(file) {
  const text = new TextDecoder('utf-8').decode(file.bytes);
  return { name: file.name, title: null, date: null, site: null, byline: null, text, removed: null };
}

// Each file's result goes to the page in its 'progress' message; the final
// result is only the count (sending every text again would copy the whole
// story across threads a second time, for nothing).
async function cleanFiles(id, files, nd) {
  for (let i = 0; i < files.length; i++) {
    // Between two files, let a 'cancel' message in.
    await nextTask();
    if (cancelled.has(id)) {
      cancelled.delete(id);
      postMessage({ id, type: 'cancelled' });
      return null;
    }
    const file = files[i];
    let cleaned = null;
    let error = null;
    try {
      const kept = storyOf(nd);
      const source = { name: file.name, bytes: file.bytes };
      if (kept) cleaned = kept.clean(String(file.key), source);
      else cleaned = typeof nd.clean === 'function' ? nd.clean(source) : fallbackClean(file);
    } catch (e) {
      if (isFatal(e)) throw e;
      error = messageOf(e);
      if (error.includes(CLEAN_UNAVAILABLE)) cleaned = fallbackClean(file);
    }
    // Counted here, once per file, off the page's thread.
    const counts = cleaned ? cleanedCounts(cleaned) : null;
    postMessage({ id, type: 'progress', done: i + 1, total: files.length, key: file.key, cleaned, counts, error });
  }
  return { files: files.length };
}

async function handle(message) {
  const { id, type } = message;
  if (type === 'cancel') {
    cancelled.add(id);
    return;
  }
  if (type === '__crash_for_test') {
    // Lets the tests check that the page survives a dead engine.
    setTimeout(() => {
      throw new Error('engine crash requested by a test');
    });
    return;
  }
  try {
    const nd = await load();
    let value;
    switch (type) {
      case 'version':
        value = { version: nd.version(), clean: typeof nd.clean === 'function' };
        break;
      case 'clean':
        value = await cleanFiles(id, message.files, nd);
        if (value === null) return;
        break;
      case 'summarize': {
        // The same digest either way; the story's reuses each file's cleaning.
        const kept = storyOf(nd);
        value = kept
          ? kept.summarize(message.sources.map(({ key, name, bytes }) => ({ key: String(key), name, bytes })), message.options)
          : nd.summarize(message.sources.map(({ name, bytes }) => ({ name, bytes })), message.options);
        break;
      }
      default:
        throw new Error(`unknown request type ${JSON.stringify(type)}`);
    }
    if (cancelled.delete(id)) {
      postMessage({ id, type: 'cancelled' });
      return;
    }
    postMessage({ id, type: 'result', value });
  } catch (e) {
    const loading = !engine || (await engine.then(() => false, () => true));
    postMessage({
      id,
      type: 'error',
      message: loading ? `the engine could not be loaded: ${messageOf(e)}` : messageOf(e),
      fatal: loading || isFatal(e),
    });
  }
}

addEventListener('message', (event) => {
  handle(event.data);
});
