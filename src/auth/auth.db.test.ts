import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../../test/support/db.js';
import type { AppContext } from '../context.js';
import { buildServer, type Server } from '../http/index.js';
import { createToken, createUser } from './index.js';

let ctx: AppContext;
let app: Server;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  ctx = await testContext();
  app = await buildServer(ctx, { webRoot: '/nonexistent' });
  for (const role of ['viewer', 'editor', 'reviewer', 'admin'] as const) {
    await createUser(ctx.db, { name: `u-${role}`, role, password: `password of ${role}` });
    tokens[role] = (await createToken(ctx.db, { userName: `u-${role}`, role, name: 'test' })).token;
  }
});
afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

const corridor = (name: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/v1/corridors', payload: { name }, headers });
const bearer = (role: string) => ({ authorization: `Bearer ${tokens[role]}` });

describe('who may write', () => {
  it('refuses writes without an account (401) and with the wrong role (403); reads stay public', async () => {
    expect((await corridor('Anonymous corridor')).statusCode).toBe(401);
    expect((await corridor('Viewer corridor', bearer('viewer'))).statusCode).toBe(403);
    expect((await corridor('Reviewer corridor', bearer('reviewer'))).statusCode).toBe(403);
    const made = await corridor('Editor corridor', bearer('editor'));
    expect(made.statusCode).toBe(201);
    expect((await app.inject('/api/v1/corridors')).statusCode).toBe(200);
    // The write is recorded under the token's user.
    const history = (await app.inject(`/api/v1/corridors/${made.json().id}/history`)).json();
    expect(history[0]).toMatchObject({ action: 'create', actor: 'u-editor' });
    // Only admins manage accounts.
    const asEditor = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { user: 'u-editor', role: 'editor' },
      headers: bearer('editor'),
    });
    expect(asEditor.statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/users', headers: bearer('editor') })).statusCode).toBe(403);
  });

  it('gives a token once, keeps only its hash, records its use, and refuses it once revoked', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { user: 'u-editor', role: 'editor', name: 'nightly import' },
      headers: bearer('admin'),
    });
    expect(res.statusCode).toBe(201);
    const { token, id } = res.json();
    expect(token).toMatch(/^kru_/);
    const stored = await sql<{
      token_hash: string;
      prefix: string;
    }>`select token_hash, prefix from api_token where id = ${id}`.execute(ctx.db);
    expect(stored.rows[0]!.token_hash).not.toContain(token);
    expect(token.startsWith(stored.rows[0]!.prefix)).toBe(true);
    expect((await corridor('Token corridor', { authorization: `Bearer ${token}` })).statusCode).toBe(201);
    const listed = (await app.inject({ url: '/api/v1/tokens', headers: bearer('admin') })).json().tokens;
    expect(listed.find((t: { id: number }) => t.id === id).last_used_at).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(token);
    // A token cannot do more than its user.
    const tooMuch = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { user: 'u-editor', role: 'admin' },
      headers: bearer('admin'),
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: bearer('admin') }))
        .statusCode,
    ).toBe(204);
    expect((await corridor('Revoked corridor', { authorization: `Bearer ${token}` })).statusCode).toBe(401);
  });

  it('keeps passwords as argon2id hashes', async () => {
    const row = await sql<{
      password_hash: string;
    }>`select password_hash from app_user where name = 'u-admin'`.execute(ctx.db);
    expect(row.rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.rows[0]!.password_hash).not.toContain('password of admin');
  });
});

describe('sessions in a browser', () => {
  it('sign in sets an httpOnly, SameSite cookie; writes with it need the CSRF token; sign out ends it', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { name: 'u-editor', password: 'nope nope nope' },
    });
    expect(wrong.statusCode).toBe(401);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { name: 'U-Editor', password: 'password of editor' },
    });
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/keruen_session=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0]!;
    const { csrf_token } = res.json();
    expect((await app.inject({ url: '/api/v1/session', headers: { cookie } })).json()).toMatchObject({
      user: { name: 'u-editor', role: 'editor' },
      csrf_token,
    });

    expect((await corridor('Cookie corridor', { cookie })).statusCode).toBe(403);
    expect((await corridor('Cookie corridor', { cookie, 'x-csrf-token': 'forged' })).statusCode).toBe(403);
    expect((await corridor('Cookie corridor', { cookie, 'x-csrf-token': csrf_token })).statusCode).toBe(201);

    expect(
      (await app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie } })).statusCode,
    ).toBe(204);
    expect((await corridor('After sign-out', { cookie, 'x-csrf-token': csrf_token })).statusCode).toBe(401);
  });

  it('limits failed sign-ins per name (429), even with the right password afterwards', async () => {
    await createUser(ctx.db, { name: 'target', role: 'viewer', password: 'the right password' });
    for (let i = 0; i < 10; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { name: 'target', password: `guess ${i}` },
      });
      expect(res.statusCode).toBe(401);
    }
    const locked = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { name: 'target', password: 'the right password' },
    });
    expect(locked.statusCode).toBe(429);
    // An unknown name answers as a wrong password does.
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { name: 'nobody', password: 'whatever it is' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().detail).toBe('wrong name or password');
  });
});

describe('the audit log', () => {
  it('shows admins who changed what, before and after, and lets them restore an earlier version', async () => {
    const made = (await corridor('Audited corridor', bearer('editor'))).json();
    const edited = await app.inject({
      method: 'PUT',
      url: `/api/v1/corridors/${made.id}`,
      payload: { name: 'Audited corridor (renamed)', description: 'a change to undo' },
      headers: { ...bearer('editor'), 'if-match': '"1"' },
    });
    expect(edited.statusCode).toBe(200);

    expect((await app.inject({ url: '/api/v1/audit', headers: bearer('editor') })).statusCode).toBe(403);
    const log = (
      await app.inject({ url: `/api/v1/audit?entity=record&id=${made.id}`, headers: bearer('admin') })
    ).json();
    expect(log.entries.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
      ['update', 'u-editor'],
      ['create', 'u-editor'],
    ]);
    expect(log.entries[0].before.name).toBe('Audited corridor');
    expect(log.entries[0].after.name).toBe('Audited corridor (renamed)');

    // Pages of the whole log neither repeat nor skip.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (
        await app.inject({
          url: `/api/v1/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          headers: bearer('admin'),
        })
      ).json() as {
        entries: { entity: string; id: number }[];
        next_cursor: string | null;
      };
      seen.push(...page.entries.map((e) => `${e.entity}:${e.id}`));
      cursor = page.next_cursor;
    } while (cursor);
    const all = (await app.inject({ url: '/api/v1/audit?limit=200', headers: bearer('admin') })).json()
      .entries;
    expect(seen).toEqual(all.map((e: { entity: string; id: number }) => `${e.entity}:${e.id}`));

    const byEditor = await app.inject({
      method: 'POST',
      url: `/api/v1/corridors/${made.id}/restore`,
      payload: { version: 1 },
      headers: { ...bearer('editor'), 'if-match': '"2"' },
    });
    expect(byEditor.statusCode).toBe(403);
    const restored = await app.inject({
      method: 'POST',
      url: `/api/v1/corridors/${made.id}/restore`,
      payload: { version: 1 },
      headers: { ...bearer('admin'), 'if-match': '"2"' },
    });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ name: 'Audited corridor', description: null, version: 3 });
    const history = (await app.inject(`/api/v1/corridors/${made.id}/history`)).json();
    expect(history.at(-1)).toMatchObject({ action: 'restore', actor: 'u-admin', version: 3 });
  });
});
