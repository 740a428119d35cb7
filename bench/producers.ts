// The producers registry at scale: import of N synthetic producers against PostgreSQL's own COPY of the same
// file, search latency over at least 1,000 varied queries (names in other scripts and with typos, product
// words in four languages), and the relevance set scored among the N distractors.
// Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:producers -- N [pglite]
import { execFileSync } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import Papa from 'papaparse';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { deferIndexes, openDatabase } from '../src/db/index.js';
import { openCsvFile } from '../src/lib/index.js';
import {
  evaluateSearch,
  generateProducerRows,
  importProducers,
  loadProducerDemo,
  PRODUCER_HEADER,
  REGISTRY_TABLE_NAMES,
  SINGLE_NAME_QUERIES,
  searchForEvaluation,
  searchProducers,
  singleNameRows,
  vacuumRegistry,
} from '../src/producers/index.js';
import { searchQuerySchema } from '../src/producers/model.js';
import { importHs } from '../src/reference/index.js';
import { scratchDatabase } from '../test/support/postgres.js';

const count = Number(process.argv[2] ?? 1_000_000);
const engine = process.argv[3] === 'pglite' ? 'pglite' : 'postgres';
const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
if (engine === 'postgres' && !config.databaseUrl) throw new Error('set DATABASE_URL to a PostgreSQL server');

