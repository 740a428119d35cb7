import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { openDatabase } from '../src/db/index.js';
import { searchProducers } from '../src/producers/index.js';
import { searchQuerySchema } from '../src/producers/model.js';
const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const database = await openDatabase({ engine: 'postgres', url: process.env.DATABASE_URL! });
const ctx = await createContext(config, { database });
const rows = Papa.parse<Record<string, string>>(readFileSync('/tmp/p100k.csv', 'utf8'), { header: true }).data;
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed / 0x7fffffff);
const qs: string[] = [];
const prod = ['медный катод', 'copper cathode', 'цемент', 'wheat flour', 'cotton yarn', 'dried apricots', 'sunflower oil', 'удобрения', 'transformer', 'мебель'];
while (qs.length < 400) {
  const r = rows[Math.floor(rand() * rows.length)]!;
  qs.push(qs.length % 4 === 3 ? prod[qs.length % prod.length]! : qs.length % 2 ? r.name_en!.split(' ')[0]! : r.name!.replace(/[«»"]/g, ''));
}
for (const q of qs.slice(0, 20)) await searchProducers(ctx.db, searchQuerySchema.parse({ q, limit: 20 }));
const t: Record<string, number[]> = { name: [], product: [] };
for (const [i, q] of qs.entries()) {
  const s = performance.now();
  await searchProducers(ctx.db, searchQuerySchema.parse({ q, limit: 20 }));
  t[i % 4 === 3 ? 'product' : 'name']!.push(performance.now() - s);
}
for (const [k, v] of Object.entries(t)) {
  v.sort((a, b) => a - b);
  console.log(k, 'p50', v[Math.floor(v.length / 2)]!.toFixed(1), 'p95', v[Math.floor(v.length * 0.95)]!.toFixed(1));
}
const T = (globalThis as any).__T;
for (const k of ['close', 'wide', 'hs']) { const v = T[k].sort((a: number, b: number) => a - b); console.log(k, v.length, 'p50', v[Math.floor(v.length / 2)]?.toFixed(1), 'p95', v[Math.floor(v.length * 0.95)]?.toFixed(1), 'sum', v.reduce((a: number, b: number) => a + b, 0).toFixed(0)); }
await ctx.close();
