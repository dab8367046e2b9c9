#!/usr/bin/env node
// The page itself (www/, served by scripts/serve.mjs) in headless Chromium:
//
// 1. First-load transfer: every resource the page fetches when it opens, and
//    those it fetches on first use (the engine worker, the package's glue
//    and the .wasm, loaded when the pointer or the focus enters the articles
//    panel), with their raw size and their size under gzip -9. serve.mjs
//    sends files uncompressed, so the gzip column is what a static host with
//    gzip would send, measured here on each body.
// 2. Stories through the page: the seeds and a 5 MB story (the Multi-News
//    articles in turn until 5 MB, like benches/scaling.rs), as ten long
//    files and as one file per article (1,296 files), set on the page's
//    file input; time from the input's change event to the
//    digest drawn (the next frame after the entries are in the DOM), split
//    into the page's phases. Then the engine alone on the same files in a
//    page's own engine worker: clean() of each file and summarize() of all of them
//    with the page's options, and the same kept cleaned as the page now does it
//    (Story#clean of each file, Story#summarize of all; checked to give the same digest).
//
// Usage: node scripts/bench-page.mjs [--runs N] [--cap SECONDS] [--engine-only-many] [--big-only] [--compare DIR]
// (default 3 runs per story, median; a run of a 5 MB story is stopped after --cap seconds, default 120, and
// reported as such; --engine-only-many runs only the engine on the 1,296 files, not the page; --big-only
// leaves out the first-load transfer and the seeds; --compare DIR also runs each story through another
// built www/ (e.g. a copy of an older one), its runs alternating with this one's, in the same browser,
// and reports it in a row of its own: before and after under the same load; --settle MS waits MS after the
// engine has loaded before setting the files, as a reader takes a moment to pick them: default 0.)
// Needs www/ built (make www) and tests/page/node_modules (npm ci there).

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { bytesOf, chromium, inputs, load, median, option, root, serve, spread, storyOf } from '../bench/wasm/common.mjs';

const argv = process.argv.slice(2);
const runs = option('--runs', 3);
// A run of a 5 MB story still going after this long is stopped (and reported so).
const cap = option('--cap', 120) * 1000;
const www = join(root, 'www');
const compareAt = argv.indexOf('--compare');
const compareDir = compareAt >= 0 ? argv[compareAt + 1] : null;
if (compareAt >= 0 && !(compareDir && existsSync(join(compareDir, 'pkg', 'newsdigest_bg.wasm')))) {
  console.error('bench-page: --compare takes a built www/ folder (with pkg/)');
  process.exit(2);
}
const bigOnly = argv.includes('--big-only');
const settle = argv.includes('--settle') ? option('--settle', 1) : 0;
if (!existsSync(join(www, 'pkg', 'newsdigest_bg.wasm'))) {
  console.error('bench-page: www/pkg is missing: run `make www`');
  process.exit(1);
}

// The budgets read the issue's KB as 1,000 bytes, the stricter reading
// (build-pkg.sh and examples/embed/test/size.test.mjs: 250,000).
const KB = 1000;
const BUDGET_PAGE = 350 * KB;
const BUDGET_WASM = 250 * KB;
const TIMEOUT = 10 * 60_000;

const server = await serve(www);
const other = compareDir ? await serve(compareDir) : null;
const browser = await chromium();
const loads = [load()];

async function openPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** Opens the page and, after a pointer over the articles panel, waits for the engine (the version in the footer). */
async function warmEngine(page) {
  await page.locator('#input').hover();
  await page.waitForFunction(() => document.getElementById('version').textContent !== '');
}

// ---------------------------------------------------------------- 1. transfer

/** Size under `gzip -9` (GNU gzip, as scripts/build-pkg.sh measures the .wasm); zlib's level 9 without it. */
function gzip9(body) {
  const out = spawnSync('gzip', ['-9c'], { input: body, maxBuffer: 1 << 30 });
  return out.status === 0 ? out.stdout.length : gzipSync(body, { level: 9 }).length;
}

