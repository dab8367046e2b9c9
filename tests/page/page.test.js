// End-to-end tests of the web page (www/): Debian's Chromium driven by
// playwright-core, one browser launch, a fresh context per test. The page is
// served by scripts/serve.mjs on a free port. Screenshots of the main states
// go to test-results/page/ (gitignored). Run: make page-test, or
// `node --test` in this folder once www/ is built (scripts/build-www.sh).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, serve } from './browser.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const seedsDir = join(repo, 'seeds');
const seeds = readdirSync(seedsDir).sort().map((name) => join(seedsDir, name));
/** The seeds as in-memory files, to mix with made-up ones in setInputFiles. */
const seedFiles = seeds.map((path) => ({ name: path.split('/').pop(), mimeType: 'text/plain', buffer: readFileSync(path) }));
const shots = join(repo, 'test-results', 'page');
mkdirSync(shots, { recursive: true });

const TIMEOUT = 20_000;

let server;
let origin;
let browser;
/** Every request any page made, over all tests. */
const requests = [];

before(async () => {
  assert.ok(existsSync(join(repo, 'www', 'pkg', 'newsdigest_bg.wasm')), 'www/pkg is missing: run scripts/build-www.sh (make page-test does)');
  server = await serve();
  origin = server.origin;
  browser = await chromium();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

/** A fresh page on the app, with the request log, dialog and error traps. */
async function open({ colorScheme = 'light', viewport = { width: 1280, height: 900 }, permissions = [] } = {}) {
  const context = await browser.newContext({ colorScheme, viewport, acceptDownloads: true });
  if (permissions.length) await context.grantPermissions(permissions, { origin });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const dialogs = [];
  const errors = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss();
  });
  page.on('pageerror', (error) => errors.push(error.message));
  const own = [];
  context.on('request', (request) => {
    requests.push(request.url());
    own.push(request.url());
  });
  await page.goto(`${origin}/`);
  return { context, page, dialogs, errors, requests: own };
}

const entries = (page) => page.locator('#entries > li');

async function waitForDigest(page, sources) {
  await page.locator('#entries > li').first().waitFor();
  if (sources) await page.waitForFunction((n) => window.newsdigest.state.digestSources.length === n && !window.newsdigest.state.running, sources);
}

// (Rows of the list far below the viewport may be blank in these full-page
// shots: the page skips drawing rows off screen, content-visibility: auto,
// until they are scrolled to.)
async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

