// The WebAssembly package gives what the native CLI gives, field for field,
// scores included: `newsdigest --format json` on files (read as bytes) and
// `newsdigest batch` on JSON lines (read as text), under several budgets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clean, initSync, summarize } from 'newsdigest';

initSync({ module: readFileSync(new URL(import.meta.resolve('newsdigest/newsdigest_bg.wasm'))) });

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = process.env.NEWSDIGEST_BIN
  ?? join(process.env.CARGO_TARGET_DIR ?? join(root, 'target'), 'release', 'newsdigest');

/** Each story: a name and its files, relative to the repository root, sorted. */
const stories = [
  { name: 'seeds', files: readdirSync(join(root, 'seeds')).sort().map((f) => `seeds/${f}`) },
  ...readdirSync(join(root, 'tests/stories')).sort().map((dir) => ({
    name: dir,
    files: readdirSync(join(root, 'tests/stories', dir)).sort()
      .filter((f) => f !== 'expect.json').map((f) => `tests/stories/${dir}/${f}`),
  })),
];

/** CLI flags and the same budget as options of `summarize`. */
const budgets = [
  [[], {}],
  [['--sentences', '3'], { maxSentences: 3 }],
  [['--max-words', '100'], { maxWords: 100 }],
  [['--ratio', '0.1'], { ratio: 0.1 }],
  [['--sentences', '2', '--max-words', '60'], { maxSentences: 2, maxWords: 60 }],
];

function cli(args, input) {
  const run = spawnSync(bin, args, { cwd: root, input, encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.ok(run.status === 0 || run.status === 1, `${bin} ${args.join(' ')}: status ${run.status}\n${run.stderr}`);
  return run.stdout;
}

/** The result of `summarize` without `text`, which the CLI's JSON does not have. */
function digestOf(sources, options) {
  const { text, ...digest } = summarize(sources, options);
  assert.equal(typeof text, 'string');
  return digest;
}

for (const story of stories) {
  for (const [flags, options] of budgets) {
    test(`files: ${story.name} ${flags.join(' ') || '(default budget)'}`, () => {
      const native = JSON.parse(cli(['--format', 'json', ...flags, ...story.files]));
      const sources = story.files.map((f) => ({ name: f, bytes: readFileSync(join(root, f)) }));
      assert.deepStrictEqual(digestOf(sources, options), native);
    });
  }
}

test('files: the Markdown key points are the CLI\'s', () => {
  const { files } = stories[0];
  const markdown = cli(['--format', 'markdown', ...files]);
  const bullets = markdown.split('\n').filter((l) => l.startsWith('- ')).join('\n');
  const d = summarize(files.map((f) => ({ name: f, bytes: readFileSync(join(root, f)) })));
  assert.equal(d.text, bullets);
  if (d.title) assert.ok(markdown.startsWith(`# ${d.title}\n`));
});

test('batch: every story, plain and named docs, a bad doc, a story with no text', () => {
  const text = (f) => readFileSync(join(root, f), 'utf8');
  const lines = [
    ...stories.map((s) => ({ id: s.name, docs: s.files.map((f) => ({ name: f, text: text(f) })) })),
    { id: 'plain', docs: stories[0].files.map(text) },
    { id: 7, docs: [...stories[0].files.slice(0, 2).map(text), ''] },
    { id: 'empty', docs: ['', { name: 'blank', text: '   ' }] },
  ];
  const sourcesOf = (docs) => docs.map((d, i) => (typeof d === 'string' ? { name: `docs[${i}]`, text: d } : d));
  for (const [flags, options] of budgets) {
    const out = cli(['batch', ...flags], lines.map((l) => JSON.stringify(l)).join('\n') + '\n')
      .trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.equal(out.length, lines.length);
    lines.forEach((line, n) => {
      const native = out[n];
      const sources = sourcesOf(line.docs);
      if (native.error) {
        assert.throws(() => summarize(sources, options), (e) => {
          assert.ok(e instanceof Error);
          assert.equal(e.message.replace('newsdigest: ', `line ${n + 1}: `), native.error);
          return true;
        });
      } else {
        assert.deepStrictEqual({ id: line.id, ...digestOf(sources, options) }, native, `story ${line.id} ${flags}`);
      }
    });
  }
});

test('clean: every file, as `newsdigest clean --format json`', () => {
  // The legacy charsets (here Shift_JIS; KOI8-R and Windows-1251 in
  // tests/stories/ru-legacy) go through the host's TextDecoder in the package.
  const files = [...stories.flatMap((s) => s.files), 'tests/data/legacy/nikkei-sjis.html'];
  const native = JSON.parse(cli(['clean', '--format', 'json', ...files]));
  const wasm = files.map((f) => clean({ name: f, bytes: readFileSync(join(root, f)) }));
  assert.deepStrictEqual(wasm, native);
});

/** Field names of each interface of the package's hand-written types. */
function declaredFields() {
  const dts = readFileSync(new URL(import.meta.resolve('newsdigest').replace(/\.js$/, '.d.ts')), 'utf8');
  const fields = {};
  for (const [, name, body] of dts.matchAll(/export interface (\w+)(?: extends \w+)? \{([^}]*)\}/g)) {
    fields[name] = [...body.replace(/\/\*\*[^]*?\*\//g, '').matchAll(/(\w+)\??:/g)].map((m) => m[1]).sort();
  }
  return fields;
}

test('the TypeScript types declare exactly the fields the CLI writes', () => {
  const { files } = stories[0];
  const d = JSON.parse(cli(['--format', 'json', ...files]));
  const c = JSON.parse(cli(['clean', '--format', 'json', files[0]]))[0];
  const keys = (o) => Object.keys(o).sort();
  const declared = declaredFields();
  assert.deepStrictEqual(declared.Digest, keys(d));
  assert.deepStrictEqual(declared.Entry, keys(d.sentences[0]));
  assert.deepStrictEqual(declared.Variant, keys(d.sentences[0].variants[0]));
  assert.deepStrictEqual(declared.Span, keys(d.sentences[0].variants[0].span));
  assert.deepStrictEqual(declared.SourceInfo, keys(d.sources[0]));
  assert.deepStrictEqual(declared.Cleaned, keys(c));
  if (c.removed.length) assert.deepStrictEqual(declared.Removal, keys(c.removed[0]));
});