async function transfer() {
  const { context, page, errors } = await openPage();
  const seen = [];
  let phase = 'page load';
  context.on('response', (response) => seen.push({ phase, response }));
  await page.goto(`${server.origin}/`, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  phase = 'first use';
  const t = performance.now();
  await warmEngine(page);
  const engineMs = performance.now() - t;
  await page.waitForLoadState('networkidle');
  const rows = [];
  for (const { phase: when, response } of seen) {
    const url = new URL(response.url());
    let body;
    try {
      body = await response.body();
    } catch {
      // A worker's response body may be gone: the file on disk is what serve.mjs sent.
      body = readFileSync(join(www, decodeURIComponent(url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname)));
    }
    const headers = await response.allHeaders();
    const sizes = await response.request().sizes();
    rows.push({
      path: url.pathname,
      when,
      status: response.status(),
      type: (headers['content-type'] ?? '').split(';')[0],
      encoding: headers['content-encoding'] ?? 'none',
      raw: body.length,
      gzip: gzip9(body),
      wire: sizes.responseBodySize + sizes.responseHeadersSize,
    });
  }
  await context.close();
  if (errors.length) throw new Error(`the page reported errors: ${errors.join('; ')}`);

  const fmt = (n) => n.toLocaleString('en');
  const kb = (n) => `${(n / KB).toFixed(1)} KB`;
  console.log('\n### First-load transfer (www/ as built now, served by scripts/serve.mjs)\n');
  console.log('| resource | fetched on | type | raw | gzip -9 |');
  console.log('| --- | --- | --- | ---: | ---: |');
  const listed = new Set();
  for (const r of rows) {
    // The icon is fetched twice: as the favicon and as the header's <img>.
    const again = listed.has(r.path) ? ' (again)' : '';
    listed.add(r.path);
    console.log(`| \`${r.path}\`${again} | ${r.when} | ${r.type}${r.status === 200 ? '' : ` (${r.status})`} | ${fmt(r.raw)} B | ${fmt(r.gzip)} B |`);
  }
  const sum = (list, key) => list.reduce((n, r) => n + r[key], 0);
  const onLoad = rows.filter((r) => r.when === 'page load');
  const onUse = rows.filter((r) => r.when === 'first use');
  console.log(`| **on page load** (${onLoad.length} requests) | | | ${fmt(sum(onLoad, 'raw'))} B | ${fmt(sum(onLoad, 'gzip'))} B (${kb(sum(onLoad, 'gzip'))}) |`);
  console.log(`| **on first use** (${onUse.length} requests) | | | ${fmt(sum(onUse, 'raw'))} B | ${fmt(sum(onUse, 'gzip'))} B (${kb(sum(onUse, 'gzip'))}) |`);
  const total = sum(rows, 'gzip');
  console.log(`| **total** (${rows.length} requests) | | | ${fmt(sum(rows, 'raw'))} B | **${fmt(total)} B (${kb(total)})** |`);
  const wasm = rows.find((r) => r.path.endsWith('.wasm'));
  console.log(`\nTarget: the whole first load (page + engine) under ${kb(BUDGET_PAGE)} gzipped: ${total <= BUDGET_PAGE ? 'met' : `MISSED by ${kb(total - BUDGET_PAGE)}`}.`);
  if (wasm) console.log(`The .wasm under ${kb(BUDGET_WASM)} gzipped: ${wasm.gzip <= BUDGET_WASM ? 'met' : `MISSED by ${kb(wasm.gzip - BUDGET_WASM)}`} (${kb(wasm.gzip)}).`);
  const encodings = [...new Set(rows.map((r) => r.encoding))];
  console.log(`Sent by serve.mjs with Content-Encoding: ${encodings.join(', ')}; bytes on the wire (bodies + headers, from Chromium): ${fmt(sum(rows, 'wire'))} B.`);
  console.log(`Engine start on first use (pointer over the panel -> version shown: worker, glue, .wasm fetched, compiled, instantiated): ${engineMs.toFixed(0)} ms.`);
}

// ---------------------------------------------------------------- 2. stories through the page

/** Installs the timing marks: the input's change event, each engine request sent and settled, the entries drawn. */
function instrument() {
  const marks = { input: null, requests: [], drawn: null, painted: null };
  window.__bench = marks;
  document.addEventListener(
    'change',
    (event) => {
      if (event.target.id === 'file-input') marks.input = performance.now();
    },
    { capture: true },
  );
  const engine = window.newsdigest.engine;
  const request = engine.request.bind(engine);
  engine.request = (type, payload = {}, options = {}) => {
    const mark = { type, sent: performance.now(), settled: null, options: payload.options ?? null };
    marks.requests.push(mark);
    const r = request(type, payload, options);
    r.promise.then(
      () => (mark.settled = performance.now()),
      () => (mark.settled = performance.now()),
    );
    return r;
  };
  new MutationObserver(() => {
    if (!document.querySelector('#entries > li')) return;
    const drawn = performance.now();
    marks.drawn = drawn;
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (marks.drawn === drawn) marks.painted = performance.now();
      }),
    );
  }).observe(document.getElementById('entries'), { childList: true });
}