test('the five seeds through the file input: digest, attribution, length, variants, copy and download', async () => {
  const { context, page, errors, requests: own } = await open({ permissions: ['clipboard-read', 'clipboard-write'] });
  await shot(page, 'empty-light-desktop');
  const wasm = () => own.filter((url) => url.endsWith('.wasm')).length;
  assert.equal(wasm(), 0, 'the engine loads lazily');
  await page.locator('#file-input').setInputFiles(seeds);
  await waitForDigest(page, 5);
  assert.equal(await page.locator('#sources > li').count(), 5);
  await assert.doesNotReject(page.locator('#announcer', { hasText: /Digest ready/ }).waitFor({ state: 'attached' }));

  // The "400 UAVs" statement is reported by three of the five articles.
  const uavs = entries(page).filter({ hasText: '400 UAVs' });
  assert.equal(await uavs.count(), 1);
  assert.match(await uavs.locator('.support').textContent(), /reported by 3 of 5/);
  assert.equal(await uavs.locator('.badges .badge').count(), 3);
  await shot(page, 'digest-light-desktop');

  // Length: presets and a number of statements, each updating at once.
  await page.locator('label[for="len-short"]').click();
  await page.waitForFunction(() => document.querySelectorAll('#entries > li').length === 3);
  await page.locator('label[for="len-long"]').click();
  await page.waitForFunction(() => document.querySelectorAll('#entries > li').length === 7);
  await page.locator('#len-count').fill('2');
  await page.waitForFunction(() => document.querySelectorAll('#entries > li').length === 2);
  await page.locator('label[for="len-medium"]').click();
  await page.waitForFunction(() => document.querySelectorAll('#entries > li').length === 5);

  // Open an entry: each source's wording, highlighted in that source's text.
  await uavs.locator('.entry-main').click();
  const variants = uavs.locator('.variant');
  assert.equal(await variants.count(), 3);
  assert.equal(await uavs.locator('.entry-main').getAttribute('aria-expanded'), 'true');
  const mark = uavs.locator('.source-text mark');
  await mark.waitFor();
  const shown = await uavs.locator('.variant[aria-pressed="true"] .variant-text').textContent();
  assert.equal((await mark.textContent()).replace(/\s+/g, ' '), shown.replace(/\s+/g, ' '));
  await variants.nth(1).click();
  assert.equal((await mark.textContent()).replace(/\s+/g, ' '), (await variants.nth(1).locator('.variant-text').textContent()).replace(/\s+/g, ' '));
  await shot(page, 'entry-open-light-desktop');

  // Take it away: copy Markdown, download Markdown and JSON.
  await page.locator('#copy-md').click();
  await page.locator('#notice', { hasText: 'Copied' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /^# /);
  assert.match(copied, /400 UAVs.*\[\d\]\[\d\]\[\d\]/);
  assert.match(copied, /## Sources/);

  const [md] = await Promise.all([page.waitForEvent('download'), page.locator('#download-md').click()]);
  assert.match(md.suggestedFilename(), /^digest-.*\.md$/);
  assert.equal(readFileSync(await md.path(), 'utf8'), copied);
  const [json] = await Promise.all([page.waitForEvent('download'), page.locator('#download-json').click()]);
  const data = JSON.parse(readFileSync(await json.path(), 'utf8'));
  assert.equal(data.sentences.length, 5);
  assert.equal(data.sources.length, 5);
  const entry = data.sentences.find((s) => s.text.includes('400 UAVs'));
  assert.equal(entry.sources.length, 3);
  assert.ok(entry.sources.every((s) => typeof s.name === 'string' && s.name.endsWith('.txt')));

  // Switch one source off, then remove another: the digest follows.
  await page.locator('#sources > li').nth(0).locator('input[type=checkbox]').uncheck();
  await waitForDigest(page, 4);
  assert.match(await page.locator('#digest-summary').textContent(), /from 4 articles/);
  await page.locator('#sources > li').nth(1).getByRole('button', { name: /^Remove/ }).click();
  await waitForDigest(page, 3);
  assert.equal(await page.locator('#sources > li').count(), 4);
  assert.equal(wasm(), 1, 'the engine loads once');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a real drop event with a DataTransfer built in the page; cancelling many large files; a crashed engine is restarted', async () => {
  const { context, page, errors } = await open();
  const files = seeds.map((path) => ({ name: path.split('/').pop(), text: readFileSync(path, 'utf8') }));
  await page.evaluate((files) => {
    const dataTransfer = new DataTransfer();
    for (const { name, text } of files) dataTransfer.items.add(new File([text], name, { type: 'text/plain' }));
    const zone = document.getElementById('dropzone');
    zone.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer }));
    zone.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer }));
    zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer }));
  }, files);
  await waitForDigest(page, 5);
  assert.match(await entries(page).filter({ hasText: '400 UAVs' }).locator('.support').textContent(), /3 of 5/);

  // Many large files: per-file progress, and Cancel stops the work and keeps the digest.
  // 40 files of 350 KB: enough work that the click lands before it is all
  // done (20 were once, until the engine got faster: the Cancel button had
  // gone by the time of the click). Every paragraph numbered: 40 copies of
  // one text were quick to clean (repeated blocks), and under load the
  // work was done before the click in 2 runs of 4.
  await page.evaluate(async () => {
    const base = await (await fetch('samples/000_65befd5500e33c0c.txt')).text();
    const dataTransfer = new DataTransfer();
    const file = (i) => Array.from({ length: 40 }, (_, k) => `${base.trimEnd()}\n\n`.replaceAll('\n\n', ` (${i}.${k})\n\n`)).join('');
    for (let i = 0; i < 40; i++) dataTransfer.items.add(new File([file(i)], `long-${i}.txt`, { type: 'text/plain' }));
    document.getElementById('dropzone').dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer }));
  });
  await page.locator('#progress').waitFor();
  assert.match(await page.locator('#progress-label').textContent(), /long-\d+\.txt \(\d+ of 40\)/);
  assert.ok((await page.locator('.source-progress').count()) > 0);
  // No full-page screenshot here: on a loaded machine it took long enough
  // that the work was done, and the Cancel button gone, before the click.
  await page.locator('#cancel').click();
  // The click lands while files are still being read or, on a fast machine,
  // while the digest of those read is being made: either way it is a cancel.
  await page.waitForFunction(
    () =>
      /Cancelled: \d+ files? not added/.test(document.getElementById('input-note')?.textContent ?? '') ||
      document.body.textContent.includes('Cancelled. Change the length or the articles'),
  );
  await page.locator('#progress').waitFor({ state: 'hidden' });
  assert.equal(await page.locator('.source-progress').count(), 0);
  // A cancelled digest may leave a busy worker that is stopped a moment later:
  // wait for that to be settled, so the crash below hits a live engine.
  await page.waitForFunction(() => !window.newsdigest.state.running && window.newsdigest.engine.stuck.size === 0);

  // Kill the engine: the page says so, starts a new one and keeps working.
  const starts = await page.evaluate(() => {
    window.newsdigest.engine.ensureWorker();
    return window.newsdigest.engine.starts;
  });
  await page.evaluate(() => window.newsdigest.engine.worker.postMessage({ id: 0, type: '__crash_for_test' }));
  await page.locator('#alert', { hasText: 'restarted' }).waitFor();
  await page.locator('label[for="len-short"]').click();
  await page.waitForFunction(() => document.querySelectorAll('#entries > li').length === 3);
  assert.equal(await page.evaluate(() => window.newsdigest.engine.starts), starts + 1);
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * A made-up story of `count` files, each of `sentences` sentences drawn
 * (from a fixed seed) from a small stock of facts, so that outlets share
 * statements in different wordings.
 */
