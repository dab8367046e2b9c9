// The example site in headless Chromium: the page imports the package by an
// import map, a module worker summarizes dropped files; and in the page,
// `init` with a URL, a Response, bytes, a compiled module, repeated.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../server.mjs';

const seedsDir = fileURLToPath(new URL('../../../seeds/', import.meta.url));
const seedFiles = readdirSync(seedsDir).sort().map((f) => join(seedsDir, f));
let server, browser, page;
const errors = [];

before(async () => {
  server = await serve();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  page = await browser.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(server.url);
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Ready'));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the site summarizes dropped files in its worker', async () => {
  await page.setInputFiles('#files', seedFiles);
  await page.selectOption('#type', 'key-points');
  await page.selectOption('#length', 'medium');
  await page.click('#go');
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Done'));
  const items = await page.$$eval('#digest li', (lis) => lis.map((li) => li.textContent));
  assert.equal(items.length, 5);
  assert.ok(items.every((t) => /\[\d\](\[\d\])*$/.test(t)), items.join('\n'));
  assert.ok(items.some((t) => /\]\[/.test(t)), 'some statement has several sources');
  const sources = await page.$$eval('#sources li', (lis) => lis.map((li) => li.textContent));
  assert.equal(sources.length, seedFiles.length);
  assert.deepEqual(errors, []);
});

test('an error is shown, and the worker still works after it', async () => {
  await page.setInputFiles('#files', []);
  await page.click('#go');
  await page.waitForFunction(() => /no sources to summarize/.test(document.getElementById('status').textContent));
  await page.setInputFiles('#files', seedFiles);
  await page.click('#go');
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Done'));
});

test('init in the page: URL, Response, bytes, compiled module, repeated', async () => {
  const counts = await page.evaluate(async () => {
    const glue = new URL('./node_modules/newsdigest/newsdigest.js', location.href);
    const wasm = new URL('./node_modules/newsdigest/newsdigest_bg.wasm', location.href);
    const story = [
      { name: 'a', text: 'Iran has sold hundreds of attack drones to Russia, officials said on Monday. ' +
        'The drones were used against power plants in Ukraine, the officials added.' },
      { name: 'b', text: 'Officials said on Monday that Iran has sold hundreds of attack drones to Russia. ' +
        'Talks on a prisoner exchange resumed in Geneva this week, diplomats said.' },
    ];
    const forms = {
      default: () => undefined,
      url: () => wasm,
      string: () => wasm.href,
      response: () => fetch(wasm),
      bytes: async () => new Uint8Array(await (await fetch(wasm)).arrayBuffer()),
      module: () => WebAssembly.compileStreaming(fetch(wasm)),
    };
    const out = {};
    for (const [form, input] of Object.entries(forms)) {
      const nd = await import(`${glue}?${form}`);
      const arg = await input();
      const first = await nd.default(arg === undefined ? undefined : { module_or_path: arg });
      const again = await nd.default();
      out[form] = first === again ? nd.summarize(story, { maxSentences: 1 }).sentences[0].sources.length : -1;
    }
    // The bare name through the import map, as a site imports it.
    const bare = await import('newsdigest');
    await bare.default();
    await bare.default();
    out.bare = bare.summarize(story, { maxSentences: 1 }).sentences[0].sources.length;
    return out;
  });
  assert.deepEqual(counts, { default: 2, url: 2, string: 2, response: 2, bytes: 2, module: 2, bare: 2 });
  assert.deepEqual(errors, []);
});
