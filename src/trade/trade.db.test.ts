import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injector, tokenFor } from '../../test/support/auth.js';
import { testContext } from '../../test/support/db.js';
import type { AppContext } from '../context.js';
import { buildServer, type Server } from '../http/index.js';
import { openCsvFile } from '../lib/index.js';
import { countryResolver } from '../reference/index.js';
import {
  blocTrade,
  createTarget,
  importTrade,
  pairSummary,
  recordReportedFigure,
  tradeSeries,
} from './index.js';
import { OfficialRepository } from './official-repository.js';

let ctx: AppContext;
let app: Server;
/** The API as an administrator's script calls it. */
let inject: ReturnType<typeof injector>;
const dir = mkdtempSync(join(tmpdir(), 'keruen-trade-'));
beforeAll(async () => {
  ctx = await testContext();
  app = await buildServer(ctx);
  inject = injector(app, await tokenFor(ctx));
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

function csv(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, ['period,reporterISO,partnerISO,flowCode,cmdCode,primaryValue', ...lines].join('\n'));
  return file;
}

async function load(file: string, dataset = 'test') {
  return importTrade(ctx.database, openCsvFile(file), {
    dataset,
    file,
    resolve: await countryResolver(ctx.db),
  });
}

describe('importing official statistics', () => {
  it('imports a pair reported from both sides, with ISO2, ISO3 and M49 codes', async () => {
    const lines: string[] = [];
    // Kazakhstan's side: exports 60, 66, 72.6 and imports 40, 44, 48.4 (millions): turnover 100, 110, 121.
    [
      [2021, 60, 40],
      [2022, 66, 44],
      [2023, 72.6, 48.4],
    ].forEach(([y, x, m]) => {
      lines.push(`${y},KZ,UZ,X,TOTAL,${x! * 1e6}`, `${y},KAZ,UZB,M,TOTAL,${m! * 1e6}`);
    });
    // Uzbekistan's side for 2023 only (M49 codes): turnover 129 → the pair's 2023 value is the mean, 125.
    lines.push('2023,860,398,X,TOTAL,50000000', '2023,860,398,M,TOTAL,79000000');
    const report = await load(csv('pair.csv', lines));
    expect(report).toMatchObject({ rows: 8, imported: 8, updated: 0, unchanged: 0, rejected: [] });
    const series = await tradeSeries(ctx.db, { countries: ['KZ', 'UZ'] });
    expect(series.official.sides.KZ!.map((p) => p.value)).toEqual([100e6, 110e6, 121e6]);
    expect(series.official.sides.UZ).toEqual([{ year: 2023, value: 129e6 }]);
    expect(series.official.pair).toEqual([
      { year: 2021, value: 100e6, sides: ['KZ'] },
      { year: 2022, value: 110e6, sides: ['KZ'] },
      { year: 2023, value: 125e6, sides: ['KZ', 'UZ'] },
    ]);
  });

  it('changes nothing when the same file is imported again, and updates a changed value', async () => {
    const file = csv('again.csv', ['2020,KG,TJ,X,TOTAL,1000', '2020,KG,TJ,M,TOTAL,2000']);
    expect(await load(file)).toMatchObject({ imported: 2, updated: 0, unchanged: 0 });
    expect(await load(file)).toMatchObject({ imported: 0, updated: 0, unchanged: 2 });
    expect(
      await load(csv('changed.csv', ['2020,KG,TJ,X,TOTAL,1500', '2020,KG,TJ,M,TOTAL,2000'])),
    ).toMatchObject({ imported: 0, updated: 1, unchanged: 1 });
    expect((await tradeSeries(ctx.db, { countries: ['KG', 'TJ'] })).official.sides.KG).toEqual([
      { year: 2020, value: 3500 },
    ]);
  });

  it('reports each bad row with its line, field and reason while the good rows go in', async () => {
    const report = await load(
      csv('bad.csv', [
        '2023,KZ,KG,X,TOTAL,100',
        '20231,KZ,KG,X,TOTAL,100',
        '2023,XX,KG,X,TOTAL,100',
        '2023,KZ,KZ,X,TOTAL,100',
        '2023,KZ,KG,Q,TOTAL,100',
        '2023,KZ,KG,X,74A,100',
        '2023,KZ,KG,X,7403,-5',
        '202313,KZ,KG,X,TOTAL,100',
        '2023,KZ,KG,X,TOTAL,100',
      ]),
      'bad',
    );
    expect(report.imported).toBe(1);
    expect(report.rejected.map((r) => [r.line, r.field])).toEqual([
      [3, 'period'],
      [4, 'reporterISO'],
      [5, 'partnerISO'],
      [6, 'flowCode'],
      [7, 'cmdCode'],
      [8, 'primaryValue'],
      [9, 'period'],
      [10, 'period'],
    ]);
    expect(report.rejected.at(-1)!.reason).toMatch(/repeats the row of line 2/);
  });

  it('never adds totals to their own detail, and sums the coarsest detail when there is no total', async () => {
    await load(
      csv('detail.csv', [
        '2022,TM,AZ,X,TOTAL,1000',
        '2022,TM,AZ,X,27,600',
        '2022,TM,AZ,X,2711,600',
        '2022,TM,AZ,X,271111,500',
        '2022,TM,AZ,X,52,400',
        '2022,TM,AZ,M,27,30',
        '2022,TM,AZ,M,2710,30',
        '2022,TM,AZ,M,84,70',
      ]),
    );
    // Exports: the TOTAL row (1000), not 1000 + detail; imports: the chapters (30 + 70), not chapters + headings.
    expect((await tradeSeries(ctx.db, { countries: ['TM', 'AZ'] })).official.sides.TM).toEqual([
      { year: 2022, value: 1100 },
    ]);
    const summary = await pairSummary(ctx.db, 'AZ', 'TM');
    expect(summary.top_chapters.map((c) => [c.chapter, c.value])).toEqual([
      ['27', 630],
      ['52', 400],
      ['84', 70],
    ]);
  });

  it('takes a year’s chapters from its annual rows, else from the sum of its months, across chunks', async () => {
    const file = csv('months.csv', [
      // Tajikistan reports 2021 by months only (HS4 and HS6 in January: the HS4 level counts) …
      '202101,TJ,AF,X,1001,10',
      '202101,TJ,AF,X,100110,4',
      '202102,TJ,AF,X,1001,20',
      '202102,TJ,AF,X,2501,5',
      // … and 2022 both by months and as a year: the annual rows count, not the months.
      '202201,TJ,AF,X,1001,99',
      '2022,TJ,AF,X,1001,300',
      '2022,TJ,AF,X,2501,50',
    ]);
    // Three rows a chunk: a month's rows are split between transactions, and still add up.
    const report = await importTrade(ctx.database, openCsvFile(file), {
      dataset: 'months',
      file,
      chunkRows: 3,
      resolve: await countryResolver(ctx.db),
    });
    expect(report).toMatchObject({ imported: 7, rejected: [] });
    const chapters = (year: number) =>
      sql<{ chapter: string; value: string }>`
        select chapter, value from trade_official_chapter
        where dataset = 'months' and reporter = 'TJ' and partner = 'AF' and year = ${year} and month = 0
        order by chapter`.execute(ctx.db);
    expect((await chapters(2022)).rows).toEqual([
      { chapter: '10', value: '300' },
      { chapter: '25', value: '50' },
    ]);
    const summary = await pairSummary(ctx.db, 'AF', 'TJ');
    expect(summary.top_chapters.map((c) => [c.chapter, c.value])).toEqual([
      ['10', 300],
      ['25', 50],
    ]);
    const months2021 = await new OfficialRepository(ctx.db).pairChapters('AF', 'TJ', 2021);
    expect(months2021.map((c) => [c.chapter, Number(c.value)])).toEqual([
      ['10', 30],
      ['25', 5],
    ]);
    // Each row names the file and line it came from.
    const origin = await sql<{ file: string; source_line: number }>`
      select i.file, o.source_line from trade_official o join trade_import i on i.id = o.import_id
      where o.reporter = 'TJ' and o.partner = 'AF' and o.year = 2022 and o.month = 0 and o.cmd = '2501'`.execute(
      ctx.db,
    );
    expect(origin.rows).toEqual([{ file, source_line: 8 }]);
  });

  it('sets a partial year against the same months a year earlier, never as a year', async () => {
    const lines: string[] = [];
    for (let m = 1; m <= 12; m++)
      lines.push(
        `2023${String(m).padStart(2, '0')},GE,AM,X,TOTAL,10`,
        `2023${String(m).padStart(2, '0')},GE,AM,M,TOTAL,10`,
      );
    for (let m = 1; m <= 3; m++)
      lines.push(
        `2024${String(m).padStart(2, '0')},GE,AM,X,TOTAL,12`,
        `2024${String(m).padStart(2, '0')},GE,AM,M,TOTAL,13`,
      );
    await load(csv('monthly.csv', lines));
    const series = await tradeSeries(ctx.db, { countries: ['GE', 'AM'] });
    expect(series.official.sides.GE).toEqual([{ year: 2023, value: 240 }]);
    expect(series.official.partial).toEqual([
      {
        reporter: 'GE',
        year: 2024,
        months: { from: '2024-01', to: '2024-03' },
        value: 75,
        previous: 60,
        change_pct: 25,
      },
    ]);
  });
});

describe('targets and progress', () => {
  it('computes progress from the official series (100, 110, 125 → latest 125)', async () => {
    const target = await createTarget(
      ctx.db,
      {
        scope: { countries: ['UZ', 'KZ'] },
        flow: 'turnover',
        value: 250e6,
        currency: 'USD',
        by: '2030',
        stated_on: '2024-07-12',
      },
      'tester',
    );
    expect(target.latest).toEqual({ year: 2023, value: 125e6, kind: 'official' });
    expect(target.progress).toBeCloseTo(0.5, 10);
    // (250/125)^(1/7) − 1 = 10.41%
    expect(target.required_cagr).toBeCloseTo(2 ** (1 / 7) - 1, 10);
    // ln fit over 100, 110, 125: slope = (ln125 − ln100)/2 → exp − 1 = 11.80%
    expect(target.trend_cagr).toBeCloseTo(Math.sqrt(1.25) - 1, 10);
    expect(target.status).toBe('on_track');
    // 125 × 1.118^n ≥ 250 → n = ln2 / ln1.118 = 6.21 → 7 years
    expect(target.projected_year).toBe(2030);
  });

  it('judges a target by one side’s statistics when it names a reporter', async () => {
    const t = await createTarget(
      ctx.db,
      {
        scope: { countries: ['KZ', 'UZ'] },
        flow: 'turnover',
        value: 500e6,
        currency: 'USD',
        horizon: 'long',
        stated_on: '2024-01-01',
        reporter: 'KZ',
      },
      'tester',
    );
    expect(t.latest).toEqual({ year: 2023, value: 121e6, kind: 'official' });
    expect(t.target_year).toBe(2034);
  });

  it('falls back to reported figures where there are no statistics', async () => {
    for (const [year, value] of [
      [2021, 1e9],
      [2022, 1.2e9],
      [2023, 1.44e9],
    ] as const) {
      await recordReportedFigure(
        ctx.db,
        {
          scope: { countries: ['BY', 'MN'] },
          flow: 'turnover',
          value,
          currency: 'USD',
          period: { from: `${year}-01`, to: `${year}-12` },
          bound: 'exact',
        },
        { citation: { title: 'Test', publisher: 'example.org', published: `${year + 1}-02-01` } },
        'tester',
      );
    }
    const t = await createTarget(
      ctx.db,
      {
        scope: { countries: ['BY', 'MN'] },
        flow: 'turnover',
        value: 2e9,
        currency: 'USD',
        by: '2026',
        stated_on: '2024-03-01',
      },
      'tester',
    );
    expect(t.latest).toEqual({ year: 2023, value: 1.44e9, kind: 'reported' });
    expect(t.trend_cagr).toBeCloseTo(0.2, 10);
    expect(t.status).toBe('on_track');
  });

  it('refuses a target without a year or horizon, and one between a country and itself', async () => {
    await expect(
      createTarget(
        ctx.db,
        {
          scope: { countries: ['KZ', 'UZ'] },
          flow: 'turnover',
          value: 1,
          currency: 'USD',
          stated_on: '2024-01-01',
        },
        'tester',
      ),
    ).rejects.toThrow(/year \(by\) or a horizon/);
    await expect(
      createTarget(
        ctx.db,
        {
          scope: { countries: ['KZ', 'KAZ'] },
          flow: 'turnover',
          value: 1,
          currency: 'USD',
          by: '2030',
          stated_on: '2024-01-01',
        },
        'tester',
      ),
    ).rejects.toThrow(/two different/);
  });
});

describe('blocs', () => {
  it('sums the pairs of the members of each year', async () => {
    const result = await blocTrade(ctx.db, 'CENTRAL_ASIA');
    const y2023 = result.years.find((y) => y.year === 2023)!;
    // KZ–UZ 125 million is the only Central Asian pair with 2023 statistics here.
    expect(y2023.value).toBe(125e6);
    expect(y2023.members).toEqual(['KG', 'KZ', 'TJ', 'TM', 'UZ']);
  });
});

describe('trade API', () => {
  it('answers a pair’s series, its summary and its CSV', async () => {
    const series = await app.inject('/api/v1/trade?countries=kz,uz&by=hs2');
    expect(series.statusCode).toBe(200);
    expect(series.json().official.pair.at(-1)).toEqual({ year: 2023, value: 125e6, sides: ['KZ', 'UZ'] });
    const pair = await app.inject('/api/v1/pairs/UZ-KZ');
    expect(pair.statusCode).toBe(200);
    expect(pair.json().targets.length).toBeGreaterThan(0);
    const exported = await app.inject('/api/v1/trade?countries=KZ,UZ&format=csv');
    expect(exported.headers['content-type']).toMatch(/^text\/csv/);
    expect(exported.body.split('\r\n')[0]).toBe(
      'scope,flow,kind,reporter,period_from,period_to,value,currency,bound,conflict,source',
    );
    expect(exported.body).toContain('KZ-UZ,turnover,official_pair,KZ+UZ,2023-01,2023-12,125000000');
    const xlsx = await app.inject('/api/v1/trade?countries=KZ,UZ&format=xlsx');
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.some((r) => r[3] === 'official_pair' && r[7] === 125e6)).toBe(true);
  });

  it('creates a target (201) and refuses a bad one with the fields named (400)', async () => {
    const ok = await inject({
      method: 'POST',
      url: '/api/v1/targets',
      payload: { scope: { countries: ['KG', 'KZ'] }, value: 3e9, by: '2030', stated_on: '2024-12-05' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      scope: { countries: ['KG', 'KZ'] },
      by: '2030',
      status: expect.any(String),
    });
    const bad = await inject({
      method: 'POST',
      url: '/api/v1/targets',
      payload: { scope: { countries: ['KG'] }, value: -1, stated_on: '2024-13-05' },
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.scope.countries', 'body.value', 'body.stated_on']));
    const list = await app.inject('/api/v1/targets?scope=kz-kg');
    expect(list.json().targets.map((t: { value: number }) => t.value)).toContain(3e9);
  });

  it('answers a bloc’s trade and an unknown pair', async () => {
    expect((await app.inject('/api/v1/blocs/EAEU/trade')).statusCode).toBe(200);
    expect((await app.inject('/api/v1/blocs/NOPE/trade')).statusCode).toBe(404);
    expect((await app.inject('/api/v1/pairs/KZ-QQ')).statusCode).toBe(404);
    expect((await app.inject('/api/v1/trade?countries=KZ')).statusCode).toBe(400);
  });
});
