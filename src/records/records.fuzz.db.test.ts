// Property-based fuzzing of the records API: arbitrary bodies, queries, ids and If-Match values for every
// kind never get a server error, and a refused write (4xx) changes nothing.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injector, tokenFor } from '../../test/support/auth.js';
import { testContext } from '../../test/support/db.js';
import type { AppContext } from '../context.js';
import { loadCooperationDemo } from '../cooperation/index.js';
import { buildServer, type Server } from '../http/index.js';
import { RECORD_KINDS } from '../kinds.js';
import { type FieldSpec, recordTotals } from './index.js';

let ctx: AppContext;
let app: Server;
/** The API as an administrator's script calls it. */
let inject: ReturnType<typeof injector>;
beforeAll(async () => {
  ctx = await testContext();
  app = await buildServer(ctx, { webRoot: '/nonexistent' });
  inject = injector(app, await tokenFor(ctx));
  // Records to point to, update and delete: the demo's.
  await ctx.db.transaction().execute((trx) => loadCooperationDemo(trx, RECORD_KINDS));
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const paths = RECORD_KINDS.kinds.map((k) => k.path);
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    "'; drop table coop_record; --",
    '<script>alert(1)</script>',
    '\u0000',
    '💥',
    'KZ',
    '2024-02-30',
    '-1',
  ),
);
const COUNTRIES = ['KZ', 'UZ', 'KG', 'TJ', 'TM', 'RU', 'BY', 'kz', 'KZ', 'UZ', 'XX'];

/** A value a field of this type takes, now and then one it must refuse. */
function fieldValue(field: FieldSpec): fc.Arbitrary<unknown> {
  const valid = (() => {
    switch (field.type) {
      case 'text':
        if (field.pattern) return fc.constantFrom('KZ ALA', 'KGFRU', 'UZ TAS', 'toString');
        return text.filter((t) => t.trim().length > 0);
      case 'long_text':
        return text.filter((t) => t.trim().length > 0);
      case 'integer':
        return fc.integer({ min: field.min ?? 0, max: field.max ?? 1_000_000 });
      case 'number':
        return fc.double({
          min: field.positive ? Number.MIN_VALUE : (field.min ?? 0),
          max: field.max ?? 1e12,
          noNaN: true,
        });
      case 'date':
        return fc
          .date({ min: new Date('1990-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10));
      case 'month':
        return fc
          .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 7));
      case 'country':
        return fc.constantFrom(...COUNTRIES);
      case 'countries':
        return fc.array(fc.constantFrom(...COUNTRIES), { maxLength: 3 });
      case 'texts':
        return fc.array(text, { maxLength: 3 });
      case 'hs_codes':
        return fc.array(fc.constantFrom('72', '7403', '740311', '9', 'abc'), { maxLength: 3 });
      case 'currency':
        return fc.constantFrom('USD', 'EUR', 'KZT', 'usd', 'XYZW');
      case 'enum':
        return fc.constantFrom(...(field.values ?? []), 'nonsense');
      case 'ref':
        return fc.option(fc.integer({ min: 1, max: 60 }), { nil: null });
      case 'json':
        return field.name === 'geometry'
          ? fc.record({
              type: fc.constant('Point'),
              coordinates: fc.tuple(
                fc.double({ min: -200, max: 200, noNaN: true }),
                fc.double({ min: -100, max: 100, noNaN: true }),
              ),
            })
          : fc.array(
              fc.record({
                name: text,
                country: fc.option(fc.constantFrom(...COUNTRIES), { nil: undefined }),
              }),
              { maxLength: 2 },
            );
    }
  })();
  return fc.oneof(
    { arbitrary: valid as fc.Arbitrary<unknown>, weight: 40 },
    { arbitrary: fc.oneof(text, fc.integer(), fc.constant(null), fc.object()), weight: 1 },
  );
}

/** A body that is a whole record of the kind most of the time, so that writes reach the database. */
const body = (path: string) => {
  const spec = RECORD_KINDS.find(path)!;
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const field of spec.fields) shape[field.name] = fieldValue(field);
  const record = fc.record(
    {
      ...shape,
      countries: fc.array(fc.constantFrom(...COUNTRIES), { maxLength: 3 }),
      sources: fc.array(
        fc.oneof(
          fc.record({ fact_id: fc.integer({ min: 1, max: 5 }) }),
          fc.record({
            citation: fc.record({
              title: text,
              publisher: text,
              published: fc.constantFrom('2024-01-01', '2023-05-31', '2024-13-01'),
            }),
          }),
        ),
        { maxLength: 2 },
      ),
      links: fc.array(
        fc.record({
          to: fc.integer({ min: 1, max: 60 }),
          relation: fc.constantFrom('related', 'concerns', 'nope'),
        }),
        { maxLength: 1 },
      ),
    },
    { requiredKeys: spec.fields.filter((f) => f.required).map((f) => f.name) as never[] },
  );
  return fc.oneof(
    { arbitrary: record, weight: 8 },
    { arbitrary: fc.anything(), weight: 1 },
    { arbitrary: fc.dictionary(text, text, { maxKeys: 3 }), weight: 1 },
  );
};