const dir = mkdtempSync(join(tmpdir(), 'keruen-bench-producers-'));
const file = join(dir, 'producers.csv');
await new Promise<void>((resolve, reject) => {
  const out = createWriteStream(file);
  out.on('error', reject);
  out.write(`${PRODUCER_HEADER}\n`);
  let chunk = '';
  for (const line of generateProducerRows(count, 42)) {
    chunk += `${line}\n`;
    if (chunk.length > 1 << 20) {
      out.write(chunk);
      chunk = '';
    }
  }
  out.end(chunk, resolve);
});
/** A fixed loop's time: this machine's speed varies by half from hour to hour, and a run is read against it. */
let sink = 0; // read at the end, so that the loop is not optimized away
function speed(): string {
  const t = performance.now();
  for (let i = 0; i < 3e8; i++) sink += i % 7;
  return `${(performance.now() - t).toFixed(0)} ms${sink < 0 ? '?' : ''}`;
}
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}; engine ${engine}; speed loop ${speed()}`,
);
console.log(`file: ${count} producers, ${(statSync(file).size / 1e6).toFixed(0)} MB`);

const name = `keruen_bench_${Date.now().toString(36)}`;
let url = '';
let dropScratch: (() => Promise<void>) | undefined;
let copySeconds: number | undefined;
if (engine === 'postgres') {
  const scratch = await scratchDatabase(config.databaseUrl!, name);
  dropScratch = scratch.drop;
  url = scratch.url;
  const columns = PRODUCER_HEADER.split(',')
    .map((c) => `${c} text`)
    .join(', ');
  const t0 = performance.now();
  execFileSync('psql', [
    url,
    '-q',
    '-c',
    `create table copy_baseline (${columns})`,
    '-c',
    `\\copy copy_baseline from '${file}' with (format csv, header true)`,
  ]);
  copySeconds = (performance.now() - t0) / 1000;
  console.log(
    `COPY into a bare table: ${copySeconds.toFixed(1)} s (${Math.round(count / copySeconds)} rows/s)`,
  );
}

const database =
  engine === 'postgres'
    ? await openDatabase({ engine: 'postgres', url })
    : await openDatabase({ engine: 'pglite', dataDir: join(dir, 'db') });
const ctx = await createContext(config, { database });
// As a deployment would be: the full nomenclature loaded (product words are matched against its titles).
const HS_FILE = join(import.meta.dirname, '../../shared/data/hs/harmonized-system.csv');
if (existsSync(HS_FILE)) {
  const hs = await importHs(ctx.db, openCsvFile(HS_FILE), { version: 'HS2022' });
  console.log(`HS 2022 nomenclature: ${hs.imported + hs.updated + hs.unchanged} codes`);
}
await loadProducerDemo(ctx.db);
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 200);
const t0 = performance.now();
const report = await importProducers(ctx.database, openCsvFile(file), { file });
const importSeconds = (performance.now() - t0) / 1000;
clearInterval(sampler);
console.log(
  `keruen import: ${importSeconds.toFixed(1)} s (${Math.round(count / importSeconds)} rows/s), ${report.imported} imported, ${report.rejected.length} rejected (repeats of a name and city), peak RSS ${(peakRss / 1e6).toFixed(0)} MB`,
);
if (copySeconds) console.log(`ratio to COPY: ${(importSeconds / copySeconds).toFixed(2)}×`);

// Queries: names from the file (registered, English, Russian), some with a letter dropped or swapped, and
// product words of the lexicon in English, Russian, Kazakh and Uzbek.
const rows = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true }).data;
let seed = 7;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const typo = (s: string) => {
  const i = 1 + Math.floor(rand() * (s.length - 2));
  return rand() < 0.5 ? s.slice(0, i) + s.slice(i + 1) : s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
};
const productWords = [
  'медный катод',
  'copper cathode',
  'mis katod',
  'цемент',
  'sement',
  'cement',
  'мука',
  'wheat flour',
  'бидай',
  'пряжа',
  'cotton yarn',
  'paxta',
  'сухофрукты',
  'dried apricots',
  'молоко',
  'dairy',
  'sut',
  'мясо',
  'beef',
  "go'sht",
  'подсолнечное масло',
  'sunflower oil',
  'шоколад',
  'confectionery',
  'удобрения',
  'fertilizer',
  "o'g'it",
  'полиэтилен',
  'polypropylene',
  'трансформатор',
  'transformer',
  'кабель',
  'cable',
  'мебель',
  'furniture',
  'напитки',
  'mineral water',
  'плитка',
  'ceramic tiles',
  'шины',
  'tyres',
  'лекарства',
  'medicines',
];
const queries: string[] = [];
while (queries.length < 1200) {
  const r = rows[Math.floor(rand() * rows.length)]!;
  const kind = queries.length % 4;
  if (kind === 0) queries.push(r.name!.replace(/^(ТОО|АО|ООО|ОсОО|ОАО|ҶДММ)\s+/, '').replace(/[«»"]/g, ''));
  else if (kind === 1) queries.push(typo(r.name_en!.split(' ')[0]!));
  else if (kind === 2) queries.push(r.name_ru ? r.name_ru.replace(/[«»"]/g, '') : r.name_en!.split(' ')[0]!);
  else queries.push(productWords[Math.floor(rand() * productWords.length)]!);
}
async function measure(label: string, list: string[]) {
  for (const q of list.slice(0, 20)) await searchProducers(ctx.db, searchQuerySchema.parse({ q, limit: 20 }));
  const times: number[] = [];
  for (const q of list) {
    const s = performance.now();
    await searchProducers(ctx.db, searchQuerySchema.parse({ q, limit: 20 }));
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(times.length * p))]!.toFixed(1);
  console.log(`${label}: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms over ${list.length} queries`);
}
await measure(
  'search, names',
  queries.filter((_, i) => i % 4 !== 3),
);
await measure(
  'search, product words',
  queries.filter((_, i) => i % 4 === 3),
);
await measure('search, all', queries);

// The same file again: nothing changes, every row is found as stored.
const again0 = performance.now();
const again = await importProducers(ctx.database, openCsvFile(file), { file });
console.log(
  `the same file again: ${((performance.now() - again0) / 1000).toFixed(1)} s, ${again.imported} imported, ${again.updated} updated, ${again.unchanged} unchanged`,
);

const relevance = await evaluateSearch((q, country) => searchForEvaluation(ctx.db, q, country));
console.log(
  `relevance set among ${count} distractors: recall@10 ${relevance.recall_at_10}, MRR ${relevance.mrr} (${relevance.queries} queries; names ${relevance.by_kind.name.recall_at_10}/${relevance.by_kind.name.mrr}, products ${relevance.by_kind.product.recall_at_10}/${relevance.by_kind.product.mrr})`,
);
for (const m of relevance.misses) console.log(`  miss: ${m.q} → ${m.expected} (top: ${m.top.join(' | ')})`);

// Real producers stored under one name each, found among the N by queries in other scripts and spellings.
const singleFile = join(dir, 'single-name.csv');
writeFileSync(singleFile, [PRODUCER_HEADER, ...singleNameRows()].join('\n'));
await importProducers(ctx.database, openCsvFile(singleFile), { file: singleFile });
const single = await evaluateSearch(
  (q, country) => searchForEvaluation(ctx.db, q, country),
  SINGLE_NAME_QUERIES,
);
console.log(
  `producers stored under one name, among ${count}: recall@10 ${single.recall_at_10}, MRR ${single.mrr} (${single.queries} queries; names ${single.by_kind.name.recall_at_10}/${single.by_kind.name.mrr}, products ${single.by_kind.product.recall_at_10}/${single.by_kind.product.mrr})`,
);
for (const m of single.misses) console.log(`  miss: ${m.q} → ${m.expected} (top: ${m.top.join(' | ')})`);

// What PostgreSQL itself needs to write the registry as the import left it: its six tables COPYed from
// files of their rows into an empty registry, with the import's indexes set aside and built at the end, and
// its VACUUM. The import's time against this is what the import adds to the database's own work.
if (engine === 'postgres') {
  const tables = REGISTRY_TABLE_NAMES;
  for (const t of tables) execFileSync('psql', [url, '-qc', `\\copy ${t} to '${join(dir, `${t}.copy`)}'`]);
  const floor = await scratchDatabase(config.databaseUrl!, `${name}_floor`);
  const floorDb = await openDatabase({ engine: 'postgres', url: floor.url });
  const floorCtx = await createContext(config, { database: floorDb });
  await sql.raw(`truncate ${tables.join(', ')} cascade`).execute(floorCtx.db);
  const f0 = performance.now();
  const load = await deferIndexes(floorDb, tables);
  for (const t of tables)
    execFileSync('psql', [floor.url, '-qc', `\\copy ${t} from '${join(dir, `${t}.copy`)}'`]);
  const f1 = performance.now();
  await load.finish();
  await vacuumRegistry(floorCtx.db);
  const floorSeconds = (performance.now() - f0) / 1000;
  console.log(
    `COPY of the registry's rows (${tables.length} tables, indexes built after, VACUUM): ${floorSeconds.toFixed(1)} s (COPY ${((f1 - f0) / 1000).toFixed(1)} s); the import is ${(importSeconds / floorSeconds).toFixed(2)}× that`,
  );
  await floorCtx.close();
  await floor.drop();
}

console.log(`speed loop at the end: ${speed()}`);
await ctx.close();
await dropScratch?.();
rmSync(dir, { recursive: true, force: true });