function manyFiles(count, sentences) {
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = (list) => list[Math.floor(random() * list.length)];
  const who = ['The mayor', 'The city council', 'State officials', 'The governor', 'Residents of the river district', 'The water utility', 'Independent engineers', 'The transport agency'];
  const did = ['approved', 'rejected', 'delayed', 'reviewed', 'announced', 'questioned', 'agreed to fund', 'inspected'];
  const what = ['the new bridge over the river', 'the drinking water plan', 'the budget for the schools', 'the flood barrier', 'the extension of the rail line', 'the old power station', 'the housing project by the port', 'the harbour expansion'];
  const when = ['on Monday', 'on Tuesday evening', 'last week', 'after a long debate', 'in a late vote', 'before the storm season'];
  return Array.from({ length: count }, (_, k) => {
    const lines = [`Local news ${k + 1}: the council and the river`, ''];
    for (let j = 0; j < sentences; j++) lines.push(`${pick(who)} ${pick(did)} ${pick(what)} ${pick(when)}, the report said.`);
    return { name: `story-${String(k).padStart(3, '0')}.txt`, mimeType: 'text/plain', buffer: Buffer.from(lines.join('\n')) };
  });
}

test('the digest drawn is summarize()\'s for the same files and options, also after a change of length or articles', async () => {
  // The worker keeps each file cleaned (nd.Story) and does not clean it
  // again for a digest: the digest must be the one summarize() makes from
  // the files themselves.
  const { context, page, errors } = await open();
  await page.locator('#file-input').setInputFiles(seeds);
  await waitForDigest(page, 5);
  const [worker] = page.workers();
  assert.ok(worker, 'the page has an engine worker');
  async function check(sources) {
    await waitForDigest(page, sources);
    const { shown, files, length } = await page.evaluate(async () => {
      const { state } = window.newsdigest;
      return {
        shown: JSON.stringify(state.digest),
        files: await Promise.all(state.digestSources.map(async (s) => ({ name: s.name, bytes: Array.from(new Uint8Array(await s.file.arrayBuffer())) }))),
        length: state.length,
      };
    });
    assert.equal(files.length, sources);
    const expected = await worker.evaluate(
      async ({ files, length }) => {
        const nd = await import(new URL('./pkg/newsdigest.js', self.location.href).href);
        const all = files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) }));
        return JSON.stringify(nd.summarize(all, { ...length, type: 'key-points', format: 'markdown' }));
      },
      { files, length },
    );
    assert.equal(shown, expected);
  }
  await check(5);
  await page.locator('label[for="len-long"]').click();
  await page.waitForFunction(() => document.querySelectorAll('#entries > li').length === 7);
  await check(5);
  // One off (the worker lets it go), then on again (cleaned again).
  await page.locator('#sources > li').nth(2).locator('input[type=checkbox]').uncheck();
  await check(4);
  await page.locator('#sources > li').nth(2).locator('input[type=checkbox]').check();
  await check(5);
  assert.deepEqual(errors, []);
  await context.close();
});