describe('the records API under arbitrary input', () => {
  it('never answers a write with a server error, and a refused one changes nothing', async () => {
    let tried = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths).chain((path) =>
          fc.record({
            path: fc.constant(path),
            method: fc.constantFrom('POST', 'POST', 'PUT', 'DELETE'),
            id: fc.oneof(
              { arbitrary: fc.integer({ min: 1, max: 60 }), weight: 8 },
              { arbitrary: fc.integer({ min: -5, max: 0 }), weight: 1 },
              { arbitrary: text, weight: 1 },
            ),
            ifMatch: fc.option(
              fc.oneof(
                { arbitrary: fc.constantFrom('"1"', '"2"', 'W/"1"'), weight: 8 },
                { arbitrary: fc.oneof(fc.constant('*'), text), weight: 1 },
              ),
              { nil: undefined, freq: 8 },
            ),
            body: body(path),
          }),
        ),
        async ({ path, method, id, ifMatch, body: payload }) => {
          tried++;
          const before = await recordTotals(ctx.db);
          const res = await inject({
            method,
            url: method === 'POST' ? `/api/v1/${path}` : `/api/v1/${path}/${encodeURIComponent(String(id))}`,
            headers: { 'content-type': 'application/json', ...(ifMatch ? { 'if-match': ifMatch } : {}) },
            payload: JSON.stringify(payload) ?? 'null',
          });
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          expect(res.statusCode, res.body).toBeLessThan(500);
          if (res.statusCode >= 400) expect(await recordTotals(ctx.db)).toEqual(before);
          if (res.statusCode >= 400) expect(res.json()).toMatchObject({ status: res.statusCode });
        },
      ),
      { numRuns: 1000 },
    );
    expect(tried).toBe(1000);
    console.info('records fuzzing, answers by status:', Object.fromEntries(statuses));
    // The generator reaches the database: records are created, updated and refused there, not only by the schema.
    expect(statuses.get(201) ?? 0).toBeGreaterThan(10);
    expect((statuses.get(409) ?? 0) + (statuses.get(200) ?? 0) + (statuses.get(204) ?? 0)).toBeGreaterThan(0);
  });

  it('never answers a read with a server error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          ...paths,
          'pairs/KZ-UZ/cooperation',
          'projects/rollup',
          'commitments/overdue',
          'geo/all',
          'records',
        ),
        fc.dictionary(
          fc.constantFrom(
            'country',
            'q',
            'from',
            'to',
            'cursor',
            'limit',
            'type',
            'status',
            'body_id',
            'by',
            'as_of',
          ),
          text,
          { maxKeys: 4 },
        ),
        fc.option(fc.oneof(fc.integer({ min: -3, max: 100 }), text), { nil: undefined }),
        async (path, query, id) => {
          const url = `/api/v1/${path}${id === undefined ? '' : `/${encodeURIComponent(String(id))}`}?${new URLSearchParams(query as Record<string, string>)}`;
          const res = await inject({ method: 'GET', url });
          expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(500);
        },
      ),
      { numRuns: 400 },
    );
  });
});
