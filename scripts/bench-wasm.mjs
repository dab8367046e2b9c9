#!/usr/bin/env node
// WebAssembly speed against native, in one run: the same stories through
//   - native: the release `newsdigest batch --threads 1 --max-words 300` (one process per run),
//   - WASM in Node: pkg/ loaded in this process, `summarize(sources, { maxWords: 300 })`,
//   - WASM in Chromium: pkg/ in a module Web Worker (as the page runs it), same call,
// on the seeds, the 200 Multi-News stories and one 5 MB story (the inputs of
// benches/, see bench/wasm/common.mjs). The three run in turn, input by
// input, for a warm-up round and then --runs rounds, so a change in the
// machine's load hits all three alike; the table gives medians and the
// ratios to native of the same rounds. The warm-up round also checks that
// every engine gave the same digest (the entries' text) for every story.
//
// Usage: node scripts/bench-wasm.mjs [--runs N] [--no-browser] [--no-node]
// Needs: pkg/ (make wasm-pkg), the release binary (cargo build --release),
// tests/page/node_modules (npm ci there) for Chromium. Without the data
// (NEWSDIGEST_DATA, default <repo>/../shared/data) only the seeds run.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { bytesOf, childrenCpu, childrenThreadCpu, chromium, inputs, load, median, option, root, serve, spread, toJsonLines } from '../bench/wasm/common.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const runs = option('--runs', 5);
const pkg = resolve(process.env.PKG ?? join(root, 'pkg'));
const bin = process.env.NEWSDIGEST_BIN ?? join(process.env.CARGO_TARGET_DIR ?? join(root, 'target'), 'release', 'newsdigest');
for (const [path, how] of [
  [join(pkg, 'newsdigest_bg.wasm'), 'make wasm-pkg'],
  [bin, 'cargo build --release'],
]) {
  if (!existsSync(path)) {
    console.error(`bench-wasm: ${path} is missing: run \`${how}\``);
    process.exit(1);
  }
}

const MAX_WORDS = 300;
const all = inputs();
if (!all.dataFile) console.log('bench-wasm: no multinews-dev.jsonl (set NEWSDIGEST_DATA): the seeds only');
// reps: how many times one round goes over the set, so that a round takes
// native a few tenths of a second: GNU time gives native's CPU in 10 ms steps
// (and /proc gives Chromium's in 10 ms ticks), which on one pass over the 200
// stories (about 0.09 s native) was a step of 11% in the ratio.
const sets = [
  { key: 'seeds', label: 'seeds (1 story, 5 articles)', stories: all.seeds, reps: 200 },
  { key: 'multinews', label: '200 Multi-News stories', stories: all.multinews, reps: 5 },
  { key: 'big', label: '5 MB story (1 story)', stories: all.big, reps: 2 },
].filter((s) => s.stories);
for (const set of sets) {
  set.bytes = bytesOf(set.stories);
  set.times = { native: [], node: [], chromium: [] };
  set.cpu = { native: [], node: [], chromium: [] };
  // Chromium's CPU by thread group per round (childrenThreadCpu), and in the warm-up round.
  set.threads = [];
  set.warmThreads = null;
}

