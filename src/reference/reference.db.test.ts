import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/db.js';
import type { AppContext } from '../context.js';
import { openCsvFile } from '../lib/index.js';
import {
  blocMembersOn,
  browseHs,
  ensureReferenceData,
  getBloc,
  getCountry,
  importHs,
  listBlocs,
  listCountries,
  referenceCounts,
} from './index.js';

let ctx: AppContext;
beforeAll(async () => {
  ctx = await testContext();
});
afterAll(async () => ctx?.close());

const SHARED_HS = new URL('../../../shared/data/hs/harmonized-system.csv', import.meta.url);

describe('countries', () => {
  it('holds every ISO 3166-1 country once', async () => {
    const countries = await listCountries(ctx.db);
    expect(countries.length).toBeGreaterThanOrEqual(249);
    expect(new Set(countries.map((c) => c.code)).size).toBe(countries.length);
    expect(new Set(countries.map((c) => c.alpha3)).size).toBe(countries.length);
  });

  it('names Kazakhstan in all eight languages', async () => {
    const kz = await getCountry(ctx.db, 'KZ');
    expect(Object.keys(kz.names).sort()).toEqual(['be', 'en', 'kk', 'ky', 'ru', 'tg', 'tk', 'uz']);
    expect(kz.names).toMatchObject({ en: 'Kazakhstan', ru: 'Казахстан', kk: 'Қазақстан', uz: 'Qozogʻiston' });
    expect(kz).toMatchObject({ alpha3: 'KAZ', numeric: '398', m49: null });
  });

  it('finds a country by alpha-3, numeric and UN statistical codes', async () => {
    expect((await getCountry(ctx.db, 'uzb')).code).toBe('UZ');
    expect((await getCountry(ctx.db, '417')).code).toBe('KG');
    expect((await getCountry(ctx.db, '842')).code).toBe('US');
    await expect(getCountry(ctx.db, 'QQ')).rejects.toThrow(/no country/);
  });

  it('searches names in any language', async () => {
    expect((await listCountries(ctx.db, 'Кыргыз')).map((c) => c.code)).toContain('KG');
    expect((await listCountries(ctx.db, 'Qozog')).map((c) => c.code)).toEqual(['KZ']);
  });
});

describe('blocs', () => {
  it('lists four EAEU members on 2015-03-01, Kyrgyzstan not yet', async () => {
    expect(await blocMembersOn(ctx.db, 'EAEU', '2015-03-01')).toEqual(['AM', 'BY', 'KZ', 'RU']);
    expect(await blocMembersOn(ctx.db, 'EAEU', '2015-08-12')).toEqual(['AM', 'BY', 'KG', 'KZ', 'RU']);
    expect(await blocMembersOn(ctx.db, 'EAEU', '2015-01-01')).toEqual(['BY', 'KZ', 'RU']);
    expect(await blocMembersOn(ctx.db, 'EAEU', '2014-12-31')).toEqual([]);
  });

  it('keeps membership history: the UK in the EU until 2020, Georgia in the CIS until 2009', async () => {
    expect(await blocMembersOn(ctx.db, 'EU', '2020-01-31')).toContain('GB');
    expect(await blocMembersOn(ctx.db, 'EU', '2020-02-01')).not.toContain('GB');
    expect(await blocMembersOn(ctx.db, 'CIS', '2005-01-01')).toContain('GE');
    expect(await blocMembersOn(ctx.db, 'CIS', '2010-01-01')).not.toContain('GE');
    const cis = await getBloc(ctx.db, 'CIS', '2010-01-01');
    expect(cis.members.find((m) => m.country === 'TM')?.role).toBe('associate');
  });

  it('holds the five Central Asian states and the SCO enlargements', async () => {
    expect(await blocMembersOn(ctx.db, 'CENTRAL_ASIA', '2024-01-01')).toEqual(['KG', 'KZ', 'TJ', 'TM', 'UZ']);
    expect(await blocMembersOn(ctx.db, 'SCO', '2024-07-03')).not.toContain('BY');
    expect(await blocMembersOn(ctx.db, 'SCO', '2024-07-04')).toContain('BY');
    const blocs = await listBlocs(ctx.db, '2024-01-01');
    expect(blocs.map((b) => b.code)).toEqual(['CENTRAL_ASIA', 'CIS', 'EAEU', 'EU', 'SCO']);
  });
});

describe('loading reference data', () => {
  it('loads nothing again when the stored data is current, and duplicates nothing', async () => {
    const before = await referenceCounts(ctx.db);
    expect((await ensureReferenceData(ctx.db)).loaded).toBe(false);
    await sql`delete from reference_load`.execute(ctx.db);
    expect((await ensureReferenceData(ctx.db)).loaded).toBe(true);
    expect(await referenceCounts(ctx.db)).toEqual(before);
    expect(before.hsCodes).toBeGreaterThanOrEqual(97);
    expect(before.currencies).toBeGreaterThan(150);
  });
});

