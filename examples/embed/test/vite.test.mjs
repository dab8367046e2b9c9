// The package through a bundler: examples/vite, built by `vite build`
// (scripts/test-embed.sh, with the same packed tarball), served as static
// files and opened in headless Chromium, summarizes the seeds in the page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../server.mjs';

const dist = fileURLToPath(new URL('../../vite/dist/', import.meta.url));
let server, browser;

before(async () => {
  server = await serve(dist);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('vite build emits the .wasm as an asset', () => {
  const assets = readdirSync(new URL('assets/', `file://${dist}`));
  assert.ok(assets.some((f) => /^newsdigest_bg-[\w-]+\.wasm$/.test(f)), assets.join(', '));
});

test('the Vite app summarizes the seeds in Chromium', async () => {
  const page = await browser.newPage();
  const errors = [];
  const wasm = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('response', (r) => r.url().endsWith('.wasm') && wasm.push([r.status(), r.headers()['content-type']]));
  await page.goto(server.url);
  await page.waitForFunction(() => /^(Done|Failed)/.test(document.getElementById('status').textContent));
  const status = await page.textContent('#status');
  assert.match(status, /^Done: newsdigest \d+\.\d+\.\d+, 5 sources, 5 statements\.$/);
  const items = await page.$$eval('#digest li', (lis) => lis.map((li) => li.textContent));
  assert.equal(items.length, 5);
  assert.ok(items.every((t) => / (\[[1-5]\])+$/.test(t)), items.join('\n'));
  assert.ok(items.some((t) => /\]\[/.test(t)), 'some statement has several sources');
  assert.deepEqual(wasm, [[200, 'application/wasm']]);
  assert.deepEqual(errors, []);
});
