// The message protocol between the page and the engine worker (worker.js),
// and the page's side of it: EngineClient.
//
// Page -> worker, every request with a fresh numeric `id`:
//   { id, type: 'clean', files: [{ key, name, file }] }
//       `file` is the File (or Blob): a handle, cloned without its bytes;
//       the worker reads it (32 files ahead of the one it cleans, small
//       files together, as one Blob of up to 1 MB made of them) and
//       cleans each file in turn; a 'progress' for each file (with its
//       result), then 'result' with { files } (the number of files)
//   { id, type: 'summarize', sources: [{ key, name, file }], keep, options }
//       one digest of the sources; then 'result' with the digest. The
//       worker keeps the bytes of each file it has read, and its cleaning
//       (until a digest leaves it out), under its key: a file it holds is
//       neither read nor cleaned again; it reads the others from `file` (a
//       fresh worker after a crash). `keep`: the keys the page may still
//       ask for (every article read); the worker lets the bytes of any
//       other key go
//   { id, type: 'version' }
//   { id, type: 'warm', options }
//       runs the engine once over the sample story (samples/, if there):
//       the browser compiles WebAssembly first quickly, then again, better,
//       the code that has run a while; a first story then runs at the
//       engine's full speed. Sent when the page expects files (warmUp in
//       main.js). Stops early when another request comes; then 'result'
//       with { warmed } (false: stopped early, or no samples)
//   { id, type: 'cancel' }              stop request `id` at the next file
//
// Worker -> page, always with the `id` of the request it answers:
//   { id, type: 'progress', done, total, key, cleaned?, counts?, error?, binary?, unreadable? }
//   { id, type: 'progress', batch: [{ done, total, key, ... }, ...] }
//       the progress of several files in one message (those cleaned since
//       the worker last let messages in); EngineClient hands each one to
//       onProgress as if it had come alone
//       counts: { words, removedWords } of `cleaned` (cleanedCounts below),
//       counted in the worker, once, so the page never counts them again;
//       binary: the kind of a file that is not text (binaryKind below), not
//       cleaned; unreadable: why the file could not be read
//   { id, type: 'result', value }
//   { id, type: 'error', message, fatal }   fatal: the engine must be restarted
//   { id, type: 'cancelled' }
//
// No request carries a file's bytes: a File is cloned as a handle, so
// neither thread copies the story's megabytes to hand them over.
//
// The page never waits on a worker that has stopped answering: a request it
// cancels is settled at once (CancelledError), and when the worker does not
// confirm within CANCEL_GRACE_MS (it is stuck inside one long call) it is
// terminated and the next request starts a fresh one. A worker that crashes
// (an uncaught error, a WebAssembly trap, a failed load) is reported through
// `onCrash`, its requests fail with EngineCrashedError, and it is replaced
// the same way.

export const REQUEST = Object.freeze({
  clean: 'clean',
  summarize: 'summarize',
  version: 'version',
  warm: 'warm',
  cancel: 'cancel',
});

export const RESPONSE = Object.freeze({
  progress: 'progress',
  result: 'result',
  error: 'error',
  cancelled: 'cancelled',
});

export const CANCEL_GRACE_MS = 500;

/**
 * Words as the page shows them: runs of letters and digits, with inner
 * apostrophes, dots and hyphens; the matches of WORD_PATTERN, counted.
 * Counted in one pass over the UTF-16 code units instead of with the pattern:
 * `match()` made a string per word (800,000 of them in a 5 MB story, about
 * 0.4 s of the worker's time); tests/page/protocol.test.js checks that both
 * count the same.
 */
export const WORD_PATTERN = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;

const ALNUM = /^[\p{L}\p{N}]$/u;
// Letter-or-digit for code points past ASCII, asked of the pattern once each.
const alnumBeyondAscii = new Map();
function isAlnum(cp) {
  if (cp < 128) return (cp >= 48 && cp <= 57) || ((cp | 32) >= 97 && (cp | 32) <= 122);
  let known = alnumBeyondAscii.get(cp);
  if (known === undefined) {
    known = ALNUM.test(String.fromCodePoint(cp));
    alnumBeyondAscii.set(cp, known);
  }
  return known;
}
const isJoiner = (cp) => cp === 39 || cp === 0x2019 || cp === 46 || cp === 45; // ' ’ . -

export function countWords(text) {
  // A letter or digit starts a word unless it continues one: right after a
  // letter or digit, or after a joiner that itself follows one (every letter
  // or digit is inside some match, so the pattern's greedy repetition
  // reduces to this).
  let words = 0;
  let prev = 0; // 2: letter or digit, 1: joiner after a letter or digit, 0: anything else
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (isAlnum(cp)) {
      if (prev === 0) words++;
      prev = 2;
    } else prev = prev === 2 && isJoiner(cp) ? 1 : 0;
  }
  return words;
}

