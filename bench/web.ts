// The web app's overview as a browser loads it: the JavaScript it fetches before the overview is drawn
// (gzip sizes, as a server compressing responses would send them), and the time from navigation to a
// rendered overview (the map's shapes and the targets table) in headless Chromium, on localhost, against
// `keruen serve --demo` on a fresh data folder. Run: npm run bench:web [loads]
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { start } from '../test/support/process.js';

const loads = Number(process.argv[2] ?? 20);
const dir = mkdtempSync(join(tmpdir(), 'keruen-bench-web-'));
const server = start(['serve', '--demo', '--port', '0'], { KERUEN_DATA_DIR: dir });
const url = (await server.waitFor(/http:\/\/[\d.]+:\d+\//, 120_000)).trim();
const browser = await chromium.launch({
  executablePath: process.env.KERUEN_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  // What the first visit fetches: every script, with its gzip size.
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts = new Map<string, { raw: number; gzip: number }>();
  page.on('response', async (res) => {
    if (!/\.js$/.test(new URL(res.url()).pathname)) return;
    const body = await res.body();
    scripts.set(new URL(res.url()).pathname, { raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  });
  await page.goto(url);
  await page.locator('svg.map path.land.region').first().waitFor();
  await page.locator('table tbody tr').first().waitFor();
  await page.waitForLoadState('networkidle');
  const data = [...scripts].filter(([path]) => /countries-110m/.test(path));
  const code = [...scripts].filter(([path]) => !/countries-110m/.test(path));
  const sum = (xs: [string, { raw: number; gzip: number }][], k: 'raw' | 'gzip') =>
    xs.reduce((a, [, v]) => a + v[k], 0);
  await context.close();

  // Time to a rendered overview, with a cold cache each time.
  const times: number[] = [];
  for (let i = 0; i < loads; i++) {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    const t0 = performance.now();
    await p.goto(url);
    await p.locator('svg.map path.land.region').first().waitFor();
    await p.locator('table tbody tr').first().waitFor();
    times.push(performance.now() - t0);
    await ctx.close();
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}`);
  console.log(
    `overview JavaScript (code): ${code.length} files, ${(sum(code, 'raw') / 1024).toFixed(1)} kB, ${(sum(code, 'gzip') / 1024).toFixed(1)} kB gzip`,
  );
  console.log(`  ${code.map(([p, v]) => `${p.split('/').pop()} ${(v.gzip / 1024).toFixed(1)}`).join(', ')}`);
  console.log(
    `map shapes (data, loaded after first paint): ${(sum(data, 'raw') / 1024).toFixed(1)} kB, ${(sum(data, 'gzip') / 1024).toFixed(1)} kB gzip`,
  );
  console.log(
    `time to a rendered overview (map and targets), ${loads} cold loads: p50 ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms`,
  );
} finally {
  await browser.close();
  server.child.kill('SIGTERM');
  await server.exited;
  rmSync(dir, { recursive: true, force: true });
}