test('no file\'s bytes are copied to the engine: the page hands it each File, and a digest names the files it holds', async () => {
  // The worker reads each file itself (a File is cloned as a handle) and
  // keeps its bytes: neither the clean nor the summarize requests carry
  // bytes, however often the digest is made again. Counted, not timed:
  // every ArrayBuffer and typed array in the page's messages to the worker.
  const { context, page, errors } = await open();
  await page.evaluate(() => {
    window.sent = { bytes: 0, files: 0, summarize: 0 };
    const walk = (value, seen = new Set()) => {
      if (!value || typeof value !== 'object' || seen.has(value)) return;
      seen.add(value);
      if (value instanceof ArrayBuffer) window.sent.bytes += value.byteLength;
      else if (ArrayBuffer.isView(value)) window.sent.bytes += value.byteLength;
      else if (value instanceof Blob) window.sent.files++;
      else for (const v of Object.values(value)) walk(v, seen);
    };
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message, ...rest) {
      if (message?.type === 'summarize') window.sent.summarize++;
      walk(message);
      return post.call(this, message, ...rest);
    };
  });
  await page.locator('#file-input').setInputFiles(seeds);
  await waitForDigest(page, 5);
  await page.locator('label[for="len-long"]').click();
  await page.waitForFunction(() => document.querySelectorAll('#entries > li').length === 7);
  await page.locator('#sources > li').nth(1).locator('input[type=checkbox]').uncheck();
  await waitForDigest(page, 4);
  await page.locator('#sources > li').nth(1).locator('input[type=checkbox]').check();
  await waitForDigest(page, 5);
  const sent = await page.evaluate(() => window.sent);
  assert.ok(sent.summarize >= 4, `${sent.summarize} digests made`);
  assert.ok(sent.files >= 5, `${sent.files} files handed to the engine`);
  assert.equal(sent.bytes, 0, 'bytes copied to the engine');
  // The pasted article too: made a File, read by the worker.
  await page.locator('.paste summary').click();
  await page.locator('#paste-text').fill('The council approved the new bridge over the river on Monday, the mayor said. Work starts in May.');
  await page.locator('#paste-add').click();
  await waitForDigest(page, 6);
  assert.equal(await page.evaluate(() => window.sent.bytes), 0);
  assert.match(await page.locator('#sources > li').last().locator('.source-facts').textContent(), /\d+ words/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the engine is warmed once over the sample story when the pointer comes, and a warm-up gives way to the reader\'s files', async () => {
  const { context, page, errors, requests: own } = await open();
  // Every answer of the engine, in the order the page gets them (the
  // worker's order).
  await page.evaluate(() => {
    window.answered = [];
    const { engine } = window.newsdigest;
    const request = engine.request.bind(engine);
    engine.request = (type, ...rest) => {
      const r = request(type, ...rest);
      r.promise.then(
        (value) => window.answered.push({ type, value }),
        () => window.answered.push({ type }),
      );
      return r;
    };
  });
  const warms = () => page.evaluate(() => window.answered.filter((a) => a.type === 'warm').map((a) => a.value));
  await page.locator('#input').hover();
  await page.waitForFunction(() => window.answered.some((a) => a.type === 'warm'));
  assert.deepEqual(await warms(), [{ warmed: true }]);
  const samples = own.filter((url) => url.includes('/samples/'));
  assert.equal(samples.filter((url) => url.endsWith('index.json')).length, 1, 'the worker fetched the sample story');
  await page.locator('#sample').hover();
  await page.locator('#file-input').setInputFiles(seeds);
  await waitForDigest(page, 5);
  assert.equal((await warms()).length, 1, 'warmed once');

  // A warm-up while files are being read stops before its first step. The
  // worker answers in order, so a warm-up answered before the reading is
  // one that overlapped it: it must have stopped. One answered after the
  // reading says nothing (on a loaded machine its sample fetches can
  // outlast 7 MB of cleaning): then try again with fresh files.
  let overlapped = 0;
  for (let attempt = 0; attempt < 3 && !overlapped; attempt++) {
    await page.evaluate(async (attempt) => {
      window.answered = [];
      const base = await (await fetch('samples/000_65befd5500e33c0c.txt')).text();
      const dataTransfer = new DataTransfer();
      // Every paragraph different (numbered, the last one too), so that
      // cleaning cannot pass over repeated blocks quickly: about 7 MB of
      // real work for the engine.
      const file = (i) => Array.from({ length: 40 }, (_, k) => `${base.trimEnd()}\n\n`.replaceAll('\n\n', ` (${attempt}.${i}.${k})\n\n`)).join('');
      for (let i = 0; i < 20; i++) dataTransfer.items.add(new File([file(i)], `long-${attempt}-${i}.txt`, { type: 'text/plain' }));
      document.getElementById('dropzone').dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer }));
    }, attempt);
    await page.waitForFunction(() => window.newsdigest.state.current?.kind === 'clean');
    const during = await page.evaluate(() => window.newsdigest.engine.request('warm', { options: { length: 'medium' } }).promise);
    const order = await page.evaluate(() => window.answered.map((a) => a.type));
    const before = order.indexOf('warm') < order.indexOf('clean') || !order.includes('clean');
    if (before) {
      assert.deepEqual(during, { warmed: false }, 'a warm-up answered while files were being read did not stop');
      overlapped++;
    }
    await waitForDigest(page, 5 + 20 * (attempt + 1));
  }
  assert.equal(overlapped, 1, 'no warm-up overlapped the reading of files in 3 attempts');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a story of many files is summarized: reading them stays linear in their number', async () => {
  // The list of articles used to be redrawn whole after each file read:
  // about count²/2 rows made (20,000 for 200 files). Drawn row by row: the
  // whole list when the files are added and with the digest, each row once
  // more when its file is read (a waiting row handed to the engine is
  // changed in place), and the row being read now and then: about
  // 3 x count. Counted, not timed: every row put into #sources.
  const count = 200;
  // The worker's results may come in batches (those cleaned between two of
  // its yields, every 8 ms: how many depends on the machine's speed, so only
  // that each file is reported once is checked here; bench-page.mjs
  // measures what batching saves).
  const { context, page, errors } = await open();
  await page.evaluate(() => {
    window.rowsAdded = 0;
    window.progressMessages = 0;
    window.progressResults = new Map();
    new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) if (node.nodeName === 'LI') window.rowsAdded++;
    }).observe(document.getElementById('sources'), { childList: true });
    window.newsdigest.engine.ensureWorker().addEventListener('message', (event) => {
      if (event.data?.type !== 'progress') return;
      window.progressMessages++;
      for (const { key } of Array.isArray(event.data.batch) ? event.data.batch : [event.data]) {
        window.progressResults.set(key, (window.progressResults.get(key) ?? 0) + 1);
      }
    });
  });
  await page.locator('#file-input').setInputFiles(manyFiles(count, 12));
  await waitForDigest(page, count);
  const { rowsAdded, progressMessages, reported } = await page.evaluate(() => ({
    rowsAdded: window.rowsAdded,
    progressMessages: window.progressMessages,
    reported: [...window.progressResults.values()],
  }));
  console.log(`${count} files: ${rowsAdded} rows drawn, ${progressMessages} progress messages`);
  assert.ok(rowsAdded <= 4 * count, `${rowsAdded} rows drawn for ${count} files`);
  assert.equal(reported.length, count, 'every file reported');
  assert.ok(reported.every((n) => n === 1), 'each file reported once');
  assert.ok(progressMessages > 0 && progressMessages <= count, `${progressMessages} progress messages for ${count} files`);
  assert.equal(await page.locator('#sources > li').count(), count);
  assert.equal(await page.locator('#sources > li.status-ready').count(), count);
  // Each row shows its own article's words and number, the last one too.
  const last = page.locator('#sources > li').last();
  assert.match(await last.locator('.source-facts').textContent(), /\d+ words/);
  assert.equal(await last.locator('.badge').textContent(), String(count));
  assert.ok((await entries(page).count()) >= 1);
  assert.match(await page.locator('#digest-summary').textContent(), new RegExp(`from ${count} articles`));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a PNG, an empty file, a PDF named .txt and an oversized file get clear errors; the others are still summarized', async () => {
  const { context, page } = await open();
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001', 'hex');
  await page.locator('#file-input').setInputFiles([
    ...seedFiles,
    { name: 'photo.png', mimeType: 'image/png', buffer: png },
    { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
    { name: 'scan.txt', mimeType: 'text/plain', buffer: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(64, 1)]) },
  ]);
  await waitForDigest(page, 5);
  const row = (name) => page.locator('#sources > li', { hasText: name });
  assert.match(await row('photo.png').locator('.source-error').textContent(), /PNG image/);
  assert.match(await row('empty.txt').locator('.source-error').textContent(), /empty/);
  assert.match(await row('scan.txt').locator('.source-error').textContent(), /PDF/);
  // An oversized file, made in the page (faster than sending 10 MB over the wire) and dropped.
  await page.evaluate(() => {
    const dataTransfer = new DataTransfer();
    dataTransfer.items.add(new File([new Uint8Array(10_500_000).fill(0x61)], 'huge.txt', { type: 'text/plain' }));
    document.getElementById('dropzone').dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer }));
  });
  await row('huge.txt').waitFor();
  assert.match(await row('huge.txt').locator('.source-error').textContent(), /10\.5 MB is over the limit of 10\.0 MB/);
  assert.match(await page.locator('#digest-summary').textContent(), /from 5 articles/);
  assert.match(await entries(page).filter({ hasText: '400 UAVs' }).locator('.support').textContent(), /3 of 5/);
  await shot(page, 'errors-light-desktop');
  await context.close();
});

