// Time from `keruen serve --demo` (what `npm start` runs) to a healthy server: on a fresh data
// folder (creating the database, migrating, loading reference data) and on a second start.
// Run: npm run bench:startup
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { start } from '../test/support/process.js';

async function timeToHealthy(dataDir: string): Promise<number> {
  const t0 = performance.now();
  const server = start(['serve', '--demo', '--port', '0'], { KERUEN_DATA_DIR: dataDir });
  const url = (await server.waitFor(/http:\/\/[\d.]+:\d+\//, 120_000)).trim();
  for (;;) {
    const res = await fetch(`${url}health`).catch(() => undefined);
    if (res?.ok && ((await res.json()) as { status: string }).status === 'ok') break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const elapsed = performance.now() - t0;
  server.child.kill('SIGTERM');
  await server.exited;
  return elapsed;
}

const runs = Number(process.argv[2] ?? 3);
const fresh: number[] = [];
const second: number[] = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'keruen-bench-'));
  fresh.push(await timeToHealthy(dir));
  second.push(await timeToHealthy(dir));
  rmSync(dir, { recursive: true, force: true });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}`);
console.log(
  `fresh data folder: median ${(median(fresh) / 1000).toFixed(2)} s (runs: ${fresh.map((x) => (x / 1000).toFixed(2)).join(', ')})`,
);
console.log(
  `second start:      median ${(median(second) / 1000).toFixed(2)} s (runs: ${second.map((x) => (x / 1000).toFixed(2)).join(', ')})`,
);
