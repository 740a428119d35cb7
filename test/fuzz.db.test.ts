// Property-based fuzzing of every public endpoint outside the records (which have their own): arbitrary
// path parameters, query strings, bodies and If-Match values never get a server error, every refusal is a
// problem document, and a refused write changes nothing. SQL and script injection strings are among the
// values tried; what is stored comes back as the same inert text.

import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/context.js';
import { loadDemoData } from '../src/demo/index.js';
import { buildServer, type Server } from '../src/http/index.js';
import { injector, tokenFor } from './support/auth.js';
import { testContext } from './support/db.js';

let ctx: AppContext;
let app: Server;
/** The API as an administrator's script calls it. */
let inject: ReturnType<typeof injector>;

beforeAll(async () => {
  ctx = await testContext();
  await loadDemoData(ctx.db);
  app = await buildServer(ctx, { webRoot: '/nonexistent' });
  inject = injector(app, await tokenFor(ctx));
  await inject({
    method: 'POST',
    url: '/api/v1/documents',
    payload: {
      content:
        '---\ntitle: Test\npublisher: test\npublished: 2024-05-01\n---\nTrade between Kazakhstan and Uzbekistan reached $4 billion in 2023. The sides aim to bring it to $10 billion by 2030.\n',
    },
  });
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const INJECTIONS = [
  "'; drop table producer; --",
  "1' or '1'='1",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '\u0000',
  '../../etc/passwd',
  '%00',
  '💥',
  'Шымкентцемент',
  '-1',
  '1e309',
  '9999999999999999999999',
  '2024-02-30',
  'KZ-KZ',
  'kz,uz',
];
const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...INJECTIONS));
const value = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
);

/** Counts of what a write could change. */
async function totals(): Promise<string> {
  const result = await sql<Record<string, number>>`
    select (select count(*) from producer)::int as producers, (select coalesce(sum(version), 0) from producer)::int as pv,
      (select count(*) from trade_target)::int as targets, (select count(*) from document)::int as documents,
      (select count(*) from fact where status <> 'pending')::int as decided, (select count(*) from producer_history)::int as history,
      (select coalesce(sum(version), 0) from trade_target)::int as tv, (select count(*) from audit_event)::int as audit,
      (select count(*) from account_event)::int as accounts, (select count(*) from app_user)::int as users`.execute(
    ctx.db,
  );
  return JSON.stringify(result.rows[0]);
}

const READS = [
  '/api/v1/countries',
  '/api/v1/countries/{x}',
  '/api/v1/blocs',
  '/api/v1/blocs/{x}',
  '/api/v1/blocs/{x}/trade',
  '/api/v1/currencies',
  '/api/v1/hs',
  '/api/v1/trade',
  '/api/v1/trade/reported',
  '/api/v1/pairs/{x}',
  '/api/v1/targets',
  '/api/v1/targets/{x}',
  '/api/v1/targets/{x}/history',
  '/api/v1/audit',
  '/api/v1/users',
  '/api/v1/tokens',
  '/api/v1/producers',
  '/api/v1/producers/{x}',
  '/api/v1/producers/{x}/history',
  '/api/v1/producers/{x}/duplicates',
  '/api/v1/producers/duplicates',
  '/api/v1/review',
  '/api/v1/documents',
  '/api/v1/documents/{x}',
  '/api/v1/facts/{x}',
  '/health',
];
const PARAMS = [
  'q',
  'country',
  'countries',
  'scope',
  'from',
  'to',
  'flow',
  'by',
  'format',
  'on',
  'parent',
  'version',
  'cursor',
  'limit',
  'status',
  'kind',
  'hs',
  'region',
  'market',
  'certification',
  'same_script',
];