test('a hostile saved page runs nothing and opens no dialog', async () => {
  const { context, page, dialogs, errors } = await open();
  const hostile = `<!doctype html><html><head><title>Drone deal &lt;script&gt;</title>
<script>window.__pwned = 'script'; alert('script')</script>
<meta http-equiv="refresh" content="0;url=javascript:window.__pwned='refresh'">
</head><body onload="window.__pwned='onload'">
<article><h1>Russia seeks more attack drones from Iran <img src=x onerror="window.__pwned='h1'"></h1>
<p>The White House on Monday said Russia is looking to buy additional advanced attack drones from Iran after using up most of the 400 drones it had previously purchased. <img src="x" onerror="window.__pwned='img';alert(1)"></p>
<p>&lt;img src=x onerror=window.__pwned='text'&gt; Iran also continues to provide Russia with one-way attack UAVs, Kirby said, and Russia has expended most of them. <a href="javascript:window.__pwned='link'">read more</a></p>
<p><svg onload="window.__pwned='svg'"></svg><iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>
Officials said <b onmouseover="window.__pwned='hover'">Tehran</b> has been directly enabling Russia's war in Ukraine, the White House said on Monday.</p>
<script>window.__pwned = 'inline'</script><style>body{background:url(https://evil.example/x.png)}</style>
</article></body></html>`;
  await page.locator('#file-input').setInputFiles([seedFiles[0], seedFiles[1], { name: 'hostile.html', mimeType: 'text/html', buffer: Buffer.from(hostile) }]);
  await waitForDigest(page, 3);
  for (const button of await page.locator('.entry-main').all()) await button.click();
  for (const variant of await page.locator('.variant').all()) await variant.click();
  const removed = page.locator('#sources > li', { hasText: 'hostile.html' }).getByRole('button', { name: /removed/i });
  if (await removed.count()) {
    await removed.click();
    await page.locator('#removed-dialog').waitFor();
    await page.keyboard.press('Escape');
  }
  await page.mouse.move(400, 400);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  assert.equal(await page.locator('#entries img, #entries script, #entries svg, #entries iframe, #sources img').count(), 0);
  await context.close();
});

