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
import { importHs } from '../reference/index.js';
import {
  evaluateSearch,
  generateProducerRows,
  importProducers,
  loadProducerDemo,
  PRODUCER_HEADER,
  SINGLE_NAME_QUERIES,
  searchForEvaluation,
  searchProducers,
  singleNameRows,
} from './index.js';
import { searchQuerySchema } from './model.js';
import { ProducerRepository } from './repository.js';
import { companyKey } from './translit.js';

let ctx: AppContext;
let app: Server;
/** The API as an administrator's script calls it. */
let inject: ReturnType<typeof injector>;
let token: string;
const dir = mkdtempSync(join(tmpdir(), 'keruen-producers-'));
let indexesBefore: string[];
const deferred: string[] = [];
let chunksWritten = 0;
let chunksBeforeDeferral: number | undefined;

/** The registry's indexes and constraints as PostgreSQL defines them, and what is deferred. */
async function registryIndexes(): Promise<string[]> {
  const result = await sql<{ def: string }>`
    select indexdef as def from pg_indexes
    where schemaname = current_schema() and tablename like 'producer%'
    union all
    select format('%s %s %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) from pg_constraint
    where conrelid::regclass::text like 'producer%'
    union all
    select 'deferred: ' || name from deferred_index
    order by 1`.execute(ctx.db);
  return result.rows.map((r) => r.def);
}

