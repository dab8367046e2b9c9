// The static server and the browser, shared by the page tests (page.test.js)
// and the benchmarks (bench/wasm/common.mjs), so that both drive the same
// Chromium with the same flags: scripts/serve.mjs on a free port, and Debian's
// Chromium (CHROMIUM, default /usr/bin/chromium) through this folder's
// playwright-core.

import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Starts scripts/serve.mjs (on `dir`, default www/) on a free port; resolves to { origin, pid, stop }. */
export function serve(dir) {
  const server = spawn(process.execPath, [join(repo, 'scripts', 'serve.mjs'), ...(dir ? [dir] : [])], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/http:\/\/127\.0\.0\.1:\d+/);
      if (match) resolve({ origin: match[0], pid: server.pid, stop: () => server.kill() });
    });
    server.on('exit', (code) => reject(new Error(`scripts/serve.mjs exited with ${code}`)));
  });
}

/** Debian's Chromium, headless, through playwright-core (imported here, so that a missing one says how to get it). */
export async function chromium() {
  let playwright;
  try {
    playwright = await import('playwright-core');
  } catch {
    throw new Error('playwright-core is missing: run `npm ci` in tests/page (make page-test and scripts/bench.sh do)');
  }
  return playwright.chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
