import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenFor } from '../../test/support/auth.js';
import { testContext } from '../../test/support/db.js';
import type { AppContext } from '../context.js';
import { buildServer, type Server } from './index.js';

let ctx: AppContext;
let app: Server;
beforeAll(async () => {
  ctx = await testContext();
  app = await buildServer(ctx);
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('GET /health', () => {
  it('reports the engine, the migration state and the version', async () => {
    const res = await app.inject('/health');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'ok', version: ctx.config.version, engine: ctx.database.engine });
    expect(body.migrations.pending).toEqual([]);
    expect(body.migrations.latest).toMatch(/^\d{4}-/);
  });
});

describe('reference API', () => {
  it('shows Kazakhstan with its names in eight languages', async () => {
    const res = await app.inject('/api/v1/countries/KZ');
    expect(res.statusCode).toBe(200);
    const kz = res.json();
    expect(Object.keys(kz.names)).toHaveLength(8);
    expect(kz.memberships.map((m: { bloc: string }) => m.bloc)).toEqual(
      expect.arrayContaining(['EAEU', 'CIS', 'SCO']),
    );
  });

  it('lists the EAEU members on 2015-03-01 without Kyrgyzstan', async () => {
    const res = await app.inject('/api/v1/blocs/EAEU?on=2015-03-01');
    expect(res.statusCode).toBe(200);
    const members = res
      .json()
      .members.map((m: { country: string }) => m.country)
      .sort();
    expect(members).toEqual(['AM', 'BY', 'KZ', 'RU']);
  });

  it('lists blocs with members on a date', async () => {
    const res = await app.inject('/api/v1/blocs?on=2015-03-01');
    const eaeu = res.json().blocs.find((b: { code: string }) => b.code === 'EAEU');
    expect(eaeu.members).toHaveLength(4);
  });

  it('browses the HS chapters and searches them by words', async () => {
    const chapters = (await app.inject('/api/v1/hs?limit=200')).json();
    expect(chapters.items.length).toBeGreaterThanOrEqual(97);
    const copper = (await app.inject('/api/v1/hs?q=copper')).json();
    expect(copper.items[0]).toMatchObject({ code: '74', title: 'Copper' });
  });
});

describe('errors as RFC 9457 problem details', () => {
  it('answers an unknown path with 404', async () => {
    const res = await app.inject('/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 404, title: 'Not found', instance: '/api/v1/nothing-here' });
  });

  it('answers an unknown country with 404', async () => {
    const res = await app.inject('/api/v1/countries/QQ');
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toMatch(/QQ/);
  });

  it('lists every invalid field of a request with 400', async () => {
    const res = await app.inject('/api/v1/hs?limit=0&parent=abc&cursor=zzz');
    expect(res.statusCode).toBe(400);
    const problem = res.json();
    expect(problem.type).toBe('urn:keruen:problem:validation');
    expect(problem.errors.map((e: { field: string }) => e.field)).toEqual(['query.limit']);
    const date = (await app.inject('/api/v1/blocs/EAEU?on=2015-02-30')).json();
    expect(date.errors).toEqual([{ field: 'query.on', reason: 'must be a real calendar date' }]);
  });

  it('refuses a forged cursor with 400, not 500', async () => {
    const res = await app.inject('/api/v1/hs?cursor=eyJhIjoxfQ');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('cursor');
  });

  it('sets headers that stop sniffing and framing', async () => {
    const res = await app.inject('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe('OpenAPI', () => {
  it('describes every API route in an OpenAPI 3.1 document', async () => {
    const res = await app.inject('/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/api/v1/countries',
        '/api/v1/countries/{code}',
        '/api/v1/blocs/{code}',
        '/api/v1/hs',
      ]),
    );
    expect(doc.components.schemas.Country).toBeDefined();
  });

  it('serves the browsable documentation at /docs', async () => {
    const res = await app.inject('/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/swagger/i);
  });
});

describe('the home page', () => {
  it('without a built web app, says what the server holds and where the API is, with a strict CSP', async () => {
    const plain = await buildServer(ctx, { webRoot: '/nonexistent/keruen-web' });
    const res = await plain.inject('/');
    await plain.close();
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(res.body).toContain('href="/docs"');
    expect(res.body).toMatch(/trade targets/);
  });
});

describe('NUL characters', () => {
  it('are refused wherever they are, naming where, before any route runs', async () => {
    // With an account: one without is refused before its body is read.
    const body = await app.inject({
      method: 'POST',
      url: '/api/v1/targets',
      payload: { countries: ['KZ', 'UZ'], source: { title: 'a\u0000b' } },
      headers: { authorization: `Bearer ${await tokenFor(ctx, 'editor')}` },
    });
    expect(body.statusCode).toBe(400);
    expect(body.json().errors).toEqual([{ field: 'body.source.title', reason: 'contains a NUL character' }]);
    const query = await app.inject('/api/v1/review?kind=%00');
    expect(query.statusCode).toBe(400);
  });
});

describe('CORS', () => {
  it('is off by default', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/health',
      headers: { origin: 'https://elsewhere.example' },
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows the configured origins only', async () => {
    const cors = await buildServer({
      ...ctx,
      config: { ...ctx.config, corsOrigins: ['https://ministry.example'] },
    });
    try {
      const allowed = await cors.inject({
        method: 'OPTIONS',
        url: '/api/v1/targets',
        headers: { origin: 'https://ministry.example', 'access-control-request-method': 'POST' },
      });
      expect(allowed.headers['access-control-allow-origin']).toBe('https://ministry.example');
      const other = await cors.inject({
        method: 'GET',
        url: '/health',
        headers: { origin: 'https://elsewhere.example' },
      });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await cors.close();
    }
  });
});
