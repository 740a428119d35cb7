import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injector, tokenFor } from '../../test/support/auth.js';
import { testContext } from '../../test/support/db.js';
import type { AppContext } from '../context.js';
import { ConflictError, ValidationError } from '../errors.js';
import { buildServer, type Server } from '../http/index.js';
import { listReported, listTargetRecords } from '../trade/index.js';
import { decideFact, getDocument, ingestDocument, reviewQueue } from './index.js';

const SEEDS = new URL('../../../shared/corpus/seeds/', import.meta.url).pathname;

let ctx: AppContext;
let app: Server;
/** The API as an administrator's script calls it. */
let inject: ReturnType<typeof injector>;
beforeAll(async () => {
  ctx = await testContext();
  app = await buildServer(ctx);
  inject = injector(app, await tokenFor(ctx));
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

function doc(id: string, published: string, body: string): string {
  return `---\nid: ${id}\ntitle: ${id}\npublisher: example.org\npublished: ${published}\n---\n${body}`;
}

async function acceptAll(kinds: string[]): Promise<number> {
  let accepted = 0;
  for (;;) {
    const page = await reviewQueue(ctx.db, { limit: 200 });
    const todo = page.facts.filter((f) => kinds.includes(f.kind));
    if (todo.length === 0) return accepted;
    for (const f of todo) {
      await decideFact(ctx.db, f.id, { action: 'accept', version: f.version, reviewer: 'test' });
      accepted++;
    }
  }
}

describe('ingesting documents', () => {
  it('stores each seed once with its facts pending, and ignores a second ingestion', async () => {
    const files = readdirSync(SEEDS)
      .filter((f) => f.endsWith('.md'))
      .sort();
    let facts = 0;
    for (const f of files) {
      const result = await ingestDocument(
        ctx.db,
        readFileSync(join(SEEDS, f), 'utf8'),
        f,
        '2026-01-01',
        'tester',
      );
      expect(result.created).toBe(true);
      facts += result.document.facts.length;
      for (const fact of result.document.facts) {
        expect(result.document.body.slice(fact.span[0], fact.span[1])).toBe(fact.quote);
        expect(fact.status).toBe('pending');
      }
    }
    expect(facts).toBeGreaterThan(files.length);
    const again = await ingestDocument(
      ctx.db,
      readFileSync(join(SEEDS, files[0]!), 'utf8'),
      files[0]!,
      '2026-01-01',
      'tester',
    );
    expect(again.created).toBe(false);
  });

  it('lists pending facts with their sentence in context', async () => {
    const page = await reviewQueue(ctx.db, { kind: 'trade_target', limit: 5 });
    expect(page.facts.length).toBeGreaterThan(0);
    for (const item of page.facts) {
      expect(item.context.quote).toBe(item.quote);
      expect(item.document.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('turns the seeds’ accepted trade facts into reported figures and targets that link to their sentences', async () => {
    await acceptAll(['trade_turnover', 'trade_target']);
    const reported = await listReported(ctx.db);
    const targets = await listTargetRecords(ctx.db);
    // seed002: "At the end of last year … amounted to $4.5 billion" and the $10 billion goal in the medium term.
    const kzuz2023 = reported.filter(
      (r) =>
        'countries' in r.scope &&
        r.scope.countries.join() === 'KZ,UZ' &&
        r.period.from === '2023-01' &&
        r.period.to === '2023-12' &&
        r.flow === 'turnover',
    );
    expect(kzuz2023.map((r) => r.value).sort()).toEqual([4.4e9, 4.5e9]);
    // Two figures for one scope and period more than 1% apart: both kept, both flagged.
    expect(kzuz2023.every((r) => r.conflict)).toBe(true);
    expect(
      targets.some((t) => t.value === 10e9 && t.horizon === 'medium' && t.stated_on === '2024-07-12'),
    ).toBe(true);
    expect(targets.some((t) => t.value === 3e9 && t.by === '2030')).toBe(true);
    for (const r of reported) {
      expect(r.sources.length).toBeGreaterThan(0);
      for (const s of r.sources) {
        const document = await getDocument(ctx.db, s.document_id!);
        expect(document.body.slice(s.span![0], s.span![1])).toBe(s.quote);
      }
    }
  });

  it('keeps the same figure from two documents as one observation with two sources', async () => {
    const a = await ingestDocument(
      ctx.db,
      doc('a', '2024-03-01', 'In 2023, trade between Armenia and Belarus reached $1.2 billion.'),
      'a',
      '2026-01-01',
      'tester',
    );
    const b = await ingestDocument(
      ctx.db,
      doc('b', '2024-04-01', 'Last year, trade between Belarus and Armenia came to $1.205 billion.'),
      'b',
      '2026-01-01',
      'tester',
    );
    for (const d of [a, b]) {
      const f = d.document.facts.find((x) => x.kind === 'trade_turnover')!;
      await decideFact(ctx.db, f.id, { action: 'accept', version: f.version, reviewer: 'test' });
    }
    const am = (await listReported(ctx.db, 'AM-BY')).filter((r) => r.period.from === '2023-01');
    expect(am).toHaveLength(1);
    expect(am[0]!.sources.map((s) => s.document_id).sort()).toEqual([a.document.id, b.document.id].sort());
    expect(am[0]!.conflict).toBe(false);
  });
});

describe('decisions', () => {
  async function pendingTrade() {
    const d = await ingestDocument(
      ctx.db,
      doc(
        `c-${Math.random()}`,
        '2024-05-01',
        `In 2023, trade between Georgia and Kyrgyzstan reached $${(Math.random() * 100 + 10).toFixed(1)} million.`,
      ),
      'c',
      '2026-01-01',
      'tester',
    );
    return d.document.facts[0]!;
  }

  it('refuses a decision on a stale version with the current one', async () => {
    const f = await pendingTrade();
    await decideFact(ctx.db, f.id, {
      action: 'reject',
      version: f.version,
      reviewer: 'first',
      reason: 'wrong pair',
    });
    const error = await decideFact(ctx.db, f.id, {
      action: 'accept',
      version: f.version,
      reviewer: 'second',
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).details.current_version).toBe(f.version + 1);
  });

  it('accepts an edited fact, keeping the proposal, and records the edited value', async () => {
    const f = await pendingTrade();
    const view = await decideFact(ctx.db, f.id, {
      action: 'accept',
      version: f.version,
      reviewer: 'editor',
      edited: { value: 77e6, bound: 'about' },
    });
    expect(view).toMatchObject({
      status: 'accepted',
      decided_by: 'editor',
      applied: true,
      edited: { value: 77e6, bound: 'about' },
    });
    expect(view.proposed.value).toBe(f.proposed.value);
    const reported = await listReported(ctx.db, 'GE-KG');
    expect(reported.some((r) => r.value === 77e6 && r.bound === 'about')).toBe(true);
  });

  it('refuses an edit that breaks the contract of the kind, changing nothing', async () => {
    const f = await pendingTrade();
    const error = await decideFact(ctx.db, f.id, {
      action: 'accept',
      version: f.version,
      reviewer: 'x',
      edited: { value: -5, currency: 'dollars' },
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.field).sort()).toEqual([
      'edited.currency',
      'edited.value',
    ]);
    const still = (await reviewQueue(ctx.db, { limit: 200 })).facts.find((x) => x.id === f.id);
    expect(still?.status).toBe('pending');
  });

  it('needs a reason to reject', async () => {
    const f = await pendingTrade();
    await expect(
      decideFact(ctx.db, f.id, { action: 'reject', version: f.version, reviewer: 'x', reason: '  ' }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('documents API', () => {
  it('ingests a posted document (201), then finds it already stored (200)', async () => {
    const content = doc(
      'api-1',
      '2024-06-01',
      'In 2023, trade between Mongolia and Kazakhstan reached $500 million.',
    );
    const first = await inject({ method: 'POST', url: '/api/v1/documents', payload: { content } });
    expect(first.statusCode).toBe(201);
    expect(first.json().facts[0]).toMatchObject({ kind: 'trade_turnover', status: 'pending' });
    const second = await inject({ method: 'POST', url: '/api/v1/documents', payload: { content } });
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
  });

  it('accepts with If-Match, refuses without it, and answers a stale one with 409', async () => {
    const content = doc(
      'api-2',
      '2024-06-01',
      'In 2023, trade between Mongolia and Uzbekistan reached $90 million.',
    );
    const fact = (await inject({ method: 'POST', url: '/api/v1/documents', payload: { content } })).json()
      .facts[0];
    const missing = await inject({ method: 'POST', url: `/api/v1/facts/${fact.id}/accept`, payload: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('If-Match');
    const ok = await inject({
      method: 'POST',
      url: `/api/v1/facts/${fact.id}/accept`,
      headers: { 'if-match': `"${fact.version}"` },
      payload: { reviewer: 'api' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe(`"${fact.version + 1}"`);
    const stale = await inject({
      method: 'POST',
      url: `/api/v1/facts/${fact.id}/reject`,
      headers: { 'if-match': `"${fact.version}"` },
      payload: { reason: 'late' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ status: 409, current_version: fact.version + 1 });
  });

  it('answers an unknown fact with 404 and a bad id with 400', async () => {
    expect((await app.inject('/api/v1/facts/999999999')).statusCode).toBe(404);
    expect((await app.inject('/api/v1/facts/abc')).statusCode).toBe(400);
  });

  it('lists the review queue and reported figures with sources', async () => {
    const queue = await app.inject('/api/v1/review?kind=agreement&limit=3');
    expect(queue.statusCode).toBe(200);
    expect(queue.json().facts.every((f: { kind: string }) => f.kind === 'agreement')).toBe(true);
    const reported = (await app.inject('/api/v1/trade/reported?scope=uz-kz')).json().reported;
    expect(reported.length).toBeGreaterThan(0);
    expect(reported[0].sources[0].quote.length).toBeGreaterThan(0);
  });
});