/** The engine alone, in the page's worker: clean() each file, then summarize() them all, as the page does. */
function engineOnce(worker, files, options) {
  return worker.evaluate(
    async ({ files, options }) => {
      const nd = await import(new URL('./pkg/newsdigest.js', self.location.href).href);
      const encoder = new TextEncoder();
      const sources = files.map((f) => ({ name: f.name, bytes: encoder.encode(f.text) }));
      const t0 = performance.now();
      for (const s of sources) {
        try {
          nd.clean(s);
        } catch {
          // as the page: an unusable file is reported, the others go on
        }
      }
      const t1 = performance.now();
      const digest = nd.summarize(sources, options);
      const t2 = performance.now();
      // As the page does since it keeps each file cleaned: clean each into a
      // Story, then summarize the story without cleaning again.
      const timed = { clean: (t1 - t0) / 1000, summarize: (t2 - t1) / 1000, entries: digest.sentences.length };
      if (typeof nd.Story !== 'function') return timed;
      const story = new nd.Story();
      const t3 = performance.now();
      sources.forEach((s, i) => {
        try {
          story.clean(String(i), s);
        } catch {
          // reported in the digest, as by summarize()
        }
      });
      const t4 = performance.now();
      const kept = story.summarize(sources.map((s, i) => ({ key: String(i), ...s })), options);
      const t5 = performance.now();
      story.free();
      if (JSON.stringify(kept) !== JSON.stringify(digest)) throw new Error('Story#summarize gave another digest than summarize()');
      return { ...timed, storyClean: (t4 - t3) / 1000, storySummarize: (t5 - t4) / 1000 };
    },
    { files, options },
  );
}

/** The engine alone on `files`, in a fresh page's engine worker: a warm-up, then `runs` runs. */
async function engineOnly(files, options) {
  console.error(`bench-page: ${files.length} files, the engine alone (${new Date().toISOString().slice(11, 19)})`);
  const { context, page, errors } = await openPage();
  await page.goto(`${server.origin}/`);
  await warmEngine(page);
  const [worker] = page.workers();
  if (!worker) throw new Error('the page has no engine worker');
  await engineOnce(worker, files, options);
  const results = [];
  for (let run = 0; run < runs; run++) results.push(await engineOnce(worker, files, options));
  await context.close();
  if (errors.length) throw new Error(`the page reported errors: ${errors.join('; ')}`);
  return results.map((r) => ({ ...r, engine: r.clean + r.summarize, story: r.storyClean + r.storySummarize }));
}