/** The words of a clean() result's article text and of its removed pieces. */
export function cleanedCounts(cleaned) {
  const removed = Array.isArray(cleaned?.removed) ? cleaned.removed : [];
  return {
    words: countWords(cleaned?.text ?? ''),
    removedWords: removed.reduce((sum, r) => sum + countWords(r.text), 0),
  };
}

// Magic numbers of the files people drop by mistake; the engine names them
// too, this only makes the message the same in every build.
const SIGNATURES = [
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (or a Word/OpenDocument file)'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x52, 0x61, 0x72, 0x21], 'a RAR archive'],
  [[0x37, 0x7a, 0xbc, 0xaf], 'a 7-Zip archive'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old Microsoft Office file'],
];
/** What kind of file `bytes` (a Uint8Array) is, when it is a known binary format: 'a PNG image'; else null. */
export function binaryKind(bytes) {
  for (const [magic, kind] of SIGNATURES) if (magic.every((b, i) => bytes[i] === b)) return kind;
  if (bytes.length >= 12 && String.fromCharCode(...bytes.slice(0, 4)) === 'RIFF' && String.fromCharCode(...bytes.slice(8, 12)) === 'WEBP') return 'a WebP image';
  return null;
}

export class CancelledError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'CancelledError';
  }
}

export class EngineCrashedError extends Error {
  constructor(message) {
    super(message);
    this.name = 'EngineCrashedError';
  }
}

export class EngineClient {
  /**
   * @param {URL} url the worker module's URL
   * @param {{ onCrash?: (message: string) => void }} hooks
   */
  constructor(url, { onCrash } = {}) {
    this.url = url;
    this.onCrash = onCrash ?? (() => {});
    this.worker = null;
    this.nextId = 1;
    /** @type {Map<number, {resolve, reject, onProgress, type}>} */
    this.pending = new Map();
    /** Cancelled requests the worker has not confirmed yet. */
    this.stuck = new Set();
    this.starts = 0;
  }

  /** The worker, started on first use (the engine loads lazily, once per worker). */
  ensureWorker() {
    if (this.worker) return this.worker;
    const worker = new Worker(this.url, { type: 'module' });
    this.starts += 1;
    worker.addEventListener('message', (event) => this.handle(worker, event.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.crash(worker, event.message || 'the engine failed to load or stopped unexpectedly');
    });
    worker.addEventListener('messageerror', () => this.crash(worker, 'a message could not be read'));
    this.worker = worker;
    return worker;
  }

  /**
   * Sends one request. Returns { id, promise }; the promise settles with the
   * result, or rejects with an Error, a CancelledError or an EngineCrashedError.
   */
  request(type, payload = {}, { onProgress, transfer = [] } = {}) {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const promise = new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress, type });
    });
    worker.postMessage({ id, type, ...payload }, transfer);
    return { id, promise };
  }

  /** Cancels request `id`: settles it now; stops the worker if it does not confirm in time. */
  cancel(id) {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    entry.reject(new CancelledError());
    const worker = this.worker;
    if (!worker) return;
    worker.postMessage({ id, type: REQUEST.cancel });
    this.stuck.add(id);
    setTimeout(() => {
      if (this.worker === worker && this.stuck.has(id)) this.restart();
    }, CANCEL_GRACE_MS);
  }

  /** Stops the worker now; the requests in flight are cancelled. */
  restart() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.stuck.clear();
    for (const [id, entry] of this.pending) {
      this.pending.delete(id);
      entry.reject(new CancelledError());
    }
  }

  /** Cancels every request in flight. */
  cancelAll() {
    for (const id of [...this.pending.keys()]) this.cancel(id);
  }

  get busy() {
    return this.pending.size > 0;
  }

  handle(worker, message) {
    if (worker !== this.worker || !message || typeof message.id !== 'number') return;
    const { id, type } = message;
    if (type === RESPONSE.cancelled || (this.stuck.has(id) && type !== RESPONSE.progress)) {
      this.stuck.delete(id);
      return;
    }
    const entry = this.pending.get(id);
    if (!entry) return;
    switch (type) {
      case RESPONSE.progress:
        if (Array.isArray(message.batch)) for (const one of message.batch) entry.onProgress?.({ id, type, ...one });
        else entry.onProgress?.(message);
        break;
      case RESPONSE.result:
        this.pending.delete(id);
        entry.resolve(message.value);
        break;
      case RESPONSE.error:
        this.pending.delete(id);
        if (message.fatal) {
          entry.reject(new EngineCrashedError(message.message));
          this.crash(worker, message.message);
        } else {
          entry.reject(new Error(message.message));
        }
        break;
      default:
        break;
    }
  }

  crash(worker, reason) {
    if (worker !== this.worker) return;
    worker.terminate();
    this.worker = null;
    this.stuck.clear();
    const message = `The digest engine stopped (${reason}). It has been restarted.`;
    for (const [id, entry] of this.pending) {
      this.pending.delete(id);
      entry.reject(new EngineCrashedError(message));
    }
    this.onCrash(message);
  }
}