const tmp = mkdtempSync(join(tmpdir(), 'newsdigest-bench-wasm-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
const haveTime = existsSync('/usr/bin/time');

/** One native run over `set` (its lines `reps` times in one process): wall and CPU seconds per rep, digests. */
function native(set) {
  const input = join(tmp, `${set.key}.jsonl`);
  if (!existsSync(input)) writeFileSync(input, toJsonLines(set.stories).repeat(set.reps));
  const cpuFile = join(tmp, 'cpu');
  const args = ['batch', '--threads', '1', '--max-words', String(MAX_WORDS)];
  const [cmd, cmdArgs] = haveTime ? ['/usr/bin/time', ['-o', cpuFile, '-f', '%U %S', bin, ...args]] : [bin, args];
  const t = performance.now();
  const out = spawnSync(cmd, cmdArgs, { input: readFileSync(input), maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'ignore'] });
  const wall = (performance.now() - t) / 1000;
  // GNU time's last line (a line before it tells a non-zero exit status).
  const cpu = haveTime ? readFileSync(cpuFile, 'utf8').trim().split('\n').at(-1).split(/\s+/).map(Number).reduce((a, b) => a + b, 0) : NaN;
  // The exit status says whether some source failed (some articles have no text); one line per story says it ran.
  const printed = out.stdout.toString('utf8').split('\n').filter(Boolean);
  if (out.status === null || out.status === 2 || printed.length !== set.stories.length * set.reps) {
    throw new Error(`newsdigest batch exited with ${out.status} after ${printed.length} of ${set.stories.length * set.reps} lines`);
  }
  const lines = printed.slice(0, set.stories.length);
  const digests = lines.map((line) => {
    const d = JSON.parse(line);
    return d.error ? null : d.sentences.map((s) => s.text);
  });
  return { seconds: wall / set.reps, cpu: cpu / set.reps, digests };
}

let wasm = null;
async function nodeRun(set, digests) {
  if (!wasm) {
    wasm = await import(pathToFileURL(join(pkg, 'newsdigest.js')).href);
    wasm.initSync({ module: readFileSync(join(pkg, 'newsdigest_bg.wasm')) });
  }
  const options = { maxWords: MAX_WORDS };
  const out = digests ? [] : null;
  const cpu = process.cpuUsage();
  const t = performance.now();
  for (let r = 0; r < set.reps; r++) {
    for (const story of set.stories) {
      let d = null;
      try {
        d = wasm.summarize(story.docs, options);
      } catch {
        // no usable source: native reports an error line for it too
      }
      if (out && r === 0) out.push(d ? d.sentences.map((s) => s.text) : null);
    }
  }
  const seconds = (performance.now() - t) / 1000 / set.reps;
  const used = process.cpuUsage(cpu);
  return { seconds, cpu: (used.user + used.system) / 1e6 / set.reps, digests: out };
}

let browser = null;
let server = null;
let page = null;
let chromiumInfo = null;
async function startChromium() {
  const dir = join(tmp, 'www');
  mkdirSync(dir);
  for (const name of ['index.html', 'harness.js', 'worker.js']) {
    symlinkSync(join(root, 'bench', 'wasm', name), join(dir, name));
  }
  symlinkSync(pkg, join(dir, 'pkg'));
  const payload = { options: { maxWords: MAX_WORDS }, sets: Object.fromEntries(sets.map((s) => [s.key, s.stories.map((st) => st.docs)])) };
  writeFileSync(join(dir, 'inputs.json'), JSON.stringify(payload));
  server = await serve(dir);
  browser = await chromium();
  page = await (await browser.newContext()).newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.origin}/`);
  await page.waitForFunction(() => window.bench !== undefined);
  const cpu = childrenCpu([server.pid]);
  chromiumInfo = await page.evaluate(() => window.bench.init());
  // The tree's CPU from the page loaded to the package compiled and instantiated (once per page load).
  chromiumInfo.loadCpu = childrenCpu([server.pid]) - cpu;
  chromiumInfo.browser = browser.version();
  if (errors.length) throw new Error(`harness page: ${errors.join('; ')}`);
}

/**
 * One run in the worker: its own clock, the CPU time of Chromium's whole
 * process tree meanwhile, and that time by thread (the worker's own thread,
 * workerCpu, is the engine: the .wasm, its JS glue and the GC work done on
 * that thread).
 */
async function chromiumRun(set, digests) {
  const threadsBefore = childrenThreadCpu([server.pid]);
  const before = childrenCpu([server.pid]);
  const result = await page.evaluate(([key, reps, d]) => window.bench.run(key, reps, d), [set.key, set.reps, digests]);
  const cpu = (childrenCpu([server.pid]) - before) / set.reps;
  const threads = new Map();
  for (const [name, t] of childrenThreadCpu([server.pid])) {
    const used = (t - (threadsBefore.get(name) ?? 0)) / set.reps;
    if (used > 0) threads.set(name, used);
  }
  const workerCpu = [...threads].filter(([name]) => name.includes('DedicatedWorker')).reduce((a, [, t]) => a + t, 0);
  return { ...result, cpu, workerCpu, threads };
}

const browserOn = !flag('--no-browser');
const nodeOn = !flag('--no-node');
const loads = [load()];
try {
  if (browserOn) await startChromium();
  const mismatches = [];
  for (let round = 0; round <= runs; round++) {
    const warm = round === 0;
    for (const set of sets) {
      const n = native(set);
      const results = { native: n };
      if (nodeOn) results.node = await nodeRun(set, warm);
      if (browserOn) results.chromium = await chromiumRun(set, warm);
      if (results.chromium) (warm ? (t) => (set.warmThreads = t) : (t) => set.threads.push(t))(results.chromium.threads);
      if (warm) {
        for (const [engine, r] of Object.entries(results)) {
          if (engine === 'native') continue;
          const differ = set.stories.filter((_, i) => JSON.stringify(r.digests[i]) !== JSON.stringify(n.digests[i])).length;
          if (differ) mismatches.push(`${engine}: ${differ} of ${set.stories.length} digests of ${set.key} differ from native`);
        }
        continue;
      }
      for (const [engine, r] of Object.entries(results)) {
        set.times[engine].push(r.seconds);
        set.cpu[engine].push(r.cpu);
      }
      if (results.chromium) {
        set.workerCpu ??= { ...set.cpu, chromium: [] };
        set.workerCpu.chromium.push(results.chromium.workerCpu);
      }
    }
    loads.push(load());
  }

  const engines = ['native', ...(nodeOn ? ['node'] : []), ...(browserOn ? ['chromium'] : [])];
  const names = { native: 'native (batch, 1 thread)', node: `WASM, Node ${process.version}`, chromium: `WASM, Chromium ${chromiumInfo?.browser ?? ''} worker` };
  console.log(`\n### WebAssembly against native (median of ${runs} rounds after a warm-up; budget --max-words ${MAX_WORDS})\n`);
  console.log(`Load average (1, 5, 15 min) at the start and after each round: ${loads.join(' | ')}`);
  if (browserOn) {
    console.log(
      `Chromium: package loaded (fetch, compile, instantiate) in ${chromiumInfo.loadMs.toFixed(0)} ms in the worker, ` +
        `${chromiumInfo.loadCpu.toFixed(2)} s of the tree's CPU (once per page load, before the rounds); package ${chromiumInfo.version}`,
    );
  }
  console.log(`Same digests as native in the warm-up round: ${mismatches.length ? `NO: ${mismatches.join('; ')}` : 'yes, every story, every engine'}\n`);
  const ratioNames = engines.slice(1).map((e) => (e === 'node' ? 'Node' : 'Chromium'));
  console.log(`| input | size | clock | ${engines.map((e) => names[e]).join(' | ')} | ${ratioNames.map((e) => `${e} / native`).join(' | ')} |`);
  console.log(`| --- | ---: | --- | ${engines.map(() => '---:').join(' | ')} | ${ratioNames.map(() => '---:').join(' | ')} |`);
  for (const set of sets) {
    const mb = set.bytes / 1e6;
    const clocks = [['wall', set.times], ['CPU', set.cpu]];
    if (set.workerCpu) clocks.push(['CPU, Chromium: worker thread only', set.workerCpu]);
    for (const [clock, times] of clocks) {
      if (engines.some((e) => !times[e] || times[e].some(Number.isNaN))) continue;
      const cells = engines.map((e) => {
        const m = median(times[e]);
        return `${m.toFixed(3)} s, ${(mb / m).toFixed(2)} MB/s`;
      });
      // Ratios per round (same load), then their median and spread.
      const ratios = engines.slice(1).map((e) => {
        const r = times[e].map((t, i) => t / times.native[i]);
        return `**${median(r).toFixed(2)}x** (${spread(r)})`;
      });
      const first = clock === 'wall';
      console.log(`| ${first ? set.label : ''} | ${first ? `${mb.toFixed(2)} MB` : ''} | ${clock} | ${cells.join(' | ')} | ${ratios.join(' | ')} |`);
    }
  }
  console.log('\nwall: each engine\'s own clock around the calls (performance.now() in the worker, in Node; the whole');
  console.log('`batch` process for native, start-up included). CPU: user + system time of the native process, of this');
  console.log('Node process, of Chromium\'s whole process tree (from /proc, 10 ms ticks), less sensitive to the');
  console.log('other jobs on the machine. Ratios: per round, then the median; min-max over the rounds in parentheses.');
  console.log('"worker thread only": the CPU of the worker\'s thread alone for Chromium (the .wasm, its glue, the GC');
  console.log('work on that thread), against the same native and Node CPU as the row above it.');
  if (browserOn) {
    console.log('\nChromium\'s CPU by thread (process type/thread name), per run: median of the rounds (warm-up round)');
    for (const set of sets) {
      const names = [...new Set(set.threads.flatMap((t) => [...t.keys()]).concat([...(set.warmThreads?.keys() ?? [])]))];
      const rows = names
        .map((name) => [name, median(set.threads.map((t) => t.get(name) ?? 0)), set.warmThreads?.get(name) ?? 0])
        .filter(([, m, w]) => m >= 0.005 || w >= 0.005)
        .sort((a, b) => b[1] - a[1]);
      console.log(`- ${set.label}: ${rows.map(([name, m, w]) => `${name} ${m.toFixed(3)} s (${w.toFixed(3)})`).join(', ')}`);
    }
  }
  if (mismatches.length) process.exitCode = 1;
} finally {
  await browser?.close();
  server?.stop();
}