/**
 * `files` ({ name, text }) set on the page's file input, `runs` times, each
 * in a fresh page with the engine loaded; a run that has not drawn the
 * digest after `cap` ms is stopped and reported with how far it got.
 */
async function throughPage(files, cap, origins = [server.origin]) {
  const all = origins.map(() => []);
  // Alternating: this www first in odd runs, the other first in even runs.
  for (let run = 0; run < runs; run++) {
    const order = run % 2 ? [...origins.keys()].reverse() : [...origins.keys()];
    for (const at of order) {
      if (all[at].some((r) => !r.finished)) continue; // one capped run says enough
      all[at].push(await throughPageOnce(files, cap, origins[at], `run ${run + 1} of ${runs}${origins.length > 1 ? ` (${at ? compareDir : 'www'})` : ''}`));
    }
  }
  return all;
}

/** One run of `files` through the page at `origin`: its timings, or how far it got before `cap`. */
async function throughPageOnce(files, cap, origin, what) {
  console.error(`bench-page: ${files.length} files through the page, ${what} (${new Date().toISOString().slice(11, 19)})`);
  const { context, page, errors } = await openPage();
  await page.goto(`${origin}/`);
  await warmEngine(page);
  if (settle) await page.waitForTimeout(settle);
  await page.evaluate(instrument);
  const started = performance.now();
  let finished = true;
  try {
    await page.locator('#file-input').setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'text/plain', buffer: Buffer.from(f.text) })), { timeout: cap });
    await page.waitForFunction(
      (n) => {
        const s = window.newsdigest.state;
        return s.digestSources.length === n && !s.running && window.__bench.painted !== null;
      },
      files.length,
      { polling: 100, timeout: Math.max(1, cap - (performance.now() - started)) },
    );
  } catch (e) {
    if (!/Timeout/i.test(e.message)) throw e;
    finished = false;
  }
  // A page stuck in one long task answers nothing: give it 10 s.
  const marks = await Promise.race([
    page.evaluate(() => ({
      ...window.__bench,
      now: performance.now(),
      read: window.newsdigest.state.sources.filter((s) => s.status === 'ready' || s.status === 'error').length,
    })),
    new Promise((resolve) => setTimeout(() => resolve(null), 10_000)),
  ]);
  await context.close();
  if (!marks) return { finished: false, elapsed: cap / 1000, read: null };
  loads.push(load());
  if (errors.length) throw new Error(`the page reported errors: ${errors.join('; ')}`);
  if (!finished) return { finished, elapsed: (marks.now - marks.input) / 1000, read: marks.read };
  const clean = marks.requests.find((r) => r.type === 'clean');
  const sum = marks.requests.filter((r) => r.type === 'summarize').at(-1);
  return {
    finished,
    options: sum.options,
    total: (marks.painted - marks.input) / 1000,
    reading: (clean.sent - marks.input) / 1000,
    cleaning: (clean.settled - clean.sent) / 1000,
    summarizing: (sum.settled - sum.sent) / 1000,
    drawing: (marks.painted - sum.settled) / 1000,
  };
}

const PAGE_OPTIONS_FALLBACK = { length: 'medium', type: 'key-points', format: 'markdown' };
let pageOptions = null;

async function story(label, files, cap) {
  const { bytes } = storyOf(label, files);
  const [page, before] = await throughPage(files, cap, other ? [server.origin, other.origin] : [server.origin]);
  pageOptions ??= page.find((r) => r.finished)?.options ?? null;
  const engine = await engineOnly(files, pageOptions ?? PAGE_OPTIONS_FALLBACK);
  return { label, files: files.length, bytes, page, before, engine };
}