describe('every public endpoint under arbitrary input', () => {
  it('answers reads without a server error', async () => {
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...READS),
        fc.oneof(
          text,
          fc.integer({ min: -2, max: 50 }).map(String),
          fc.constantFrom('KZ', 'KZ-UZ', 'EAEU', '1'),
        ),
        fc.dictionary(fc.constantFrom(...PARAMS), text, { maxKeys: 4 }),
        async (template, x, query) => {
          tried++;
          const url = `${template.replace('{x}', encodeURIComponent(x))}?${new URLSearchParams(query)}`;
          const res = await inject({ method: 'GET', url });
          expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
          if (res.statusCode >= 400)
            expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        },
      ),
      { numRuns: 1500 },
    );
    expect(tried).toBe(1500);
  });

  it('answers writes without a server error, and a refused write changes nothing', async () => {
    const producerBody = fc.record(
      {
        name: text,
        country: fc.constantFrom('KZ', 'UZ', 'kz', 'XX', ''),
        national_id: text,
        city: text,
        hs_codes: fc.array(fc.constantFrom('7403', '72', '999999', 'x'), { maxLength: 2 }),
        products: text,
        website: fc.constantFrom('https://example.kz', 'javascript:alert(1)', 'not a url'),
        export_markets: fc.array(fc.constantFrom('CN', 'RU', 'zz'), { maxLength: 2 }),
        lat: fc.double(),
      },
      { requiredKeys: [] },
    );
    const targetBody = fc.record(
      {
        countries: fc.array(fc.constantFrom('KZ', 'UZ', 'KG', 'XX'), { maxLength: 3 }),
        value: fc.oneof(fc.double(), fc.integer()),
        by: fc.oneof(fc.integer({ min: 1800, max: 2300 }), text),
        horizon: fc.constantFrom('short', 'medium', 'long', 'never'),
        stated_on: fc.constantFrom('2024-07-12', '2024-13-01', 'yesterday'),
        source: text,
      },
      { requiredKeys: [] },
    );
    const write = fc.oneof(
      fc.record({
        method: fc.constant('POST' as const),
        url: fc.constant('/api/v1/producers'),
        body: fc.oneof(producerBody, fc.anything()),
      }),
      fc.record({
        method: fc.constantFrom('PUT' as const, 'DELETE' as const),
        url: fc
          .oneof(fc.integer({ min: -1, max: 60 }), text)
          .map((id) => `/api/v1/producers/${encodeURIComponent(String(id))}`),
        body: fc.oneof(producerBody, fc.anything()),
      }),
      fc.record({
        method: fc.constant('POST' as const),
        url: fc
          .oneof(fc.integer({ min: -1, max: 60 }), text)
          .map((id) => `/api/v1/producers/${encodeURIComponent(String(id))}/merge`),
        body: fc.oneof(fc.record({ from: fc.oneof(fc.integer({ min: -1, max: 60 }), text) }), fc.anything()),
      }),
      fc.record({
        method: fc.constant('POST' as const),
        url: fc.constant('/api/v1/targets'),
        body: fc.oneof(targetBody, fc.anything()),
      }),
      fc.record({
        method: fc.constantFrom('PUT' as const, 'DELETE' as const),
        url: fc
          .oneof(fc.integer({ min: -1, max: 30 }), text)
          .map((id) => `/api/v1/targets/${encodeURIComponent(String(id))}`),
        body: fc.oneof(targetBody, fc.anything()),
      }),
      fc.record({
        method: fc.constant('POST' as const),
        url: fc
          .tuple(
            fc.constantFrom('targets', 'producers', 'meetings'),
            fc.oneof(fc.integer({ min: -1, max: 30 }), text),
          )
          .map(([kind, id]) => `/api/v1/${kind}/${encodeURIComponent(String(id))}/restore`),
        body: fc.oneof(
          fc.record({ version: fc.oneof(fc.integer({ min: -1, max: 5 }), text) }),
          fc.anything(),
        ),
      }),
      fc.record({
        method: fc.constant('PATCH' as const),
        url: fc.oneof(fc.constant('demo'), text).map((name) => `/api/v1/users/${encodeURIComponent(name)}`),
        body: fc.oneof(
          fc.record(
            {
              role: fc.constantFrom('viewer', 'editor', 'boss'),
              disabled: fc.oneof(fc.boolean(), text),
              password: text,
              display_name: fc.oneof(text, fc.constant(null)),
            },
            { requiredKeys: [] },
          ),
          fc.anything(),
        ),
      }),
      fc.record({
        method: fc.constant('POST' as const),
        url: fc.constant('/api/v1/session/password'),
        body: fc.oneof(
          fc.record({ current_password: text, new_password: text }, { requiredKeys: [] }),
          fc.anything(),
        ),
      }),
      fc.record({
        method: fc.constant('POST' as const),
        url: fc.constant('/api/v1/match'),
        body: fc.oneof(
          fc.record({ product: text, destination: text, quantity: text, hs: text }, { requiredKeys: [] }),
          fc.anything(),
        ),
      }),
      fc.record({
        method: fc.constant('POST' as const),
        url: fc.constant('/api/v1/documents'),
        body: fc.oneof(
          fc.record(
            { content: fc.oneof(text, fc.constant('---\npublished: 2024-13-45\n---\nx')), name: text },
            { requiredKeys: [] },
          ),
          fc.anything(),
        ),
      }),
      fc.record({
        method: fc.constant('POST' as const),
        url: fc
          .tuple(fc.oneof(fc.integer({ min: -1, max: 8 }), text), fc.constantFrom('accept', 'reject'))
          .map(([id, action]) => `/api/v1/facts/${encodeURIComponent(String(id))}/${action}`),
        body: fc.oneof(
          fc.record(
            { reason: text, reviewer: text, edited: fc.dictionary(text, value, { maxKeys: 2 }) },
            { requiredKeys: [] },
          ),
          fc.anything(),
        ),
      }),
    );
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(
        write,
        fc.option(fc.oneof(fc.constantFrom('"1"', '"2"', 'W/"1"'), text), { nil: undefined }),
        async (req, ifMatch) => {
          tried++;
          const before = await totals();
          const res = await inject({
            method: req.method,
            url: req.url,
            headers: { 'content-type': 'application/json', ...(ifMatch ? { 'if-match': ifMatch } : {}) },
            payload: JSON.stringify(req.body) ?? 'null',
          });
          expect(res.statusCode, `${req.method} ${req.url}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
          if (res.statusCode >= 400) {
            expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
            expect(await totals()).toBe(before);
          }
        },
      ),
      { numRuns: 1500 },
    );
    expect(tried).toBe(1500);
  });

  it('refuses every write without an account (401), changing nothing', async () => {
    const before = await totals();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          ['POST', '/api/v1/producers'],
          ['PUT', '/api/v1/producers/1'],
          ['DELETE', '/api/v1/producers/1'],
          ['POST', '/api/v1/targets'],
          ['PUT', '/api/v1/targets/1'],
          ['DELETE', '/api/v1/targets/1'],
          ['POST', '/api/v1/targets/1/restore'],
          ['POST', '/api/v1/producers/1/restore'],
          ['PATCH', '/api/v1/users/demo'],
          ['POST', '/api/v1/session/password'],
          ['POST', '/api/v1/facts/1/accept'],
          ['POST', '/api/v1/meetings'],
          ['POST', '/api/v1/tokens'],
          ['POST', '/api/v1/users'],
        ),
        fc.oneof(
          fc.constant(undefined),
          fc.constantFrom('Bearer nonsense', 'Bearer kru_revoked', 'Basic YWRtaW46YWRtaW4='),
        ),
        async ([method, url], authorization) => {
          const res = await app.inject({
            method: method as 'POST',
            url,
            headers: {
              'content-type': 'application/json',
              ...(authorization ? { authorization } : {}),
              'if-match': '"1"',
            },
            payload: JSON.stringify({
              name: 'X',
              country: 'KZ',
              countries: ['KZ', 'UZ'],
              value: 1,
              stated_on: '2024-01-01',
              role: 'admin',
              user: 'x',
              ordinal: 1,
            }),
          });
          // Refused before the body is read: whatever it holds, no account is a 401.
          expect(res.statusCode).toBe(401);
        },
      ),
      { numRuns: 200 },
    );
    expect(await totals()).toBe(before);
  });

  it('stores injection strings as inert text and returns them as they were sent', async () => {
    for (const name of INJECTIONS.filter((s) => s.trim() !== '' && !s.includes('\u0000') && s.length > 2)) {
      const res = await inject({
        method: 'POST',
        url: '/api/v1/producers',
        payload: { name: `${name} LLP`, country: 'KZ', city: name },
      });
      if (res.statusCode === 409) continue;
      expect(res.statusCode, res.body).toBe(201);
      const back = await inject({ method: 'GET', url: `/api/v1/producers/${res.json().id}` });
      expect(back.json()).toMatchObject({ name: `${name} LLP`, city: name });
      expect(back.headers['content-type']).toMatch(/^application\/json/);
    }
    // The tables the strings were aimed at are still there.
    expect((await app.inject('/api/v1/producers?q=Kazakhmys')).statusCode).toBe(200);
  });
});
