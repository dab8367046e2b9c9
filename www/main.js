// The page: articles in (drop, picker, folder, paste, sample), one digest
// out. All the work happens in the engine worker (worker.js, protocol.js);
// this file keeps the state and draws it. Article content only ever reaches
// the DOM as text (textContent, text nodes), never as HTML.

import { CancelledError, EngineClient, EngineCrashedError, REQUEST, cleanedCounts } from './protocol.js';

const MAX_BYTES = 10 * 1000 * 1000; // the engine's limit for one source (Config::max_source_bytes)
const ACCEPTED = ['.txt', '.md', '.html', '.htm'];
const PALETTE_SIZE = 8;
const PROGRESS_DELAY_MS = 150;
// While files are read, the rows and the progress they change are drawn at
// most this often: each drawing restyles and lays out the list, and a story
// of a thousand files read in two seconds would otherwise be drawn at every
// frame, on the thread the engine's worker shares the machine with.
const DRAW_INTERVAL_MS = 100;

const $ = (id) => document.getElementById(id);

/** Makes an element; `text` is always set as text. */
function el(tag, { cls, text, attrs } = {}, children = []) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (attrs) for (const [name, value] of Object.entries(attrs)) if (value !== undefined && value !== null) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

const numberFormat = new Intl.NumberFormat('en');
const fmt = (n) => numberFormat.format(n);
const plural = (n, one, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;
const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const extensionOf = (name) => {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
};

// ---------------------------------------------------------------- state

const state = {
  /** @type {Source[]} in list order */
  sources: [],
  nextId: 1,
  nextColor: 0,
  length: { length: 'medium' },
  digest: null,
  /** the sources the digest was made from, in the order given to the engine */
  digestSources: [],
  dirty: false,
  running: false,
  current: null, // { id, kind: 'clean' | 'summarize' }
  userCancelled: false,
  crashes: 0,
  version: '',
  elapsed: 0,
  open: null, // index of the open entry
  readingKey: null, // the source the engine is reading now
};

/**
 * @typedef {object} Source
 * @property {number} id
 * @property {string} name
 * @property {number} color
 * @property {File|null} file  the file (a pasted article is made one): a handle, read by the engine worker, never on this thread
 * @property {number} size
 * @property {'queued'|'reading'|'ready'|'error'} status
 * @property {string|null} error
 * @property {object|null} cleaned  clean()'s result
 * @property {{words: number, removedWords: number}|null} counts  the words of `cleaned`, counted once
 * @property {boolean} enabled
 * @property {object|null} info  the digest's SourceInfo
 */

const engine = new EngineClient(new URL('./worker.js', import.meta.url), {
  onCrash: (message) => showAlert(message),
});

// ---------------------------------------------------------------- adding sources

const baseName = (n) => n.slice(n.lastIndexOf('/') + 1);
const duplicateKey = (name, size) => `${size}/${baseName(name)}`;

/** The sources already in the list, by duplicateKey: a file with the same base name and size is not added again. */
function listedKeys() {
  return new Set(state.sources.filter((s) => s.status !== 'error').map((s) => duplicateKey(s.name, s.size)));
}

/** Adds one source unless `listed` (from listedKeys(), kept up to date here) has it. */
function addSource({ name, file, size }, listed = listedKeys()) {
  const key = duplicateKey(name, size);
  if (listed.has(key)) return { duplicate: true };
  const source = {
    id: state.nextId++,
    name,
    color: state.nextColor++ % PALETTE_SIZE,
    file,
    size,
    status: 'queued',
    error: null,
    cleaned: null,
    counts: null,
    enabled: true,
    info: null,
  };
  // Other extensions are let through: the content decides (the engine tells
  // text from HTML from binary); binary files are caught when read.
  if (size === 0) fail(source, 'This file is empty.');
  else if (size > MAX_BYTES) fail(source, `This file is too large: ${megabytes(size)} is over the limit of ${megabytes(MAX_BYTES)} for one article.`);
  if (source.status !== 'error') listed.add(key);
  state.sources.push(source);
  return { source };
}

function fail(source, message) {
  source.status = 'error';
  source.error = message;
  source.file = null;
}

/** Adds files, e.g. [{ file, name }]; returns after scheduling the work. */
function addFiles(entries, { skipped = 0 } = {}) {
  let added = 0;
  let duplicates = 0;
  const listed = listedKeys();
  for (const { file, name } of entries) {
    const { source } = addSource({ name: name || file.name, file, size: file.size }, listed);
    if (source) added++;
    else duplicates++;
  }
  const notes = [];
  if (duplicates) notes.push(`${plural(duplicates, 'file')} already in the list ${duplicates === 1 ? 'was' : 'were'} not added again.`);
  if (skipped) notes.push(`${plural(skipped, 'file')} in the folder ${skipped === 1 ? 'is' : 'are'} not .txt, .md, .html or .htm and ${skipped === 1 ? 'was' : 'were'} skipped.`);
  setInputNote(notes.join(' '));
  if (added) {
    state.dirty = true;
    renderSources();
    pump();
  }
}

async function addSample() {
  const button = $('sample');
  button.disabled = true;
  try {
    const index = await (await fetch(new URL('samples/index.json', document.baseURI))).json();
    const files = await Promise.all(
      index.files.map(async (name) => {
        const response = await fetch(new URL(`samples/${encodeURIComponent(name)}`, document.baseURI));
        if (!response.ok) throw new Error(`${name}: ${response.status}`);
        return new File([await response.arrayBuffer()], name, { type: 'text/plain' });
      }),
    );
    addFiles(files.map((file) => ({ file, name: file.name })));
  } catch (e) {
    showAlert(`The sample story could not be loaded (${e.message}).`);
  } finally {
    button.disabled = false;
  }
}

let pasted = 0;
function addPasted() {
  const textarea = $('paste-text');
  const text = textarea.value;
  if (!text.trim()) {
    textarea.focus();
    setInputNote('Paste the text of an article first.');
    return;
  }
  pasted++;
  const label = $('paste-name').value.trim().replace(/[\\/:*?"<>|]+/g, ' ') || `Pasted article ${pasted}`;
  const isHtml = /^\s*(<!doctype|<html|<head|<body|<article|<div|<p[\s>])/i.test(text);
  const name = `${label}${isHtml ? '.html' : '.txt'}`;
  const file = new File([text], name, { type: isHtml ? 'text/html' : 'text/plain' }); // UTF-8, as TextEncoder
  const { source } = addSource({ name, file, size: file.size });
  if (!source) {
    setInputNote('That article is already in the list.');
    return;
  }
  textarea.value = '';
  $('paste-name').value = '';
  state.dirty = true;
  renderSources();
  pump();
}

// Folders: walk them (webkitGetAsEntry). Entries must be taken during the
// drop event itself; the walk is asynchronous.
async function filesFromDrop(dataTransfer) {
  const items = [...(dataTransfer.items ?? [])].filter((item) => item.kind === 'file');
  const taken = items.map((item) => ({ entry: item.webkitGetAsEntry?.() ?? null, file: item.getAsFile() }));
  if (taken.length === 0) return { files: [...dataTransfer.files].map((file) => ({ file, name: file.name })), skipped: 0 };
  const files = [];
  let skipped = 0;
  const fileOf = (entry) => new Promise((resolve, reject) => entry.file(resolve, reject));
  const readAll = async (reader) => {
    const all = [];
    for (;;) {
      const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) return all;
      all.push(...batch);
    }
  };
  const walk = async (entry, inFolder) => {
    if (entry.name.startsWith('.')) return;
    if (entry.isDirectory) {
      const children = await readAll(entry.createReader());
      children.sort((a, b) => a.name.localeCompare(b.name));
      for (const child of children) await walk(child, true);
    } else if (inFolder && !ACCEPTED.includes(extensionOf(entry.name))) {
      skipped++;
    } else {
      files.push({ file: await fileOf(entry), name: inFolder ? entry.fullPath.replace(/^\//, '') : entry.name });
    }
  };
  for (const { entry, file } of taken) {
    if (entry) await walk(entry, false);
    else if (file) files.push({ file, name: file.name });
  }
  return { files, skipped };
}

// ---------------------------------------------------------------- the work loop

function options() {
  return { ...state.length, type: 'key-points', format: 'markdown' };
}

/** Runs what is due, one request at a time: first cleaning new files, then the digest. */
async function pump() {
  if (state.running) return;
  state.running = true;
  try {
    for (;;) {
      const queued = state.sources.filter((s) => s.status === 'queued');
      if (queued.length) await cleanQueued(queued);
      else if (state.dirty) await summarize();
      else break;
    }
  } finally {
    state.running = false;
    state.current = null;
    hideProgress();
  }
}

let progressTimer = 0;
function showProgress(label, done, total) {
  pendingProgress = null;
  $('progress-label').textContent = label;
  $('progress-bar').max = Math.max(total, 1);
  $('progress-bar').value = done;
  if ($('progress').hidden && !progressTimer) {
    progressTimer = setTimeout(() => {
      progressTimer = 0;
      if (state.current) $('progress').hidden = false;
    }, PROGRESS_DELAY_MS);
  }
}
function hideProgress() {
  pendingProgress = null;
  clearTimeout(progressTimer);
  progressTimer = 0;
  $('progress').hidden = true;
}

async function cleanQueued(queued) {
  // The engine worker reads the files (the page hands it each File, a
  // handle: no bytes are read or copied on this thread) and cleans them.
  const files = queued.map((source) => {
    source.status = 'reading';
    return { key: source.id, name: source.name, file: source.file };
  });
  const total = files.length;
  const byKey = new Map(queued.map((s) => [s.id, s]));
  const { id, promise } = engine.request(REQUEST.clean, { files }, {
    onProgress: ({ key, done, cleaned, counts, error, binary, unreadable }) => {
      state.readingKey = files[done]?.key ?? null;
      // (A source removed from the list meanwhile is updated and not drawn.)
      const source = byKey.get(key);
      if (source) {
        if (binary) fail(source, `This is ${binary}, not an article. Add articles as text (.txt, .md) or saved web pages (.html, .htm).`);
        else if (unreadable) fail(source, `This file could not be read (${unreadable}).`);
        else if (error) fail(source, friendlyError(error, source.name));
        else {
          source.status = 'ready';
          source.cleaned = cleaned;
          source.counts = counts ?? null; // counted in the worker (else countsOf() counts, once)
        }
      }
      // Only the rows that changed, once per frame: this one, and the next
      // one, now "Reading…".
      const next = files[done];
      redrawRows([source, byKey.get(state.readingKey)], [next ? `Reading ${next.name} (${done + 1} of ${total})` : 'Making the digest…', done, total]);
    },
  });
  state.current = { id, kind: 'clean' };
  state.readingKey = files[0].key;
  renderSources();
  showProgress(`Reading ${files[0].name} (1 of ${total})`, 0, total);
  try {
    await promise;
    state.crashes = 0;
  } catch (e) {
    const left = state.sources.filter((s) => s.status === 'reading');
    if (e instanceof CancelledError && state.userCancelled) {
      state.userCancelled = false;
      state.sources = state.sources.filter((s) => s.status !== 'reading');
      setInputNote(`Cancelled: ${plural(left.length, 'file')} not added.`);
    } else if (e instanceof EngineCrashedError && ++state.crashes < 2) {
      for (const s of left) s.status = 'queued'; // try once more in a fresh engine
    } else {
      for (const s of left) fail(s, `This file could not be read: ${e.message}`);
    }
    renderSources();
  } finally {
    state.current = null;
  }
}

async function summarize() {
  state.dirty = false;
  const usable = state.sources.filter((s) => s.status === 'ready' && s.enabled);
  if (usable.length === 0) {
    state.digest = null;
    state.digestSources = [];
    for (const s of state.sources) s.info = null;
    renderAll();
    return;
  }
  const started = performance.now();
  showProgress(`Making the digest of ${plural(usable.length, 'article')}…`, 1, 1);
  const { id, promise } = engine.request(REQUEST.summarize, {
    sources: usable.map((s) => ({ key: s.id, name: s.name, file: s.file })),
    // The articles read, switched on or off: the worker keeps their bytes.
    keep: state.sources.filter((s) => s.status === 'ready').map((s) => s.id),
    options: options(),
  });
  state.current = { id, kind: 'summarize' };
  try {
    const digest = await promise;
    state.crashes = 0;
    if (state.dirty) return; // something changed meanwhile: the next round draws
    state.digest = digest;
    state.digestSources = usable;
    state.elapsed = performance.now() - started;
    for (const s of state.sources) s.info = null;
    digest.sources.forEach((info, i) => {
      usable[i].info = info;
    });
    if (state.open !== null && state.open >= digest.sentences.length) state.open = null;
    $('digest-error').hidden = true;
    renderAll();
    const reporting = digest.sources.filter((s) => !s.error).length;
    if (!state.version) showVersion();
    announce(`Digest ready: ${plural(digest.sentences.length, 'statement')} from ${plural(reporting, 'article')}.`);
  } catch (e) {
    if (e instanceof CancelledError) {
      if (state.userCancelled) {
        state.userCancelled = false;
        showDigestError('Cancelled. Change the length or the articles to make the digest again.');
      } else state.dirty = true;
    } else if (e instanceof EngineCrashedError && ++state.crashes < 2) {
      state.dirty = true;
    } else {
      state.digest = null;
      state.digestSources = [];
      for (const s of state.sources) s.info = null;
      renderAll();
      showDigestError(digestErrorMessage(e.message));
    }
  } finally {
    state.current = null;
  }
}

function friendlyError(message, name) {
  // The engine names the file; the row already does.
  let text = message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message;
  text = text.charAt(0).toUpperCase() + text.slice(1);
  if (/^Empty file/i.test(text)) return 'This file is empty.';
  if (/not valid UTF-8|encoding|decode/i.test(text)) return `${text}. The file is not in a text encoding newsdigest can read (UTF-8, UTF-16, Windows-1252).`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function digestErrorMessage(message) {
  if (/no (usable )?source|no .*text/i.test(message)) return `None of the articles has text a digest can be made from (${message}).`;
  return `The digest could not be made: ${message}`;
}

function cancelWork() {
  if (!state.current) return;
  state.userCancelled = true;
  engine.cancel(state.current.id);
}

// ---------------------------------------------------------------- drawing

// Each source's number in the list (1-based), set by renderSources(): every
// change to state.sources (adding, removing, cancelling) is followed by it at
// once. A source no longer in the list (still in a digest) has number 0.
let numbers = new Map();
const numberOf = (source) => numbers.get(source) ?? 0;

function badge(source, { withName = false, number = numberOf(source) } = {}) {
  const node = el('span', { cls: `badge c${source.color}`, text: number, attrs: { title: source.name } });
  if (withName) node.setAttribute('aria-hidden', 'true');
  return node;
}

function label(source) {
  return source.info?.site || source.cleaned?.site || source.name;
}

/** The words of a source's text and of what cleaning removed: counted once, when the text arrives. */
function countsOf(source) {
  if (!source.cleaned) return null;
  source.counts ??= cleanedCounts(source.cleaned);
  return source.counts;
}

function removedStats(source) {
  const removed = source.cleaned?.removed;
  if (!Array.isArray(removed)) return null;
  const { words: kept, removedWords } = countsOf(source);
  const share = removedWords + kept ? removedWords / (removedWords + kept) : 0;
  return { pieces: removed.length, words: removedWords, share };
}

// The list is drawn row by row: each row is kept with what it
// shows (rowShows), and made again only when that changes. Reading a story of
// many files changes one or two rows per file; redrawing them all each time
// was quadratic in the number of files.
const rows = new WeakMap(); // source -> { shown, number, row }

/** Everything a row shows: the row is made again when any of it changes (===). */
function rowShows(source, number) {
  return [number, source.status, source.enabled, source.error, source.id === state.readingKey, source.cleaned, source.info, Boolean(state.digest)];
}

/** The row of `source`, number `number`: the one already made when nothing it shows has changed. */
function rowOf(source, number) {
  const shown = rowShows(source, number);
  const kept = rows.get(source);
  if (kept?.shown.every((value, i) => value === shown[i])) return kept.row;
  // Queued, then handed to the engine: a waiting row looks the same but for
  // its class; changed in place (all the rows of a story, each time it is read).
  const waiting = (status) => status === 'queued' || status === 'reading';
  if (kept && waiting(kept.shown[1]) && waiting(shown[1]) && kept.shown.every((value, i) => i === 1 || value === shown[i])) {
    kept.row.classList.replace(`status-${kept.shown[1]}`, `status-${shown[1]}`);
    kept.shown = shown;
    return kept.row;
  }
  const row = sourceRow(source, number);
  rows.set(source, { shown, number, row });
  return row;
}

/** Puts focus back where it was when the row holding it was replaced. */
function keepFocus(draw) {
  const focusedId = document.activeElement?.closest?.('.source')?.dataset.id;
  const focusedRole = document.activeElement?.dataset?.role;
  draw();
  if (focusedId && focusedRole && !document.activeElement?.closest?.('.source')) {
    $('sources').querySelector(`.source[data-id="${focusedId}"] [data-role="${focusedRole}"]`)?.focus();
  }
}

let pendingRows = new Set();
/** The latest progress (showProgress's arguments) not drawn yet. */
let pendingProgress = null;
let rowsFrame = 0;
let rowsTimer = 0;
let rowsDrawn = -Infinity; // when redrawRows last drew

/** The whole list, now: after adding, removing or switching sources, and with the digest. */
function renderSources() {
  cancelAnimationFrame(rowsFrame);
  clearTimeout(rowsTimer);
  rowsFrame = 0;
  rowsTimer = 0;
  pendingRows = new Set();
  if (pendingProgress) showProgress(...pendingProgress);
  numbers = new Map(state.sources.map((s, i) => [s, i + 1]));
  const list = $('sources');
  keepFocus(() => {
    const wanted = state.sources.map((source, i) => rowOf(source, i + 1));
    const shown = list.children;
    // The same rows in the same places, some of them new: swap those in.
    // Anything else (rows added, removed, moved): the whole list.
    const inPlace = shown.length === wanted.length && wanted.every((row, i) => shown[i] === row || !row.isConnected);
    // (Most rows new, as with the digest: one change to the list, not one per row.)
    const swaps = inPlace ? wanted.filter((row, i) => shown[i] !== row).length : 0;
    if (inPlace && swaps <= wanted.length / 2) wanted.forEach((row, i) => shown[i] !== row && shown[i].replaceWith(row));
    else list.replaceChildren(...wanted);
  });
  $('sources-empty').hidden = state.sources.length > 0;
}

/**
 * Redraws the rows of `sources` (nulls ignored), and shows `progress`
 * (showProgress's arguments) if given, at an animation frame at least
 * DRAW_INTERVAL_MS after the last one, however many calls come before it:
 * the list's order has not changed since it was last drawn (adding and
 * removing draw it at once), so each row stays at its place and keeps its
 * number.
 */
function redrawRows(sources, progress = null) {
  for (const source of sources) if (source) pendingRows.add(source);
  if (progress) pendingProgress = progress;
  if (rowsFrame || rowsTimer) return;
  const draw = () => {
    rowsFrame = 0;
    rowsDrawn = performance.now();
    const due = pendingRows;
    pendingRows = new Set();
    keepFocus(() => {
      for (const source of due) {
        const kept = rows.get(source);
        if (!kept?.row.isConnected) continue;
        const row = rowOf(source, kept.number);
        if (row !== kept.row) kept.row.replaceWith(row);
      }
    });
    if (pendingProgress) showProgress(...pendingProgress);
  };
  const wait = rowsDrawn + DRAW_INTERVAL_MS - performance.now();
  if (wait <= 0) rowsFrame = requestAnimationFrame(draw);
  else
    rowsTimer = setTimeout(() => {
      rowsTimer = 0;
      rowsFrame = requestAnimationFrame(draw);
    }, wait);
}

function sourceRow(source, number) {
  const info = source.info;
  const cleaned = source.cleaned;
  const row = el('li', { cls: `source status-${source.status}${source.enabled ? '' : ' off'}`, attrs: { 'data-id': source.id } });
  const head = el('div', { cls: 'source-head' }, [badge(source, { number }), el('span', { cls: 'source-name', text: source.name, attrs: { title: source.name } })]);
  const body = el('div', { cls: 'source-body' }, [head]);
  const title = info?.title || cleaned?.title;
  if (title) body.append(el('p', { cls: 'source-title', text: title, attrs: { title } }));

  const facts = [];
  const site = info?.site || cleaned?.site;
  const date = info?.date || cleaned?.date;
  if (site) facts.push(el('span', { cls: 'outlet', text: site }));
  if (date) facts.push(el('span', { text: date }));
  if (info && !info.error) facts.push(el('span', { text: plural(info.words, 'word') }));
  else if (cleaned?.text) facts.push(el('span', { text: plural(countsOf(source).words, 'word') }));
  const stats = removedStats(source);
  if (stats && source.status === 'ready') {
    facts.push(el('span', { text: stats.words ? `boilerplate removed: ${plural(stats.words, 'word')} (${Math.round(stats.share * 100)}%)` : 'no boilerplate' }));
  }
  if (info && !info.error && state.digest) facts.push(el('span', { text: info.used ? `in ${plural(info.used, 'statement')}` : 'not in the digest' }));
  if (facts.length) body.append(el('p', { cls: 'source-facts' }, facts));

  if (info?.stale) body.append(el('p', { cls: 'source-flag', text: 'Much older than the rest of the story' }));
  if (source.status === 'queued' || source.status === 'reading') {
    body.append(el('p', { cls: 'source-progress', text: source.id === state.readingKey ? 'Reading…' : 'Waiting…' }));
  }
  const error = source.error || info?.error;
  if (error) body.append(el('p', { cls: 'source-error', text: source.error ? error : friendlyError(error, source.name) }));
  row.append(body);

  const actions = el('div', { cls: 'source-actions' });
  if (source.status === 'ready') {
    const toggle = el('input', { attrs: { type: 'checkbox', 'data-role': 'toggle', 'aria-label': `Use ${source.name} in the digest` } });
    toggle.checked = source.enabled;
    toggle.addEventListener('change', () => {
      source.enabled = toggle.checked;
      state.dirty = true;
      renderSources();
      pump();
    });
    actions.append(el('label', { cls: 'switch', attrs: { title: 'Use in the digest' } }, [toggle, el('span', { text: 'Use' })]));
    if (stats) {
      const why = el('button', { cls: 'quiet small', text: 'Removed…', attrs: { type: 'button', 'data-role': 'removed', 'aria-label': `What was removed from ${source.name}` } });
      why.addEventListener('click', () => openRemoved(source));
      actions.append(why);
    }
  }
  const remove = el('button', { cls: 'quiet small remove', text: 'Remove', attrs: { type: 'button', 'data-role': 'remove', 'aria-label': `Remove ${source.name}` } });
  remove.addEventListener('click', () => removeSource(source));
  actions.append(remove);
  row.append(actions);
  return row;
}

function removeSource(source) {
  const index = state.sources.indexOf(source);
  state.sources.splice(index, 1);
  if (source.status === 'ready') state.dirty = true;
  renderSources();
  const rows = $('sources').querySelectorAll('[data-role="remove"]');
  (rows[Math.min(index, rows.length - 1)] ?? $('dropzone')).focus();
  setInputNote(`Removed ${source.name}.`);
  if (state.dirty) pump();
}

function renderAll() {
  renderSources();
  renderDigest();
}

function renderDigest() {
  const digest = state.digest;
  $('digest-empty').hidden = Boolean(digest);
  $('digest-body').hidden = !digest;
  if (!digest) {
    const ready = state.sources.filter((s) => s.status === 'ready');
    $('digest-title').textContent =
      ready.length ? 'Switch on an article to see its digest'
      : state.sources.length && state.sources.every((s) => s.status === 'error') ? 'None of these files could be read: see the message beside each'
      : 'Your digest appears here';
    return;
  }
  const used = state.digestSources;
  const reporting = digest.sources.filter((s) => !s.error).length;
  const title = digest.title || used.map((s) => s.info?.title || s.cleaned?.title).find(Boolean) || 'Digest of the story';
  $('story-title').textContent = title;
  const dates = used.map((s) => s.info?.date).filter(Boolean).sort();
  const storyDate = digest.date || dates.at(-1);
  $('story-date').textContent = storyDate ? `Story of ${storyDate}${dates.length > 1 && dates[0] !== storyDate ? ` · coverage from ${dates[0]}` : ''}` : '';
  $('story-date').hidden = !storyDate;
  $('digest-summary').textContent = `${plural(digest.sentences.length, 'statement')} from ${plural(reporting, 'article')}, made in your browser in ${Math.max(1, Math.round(state.elapsed))} ms.`;

  const stale = used.filter((s) => s.info?.stale);
  $('stale').hidden = stale.length === 0;
  if (stale.length) {
    const names = stale.map((s) => `${label(s)}${s.info.date ? ` (${s.info.date})` : ''}`).join(', ');
    $('stale').textContent = `Older coverage: ${names} ${stale.length === 1 ? 'was' : 'were'} published well before the story's date${storyDate ? ` (${storyDate})` : ''} and may describe an earlier turn of events.`;
  }

  syncLengthControl();
  const entries = digest.sentences.map((entry, i) => entryItem(entry, i, reporting));
  $('entries').replaceChildren(...entries);
}

function entryItem(entry, index, reporting) {
  const used = state.digestSources;
  const open = state.open === index;
  const item = el('li', { cls: `entry${open ? ' open' : ''}` });
  const detailId = `entry-${index}-detail`;
  const badges = el('span', { cls: 'badges' }, entry.sources.map((i) => badge(used[i], { withName: true })));
  const names = entry.sources.map((i) => `${numberOf(used[i])}, ${label(used[i])}`).join('; ');
  const button = el('button', { cls: 'entry-main', attrs: { type: 'button', 'aria-expanded': String(open), 'aria-controls': detailId } }, [
    el('span', { cls: 'entry-text', text: entry.text }),
    el('span', { cls: 'entry-meta' }, [
      badges,
      el('span', { cls: 'support', text: `reported by ${entry.sources.length} of ${reporting}` }),
      el('span', { cls: 'visually-hidden', text: `. Sources: ${names}.` }),
      el('span', { cls: 'chevron', attrs: { 'aria-hidden': 'true' } }),
    ]),
  ]);
  button.addEventListener('click', () => {
    state.open = state.open === index ? null : index;
    renderDigest();
    $('entries').children[index]?.querySelector('.entry-main')?.focus();
  });
  item.append(button);
  if (open) item.append(entryDetail(entry, detailId));
  return item;
}

const selectedVariant = new Map(); // entry text -> source index shown

function entryDetail(entry, id) {
  const used = state.digestSources;
  const detail = el('div', { cls: 'entry-detail', attrs: { id } });
  detail.append(el('h3', { cls: 'detail-heading', text: entry.variants.length > 1 ? 'How each article puts it' : 'Where it comes from' }));
  const shown = selectedVariant.get(entry.text) ?? entry.source;
  const list = el('ul', { cls: 'variants' });
  const view = el('div', { cls: 'source-view' });
  for (const variant of entry.variants) {
    const source = used[variant.source];
    const pressed = variant.source === shown;
    const button = el('button', { cls: 'variant', attrs: { type: 'button', 'aria-pressed': String(pressed) } }, [
      el('span', { cls: 'variant-head' }, [badge(source), el('span', { cls: 'variant-source', text: label(source) })]),
      el('span', { cls: 'variant-text', text: variant.text }),
    ]);
    button.addEventListener('click', () => {
      selectedVariant.set(entry.text, variant.source);
      for (const b of list.querySelectorAll('.variant')) b.setAttribute('aria-pressed', String(b === button));
      showInSource(view, source, variant.text);
    });
    list.append(el('li', {}, [button]));
  }
  detail.append(list);
  detail.append(view);
  const variant = entry.variants.find((v) => v.source === shown) ?? entry.variants[0];
  queueMicrotask(() => showInSource(view, used[variant.source], variant.text));
  return detail;
}

/** Finds `needle` in `text`: verbatim, else with any run of white space matching any other. */
function locate(text, needle) {
  const at = text.indexOf(needle);
  if (at >= 0) return [at, at + needle.length];
  const words = needle.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (!words.length) return null;
  const match = new RegExp(words.join('\\s+')).exec(text);
  return match ? [match.index, match.index + match[0].length] : null;
}

function showInSource(view, source, needle) {
  const text = source.cleaned?.text ?? '';
  const found = text ? locate(text, needle) : null;
  const box = el('div', { cls: 'source-text', attrs: { tabindex: '0', role: 'region', 'aria-label': `Text of ${source.name}` } });
  let mark = null;
  if (found) {
    mark = el('mark', { text: text.slice(found[0], found[1]) });
    box.append(document.createTextNode(text.slice(0, found[0])), mark, document.createTextNode(text.slice(found[1])));
  } else {
    box.textContent = text || 'The text of this article is not available.';
  }
  const caption = el('p', { cls: 'source-view-head' }, [
    badge(source),
    el('span', { text: found ? ` Highlighted in ${source.name}` : ` ${source.name} (this wording could not be located in the article text)` }),
  ]);
  view.replaceChildren(caption, box);
  // .source-text is positioned: the mark's offsetTop is within it.
  if (mark) box.scrollTop = Math.max(0, mark.offsetTop - 48);
}

function syncLengthControl() {
  const count = $('len-count');
  for (const radio of document.querySelectorAll('input[name="length"]')) radio.checked = radio.value === state.length.length;
  if (document.activeElement !== count) count.value = state.digest ? state.digest.sentences.length : '';
}

// The removed pieces of one source, by reason.
const REASONS = {
  paywall: 'Paywall and subscription notices',
  newsletter: 'Newsletter sign-ups',
  related: 'Related stories and links',
  teaser: 'Teasers for other stories',
  caption: 'Photo and video captions',
  credit: 'Credits',
  share: 'Sharing buttons',
  hashtags: 'Hashtags',
  keywords: 'Keywords and tags',
  tags: 'Keywords and tags',
  ad: 'Advertising',
  advertisement: 'Advertising',
  navigation: 'Navigation',
  menu: 'Navigation',
  footer: 'Page footer',
  header: 'Page header',
  sidebar: 'Sidebar',
  popup: 'Pop-ups',
  form: 'Forms',
  comments: 'Comments',
  copyright: 'Copyright notices',
  metadata: 'Date, byline and other details (kept as the article’s details)',
  byline: 'Byline',
  title: 'Headline (shown as the title)',
  label: 'Labels',
  url: 'Web addresses',
  separator: 'Separators',
  notice: 'Notices',
  'ai-notice': 'Notices about AI use',
  'browser-warning': 'Browser warnings',
  'other-language': 'Text in another language',
  'high-link-density': 'Blocks that are mostly links',
  'low-text-density': 'Blocks with little text',
  'outside-article': 'Outside the article',
  repeated: 'Text repeated across the articles',
  hidden: 'Hidden elements',
};
function openRemoved(source) {
  const removed = source.cleaned?.removed ?? [];
  const stats = removedStats(source);
  $('removed-title').textContent = `Removed from ${source.name}`;
  $('removed-intro').textContent = removed.length
    ? `${plural(removed.length, 'piece')}, ${plural(stats.words, 'word')}: everything below was left out of the article text before summarizing.`
    : 'Nothing was removed: the whole file was article text.';
  const groups = new Map();
  for (const r of removed) {
    if (!groups.has(r.reason)) groups.set(r.reason, []);
    groups.get(r.reason).push(r.text);
  }
  const sections = [...groups].map(([reason, texts]) =>
    el('section', { cls: 'removed-group' }, [
      el('h3', { text: `${REASONS[reason] ?? reason.replace(/[-_]/g, ' ').replace(/^./, (c) => c.toUpperCase())} (${texts.length})` }),
      el('ul', {}, texts.map((t) => el('li', { text: t }))),
    ]),
  );
  $('removed-list').replaceChildren(...sections);
  const dialog = $('removed-dialog');
  dialog.returnFocusTo = document.activeElement;
  dialog.showModal();
}

// ---------------------------------------------------------------- export

function toMarkdown() {
  const digest = state.digest;
  const used = state.digestSources;
  const lines = [`# ${$('story-title').textContent}`, ''];
  const made = `Digest of ${plural(used.length, 'article')}, made with newsdigest${state.version ? ` ${state.version}` : ''}.`;
  lines.push(`*${digest.date ? `Story of ${digest.date}. ` : ''}${made}*`, '');
  for (const entry of digest.sentences) {
    lines.push(`- ${entry.text} ${entry.sources.map((i) => `[${numberOf(used[i])}]`).join('')}`);
  }
  lines.push('', '## Sources', '');
  for (const source of used) {
    const info = source.info ?? {};
    const parts = [info.site, info.date, info.title ? `“${info.title}”` : null, info.byline].filter(Boolean);
    const note = info.error ? ` (not used: ${info.error})` : info.stale ? ' (much older than the story)' : '';
    lines.push(`${numberOf(source)}. ${source.name}${parts.length ? `: ${parts.join(', ')}` : ''}${note}`);
  }
  return `${lines.join('\n')}\n`;
}

function toJson() {
  const digest = state.digest;
  const used = state.digestSources;
  const ref = (i) => ({ number: numberOf(used[i]), name: used[i].name });
  return `${JSON.stringify(
    {
      title: $('story-title').textContent,
      date: digest.date ?? null,
      generator: `newsdigest${state.version ? ` ${state.version}` : ''}`,
      options: options(),
      sentences: digest.sentences.map((entry) => ({
        text: entry.text,
        source: ref(entry.source),
        sources: entry.sources.map(ref),
        reportedBy: `${entry.sources.length} of ${digest.sources.filter((s) => !s.error).length}`,
        score: entry.score,
        variants: entry.variants.map((v) => ({ source: ref(v.source), text: v.text })),
      })),
      sources: used.map((source) => {
        const stats = removedStats(source);
        return {
          number: numberOf(source),
          ...source.info,
          boilerplateRemoved: stats ? { pieces: stats.pieces, words: stats.words } : null,
        };
      }),
    },
    null,
    2,
  )}\n`;
}

function fileStem() {
  const slug = $('story-title').textContent.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60);
  return `digest-${slug || 'story'}`;
}

function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { attrs: { href: url, download: name } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  setNotice(`Downloaded ${name}.`);
}

async function copyMarkdown() {
  const text = toMarkdown();
  try {
    await navigator.clipboard.writeText(text);
    setNotice('Copied the digest as Markdown.');
    return;
  } catch {
    // No permission (or no clipboard API): the selection fallback below.
  }
  const area = $('copy-fallback');
  area.value = text;
  area.select();
  const ok = document.execCommand?.('copy');
  $('copy-md').focus();
  setNotice(ok ? 'Copied the digest as Markdown.' : 'Copying is blocked in this browser: use Download .md instead.');
}

// ---------------------------------------------------------------- messages

function announce(text) {
  const node = $('announcer');
  node.textContent = '';
  setTimeout(() => {
    node.textContent = text;
  }, 50);
}

function setNotice(text) {
  $('notice').textContent = text;
  if ($('digest-body').hidden) announce(text);
}

/** A note under the list of articles (skipped, duplicate, cancelled files). */
function setInputNote(text) {
  $('input-note').textContent = text;
  $('input-note').hidden = !text;
  if (text) announce(text);
}

function showAlert(text) {
  $('alert-text').textContent = text;
  $('alert').hidden = false;
}

function showDigestError(text) {
  $('digest-error').textContent = text;
  $('digest-error').hidden = false;
  if (!state.digest) {
    $('digest-empty').hidden = true;
    $('digest-body').hidden = false;
    $('story-title').textContent = 'No digest';
    $('digest-summary').textContent = '';
    $('story-date').hidden = true;
    $('stale').hidden = true;
    $('entries').replaceChildren();
  }
  announce(text);
}

// ---------------------------------------------------------------- wiring

function wire() {
  const dropzone = $('dropzone');
  const fileInput = $('file-input');
  const folderInput = $('folder-input');

  dropzone.addEventListener('click', () => fileInput.click());
  $('pick-folder').addEventListener('click', () => folderInput.click());
  fileInput.addEventListener('change', () => {
    addFiles([...fileInput.files].map((file) => ({ file, name: file.name })));
    fileInput.value = '';
  });
  folderInput.addEventListener('change', () => {
    const all = [...folderInput.files].filter((f) => !f.name.startsWith('.'));
    const files = all.filter((f) => ACCEPTED.includes(extensionOf(f.name)));
    addFiles(files.map((file) => ({ file, name: file.webkitRelativePath || file.name })), { skipped: all.length - files.length });
    folderInput.value = '';
  });

  // Dropping anywhere on the page works; only the drop zone lights up.
  let depth = 0;
  const hasFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');
  document.addEventListener('dragenter', (event) => {
    if (!hasFiles(event)) return;
    depth++;
    document.body.classList.add('dragging');
  });
  document.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) document.body.classList.remove('dragging');
  });
  document.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('drop', async (event) => {
    if (!event.dataTransfer) return;
    event.preventDefault();
    depth = 0;
    document.body.classList.remove('dragging');
    const { files, skipped } = await filesFromDrop(event.dataTransfer);
    addFiles(files, { skipped });
  });

  $('sample').addEventListener('click', addSample);
  $('paste-add').addEventListener('click', addPasted);
  $('cancel').addEventListener('click', cancelWork);
  $('alert-close').addEventListener('click', () => {
    $('alert').hidden = true;
  });

  for (const radio of document.querySelectorAll('input[name="length"]')) {
    radio.addEventListener('change', () => {
      if (!radio.checked) return;
      state.length = { length: radio.value };
      state.dirty = true;
      pump();
    });
  }
  const count = $('len-count');
  count.addEventListener('input', () => {
    const n = Number(count.value);
    if (!Number.isInteger(n) || n < 1 || n > 30) return;
    state.length = { maxSentences: n };
    for (const radio of document.querySelectorAll('input[name="length"]')) radio.checked = false;
    state.dirty = true;
    pump();
  });

  $('copy-md').addEventListener('click', copyMarkdown);
  $('download-md').addEventListener('click', () => download(toMarkdown(), `${fileStem()}.md`, 'text/markdown;charset=utf-8'));
  $('download-json').addEventListener('click', () => download(toJson(), `${fileStem()}.json`, 'application/json'));

  const dialog = $('removed-dialog');
  $('removed-close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.returnFocusTo?.focus?.());
  dialog.addEventListener('click', (event) => {
    // A click on the backdrop (outside the dialog's box) closes it.
    const box = dialog.getBoundingClientRect();
    const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
    if (event.target === dialog && !inside) dialog.close();
  });
}

async function showVersion() {
  try {
    const { version } = await engine.request(REQUEST.version).promise;
    state.version = version;
    $('version').textContent = version;
  } catch {
    // Reported by onCrash when the engine cannot load.
  }
}

wire();
// The engine loads lazily, once: on the first sign that it will be needed (a
// pointer or the focus in the articles panel, a drag over the page), so that
// by the time the files are read it is ready; and at the latest on the first
// request.
let warm = false;
function warmUp() {
  if (warm) return;
  warm = true;
  showVersion();
  // And run it once over the sample story, so that the reader's files run
  // on fully compiled code (worker.js, warmUp); it gives way to any request.
  engine.request(REQUEST.warm, { options: options() }).promise.catch(() => {});
}
for (const type of ['pointerover', 'focusin', 'touchstart']) $('input').addEventListener(type, warmUp, { once: true, passive: true });
document.addEventListener('dragenter', warmUp, { once: true });

// For the tests and the curious: the state, read-only use.
window.newsdigest = Object.freeze({
  get state() {
    return state;
  },
  engine,
});