function storyTable(stories) {
  const s3 = (x) => `${x.toFixed(3)} s`;
  console.log(`\n### Stories through the page (median of ${runs} runs, each in a fresh page with the engine already loaded${settle ? `, the files set ${settle} ms after` : ''})\n`);
  console.log(`Page options, as the page sends them: ${JSON.stringify(pageOptions ?? PAGE_OPTIONS_FALLBACK)}\n`);
  console.log('| story | files | size | input to digest drawn | reading files (main thread) | clean requests (worker + messages + list drawn) | summarize request | drawing | engine alone in the page\'s worker: clean each + summarize all | the same, kept cleaned: Story#clean each + Story#summarize |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const s of stories.flatMap((s) => (s.before ? [{ ...s, label: `${s.label} (this www)` }, { ...s, label: `${s.label} (${compareDir})`, page: s.before }] : [s]))) {
    const done = s.page.filter((r) => r.finished);
    const m = (list, key) => median(list.map((r) => r[key]));
    const eng = s.engine.map((r) => r.engine);
    const kept = s.engine.map((r) => r.story);
    const engineCell =
      `${s3(median(eng))} (${spread(eng)}) = ${s3(m(s.engine, 'clean'))} + ${s3(m(s.engine, 'summarize'))} | ` +
      (kept.every(Number.isFinite) ? `${s3(median(kept))} (${spread(kept)}) = ${s3(m(s.engine, 'storyClean'))} + ${s3(m(s.engine, 'storySummarize'))}` : 'no Story in this build');
    const head = `| ${s.label} | ${s.files} | ${(s.bytes / 1e6).toFixed(2)} MB |`;
    if (s.page.length === 0) {
      console.log(`${head} not run (--engine-only-many) | | | | | ${engineCell} |`);
    } else if (done.length === s.page.length) {
      const totals = done.map((r) => r.total);
      console.log(`${head} **${s3(m(done, 'total'))}** (${spread(totals)}) | ${s3(m(done, 'reading'))} | ${s3(m(done, 'cleaning'))} | ${s3(m(done, 'summarizing'))} | ${s3(m(done, 'drawing'))} | ${engineCell} |`);
    } else {
      const r = s.page.at(-1);
      const how = r.read === null ? 'the page was stuck in one long task' : `${r.read} of ${s.files} files read`;
      console.log(`${head} **not done after ${r.elapsed.toFixed(0)} s** (stopped: ${how}) | | | | | ${engineCell} |`);
    }
  }
}

try {
  if (!bigOnly) await transfer();
  const all = inputs();
  const asFiles = (docs) => docs.map((d, k) => ({ name: `${String(k).padStart(4, '0')}-${d.name.replace(/[^\w.-]+/g, '_')}.txt`, text: d.text }));
  const stories = bigOnly ? [] : [await story('seeds', asFiles(all.seeds[0].docs), TIMEOUT)];
  if (all.big) {
    const docs = all.big[0].docs;
    // The same 5 MB as ten long files (articles k, k + 10, ... joined by blank lines).
    const ten = Array.from({ length: 10 }, (_, j) => ({
      name: `part-${j}.txt`,
      text: docs.filter((_, k) => k % 10 === j).map((d) => d.text.trim()).join('\n\n'),
    }));
    stories.push(await story('5 MB story, 10 files', ten, cap));
    // One file per article (1,296 files, as benches/scaling.rs). The page used to
    // redraw every row, counting every article's words, on each file read, and never
    // finished this story; since it draws row by row it does (www/README.md, "Many
    // files").
    const many = asFiles(docs);
    if (!argv.includes('--engine-only-many')) stories.push(await story('5 MB story, one file per article', many, cap));
    else stories.push({ label: '5 MB story, one file per article', files: many.length, bytes: bytesOf(all.big), page: [], engine: await engineOnly(many, pageOptions ?? PAGE_OPTIONS_FALLBACK) });
  } else console.log('\nbench-page: no multinews-dev.jsonl (set NEWSDIGEST_DATA): the 5 MB story is skipped');
  storyTable(stories);
  console.log(`\nLoad average (1, 5, 15 min) at the start and after each run: ${loads.join(' | ')}`);
  console.log(`Chromium ${browser.version()}.`);
} finally {
  await browser.close();
  server.stop();
  other?.stop();
}
