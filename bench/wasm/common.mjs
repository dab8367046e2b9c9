// Shared by scripts/bench-wasm.mjs and scripts/bench-page.mjs: the inputs
// (the same ones the native benchmarks use), the static server, Chromium,
// and small statistics. No dependencies beyond playwright-core, which comes
// from tests/page/node_modules (installed by `make page-test` or
// scripts/bench.sh) so the benchmarks drive the same browser build as the
// page tests.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The static server and Chromium: the page tests' own (tests/page/browser.mjs).
export { chromium, serve } from '../../tests/page/browser.mjs';

export const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/** The data folder (NEWSDIGEST_DATA, default <repo>/../shared/data) and its Multi-News file, or null. */
export function dataFile() {
  const dir = process.env.NEWSDIGEST_DATA ?? join(root, '..', 'shared', 'data');
  const file = join(dir, 'multinews-dev.jsonl');
  return existsSync(file) ? file : null;
}

const utf8 = (s) => Buffer.byteLength(s, 'utf8');
/** A story of `docs` ({ name, text }) with its size in UTF-8 bytes. */
export const storyOf = (name, docs) => ({ name, docs, bytes: docs.reduce((n, d) => n + utf8(d.text), 0) });

/**
 * The inputs of the native benchmarks (benches/common), as lists of stories
 * whose docs are { name, text }:
 * - seeds: the sample story of seeds/ (5 articles, read as UTF-8 text);
 * - multinews: the 200 Multi-News stories, docs named docs[i] as `newsdigest batch` names them;
 * - big: one story of the Multi-News articles in turn until 5 MB, named k/docs[i]
 *   (benches/scaling.rs's "5 MB" row).
 * multinews and big are null without the data file.
 */
export function inputs() {
  const seedsDir = join(root, 'seeds');
  const seeds = [
    storyOf(
      'seeds',
      readdirSync(seedsDir)
        .sort()
        .map((name) => ({ name, text: readFileSync(join(seedsDir, name), 'utf8') })),
    ),
  ];
  const file = dataFile();
  if (!file) return { seeds, multinews: null, big: null, dataFile: null };
  const multinews = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, k) => {
      const story = JSON.parse(line);
      const docs = story.docs.map((d, i) => ({ name: `docs[${i}]`, text: typeof d === 'string' ? d : (d.text ?? '') }));
      return storyOf(String(story.id ?? k), docs);
    });
  const all = multinews.flatMap((s) => s.docs);
  const docs = [];
  let total = 0;
  for (let k = 0; total < 5_000_000 && all.length; k++) {
    const doc = all[k % all.length];
    docs.push({ name: `${k}/${doc.name}`, text: doc.text });
    total += utf8(doc.text);
  }
  return { seeds, multinews, big: [storyOf('5 MB', docs)], dataFile: file };
}

/** A list of stories as `newsdigest batch` input lines. */
export const toJsonLines = (stories) => stories.map((s) => JSON.stringify({ id: s.name, docs: s.docs })).join('\n') + '\n';

export const bytesOf = (stories) => stories.reduce((n, s) => n + s.bytes, 0);

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** "min-max" of a list, for the spread next to a median. */
export const spread = (values, digits = 2) => `${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)}`;

/**
 * The whole number >= 1 after `name` on the command line (else `fallback`);
 * anything else ends the script with a message and status 2.
 */
export function option(name, fallback) {
  const argv = process.argv.slice(2);
  const at = argv.indexOf(name);
  const value = at >= 0 ? Number(argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${basename(process.argv[1], '.mjs')}: ${name} takes a whole number >= 1`);
    process.exit(2);
  }
  return value;
}

/** The machine's load while a benchmark runs, to print next to its figures. */
export function load() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}

const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/** [ppid, utime + stime in ticks] of a process, from /proc, or null when it has gone. */
function stat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return [Number(fields[1]), Number(fields[11]) + Number(fields[12])];
  } catch {
    return null;
  }
}

/**
 * CPU seconds (user + system) used so far by the processes below this one,
 * except `exclude` (pids): with only Chromium below it, the browser's whole
 * process tree. /proc has 1/CLK_TCK resolution (10 ms), so time runs of a
 * second or more. Linux only; NaN elsewhere.
 */
export function childrenCpu(exclude = []) {
  const found = processesBelow(exclude);
  if (!found) return NaN;
  let total = 0;
  for (const pid of found.pids) total += found.ticks.get(pid);
  return total / ticksPerSecond;
}

/**
 * The processes below this one, except `exclude` (pids) and those below
 * them: `{ pids, ticks }`, ticks being each process's CPU (user + system,
 * 1/CLK_TCK units); null where /proc cannot be read.
 */
function processesBelow(exclude) {
  let all;
  try {
    all = readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
  } catch {
    return null;
  }
  const parent = new Map();
  const ticks = new Map();
  for (const pid of all) {
    const s = stat(pid);
    if (!s) continue;
    parent.set(pid, s[0]);
    ticks.set(pid, s[1]);
  }
  const skip = new Set(exclude);
  const below = (pid) => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) {
      if (skip.has(p)) return false;
      if (p === process.pid) return true;
    }
    return false;
  };
  return { pids: [...parent.keys()].filter((pid) => !skip.has(pid) && below(pid)), ticks };
}

/**
 * The CPU seconds of childrenCpu(exclude) by thread: a Map from "process
 * name/thread name" (digits dropped, so the threads of a pool add up) to
 * seconds, over the threads alive now (a thread that has ended no longer
 * counts here, while the process totals above keep it). For Chromium this
 * tells the engine (the worker's thread, "DedicatedWorker") from what
 * runs beside it: V8's compile and tier-up jobs and its concurrent GC on
 * the renderer's thread pool, the page's main thread, the browser and GPU
 * processes.
 */
export function childrenThreadCpu(exclude = []) {
  const out = new Map();
  for (const pid of processesBelow(exclude)?.pids ?? []) {
    let tids;
    let comm;
    try {
      comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    // Chromium's processes are all "chrome"/"chromium": the type is in the command line.
    let type = comm;
    try {
      const m = /--type=([a-z-]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
      type = m ? m[1] : 'browser';
    } catch {
      // gone
    }
    for (const tid of tids) {
      try {
        const text = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')).replace(/[\d]+/g, '').trim();
        const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
        const key = `${type}/${name}`;
        out.set(key, (out.get(key) ?? 0) + (Number(fields[11]) + Number(fields[12])) / ticksPerSecond);
      } catch {
        // the thread ended meanwhile
      }
    }
  }
  return out;
}
