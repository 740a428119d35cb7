import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/db.js';
import type { AppContext } from '../context.js';
import { reviewCounts } from '../documents/index.js';
import { listReported, targetsWithProgress } from '../trade/index.js';
import { ingestDemoDocuments, loadDemoData } from './index.js';

let ctx: AppContext;
beforeAll(async () => {
  ctx = await testContext();
});
afterAll(async () => ctx?.close());

describe('demo data', () => {
  it('ingests the seed articles for review once, leaving their facts pending', async () => {
    const seeds = new URL('../../../shared/corpus/seeds', import.meta.url).pathname;
    expect(await ingestDemoDocuments(ctx.db, seeds)).toEqual({ ingested: 5 });
    const pending = (await reviewCounts(ctx.db)).pending ?? 0;
    expect(pending).toBeGreaterThan(20);
    expect(await ingestDemoDocuments(ctx.db, seeds)).toEqual({ ingested: 0 });
    expect((await reviewCounts(ctx.db)).pending).toBe(pending);
  });

  it('loads once, and a second load changes nothing', async () => {
    expect(await loadDemoData(ctx.db)).toEqual({ loaded: true });
    const reported = await listReported(ctx.db);
    const targets = await targetsWithProgress(ctx.db);
    expect(await loadDemoData(ctx.db)).toEqual({ loaded: false });
    expect((await listReported(ctx.db)).length).toBe(reported.length);
    expect((await targetsWithProgress(ctx.db)).length).toBe(targets.length);
  });

  it('cites a title, publisher and date for every figure and target, and no sentence of the articles', async () => {
    for (const r of await listReported(ctx.db)) {
      expect(r.sources.length).toBeGreaterThan(0);
      for (const s of r.sources) {
        expect(s.title).toBeTruthy();
        expect(s.publisher).toBeTruthy();
        expect(s.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(s.quote).toBeNull();
      }
    }
    const targets = await targetsWithProgress(ctx.db, 'KZ-UZ');
    expect(
      targets.some(
        (t) => t.value === 10e9 && t.horizon === 'medium' && t.source.publisher === 'primeminister.kz',
      ),
    ).toBe(true);
  });

  it('keeps the same figure from two articles as one, and flags the contradicting ones', async () => {
    const kzuz = await listReported(ctx.db, 'KZ-UZ');
    const elevenMonths = kzuz.find(
      (r) => r.period.from === '2023-01' && r.period.to === '2023-11' && r.flow === 'turnover',
    );
    expect(elevenMonths?.sources.length).toBe(2);
    const year = kzuz.filter(
      (r) => r.period.from === '2023-01' && r.period.to === '2023-12' && r.flow === 'turnover',
    );
    expect(year.length).toBe(2);
    expect(year.every((r) => r.conflict)).toBe(true);
  });
});
