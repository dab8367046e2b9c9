// The package in Node 20, as installed from the packed tarball: every form
// `init` accepts, repeated initialisation, the Summarizer, errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const glue = import.meta.resolve('newsdigest');
const wasmUrl = new URL(import.meta.resolve('newsdigest/newsdigest_bg.wasm'));
const bytes = readFileSync(wasmUrl);
const seedsDir = fileURLToPath(new URL('../../../seeds/', import.meta.url));
const seedFiles = readdirSync(seedsDir).sort().map((f) => join(seedsDir, f));
const seeds = seedFiles.map((f) => ({ name: f, text: readFileSync(f, 'utf8') }));

let fresh = 0;
/** A new instance of the glue module, not yet initialised. */
const load = () => import(`${glue}?instance=${fresh++}`);

test('initSync and summarize', async () => {
  const nd = await load();
  nd.initSync({ module: bytes });
  const d = nd.summarize(seeds, { maxSentences: 4 });
  assert.equal(d.sentences.length, 4);
  assert.equal(d.sources.length, seeds.length);
  assert.equal(Object.getPrototypeOf(d), Object.prototype);
  assert.match(nd.version(), /^\d+\.\d+\.\d+/);
});

for (const [form, input] of [
  ['bytes', () => bytes],
  ['a compiled module', () => WebAssembly.compile(bytes)],
  ['a Response', () => new Response(bytes, { headers: { 'content-type': 'application/wasm' } })],
]) {
  test(`init accepts ${form}, and may be called again`, async () => {
    const nd = await load();
    const first = await nd.default({ module_or_path: await input() });
    const again = await nd.default({ module_or_path: await input() });
    assert.equal(again, first);
    await nd.default();
    assert.equal(nd.summarize(seeds, { type: 'tldr' }).sentences.length, 1);
  });
}

test('errors are Errors that name the option, and the module keeps working', async () => {
  const nd = await load();
  nd.initSync({ module: bytes });
  assert.throws(() => nd.summarize(seeds, { maxWords: 'ten' }),
    { name: 'Error', message: 'newsdigest: option "maxWords" must be a whole number >= 1, got "ten"' });
  assert.throws(() => nd.summarize(seeds, { maxWord: 10 }), /unknown option "maxWord" \(allowed: maxSentences, maxWords/);
  assert.throws(() => nd.summarize([{ name: 'a', text: '' }]), /no source has usable text/);
  assert.throws(() => nd.summarize(seeds, { targetWords: 100, maxWords: 100 }),
    { name: 'Error', message: 'newsdigest: option "targetWords" cannot be combined with "maxWords" (a target or a hard limit: choose one)' });
  const binary = Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919) % 251);
  const d = nd.summarize([...seeds, { name: 'empty', text: '' }, { name: 'blob.bin', bytes: binary }]);
  assert.equal(d.sources[seeds.length].error !== null, true);
  assert.equal(d.sources[seeds.length + 1].error !== null, true);
  assert.ok(d.sentences.length > 0);
});

test('Summarizer swaps in for Chrome\'s', async () => {
  const nd = await load();
  nd.initSync({ module: bytes });
  assert.equal(await nd.Summarizer.availability(), 'available');
  const s = await nd.Summarizer.create({ type: 'key-points', length: 'medium', format: 'markdown', sharedContext: 'news' });
  assert.equal(s.type, 'key-points');
  assert.equal(s.sharedContext, 'news');
  const text = await s.summarize(seeds[0].text);
  assert.equal(typeof text, 'string');
  assert.ok(text.split('\n').every((l) => l.startsWith('- ')), text);
  const d = await s.digest(seeds);
  assert.equal(d.sentences.length, 5);
  const controller = new AbortController();
  controller.abort(new Error('stop'));
  await assert.rejects(nd.Summarizer.create({ signal: controller.signal }), { message: 'stop' });
  await assert.rejects(nd.Summarizer.create({ length: 'huge' }), /option "length" must be one of/);
  s.destroy();
  await assert.rejects(s.summarize('text'), /destroyed/);
});

test('clean gives one source\'s article text, and throws for a bad one', async () => {
  const nd = await load();
  nd.initSync({ module: bytes });
  const c = nd.clean({ name: 'a.html', html: '<html><body><nav>Menu</nav><article><p>Iran has sold hundreds of drones to Russia, officials said on Monday.</p></article></body></html>' });
  assert.equal(c.name, 'a.html');
  assert.match(c.text, /^Iran has sold/);
  assert.ok(!c.text.includes('Menu'));
  assert.throws(() => nd.clean({ name: 'empty.txt', text: '' }), /^Error: newsdigest: empty\.txt: /);
  assert.equal(nd.clean('Plain text.').name, 'text');
});

test('the example script prints the digest', () => {
  const run = spawnSync(process.execPath, ['node.mjs', ...seedFiles],
    { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.split('\n').filter((l) => l.startsWith('- ')).length, 5);
  assert.match(run.stdout, /## Sources\n\n1\. 000_/);
});
