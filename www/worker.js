// The engine: newsdigest's WebAssembly package, run off the page's main
// thread. Started by protocol.js (EngineClient) as a module worker; the
// package is loaded on the first request, once. Messages: see protocol.js.

import { binaryKind, cleanedCounts } from './protocol.js';

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

// The bytes of each file read so far, under the page's key: a digest
// request names its files by key (with each File, a handle), and only a file
// not held here (in a fresh worker after a crash) is read again. Let go when
// the page no longer lists the file (a digest request's `keep`).
const held = new Map();

/** Reads a File (or Blob): { bytes } or { unreadable: why }; never rejects. */
function read(file) {
  return file.arrayBuffer().then(
    (buffer) => ({ bytes: new Uint8Array(buffer) }),
    (e) => ({ unreadable: messageOf(e) }),
  );
}

/** The bytes of a digest request's source: held, else read from its File (and held). */
async function bytesOf({ key, file }) {
  let bytes = held.get(key);
  if (!bytes) {
    const r = await read(file);
    if (r.unreadable) throw new Error(`${file.name ?? 'a file'} could not be read (${r.unreadable})`);
    bytes = r.bytes;
    held.set(key, bytes);
  }
  return bytes;
}

// Cleaning goes on for this long before the worker lets other messages in
// (a 'cancel'): a new task for every file was 1,296 round trips through the
// MessageChannel for a story of one file per article.
const YIELD_MS = 8;

// Files read ahead of the one being cleaned, so that reading overlaps
// cleaning; small files are read together, as one Blob made of them (made by
// reference, without copying), up to READ_TOGETHER_BYTES at a time: a read is
// a round trip to the browser's file storage, 1,296 of them for a story of
// one file per article.
const READ_AHEAD = 32;
const READ_TOGETHER_BYTES = 1 << 20;

/**
 * Reads `files` ({ file }) starting at `from`, small ones together:
 * promises of read()'s results, one per file read, in order. A group that
 * cannot be read together (one of its files cannot) is read file by file,
 * so that each file gets its own result.
 */