test('keyboard only: Tab to the drop zone and the sample button, Enter opens the picker and loads the sample', async () => {
  const { context, page } = await open();
  // Listening early turns on file chooser interception before any key is pressed.
  const chooser = page.waitForEvent('filechooser');
  const visited = [];
  for (let i = 0; i < 8 && !visited.includes('sample'); i++) {
    await page.keyboard.press('Tab');
    visited.push(await page.evaluate(() => document.activeElement.id || document.activeElement.tagName));
    if (visited.at(-1) === 'dropzone') {
      await page.keyboard.press('Enter');
      assert.ok((await chooser).isMultiple());
    }
  }
  assert.ok(visited.includes('dropzone'), `focus went ${visited}`);
  assert.equal(visited.at(-1), 'sample');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  await page.keyboard.press('Enter');
  await waitForDigest(page, 5);
  assert.match(await page.locator('#announcer').textContent(), /Digest ready: 5 statements/);
  // Open the first entry from the keyboard.
  await page.locator('.entry-main').first().focus();
  await page.keyboard.press('Enter');
  await page.locator('.entry-detail .variant').first().waitFor();

  // "Choose a folder": its articles are added under their paths, those already there are not.
  await page.locator('#sources > li').first().getByRole('button', { name: /^Remove/ }).press('Enter');
  await page.locator('#folder-input').setInputFiles(seedsDir);
  await page.locator('#input-note', { hasText: '4 files already in the list' }).waitFor();
  await page.locator('#sources > li', { hasText: 'seeds/000_' }).waitFor();
  await waitForDigest(page, 5);
  await context.close();
});

test('screenshots: dark and phone width', async () => {
  for (const [name, options] of [
    ['dark-desktop', { colorScheme: 'dark' }],
    ['light-phone', { viewport: { width: 390, height: 844 } }],
    ['dark-phone', { colorScheme: 'dark', viewport: { width: 390, height: 844 } }],
  ]) {
    const { context, page } = await open(options);
    await page.locator('#sample').click();
    await waitForDigest(page, 5);
    await page.locator('.entry-main').nth(3).click();
    await page.locator('.source-text mark').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${name}: the page is ${overflow}px wider than the screen`);
    await shot(page, `digest-${name}`);
    if (name.endsWith('phone')) {
      await page.screenshot({ path: join(shots, `digest-${name}-top.png`) });
      await page.locator('#story-title').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, `digest-${name}-digest.png`) });
    }
    await context.close();
  }
});

test('no request ever left the page origin', () => {
  assert.ok(requests.length > 0);
  const outside = requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:'));
  assert.deepEqual(outside, []);
});