beforeAll(async () => {
  ctx = await testContext();
  app = await buildServer(ctx);
  token = await tokenFor(ctx);
  inject = injector(app, token);
  await loadProducerDemo(ctx.db);
  // Distractors: a synthetic registry of the region around the demo's real producers, in chunks small
  // enough for the import to outgrow the registry and set its indexes aside.
  const file = join(dir, 'synthetic.csv');
  writeFileSync(file, [PRODUCER_HEADER, ...generateProducerRows(2000, 11)].join('\n'));
  indexesBefore = await registryIndexes();
  const report = await importProducers(ctx.database, openCsvFile(file), {
    file,
    chunkRows: 400,
    onIndexesDeferred: (names) => {
      deferred.push(...names);
      chunksBeforeDeferral ??= chunksWritten;
    },
    onChunk: () => chunksWritten++,
  });
  expect(report.rejected).toEqual([]);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

function csv(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, [PRODUCER_HEADER, ...lines].join('\n'));
  return file;
}

const search = (q: string, extra: Record<string, unknown> = {}) =>
  searchProducers(ctx.db, searchQuerySchema.parse({ q, ...extra }));

describe('importing producers', () => {
  it('builds the indexes and foreign keys an import larger than the registry set aside, as they were, at its end', async () => {
    expect(deferred).toEqual(
      expect.arrayContaining([
        'producer_names_words_idx',
        'producer_hs_idx',
        'producer_name_producer_id_fkey',
      ]),
    );
    expect(deferred).not.toContain('producer_natural_idx');
    // Set aside before the first chunk: the file's size told that it outgrows the registry.
    expect(chunksBeforeDeferral).toBe(0);
    expect(await registryIndexes()).toEqual(indexesBefore);
    expect(indexesBefore.some((d) => d.includes('producer_names_words_idx'))).toBe(true);
    expect(indexesBefore.some((d) => d.includes('FOREIGN KEY (producer_id) REFERENCES producer(id)'))).toBe(
      true,
    );
  });

  it('imports the good rows, reports each bad one by line, column, value and reason, and changes nothing the second time', async () => {
    const file = csv('mixed.csv', [
      'ТОО «Тестмет»,Testmet LLP,Тестмет АҚ,Тестмет,KZ,020240000555,Karaganda Region,Karaganda,,,,testmet.kz,,,7403;740311,copper cathodes,CN;UZ,120,50 thousand tonnes,ISO 9001',
      'Bad country,,,,XX,,,,,,,,,,,,,,,',
      'ООО «Ромашка»,,,,RU,7707083894,,,,,,,,,2523,,,,,',
      ',,,,UZ,,,,,,,,,,,,,,,',
      '"""Kvarts Two"" MChJ",,,,UZ,,Fergana Region,Fargʻona,,,,,,,,glass,,many,,',
      'ТОО «Тестмет 2»,,,,KZ,020240000555,,,,,,,,,,,,,,',
    ]);
    const first = await importProducers(ctx.database, openCsvFile(file), { file });
    expect(first).toMatchObject({ imported: 1, updated: 0, unchanged: 0 });
    expect(first.rejected.map((r) => [r.line, r.field, r.value])).toEqual([
      [3, 'country', 'XX'],
      [4, 'national_id', '7707083894'],
      [5, 'name', ''],
      [6, 'employees', 'many'],
      [7, 'name', undefined],
    ]);
    expect(first.rejected[1]!.reason).toMatch(/check digit/);
    expect(first.rejected[4]!.reason).toMatch(/repeats the producer of line 2/);
    const second = await importProducers(ctx.database, openCsvFile(file), { file });
    expect(second).toMatchObject({ imported: 0, updated: 0, unchanged: 1 });
    // A row with a known national identifier updates that producer instead of adding a second.
    const changed = csv('changed.csv', [
      'ТОО «Тестмет»,Testmet LLP,,,KZ,0202 4000 0555,Karaganda Region,Karaganda,,,,testmet.kz,,,7403;740311;7408,copper cathodes and rod,CN;UZ;TR,130,50 thousand tonnes,ISO 9001',
    ]);
    expect(await importProducers(ctx.database, openCsvFile(changed), { file: changed })).toMatchObject({
      imported: 0,
      updated: 1,
    });
    const found = await search('Testmet');
    expect(found.results[0]).toMatchObject({ name: 'ТОО «Тестмет»', hs_codes: ['7403', '740311', '7408'] });
    const history = await app.inject(`/api/v1/producers/${found.results[0]!.id}/history`);
    expect(history.json().history.map((h: { action: string }) => h.action)).toEqual(['create', 'update']);
    // The import wrote the new producer's history itself: it is the record as the database reads it back.
    expect(history.json().history[0].after).toEqual(history.json().history[1].before);
    expect(history.json().history[0].after.other_names).toEqual([
      { name: 'Testmet LLP', lang: 'en' },
      { name: 'Тестмет', lang: 'kk' },
      { name: 'Тестмет АҚ', lang: 'ru' },
    ]);
    expect(history.json().history[1].before.export_markets).toEqual(['CN', 'UZ']);
    expect(history.json().history[1].after.export_markets).toEqual(['CN', 'TR', 'UZ']);
    // Every row of each file is a source of the producer, once however many times the file came in.
    const sources = (await app.inject(`/api/v1/producers/${found.results[0]!.id}`)).json().sources;
    expect(sources.map((s: { reference: string }) => s.reference).sort()).toEqual(
      [`${changed}:2`, `${file}:2`, `${file}:7`].sort(),
    );
  });

  it('takes a producer listed again further down the file as a repeat of its first line, in any chunk', async () => {
    const row = (city: string, employees: number) => `Repeatmet,,,,TJ,,,${city},,,,,,,,,,${employees},,`;
    const file = csv('again.csv', [
      row('Khujand', 10),
      row('Dushanbe', 5),
      row('Khujand', 20),
      row('Khujand', 30),
    ]);
    const first = await importProducers(ctx.database, openCsvFile(file), { file, chunkRows: 2 });
    expect(first).toMatchObject({ imported: 2, updated: 0, unchanged: 0 });
    expect(first.rejected.map((r) => [r.line, r.reason])).toEqual([
      [4, expect.stringMatching(/repeats the producer of line 2/)],
      [5, expect.stringMatching(/repeats the producer of line 2/)],
    ]);
    const found = (await search('Repeatmet', { country: 'TJ' })).results.find((r) => r.city === 'Khujand')!;
    const producer = (await app.inject(`/api/v1/producers/${found.id}`)).json();
    expect(producer.employees).toBe(10);
    expect(producer.sources.map((s: { reference: string }) => s.reference).sort()).toEqual(
      [2, 4, 5].map((l) => `${file}:${l}`),
    );
    // Again, in other chunks: nothing changes, and the history holds the one creation.
    expect(await importProducers(ctx.database, openCsvFile(file), { file, chunkRows: 3 })).toMatchObject({
      imported: 0,
      updated: 0,
      unchanged: 2,
    });
    const history = (await app.inject(`/api/v1/producers/${found.id}/history`)).json().history;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['create']);
  });

  it('writes each producer once when two imports of one file run at once', async () => {
    const file = csv('twice.csv', [...generateProducerRows(1000, 99)]);
    const [a, b] = await Promise.all([
      importProducers(ctx.database, openCsvFile(file), { file, chunkRows: 200 }),
      importProducers(ctx.database, openCsvFile(file), { file, chunkRows: 200 }),
    ]);
    const counts = await sql<{ producers: number; sources: number; creates: number }>`
      select count(distinct s.producer_id)::int as producers, count(*)::int as sources,
             (select count(*) from producer_history h
              where h.action = 'create' and h.producer_id in (select producer_id from producer_source where reference like ${`${file}:%`}))::int as creates
      from producer_source s where s.reference like ${`${file}:%`}`.execute(ctx.db);
    // Each row once: the second import found the first one's producers, or was refused its keys and merged.
    expect(a.rejected).toEqual(b.rejected);
    expect(counts.rows[0]!.sources).toBe(1000);
    expect(counts.rows[0]!.creates).toBe(counts.rows[0]!.producers);
    for (const report of [a, b])
      expect(report.imported + report.updated + report.unchanged + report.rejected.length).toBe(1000);
  });

  it('reads a file in a worker thread as it reads it in the importing one', async () => {
    const lines = [...generateProducerRows(3000, 77)];
    lines.splice(10, 0, 'Bad country,,,,XX,,,,,,,,,,,,,,,');
    lines.splice(2000, 0, 'Bad employees,,,,KZ,,,,,,,,,,,,,many,,');
    const file = join(dir, 'threaded.csv');
    writeFileSync(file, [`${PRODUCER_HEADER},remarks`, ...lines.map((l) => `${l},x`)].join('\n'));
    const threaded = await importProducers(ctx.database, openCsvFile(file), { file, worker: true });
    expect(threaded.rows).toBe(3002);
    expect(threaded.rejected.filter((r) => r.field !== 'name').map((r) => [r.line, r.field])).toEqual([
      [12, 'country'],
      [2002, 'employees'],
    ]);
    expect(threaded.warnings).toEqual([
      expect.objectContaining({ reason: expect.stringMatching(/remarks/) }),
    ]);
    expect(threaded.imported).toBeGreaterThan(2900);
    // The same file read here finds every producer as the worker wrote it (same digests, same keys).
    const here = await importProducers(ctx.database, openCsvFile(file), { file, worker: false });
    expect(here).toMatchObject({ imported: 0, updated: 0, rows: 3002, warnings: threaded.warnings });
    expect(here.rejected).toEqual(threaded.rejected);
    expect(here.unchanged).toBe(threaded.imported + threaded.updated + threaded.unchanged);

    // A file the worker cannot read is the same error as here: the column, line and reason.
    const headless = join(dir, 'headless.csv');
    writeFileSync(headless, 'title,country\nA,KZ\n');
    for (const worker of [true, false])
      await expect(
        importProducers(ctx.database, openCsvFile(headless), { file: headless, worker }),
      ).rejects.toMatchObject({
        issues: [{ line: 1, field: 'name', reason: expect.stringMatching(/missing/) }],
      });
  });

  it('takes an upload over a real connection, where the body is the request stream', async () => {
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const rows = Array.from({ length: 50 }, (_, i) => `Sockmet ${i + 1},TJ`);
    const response = await fetch(`${url}/api/v1/producers/import?name=socket.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: ['name,country', ...rows].join('\n'),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ imported: 50, rejected: [] });
  }, 30_000);

  it('imports the first sheet of a workbook, and the same through the upload endpoint', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('producers');
    sheet.addRow(['name', 'country', 'city', 'hs_codes', 'national_id']);
    sheet.addRow(['Xlsxmet LLP', 'KZ', 'Almaty', '7601', '']);
    sheet.addRow(['', 'KZ', '', '', '']);
    sheet.addRow(['Сарыагашсу', 'KZ', 'Сарыагаш', '2201', '']);
    const file = join(dir, 'producers.xlsx');
    await workbook.xlsx.writeFile(file);
    const report = await importProducers(ctx.database, openCsvFile(file), { file });
    expect(report).toMatchObject({ imported: 2, rejected: [{ line: 3, field: 'name' }] });
    // A worker thread reads a workbook too.
    expect(await importProducers(ctx.database, openCsvFile(file), { file, worker: true })).toMatchObject({
      unchanged: 2,
      rejected: [{ line: 3, field: 'name' }],
    });
    const upload = await inject({
      method: 'POST',
      url: '/api/v1/producers/import?name=again.csv',
      headers: { 'content-type': 'text/csv' },
      payload:
        'name,country,city,hs_codes\nXlsxmet LLP,KZ,Almaty,7601\nUploadmet LLP,KZ,Almaty,7601\nBad,QQ,,\n',
    });
    expect(upload.statusCode).toBe(200);
    expect(upload.json()).toMatchObject({
      imported: 1,
      unchanged: 1,
      rejected: [{ line: 4, field: 'country' }],
    });
    const wrongType = await inject({
      method: 'POST',
      url: '/api/v1/producers/import',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(wrongType.statusCode).toBe(400);
  });
});

describe('producer records over the API', () => {
  it('creates, reads with an ETag, refuses a stale edit (409) and keeps every version in the history', async () => {
    const created = await inject({
      method: 'POST',
      url: '/api/v1/producers',
      payload: {
        name: 'ТОО «Апиметалл»',
        other_names: [{ name: 'Apimetall LLP', lang: 'en' }],
        country: 'KZ',
        city: 'Pavlodar',
        hs_codes: ['7601'],
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    const { id } = created.json();
    expect(created.headers.location).toBe(`/api/v1/producers/${id}`);
    const again = await inject({
      method: 'POST',
      url: '/api/v1/producers',
      payload: { name: 'ТОО «Апиметалл»', country: 'KZ', city: 'Павлодар' },
    });
    expect(again.statusCode).toBe(409);

    const body = { name: 'ТОО «Апиметалл»', country: 'KZ', city: 'Pavlodar', hs_codes: ['7601', '7604'] };
    const noVersion = await inject({ method: 'PUT', url: `/api/v1/producers/${id}`, payload: body });
    expect(noVersion.statusCode).toBe(400);
    const updated = await inject({
      method: 'PUT',
      url: `/api/v1/producers/${id}`,
      headers: { 'if-match': '"1"' },
      payload: body,
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.headers.etag).toBe('"2"');
    const stale = await inject({
      method: 'PUT',
      url: `/api/v1/producers/${id}`,
      headers: { 'if-match': '"1"' },
      payload: { ...body, hs_codes: ['7601'] },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().version).toBe(2);
    const history = (await app.inject(`/api/v1/producers/${id}/history`)).json().history;
    expect(history.map((h: { version: number }) => h.version)).toEqual([1, 2]);
    expect(history[1].before.other_names).toEqual([{ name: 'Apimetall LLP', lang: 'en' }]);
    expect(history[1].after.other_names).toEqual([]);

    const lower = await inject({
      method: 'POST',
      url: '/api/v1/producers',
      payload: { name: 'Lowercase LLP', country: 'kz', export_markets: ['uz'] },
    });
    expect(lower.statusCode).toBe(201);
    expect(lower.json()).toMatchObject({ country: 'KZ', export_markets: ['UZ'] });

    const invalid = await inject({
      method: 'POST',
      url: '/api/v1/producers',
      payload: { name: 'X', country: 'KZ', hs_codes: ['99999'], national_id: '123' },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors.map((e: { field: string }) => e.field)).toContain('body.hs_codes.0');

    const deleted = await inject({
      method: 'DELETE',
      url: `/api/v1/producers/${id}`,
      headers: { 'if-match': '"2"' },
    });
    expect(deleted.statusCode).toBe(204);
    expect((await app.inject(`/api/v1/producers/${id}`)).statusCode).toBe(404);
    expect((await app.inject(`/api/v1/producers/${id}/history`)).json().history.at(-1).action).toBe('delete');
  });
});

describe('search across scripts', () => {
  it.each([
    ['Шымкентцемент', 'АО «Шымкентцемент»'],
    ['Chirchiq transformer', 'АО «Чирчикский трансформаторный завод»'],
    ["Farg'onaazot", 'АО «Ферганаазот»'],
    ['Kazzinc', 'ТОО «Казцинк»'],
    ['Qazaqmys', 'ТОО «Корпорация Казахмыс»'],
    ['Беларускалий', 'ОАО «Беларуськалий»'],
    ['Kazmunaygas', 'АО «Национальная компания «КазМунайГаз»'],
  ])('%s finds %s first', async (q, name) => {
    const result = await search(q);
    expect(result.results[0]?.name).toBe(name);
    expect(result.results[0]?.matched[0]?.field).toBe('name');
  });

  it.each([
    ['Kazcink', 'a letter wrong'],
    ['Kazzinck', 'a letter extra'],
    ['Kazinc', 'a letter missing'],
    ['Kazzicn', 'two letters swapped'],
    ['Казцинк', 'another script'],
    ['Kazzi', 'a word being typed'],
  ])('%s (%s) finds the producer of the word it stands for', async (q) => {
    const result = await search(q);
    expect(result.results.slice(0, 3).map((r) => r.name)).toContain('ТОО «Казцинк»');
  });

  it('knows the words of a producer written through the API as soon as it is written', async () => {
    const created = await inject({
      method: 'POST',
      url: '/api/v1/producers',
      payload: { name: 'ТОО «Жетысутекстильмаш»', country: 'KZ', city: 'Талдыкорган', hs_codes: ['8445'] },
    });
    expect(created.statusCode).toBe(201);
    const vocabulary = new ProducerRepository(ctx.db);
    const key = companyKey('Жетысутекстильмаш');
    expect((await vocabulary.nearWords('name', [key], 5)).map((n) => n.word)).toEqual([key]);
    // This spelling is not the one written: it is within a typo of it.
    const result = await search('Zhetisutekstilmas');
    expect(result.results[0]?.id).toBe(created.json().id);
    const renamed = await inject({
      method: 'PUT',
      url: `/api/v1/producers/${created.json().id}`,
      headers: { 'if-match': created.headers.etag as string },
      payload: { name: 'ТОО «Жетысуагромаш»', country: 'KZ', city: 'Талдыкорган', hs_codes: ['8432'] },
    });
    expect(renamed.statusCode).toBe(200);
    expect((await vocabulary.nearWords('name', [companyKey('Жетысуагромаш')], 5)).length).toBe(1);
    expect((await search('Zhetysuagromas')).results[0]?.id).toBe(created.json().id);
  });

  it('finds producers of a product from its words in any language, and says why', async () => {
    for (const q of ['медный катод', 'mis katod', 'copper cathode']) {
      const result = await search(q, { country: 'UZ' });
      expect(result.hs_codes_of_query).toContain('7403');
      expect(result.results[0]?.hs_codes).toContain('7403');
      expect(result.results[0]?.matched.map((m) => m.field)).toContain('hs');
    }
  });

  it('reads the producers of a word in many descriptions from the table, and of a rare one from the index', async () => {
    await sql`analyze producer`.execute(ctx.db);
    // The synthetic registry's cement plants describe their products alike: "Portland cement and clinker".
    const stats = await sql<{ frequent: boolean }>`
      select coalesce(sum(e.f), 0) >= 0.01 as frequent from pg_stats s
      cross join lateral unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) e(w, f)
      where s.tablename = 'producer_products_words_idx' and e.w = 'portland'`.execute(ctx.db);
    expect(stats.rows[0]?.frequent).toBe(true);
    const holds = (r: { products: string | null; hs_codes: string[] }) =>
      /portland/i.test(r.products ?? '') || r.hs_codes.includes('2523');
    for (const q of ['portland', 'portland clinker']) {
      const result = await search(q, { limit: 30 });
      expect(result.results).toHaveLength(30);
      expect(result.results.every(holds)).toBe(true);
    }
    // With a filter the words are rare among the rows read: the index finds the rest.
    const [few] = (
      await sql<{ country: string; n: number }>`
        select country, count(*)::int as n from producer where products ilike '%portland%'
        group by country order by n, country limit 1`.execute(ctx.db)
    ).rows;
    expect(few!.n).toBeGreaterThan(0);
    const filtered = await search('portland', { country: few!.country, limit: 100 });
    expect(filtered.results.filter((r) => /portland/i.test(r.products ?? ''))).toHaveLength(few!.n);
    // A word in few descriptions comes from the index as before.
    expect((await search('trousers', { limit: 5 })).results.length).toBeGreaterThan(0);
  });

  it('finds the producers of the most specific product named among many of its chapter', async () => {
    // 150 nitrogen fertilizer plants (chapter 31) and one potash mine: "калийные удобрения" names both the
    // chapter (удобрения) and potash (3104), and the mine comes first.
    const plants = Array.from(
      { length: 150 },
      (_, i) => `Tejen Azot ${i + 1},,,,TM,,,Tejen ${i + 1},,,,,,,3102,азотные удобрения,,,,`,
    );
    const file = csv('fertilizers.csv', [...plants, 'Garlyk Mining,,,,TM,,,Garlyk,,,,,,,3104,,,,,']);
    expect((await importProducers(ctx.database, openCsvFile(file), { file })).imported).toBe(151);
    const result = await search('калийные удобрения', { country: 'TM' });
    expect(result.hs_codes_of_query).toEqual(expect.arrayContaining(['31', '3104']));
    expect(result.results[0]?.name).toBe('Garlyk Mining');
    // The chapter alone finds fertilizer producers of every kind.
    const chapter = await search('удобрения', { country: 'TM', limit: 10 });
    expect(chapter.results).toHaveLength(10);
    for (const r of chapter.results) expect(r.hs_codes.some((c) => c.startsWith('31'))).toBe(true);
  });

  it('reads a query of product words as a product before names within a typo of it, but not before the name itself', async () => {
    // "oltin" is gold in Uzbek; Zholtyn (Жолтын) is one letter from it. Oltin Qum is a company of that name.
    const file = csv('gold.csv', [
      'Жолтын,Zholtyn LLP,,,KZ,,,Zhezkazgan,,,,,,,2508,,,,,',
      'Chadak Gold Mine,,,,UZ,,,Pop,,,,,,,7108,,,,,',
      'Oltin Qum,,,,UZ,,,Navoiy,,,,,,,2505,,,,,',
    ]);
    expect((await importProducers(ctx.database, openCsvFile(file), { file })).imported).toBe(3);
    const gold = await search('oltin', { country: 'KZ,UZ' });
    const rank = (name: string) => gold.results.findIndex((r) => r.name === name);
    expect(rank('Oltin Qum')).toBe(0);
    expect(rank('Chadak Gold Mine')).toBeGreaterThan(0);
    expect(rank('Chadak Gold Mine')).toBeLessThan(rank('Жолтын') < 0 ? Infinity : rank('Жолтын'));
    // A word that is not only a product's keeps the name within a typo first (Жолтын, or another company
    // of the same name).
    expect(companyKey((await search('Zholtin')).results[0]!.name)).toBe(companyKey('Жолтын'));
  });

  it('reads product words in the titles of the full nomenclature, in any letter case', async () => {
    await importHs(
      ctx.db,
      openCsvFile(join(import.meta.dirname, '../../../shared/data/hs/harmonized-system.csv')),
      {
        version: 'HS2022',
      },
    );
    const result = await search('TUNGSTEN ores');
    expect(result.hs_codes_of_query).toContain('2611');
    expect((await search('tungsten ores')).hs_codes_of_query).toEqual(result.hs_codes_of_query);
  });

  it('finds names and products typed as users type them, not as they are stored', async () => {
    // Companies of this test only, each stored under one name.
    const file = csv('typed.csv', [
      'Shoʻrsuv gaz-kimyo majmuasi,,,,UZ,,,Qarshi,,,,,,,3901,polietilen,,,,',
      'Tau-Kor Gas Polymer MChJ,,,,UZ,,,Nukus,,,,,,,3902,,,,,',
      'Oqqoʻrgʻonsement AJ,,,,UZ,,,Oqqoʻrgʻon,,,,,,,2523,,,,,',
      'Kelif nebit zawody,,,,TM,,,Kelif,,,,,,,2710,,,,,',
      'ООО «Шаоксин Баюр Керамика»,,,,TJ,,,Вахдат,,,,,,,6907,,,,,',
    ]);
    expect((await importProducers(ctx.database, openCsvFile(file), { file })).imported).toBe(5);
    const top = async (q: string, n: number) => (await search(q, { limit: n })).results.map((r) => r.name);
    // A word within a typo of the name's (Shursuv, Shoʻrsuv) beside one too short to be scored alone.
    expect(await top('Shursuv gaz', 1)).toEqual(['Shoʻrsuv gaz-kimyo majmuasi']);
    // Baur for Баюр is under the cut by trigrams, and a typo by the vocabulary; x read as English writes it.
    expect(await top('Shaoxin Baur', 1)).toEqual(['ООО «Шаоксин Баюр Керамика»']);
    // A Russian adjective of the place the name holds.
    expect(await top('Келифский', 1)).toEqual(['Kelif nebit zawody']);
    // Two words the name writes as one, its first vowel written the Uzbek way, among cement producers.
    expect(await top('Аккурган цемент', 3)).toContain('Oqqoʻrgʻonsement AJ');
    // Words too short to look up alone, one of them in another spelling (газ, Gas): any of them.
    expect(await top('Тау-Кор газ', 1)).toEqual(['Tau-Kor Gas Polymer MChJ']);
    // Every word of the query in one title of the nomenclature, in another order and number.
    const zinc = await search('zinc concentrate');
    expect(zinc.hs_codes_of_query).toContain('2608');
    expect(zinc.results[0]?.hs_codes).toContain('2608');
    // A query the lexicon reads whole is for the product: not for a name that merely begins with its word.
    const bakery = csv('bakery.csv', ['Kabelyan Foods,,,,KZ,,,Almaty,,,,,,,1905,,,,,']);
    expect((await importProducers(ctx.database, openCsvFile(bakery), { file: bakery })).imported).toBe(1);
    expect(await top('Kabelyan', 1)).toEqual(['Kabelyan Foods']);
    const cables = await search('кабель', { limit: 20 });
    expect(cables.results[0]?.hs_codes).toContain('8544');
    expect(cables.results.map((r) => r.name)).not.toContain('Kabelyan Foods');
    // Makers of trucks (8704, the lexicon's word) before tyres "for trucks" (Belshina).
    const trucks = await search('trucks', { limit: 3 });
    expect(trucks.hs_codes_of_query).toEqual(['8704']);
    expect(trucks.results[0]?.hs_codes).toContain('8704');
  });

  it('reads the spellings that English and Russian disagree on, places in adjectives, and name and product together', async () => {
    // Companies of this test only, each stored under one name.
    const file = csv('typed2.csv', [
      'ТОО «Евразия Моторс»,,,,KZ,,,Костанай,,,,,,,8703,,,,,',
      'Oʻzmetall MChJ,,,,UZ,,,Toshkent,,,,,,,7214,,,,,',
      'ТОО «Фарм Плюс»,,,,KZ,,,Актау,,,,,,,3004,,,,,',
      'ТОО «Фарм Плюс»,,,,KZ,,,Караганда,,,,,,,3004,,,,,',
      'ОсОО «Южный Бекташцемент»,,,,KG,,,Ош,,,,,,,2523,,,,,',
      'Oʻzkimyoplast MChJ,,,,UZ,,,Navoiy,,,,,,,3920,,,,,',
      'Қазтехөнеркәсіп ЖШС,,,,KZ,,,Астана,,,,,,,8479,,,,,',
      'ТОО «Мега Кабель»,,,,KZ,,,Атырау,,,,,,,8544,,,,,',
      'ТОО «Мега Кабель»,,,,KZ,,,Усть-Каменогорск,,,,,,,8544,,,,,',
      'ТОО «Кайнартас»,,,,KZ,,,Тараз,,,,,,,2523,,,,,',
      'ТОО «Кенертес»,,,,KZ,,,Тараз,,,,,,,2523,,,,,',
      'Kazavto Group LLP,,,,KZ,,,Almaty,,,,,,,8703,,,,,',
    ]);
    expect((await importProducers(ctx.database, openCsvFile(file), { file })).imported).toBe(12);
    const top = async (q: string, n: number) => (await search(q, { limit: n })).results;
    // Eurasia, Евразия: eu and -sia as Russian writes them (UzAuto Motors shares only the second word).
    expect((await top('Eurasia Motors', 1)).map((r) => r.name)).toEqual(['ТОО «Евразия Моторс»']);
    // A first word of two letters run together with the next (Uz metall, Oʻzmetall).
    expect((await top('Uz metall', 3)).map((r) => r.name)).toContain('Oʻzmetall MChJ');
    // A Russian adjective of a place (Карагандинский) is that place: of two companies of one name, the one there.
    expect((await top('Карагандинский Фарм Плюс', 1)).map((r) => r.city)).toEqual(['Караганда']);
    // One word translated (South, Южный): of the makers of cement, the one whose name holds the other two.
    expect((await top('South Bektash Cement', 1)).map((r) => r.name)).toEqual(['ОсОО «Южный Бекташцемент»']);
    // Parts of a compound name translated, not spelled: хим-, kimyo; -пром, өнеркәсіп.
    expect((await top('Узхимпласт', 1)).map((r) => r.name)).toEqual(['Oʻzkimyoplast MChJ']);
    expect((await top('Kaztekhprom', 1)).map((r) => r.name)).toEqual(['Қазтехөнеркәсіп ЖШС']);
    // A word's near words by consonants (Кенертес for Кайнартас) are read, and its close ones on their own
    // too: among a million names, thousands share the consonants, and any few hundred of them were read.
    const near = await new ProducerRepository(ctx.db).wordQueries('name', [['kainartas']], 20);
    expect(near.all).toContain('kenertes');
    expect(near.close).toBe('(kainartas)');
    expect(near.eachClose).toEqual(['(kainartas)']);
    // Two words that run together are a name's word exactly: before names that merely hold the second
    // (Kazavto before the demo's автомобильный заводы).
    expect((await top('Kaz avto', 1)).map((r) => r.name)).toEqual(['Kazavto Group LLP']);
    // A city's other name (Öskemen, Усть-Каменогорск), in the query and in the region filter.
    expect((await top('Мега Кабель Öskemen', 1)).map((r) => r.city)).toEqual(['Усть-Каменогорск']);
    const oskemen = await search('', { region: 'Oskemen', limit: 100 });
    expect(oskemen.results.map((r) => r.name)).toContain('ТОО «Мега Кабель»');
    expect(
      oskemen.results.every((r) => /Усть-Каменогорск|Ust-Kamenogorsk|Өскемен|Oskemen/i.test(`${r.city}`)),
    ).toBe(true);
  });

  it('reads brands that translate a part, English adjectives of place, дж for j, and the nearer of names alike', async () => {
    // Companies of this test only. Of those alike by their consonants, the nearer spelling is written last.
    const file = csv('typed3.csv', [
      'АО «Сибхим»,,,,RU,,,Омск,,,,,,,2815,,,,,',
      'ОАО «Кирпичный завод Восток»,,,,RU,,,Омск,,,,,,,6904,,,,,',
      'ОАО «Сибирский кирпичный завод»,,,,RU,,,Новосибирск,,,,,,,6904,,,,,',
      'ТОО «Нур Шир»,,,,TJ,,,Душанбе,,,,,,,0401,,,,,',
      'ТОО «Нур Шир»,,,,TJ,,,Худжанд,,,,,,,0401,,,,,',
      'ТОО «Бирекер»,,,,KZ,,,Тараз,,,,,,,9403,,,,,',
      'ТОО «Бурукор»,,,,KZ,,,Тараз,,,,,,,9403,,,,,',
      'ТОО «Баркюр»,,,,KZ,,,Тараз,,,,,,,9403,,,,,',
      'ТОО «Жаңа Ет»,,,,KZ,,,Семей,,,,,,,0207,говядина и баранина,,,,',
      'ТОО «Тау Құс»,,,,KZ,,,Семей,,,,,,,0207,мясо птицы,,,,',
    ]);
    expect((await importProducers(ctx.database, openCsvFile(file), { file })).imported).toBe(10);
    const first = async (q: string) => (await search(q, { limit: 1 })).results[0];
    // An English brand's part for the Russian one: -chem for -хим.
    expect((await first('Sibchem'))?.name).toBe('АО «Сибхим»');
    // An English adjective of place in -ian for the Russian one in -ский: of two brick plants, the Siberian.
    expect((await first('Siberian Brick Plant'))?.name).toBe('ОАО «Сибирский кирпичный завод»');
    // Khujand for Худжанд (the key keeps Cyrillic д+ж apart): of two companies of one name, the one there.
    expect((await first('Нур Шир Khujand'))?.city).toBe('Худжанд');
    const khujand = await search('', { region: 'Khujand', limit: 100 });
    expect(khujand.results.map((r) => `${r.name} ${r.city}`)).toContain('ТОО «Нур Шир» Худжанд');
    expect(khujand.results.every((r) => /Худжанд|Khujand|Xoʻjand|Хуҷанд/i.test(`${r.city}`))).toBe(true);
    // Three names of the same consonants: the one a letter away from the query first.
    expect((await first('Barkur'))?.name).toBe('ТОО «Баркюр»');
    // Of two producers of the code the query names, the one whose description holds its words first.
    expect((await first('мясо птицы'))?.name).toBe('ТОО «Тау Құс»');
  });

  it('reads nationalities, a city’s other name in an adjective, translated coal, short words and words run together', async () => {
    // Companies of this test only.
    const file = csv('typed4.csv', [
      'ТОО «Казахско-турецкий кирпичный завод»,,,,KZ,,,Тараз,,,,,,,6904,,,,,',
      'ТОО «Турецкий кирпичный завод»,,,,KZ,,,Тараз,,,,,,,6904,,,,,',
      'ТОО «Казахский кирпичный завод»,,,,KZ,,,Тараз,,,,,,,6904,,,,,',
      'ТОО «Усть-Каменогорская швейная фабрика»,,,,KZ,,,Глубокое,,,,,,,6203,,,,,',
      'ТОО «Майкөмір»,,,,KZ,,,Майкаин,,,,,,,2701,,,,,',
      'ОсОО «Ата Бал»,,,,KG,,,Бишкек,,,,,,,0409,,,,,',
      ...['Алабалтау', 'Тоосубал', 'Кенсубал'].map((n) => `ОсОО «${n}»,,,,KG,,,Бишкек,,,,,,,0409,,,,,`),
      'ТОО «Жаркынтау»,,,,KZ,,,Кокшетау,,,,,,,9403,,,,,',
      ...['Кокшетау', 'Караганда', 'Костанай'].map((c) => `ТОО «Жаркын»,,,,KZ,,,${c},,,,,,,9403,,,,,`),
    ]);
    expect((await importProducers(ctx.database, openCsvFile(file), { file })).imported).toBe(13);
    const names = async (q: string) => (await search(q, { limit: 10 })).results.map((r) => r.name);
    // English nationalities for Russian adjectives joined by -о-: the Kazakh-Turkish plant before either.
    expect((await names('Kazakh-Turkish brick'))[0]).toBe('ТОО «Казахско-турецкий кирпичный завод»');
    // Öskemen in the adjective of its Russian name, with no city to say so.
    expect(await names('Öskemen')).toContain('ТОО «Усть-Каменогорская швейная фабрика»');
    // уголь and көмір, parts of a compound name.
    expect((await names('Майуголь'))[0]).toBe('ТОО «Майкөмір»');
    // Words of three letters the name holds, where the city alone names every producer there.
    expect((await names('Ata Bal Bishkek'))[0]).toBe('ОсОО «Ата Бал»');
    // Two words a name runs together, before the names holding one of them.
    expect((await names('Жаркын Тау'))[0]).toBe('ТОО «Жаркынтау»');
  });

  it('leaves out the words nothing knows when nothing matches them all, and says so', async () => {
    // A word of the nomenclature's titles only (accordions, 9205), beside a word nothing knows.
    await importHs(
      ctx.db,
      openCsvFile(join(import.meta.dirname, '../../../shared/data/hs/harmonized-system.csv')),
      {
        version: 'HS2022',
      },
    );
    const file = csv('ignored.csv', [
      'ТОО «Сазгер»,,,,KZ,,,Алматы,,,,,,,9205,,,,,',
      'ТОО «Әуен»,,,,KZ,,,Астана,,,,,,,9205,,,,,',
    ]);
    expect((await importProducers(ctx.database, openCsvFile(file), { file })).imported).toBe(2);
    const result = await search('zqxwvj accordions');
    expect(result.ignored_words).toEqual(['zqxwvj']);
    expect(result.results.map((r) => r.name)).toContain('ТОО «Сазгер»');
    const api = await app.inject('/api/v1/producers?q=zqxwvj%20accordions');
    expect(api.json().ignored_words).toEqual(['zqxwvj']);
    // Its pages go on without the word, as the first did.
    const first = await search('zqxwvj accordions', { limit: 1 });
    expect(first.next_cursor).not.toBeNull();
    const next = await search('zqxwvj accordions', { limit: 1, cursor: first.next_cursor });
    expect(next.ignored_words).toEqual(['zqxwvj']);
    expect(next.results.length).toBe(1);
    expect(next.results[0]?.id).not.toBe(first.results[0]?.id);
    // Found with every word: none ignored. No word known: nothing found, and nothing said to be ignored.
    const cement = await search('zqxwvj цемент');
    expect(cement.ignored_words).toEqual([]);
    expect(cement.results.length).toBeGreaterThan(0);
    const none = await search('zqxwvj qqzzvv');
    expect([none.total, none.ignored_words]).toEqual([0, []]);
  });

  it('finds a name as typed among hundreds of names one letter from it', async () => {
    // 450 companies named one letter away (Bormaks, Kormaks), written first (in key order): the branch of the
    // word and its typos reads a few hundred of them, in the table's order; the name as typed has its own.
    const file = csv('neighbours.csv', [
      ...Array.from({ length: 450 }, (_, i) => `ТОО «Бормакс»,,,,KZ,,,Город ${i + 1},,,,,,,9403,,,,,`),
      'ТОО «Кормакс»,,,,KZ,,,Кокшетау,,,,,,,9403,,,,,',
    ]);
    expect((await importProducers(ctx.database, openCsvFile(file), { file })).imported).toBe(451);
    expect((await search('Kormaks', { limit: 1 })).results[0]?.name).toBe('ТОО «Кормакс»');
  });

  it('filters by country, HS prefix, region in any spelling, export market and certification, with facets', async () => {
    const all = await search('', { hs: '7403' });
    expect(all.total).toBeGreaterThan(5);
    expect(all.results.every((r) => r.hs_codes.some((c) => c.startsWith('7403')))).toBe(true);
    const karaganda = await search('', { region: 'Қарағанды' });
    expect(karaganda.total).toBeGreaterThan(0);
    expect(
      karaganda.results.every((r) => /karaganda|қарағанды|караганда/i.test(`${r.city} ${r.region}`)),
    ).toBe(true);
    expect((await search('Kazakhmys', { region: 'Qaraǵandy' })).results[0]?.name).toBe(
      'ТОО «Корпорация Казахмыс»',
    );
    const market = await search('', { market: 'IT', country: 'KZ' });
    expect(market.results.map((r) => r.name).sort()).toEqual(
      ['АО «Национальная компания «КазМунайГаз»', 'ТОО «Тенгизшевройл»'].sort(),
    );
    const certified = await search('', { certification: 'iso 9001', limit: 100 });
    expect(certified.results.every((r) => r.certifications.includes('ISO 9001'))).toBe(true);
    const facets = await search('cement');
    expect(facets.facets.hs_chapter[0]).toMatchObject({ value: '25' });
    expect(facets.facets.country.reduce((s, f) => s + f.count, 0)).toBe(facets.total);
  });

  it('matches only names in the script typed when asked', async () => {
    await inject({
      method: 'POST',
      url: '/api/v1/producers',
      payload: { name: 'ТОО «Жолкенмет»', country: 'KZ', city: 'Almaty' },
    });
    expect((await search('Zholkenmet')).results[0]?.name).toBe('ТОО «Жолкенмет»');
    expect((await search('Zholkenmet', { same_script: true })).results.map((r) => r.name)).not.toContain(
      'ТОО «Жолкенмет»',
    );
    expect((await search('Жолкенмет', { same_script: true })).results[0]?.name).toBe('ТОО «Жолкенмет»');
  });

  it('pages through results with a cursor, without repeats', async () => {
    const seen = new Set<number>();
    let cursor: string | undefined;
    for (let page = 0; page < 4; page++) {
      const result = await search('цемент', { limit: 5, ...(cursor ? { cursor } : {}) });
      for (const r of result.results) {
        expect(seen.has(r.id)).toBe(false);
        seen.add(r.id);
      }
      if (!result.next_cursor) break;
      cursor = result.next_cursor;
    }
    expect(seen.size).toBeGreaterThan(5);
    const forged = await app.inject('/api/v1/producers?q=x&cursor=bm90LWEtY3Vyc29y');
    expect(forged.statusCode).toBe(400);
  });

  it('finds what the relevance set asks for (recall@10 ≥ 0.95)', async () => {
    const report = await evaluateSearch((q, country) => searchForEvaluation(ctx.db, q, country));
    expect(report.misses).toEqual([]);
    expect(report.recall_at_10).toBeGreaterThanOrEqual(0.95);
    expect(report.mrr).toBeGreaterThanOrEqual(0.85);
  }, 120_000);

  it('finds real producers stored under one name only, typed in another script or spelling', async () => {
    const file = csv('single-name.csv', singleNameRows());
    const imported = await importProducers(ctx.database, openCsvFile(file), { file });
    expect(imported.rejected).toEqual([]);
    const report = await evaluateSearch(
      (q, country) => searchForEvaluation(ctx.db, q, country),
      SINGLE_NAME_QUERIES,
    );
    // What it misses is translation (Bakı Polad for Baku Steel; Belarusian spellings), not spelling.
    expect(report.recall_at_10).toBeGreaterThanOrEqual(0.95);
    expect(report.mrr).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});

describe('duplicates and merges', () => {
  it('lists producers with the same website as candidates and merges them, keeping every name and source', async () => {
    const a = await inject({
      method: 'POST',
      url: '/api/v1/producers',
      payload: {
        name: 'ТОО «Дублькен»',
        country: 'KZ',
        city: 'Almaty',
        website: 'https://dublken.kz',
        hs_codes: ['2523'],
      },
    });
    const b = await inject({
      method: 'POST',
      url: '/api/v1/producers',
      payload: {
        name: 'Dublken LLP',
        country: 'KZ',
        city: 'Алматы',
        website: 'https://www.dublken.kz/en',
        hs_codes: ['6810'.slice(0, 2)],
        export_markets: ['KG'],
      },
    });
    const [idA, idB] = [a.json().id, b.json().id];
    const list = (await app.inject(`/api/v1/producers/${idA}/duplicates`)).json();
    expect(list.items).toContainEqual(
      expect.objectContaining({
        a: expect.objectContaining({ id: idA }),
        b: expect.objectContaining({ id: idB }),
        reason: 'website',
      }),
    );
    const country = (await app.inject('/api/v1/producers/duplicates?country=KZ&limit=200')).json();
    expect(
      country.items.some((d: { a: { id: number }; b: { id: number } }) => d.a.id === idA && d.b.id === idB),
    ).toBe(true);

    const stale = await inject({
      method: 'POST',
      url: `/api/v1/producers/${idA}/merge`,
      headers: { 'if-match': '"7"' },
      payload: { from: idB },
    });
    expect(stale.statusCode).toBe(409);
    const merged = await inject({
      method: 'POST',
      url: `/api/v1/producers/${idA}/merge`,
      headers: { 'if-match': '"1"' },
      payload: { from: idB },
    });
    expect(merged.statusCode).toBe(200);
    const producer = merged.json();
    expect(producer.other_names.map((n: { name: string }) => n.name)).toEqual(['Dublken LLP']);
    expect(producer.hs_codes).toEqual(['2523', '68']);
    expect(producer.export_markets).toEqual(['KG']);
    expect(producer.sources.map((s: { kind: string; reference: string }) => [s.kind, s.reference])).toEqual([
      ['api', expect.stringMatching(/^tester-admin-/)],
      ['merge', `producer ${idB}`],
    ]);
    const gone = await app.inject(`/api/v1/producers/${idB}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().detail).toMatch(new RegExp(`merged into producer ${idA}`));
    expect((await search('Dublken')).results.map((r) => r.id)).toEqual([idA]);
  });
});

describe('matchmaking', () => {
  it('ranks producers for a buyer’s request with the reasons for each', async () => {
    const response = await inject({
      method: 'POST',
      url: '/api/v1/match',
      payload: { product: 'медный катод', destination: 'UZ', quantity: '500 t', limit: 5 },
    });
    expect(response.statusCode).toBe(200);
    const { request, results } = response.json();
    expect(request).toMatchObject({ hs_codes: ['74', '7403'], destination: 'UZ', quantity_tonnes: 500 });
    expect(results.length).toBe(5);
    expect(results[0].reasons.map((r: { kind: string }) => r.kind)).toContain('hs');
    for (let i = 1; i < results.length; i++)
      expect(results[i - 1].score).toBeGreaterThanOrEqual(results[i].score);
    const empty = await inject({ method: 'POST', url: '/api/v1/match', payload: { destination: 'UZ' } });
    expect(empty.statusCode).toBe(400);
  });
});