function readGroup(files, from) {
  let to = from + 1;
  let bytes = files[from].file.size;
  while (to < files.length && to - from < READ_AHEAD && bytes + files[to].file.size <= READ_TOGETHER_BYTES) bytes += files[to++].file.size;
  const group = files.slice(from, to).map((f) => f.file);
  if (group.length === 1) return [read(group[0])];
  const together = read(new Blob(group)).then(({ bytes: all }) => {
    if (all?.length !== bytes) return group.map((file) => read(file));
    let at = 0;
    return group.map((file) => {
      const part = { bytes: all.subarray(at, at + file.size) };
      at += file.size;
      return part;
    });
  });
  return group.map((_, k) => together.then((parts) => parts[k]));
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

// Requests being answered, other than a warm-up: a warm-up stops at its next
// step when one comes, so that it never holds up a reader's files for more
// than one call into the engine.
let working = 0;

/**
 * Runs the engine over the sample story: clean() of each file, then
 * summarize() of all of them, with the page's options. WebAssembly is
 * compiled first by a quick baseline compiler, and the functions that have
 * run a while compiled again by the optimizing one, in the background: in a
 * fresh worker the first 5 MB story ran about a third slower than the
 * second. The sample (34 KB) is enough for that, in about 0.1 s.
 */
async function warmUp(nd, options) {
  let sources;
  try {
    const base = new URL('./samples/', import.meta.url);
    const index = await (await fetch(new URL('index.json', base))).json();
    sources = await Promise.all(
      index.files.map(async (name) => {
        const response = await fetch(new URL(encodeURIComponent(name), base));
        if (!response.ok) throw new Error(`${name}: ${response.status}`);
        return { name, bytes: new Uint8Array(await response.arrayBuffer()) };
      }),
    );
  } catch {
    return { warmed: false }; // no samples next to the page: nothing to warm with
  }
  const steps = [...sources.map((source) => () => nd.clean?.(source)), () => nd.summarize(sources, options)];
  for (const step of steps) {
    await nextTask();
    if (working) return { warmed: false };
    try {
      step();
    } catch (e) {
      if (isFatal(e)) throw e;
    }
  }
  return { warmed: true };
}

// Without clean() in the package, the article text is the decoded file:
// enough to find a sentence in a text source.
function fallbackClean(name, bytes) {
  const text = new TextDecoder('utf-8').decode(bytes);
  return { name, title: null, date: null, site: null, byline: null, text, removed: null };
}

// Each file's result goes to the page in a 'progress' message (those of the
// files cleaned since the last yield together, in a batch); the final result
// is only the count (sending every text again would copy the whole story
// across threads a second time, for nothing).
async function cleanFiles(id, files, nd) {
  const reads = [];
  const readAhead = (upTo) => {
    while (reads.length < Math.min(upTo, files.length)) reads.push(...readGroup(files, reads.length));
  };
  // The files' results go to the page in one message each time the worker
  // yields, not one message per file.
  let batch = [];
  const report = (progress) => batch.push(progress);
  const flush = () => {
    if (batch.length === 1) postMessage({ id, type: 'progress', ...batch[0] });
    else if (batch.length > 1) postMessage({ id, type: 'progress', batch });
    batch = [];
  };
  let yielded = -Infinity;
  for (let i = 0; i < files.length; i++) {
    readAhead(i + 1 + READ_AHEAD);
    // Between two files, now and then, let a 'cancel' message in.
    if (performance.now() - yielded >= YIELD_MS) {
      flush();
      await nextTask();
      yielded = performance.now();
    }
    if (cancelled.has(id)) {
      cancelled.delete(id);
      postMessage({ id, type: 'cancelled' });
      return null;
    }
    const file = files[i];
    const { bytes, unreadable } = await reads[i];
    reads[i] = null;
    const done = { done: i + 1, total: files.length, key: file.key };
    if (unreadable) {
      report({ ...done, unreadable });
      continue;
    }
    const binary = binaryKind(bytes);
    if (binary) {
      report({ ...done, binary });
      continue;
    }
    let cleaned = null;
    let error = null;
    try {
      const kept = storyOf(nd);
      const source = { name: file.name, bytes };
      if (kept) cleaned = kept.clean(String(file.key), source);
      else cleaned = typeof nd.clean === 'function' ? nd.clean(source) : fallbackClean(file.name, bytes);
    } catch (e) {
      if (isFatal(e)) throw e;
      error = messageOf(e);
      if (error.includes(CLEAN_UNAVAILABLE)) cleaned = fallbackClean(file.name, bytes);
    }
    if (cleaned) held.set(file.key, bytes);
    // Counted here, once per file, off the page's thread.
    const counts = cleaned ? cleanedCounts(cleaned) : null;
    report({ ...done, cleaned, counts, error });
  }
  flush();
  return { files: files.length };
}

/** The sources of a digest request with their bytes (held, or read now); lets go of the bytes of keys not in `keep`. */
async function sourcesOf({ sources, keep }) {
  const withBytes = await Promise.all(sources.map(async (s) => ({ key: s.key, name: s.name, bytes: await bytesOf(s) })));
  if (Array.isArray(keep)) {
    const kept = new Set(keep);
    for (const s of sources) kept.add(s.key);
    for (const key of held.keys()) if (!kept.has(key)) held.delete(key);
  }
  return withBytes;
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
  if (type !== 'warm') working++;
  try {
    const nd = await load();
    let value;
    switch (type) {
      case 'warm':
        value = await warmUp(nd, message.options);
        break;
      case 'version':
        value = { version: nd.version(), clean: typeof nd.clean === 'function' };
        break;
      case 'clean':
        value = await cleanFiles(id, message.files, nd);
        if (value === null) return;
        break;
      case 'summarize': {
        const sources = await sourcesOf(message);
        if (cancelled.has(id)) break; // (answered below)
        // The same digest either way; the story's reuses each file's cleaning.
        const kept = storyOf(nd);
        value = kept
          ? kept.summarize(sources.map(({ key, name, bytes }) => ({ key: String(key), name, bytes })), message.options)
          : nd.summarize(sources.map(({ name, bytes }) => ({ name, bytes })), message.options);
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
  } finally {
    if (type !== 'warm') working--;
  }
}

addEventListener('message', (event) => {
  handle(event.data);
});
