// Official trade import against PostgreSQL's own COPY of the same rows, and the latency of a pair summary
// and of the target list at that size. Needs DATABASE_URL (a PostgreSQL server); creates and drops its
// own databases. Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:trade -- ROWS
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { openDatabase } from '../src/db/index.js';
import { openCsvFile } from '../src/lib/index.js';
import { countryResolver } from '../src/reference/index.js';
import { GENERATED_HEADER, generateTradeRows } from '../src/trade/generate.js';
import { createTarget, importTrade, pairSummary, targetsWithProgress } from '../src/trade/index.js';
import { scratchDatabase } from '../test/support/postgres.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const engine = process.argv[3] === 'pglite' ? 'pglite' : 'postgres';
const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
if (engine === 'postgres' && !config.databaseUrl) throw new Error('set DATABASE_URL to a PostgreSQL server');

const dir = mkdtempSync(join(tmpdir(), 'keruen-bench-trade-'));
const file = join(dir, 'trade.csv');
await new Promise<void>((resolve, reject) => {
  const out = createWriteStream(file);
  out.on('error', reject);
  out.write(`${GENERATED_HEADER}\n`);
  let chunk = '';
  for (const line of generateTradeRows(rows, 42)) {
    chunk += `${line}\n`;
    if (chunk.length > 1 << 20) {
      out.write(chunk);
      chunk = '';
    }
  }
  out.end(chunk, resolve);
});
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}; engine ${engine}`);
console.log(`file: ${rows} rows, ${(statSync(file).size / 1e6).toFixed(0)} MB`);

const name = `keruen_bench_${Date.now().toString(36)}`;
let url = '';
let dropScratch: (() => Promise<void>) | undefined;
if (engine === 'postgres') {
  const scratch = await scratchDatabase(config.databaseUrl!, name);
  dropScratch = scratch.drop;
  url = scratch.url;
  // PostgreSQL's own COPY of the same rows into a bare table, through psql on this machine.
  const t0 = performance.now();
  execFileSync('psql', [
    url,
    '-q',
    '-c',
    'create table copy_baseline (period text, reporter text, partner text, flow text, cmd text, value numeric)',
    '-c',
    `\\copy copy_baseline from '${file}' with (format csv, header true)`,
  ]);
  const copySeconds = (performance.now() - t0) / 1000;
  console.log(
    `COPY into a bare table: ${copySeconds.toFixed(1)} s (${Math.round(rows / copySeconds)} rows/s)`,
  );
  (globalThis as { copySeconds?: number }).copySeconds = copySeconds;
}

const database =
  engine === 'postgres'
    ? await openDatabase({ engine: 'postgres', url })
    : await openDatabase({ engine: 'pglite', dataDir: join(dir, 'db') });
const ctx = await createContext(config, { database });
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 200);
const t0 = performance.now();
const report = await importTrade(ctx.database, openCsvFile(file), {
  file,
  dataset: 'bench',
  resolve: await countryResolver(ctx.db),
});
const importSeconds = (performance.now() - t0) / 1000;
clearInterval(sampler);
console.log(
  `keruen import: ${importSeconds.toFixed(1)} s (${Math.round(rows / importSeconds)} rows/s), ${report.imported} imported, ${report.rejected.length} rejected, peak RSS ${(peakRss / 1e6).toFixed(0)} MB`,
);
const copySeconds = (globalThis as { copySeconds?: number }).copySeconds;
if (copySeconds) console.log(`ratio to COPY: ${(importSeconds / copySeconds).toFixed(2)}×`);

await createTarget(
  ctx.db,
  {
    scope: { countries: ['KZ', 'UZ'] },
    flow: 'turnover',
    value: 10e9,
    currency: 'USD',
    horizon: 'medium',
    stated_on: '2024-07-12',
  },
  'bench',
);
await createTarget(
  ctx.db,
  {
    scope: { countries: ['KG', 'KZ'] },
    flow: 'turnover',
    value: 3e9,
    currency: 'USD',
    by: '2030',
    stated_on: '2024-12-05',
  },
  'bench',
);
async function p95(label: string, fn: () => Promise<unknown>, runs = 200) {
  for (let i = 0; i < 10; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label}: p50 ${times[Math.floor(runs * 0.5)]!.toFixed(1)} ms, p95 ${times[Math.floor(runs * 0.95)]!.toFixed(1)} ms over ${runs} runs`,
  );
}
const pairs = [
  ['KZ', 'UZ'],
  ['KG', 'KZ'],
  ['CN', 'KZ'],
  ['RU', 'UZ'],
  ['BY', 'TR'],
] as const;
let i = 0;
await p95('pair summary', () => {
  const [a, b] = pairs[i++ % pairs.length]!;
  return pairSummary(ctx.db, a, b);
});
await p95('target list', () => targetsWithProgress(ctx.db));
await ctx.close();
await dropScratch?.();
rmSync(dir, { recursive: true, force: true });
void ({} as Kysely<unknown>);