describe('HS nomenclature', () => {
  it('holds the 97 chapters and 21 sections with short titles', async () => {
    const page = await browseHs(ctx.db, { limit: 200 });
    const chapters = page.items.filter((i) => i.level === 2 && Number(i.code) <= 97);
    expect(chapters).toHaveLength(97);
    expect(chapters.find((c) => c.code === '74')).toMatchObject({
      title: 'Copper',
      section: 'XV',
      version: 'HS2022',
    });
    expect(new Set(chapters.map((c) => c.section)).size).toBe(21);
  });

  it('imports the full nomenclature file, then finds nothing to change on a second import', async () => {
    const file = existsSync(SHARED_HS) ? SHARED_HS.pathname : writeSmallNomenclature();
    const expected = Papa.parse<{ hscode: string; level: string }>(
      readFileSync(file, 'utf8').replace(/^\uFEFF/, ''),
      { header: true, skipEmptyLines: true },
    ).data;
    const codes = expected.filter((r) => r.hscode !== 'TOTAL');
    const first = await importHs(ctx.db, openCsvFile(file), { version: 'HS2022' });
    expect(first.rejected).toEqual([]);
    expect(first.imported + first.updated).toBe(codes.length - first.unchanged);
    expect(first.imported).toBe(
      codes.length - codes.filter((r) => r.level === '2' && Number(r.hscode) <= 97).length,
    );
    const second = await importHs(ctx.db, openCsvFile(file), { version: 'HS2022' });
    expect(second).toMatchObject({ imported: 0, updated: 0, unchanged: codes.length, rejected: [] });

    const search = await browseHs(ctx.db, { q: 'copper cathodes' });
    expect(search.items.map((i) => i.code)).toContain('740311');
    const children = await browseHs(ctx.db, { parent: '7403' });
    expect(children.items.every((i) => i.parent === '7403' && i.level === 6)).toBe(true);
    expect(children.items.length).toBeGreaterThan(0);
  });

  it('writes the titles straight into their search indexes (an import leaves no pending list for every search to read)', async () => {
    const indexes = await sql<{ name: string; options: string[] | null }>`
      select c.relname as name, c.reloptions as options from pg_index i join pg_class c on c.oid = i.indexrelid
      join pg_am a on a.oid = c.relam
      where i.indrelid = 'hs_code'::regclass and a.amname = 'gin' order by 1`.execute(ctx.db);
    expect(indexes.rows.map((r) => r.name)).toEqual(['hs_code_title_trgm_idx', 'hs_code_title_words_idx']);
    for (const index of indexes.rows) expect(index.options).toContain('fastupdate=off');
  });

  it('reports each bad row with its line and field while the good rows go in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keruen-hs-'));
    const file = join(dir, 'bad.csv');
    writeFileSync(
      file,
      [
        'section,hscode,description,parent,level',
        'XV,7499,Imaginary heading,74,4',
        'XV,749,Too short,74,3',
        'XV,749901,Imaginary subheading,7498,6',
        'XV,749902,,7499,6',
        'XV,749903,Good subheading,7499,6',
      ].join('\n'),
    );
    const report = await importHs(ctx.db, openCsvFile(file), { version: 'HS2099' });
    expect(report.imported).toBe(2);
    expect(report.rejected.map((r) => [r.line, r.field])).toEqual([
      [3, 'hscode'],
      [4, 'parent'],
      [5, 'description'],
    ]);
    const stored = await browseHs(ctx.db, { parent: '7499', version: 'HS2099' });
    expect(stored.items.map((i) => i.code)).toEqual(['749903']);
  });

  it('refuses a file without the required columns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keruen-hs-'));
    const file = join(dir, 'wrong.csv');
    writeFileSync(file, 'code,name\n01,Animals\n');
    await expect(importHs(ctx.db, openCsvFile(file), { version: 'HS2022' })).rejects.toThrow(/hscode/);
  });

  it('pages by keyset without repeating or skipping a code', async () => {
    const all = await browseHs(ctx.db, { parent: '84', limit: 200 });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await browseHs(ctx.db, { parent: '84', limit: 7, cursor });
      seen.push(...page.items.map((i) => i.code));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i) => i.code));
  });
});

function writeSmallNomenclature(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keruen-hs-'));
  const file = join(dir, 'hs.csv');
  writeFileSync(
    file,
    [
      'section,hscode,description,parent,level',
      'XV,74,Copper and articles thereof,TOTAL,2',
      'XV,7403,"Copper; refined and copper alloys, unwrought",74,4',
      'XV,740311,"Copper; refined, unwrought, cathodes and sections of cathodes",7403,6',
      'XVI,84,"Nuclear reactors, boilers, machinery",TOTAL,2',
      'XVI,8401,Nuclear reactors,84,4',
      'XVI,8402,Steam boilers,84,4',
      'TOTAL,TOTAL,Total of all HS2022 commodities,TOTAL,5',
    ].join('\n'),
  );
  return file;
}
