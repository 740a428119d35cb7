// A deterministic synthetic dataset in the Comtrade-like layout, for tests and benchmarks: reporters
// and partners of the region, annual and monthly periods, HS-6 detail whose sum is the TOTAL row.
import { random } from '../lib/index.js';
import { HS_CHAPTERS } from '../reference/index.js';

const REPORTERS = ['KZ', 'UZ', 'KG', 'TJ', 'TM', 'RU', 'BY', 'CN', 'TR', 'AZ'];

export const GENERATED_HEADER = 'period,reporterISO,partnerISO,flowCode,cmdCode,primaryValue';

/**
 * Yields CSV lines (without the header), exactly `rows` of them. Each reporter–partner–flow–period
 * has a TOTAL row and HS-6 rows that add up to it; years run back from 2024, annual first, then months.
 */
export function* generateTradeRows(rows: number, seed: number): Generator<string> {
  const rand = random(seed);
  const chapters = Object.keys(HS_CHAPTERS).filter((c) => c !== '77');
  const codes: string[] = [];
  for (const chapter of chapters)
    for (let h = 1; h <= 12; h++)
      for (const s of [10, 20, 90]) codes.push(`${chapter}${String(h).padStart(2, '0')}${s}`);
  const pairs: [string, string][] = [];
  for (const r of REPORTERS) for (const p of REPORTERS) if (r !== p) pairs.push([r, p]);
  const scale = new Map(pairs.map(([r, p]) => [`${r}${p}`, 1e7 + Math.floor(rand() * 2e9)]));
  // Enough detail per total that the rows fit in thirty years of annual and monthly periods.
  const totalsPerYear = pairs.length * 2 * 13;
  const meanDetail = Math.min(codes.length / 2 - 1, Math.max(22, Math.ceil(rows / (totalsPerYear * 30))));
  let left = rows;
  for (let year = 2024; year >= 1950 && left > 0; year--) {
    for (const monthly of [false, true]) {
      for (let month = monthly ? 1 : 0; month <= (monthly ? 12 : 0) && left > 0; month++) {
        const period = monthly ? `${year}${String(month).padStart(2, '0')}` : String(year);
        for (const [reporter, partner] of pairs) {
          for (const flow of ['X', 'M']) {
            if (left <= 0) return;
            // Detail rows for this total: about meanDetail, never more than the rows left after the total.
            const detail = Math.min(left - 1, 5 + Math.floor(rand() * (2 * meanDetail - 9)));
            const growth = 1.06 ** (year - 2015);
            const size =
              (scale.get(`${reporter}${partner}`) ?? 1e8) *
              growth *
              (monthly ? 1 / 12 : 1) *
              (flow === 'X' ? 1 : 0.8);
            const values: number[] = [];
            const used = new Set<string>();
            const picked: string[] = [];
            while (picked.length < detail) {
              const code = codes[Math.floor(rand() * codes.length)]!;
              if (used.has(code)) continue;
              used.add(code);
              picked.push(code);
              values.push(Math.round(size * (0.2 + rand()) * 100) / detail);
            }
            const cents = values.map((v) => Math.round(v));
            const total = cents.reduce((s, v) => s + v, 0) || Math.round(size * 100);
            yield `${period},${reporter},${partner},${flow},TOTAL,${(total / 100).toFixed(2)}`;
            left--;
            for (let i = 0; i < picked.length; i++) {
              yield `${period},${reporter},${partner},${flow},${picked[i]},${(cents[i]! / 100).toFixed(2)}`;
              left--;
            }
          }
        }
      }
    }
  }
}
