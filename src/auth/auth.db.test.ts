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
    await createUser(ctx.db, { name: `u-${role}`, role, password: `password of ${role}` }, 'setup');
    tokens[role] = (await createToken(ctx.db, { userName: `u-${role}`, role, name: 'test' }, 'setup')).token;
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
    await createUser(ctx.db, { name: 'target', role: 'viewer', password: 'the right password' }, 'setup');
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

describe('every write in the audit log, and restores', () => {
  const admin = () => bearer('admin');
  const log = async (query: string) =>
    (await app.inject({ url: `/api/v1/audit?${query}`, headers: admin() })).json().entries as {
      action: string;
      actor: string | null;
      kind: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }[];

  it('keeps who stated, changed, deleted and restored a target, and refuses a stale edit', async () => {
    const body = {
      scope: { countries: ['KZ', 'UZ'] },
      value: 10e9,
      by: '2030',
      stated_on: '2024-07-12',
      source: { title: 'Audit test' },
    };
    expect((await app.inject({ method: 'POST', url: '/api/v1/targets', payload: body })).statusCode).toBe(
      401,
    );
    const made = await app.inject({
      method: 'POST',
      url: '/api/v1/targets',
      payload: body,
      headers: bearer('editor'),
    });
    expect(made.statusCode).toBe(201);
    const id = made.json().id as number;
    expect(made.headers.etag).toBe('"1"');

    const edit = (version: string, value: number) =>
      app.inject({
        method: 'PUT',
        url: `/api/v1/targets/${id}`,
        payload: { ...(made.json() as Record<string, unknown>), value },
        headers: { ...bearer('editor'), 'if-match': version },
      });
    expect((await edit('"1"', 12e9)).json()).toMatchObject({ value: 12e9, version: 2 });
    const stale = await edit('"1"', 13e9);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current_version).toBe(2);
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/v1/targets/${id}`,
      headers: { ...bearer('editor'), 'if-match': '"2"' },
    });
    expect(deleted.statusCode).toBe(204);
    expect((await app.inject(`/api/v1/targets/${id}`)).statusCode).toBe(404);
    const listed = (await app.inject('/api/v1/targets?scope=KZ-UZ')).json().targets as { id: number }[];
    expect(listed.map((t) => t.id)).not.toContain(id);

    const restore = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/targets/${id}/restore`,
        payload: { version: 1 },
        headers: { ...headers, 'if-match': '"3"' },
      });
    expect((await restore(bearer('editor'))).statusCode).toBe(403);
    const restored = await restore(admin());
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ value: 10e9, version: 4, by: '2030' });
    expect((await app.inject(`/api/v1/targets/${id}`)).statusCode).toBe(200);

    const history = (await app.inject(`/api/v1/targets/${id}/history`)).json().history;
    expect(
      history.map((h: { action: string; actor: string; version: number }) => [h.action, h.actor, h.version]),
    ).toEqual([
      ['create', 'u-editor', 1],
      ['update', 'u-editor', 2],
      ['delete', 'u-editor', 3],
      ['restore', 'u-admin', 4],
    ]);
    expect(history[1].before.value).toBe(10e9);
    expect(history[1].after.value).toBe(12e9);
    const entries = await log(`entity=target&id=${id}`);
    expect(entries.map((e) => e.action)).toEqual(['restore', 'delete', 'update', 'create']);
  });

  it('keeps the reviewer of a reported figure, and every change to an account or token, without secrets', async () => {
    const { recordReportedFigure } = await import('../trade/index.js');
    const figure = await ctx.db.transaction().execute((trx) =>
      recordReportedFigure(
        trx,
        {
          scope: { countries: ['KG', 'TJ'] },
          flow: 'turnover',
          value: 1.1e9,
          currency: 'USD',
          bound: 'exact',
          period: { from: '2023-01', to: '2023-12' },
        },
        { citation: { title: 'Audit', publisher: 'example.org', published: '2024-01-10' } },
        'u-reviewer',
      ),
    );
    const doc = await app.inject({
      method: 'POST',
      url: '/api/v1/documents',
      payload: {
        content:
          '---\ntitle: Audit note\npublished: 2024-05-01\n---\nTrade between Kyrgyzstan and Tajikistan reached $1 billion in 2023.\n',
      },
      headers: bearer('editor'),
    });
    expect(doc.statusCode).toBe(201);
    expect(await log(`entity=document&id=${doc.json().id}`)).toMatchObject([
      { action: 'create', actor: 'u-editor', after: { title: 'Audit note', published: '2024-05-01' } },
    ]);
    const reported = await log(`entity=reported&id=${figure.observationId}`);
    expect(reported).toMatchObject([
      { action: 'create', actor: 'u-reviewer', after: { value: '1100000000' } },
    ]);

    const made = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: { name: 'Dana', role: 'editor', password: 'first password here' },
      headers: admin(),
    });
    expect(made.statusCode).toBe(201);
    const token = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        payload: { user: 'dana', role: 'editor', name: 'script' },
        headers: admin(),
      })
    ).json().token as string;
    const asDana = { authorization: `Bearer ${token}` };
    expect((await corridor('Dana corridor', asDana)).statusCode).toBe(201);

    const patch = (payload: Record<string, unknown>, headers = admin()) =>
      app.inject({ method: 'PATCH', url: '/api/v1/users/dana', payload, headers });
    expect((await patch({ role: 'admin' }, bearer('editor'))).statusCode).toBe(403);
    // Lowered to viewer: the editor token is revoked with it.
    expect((await patch({ role: 'viewer' })).json()).toMatchObject({ name: 'dana', role: 'viewer' });
    expect((await corridor('Dana corridor 2', asDana)).statusCode).toBe(401);
    // Disabled: no more sign-in.
    expect((await patch({ role: 'editor', disabled: true })).json().disabled_at).not.toBeNull();
    const signIn = (password: string) =>
      app.inject({ method: 'POST', url: '/api/v1/session', payload: { name: 'dana', password } });
    expect((await signIn('first password here')).statusCode).toBe(401);
    expect(
      (await patch({ disabled: false, password: 'second password here' })).json().disabled_at,
    ).toBeNull();
    expect((await signIn('first password here')).statusCode).toBe(401);
    expect((await signIn('second password here')).statusCode).toBe(200);

    // The last administrator who may sign in stays one.
    const demote = await app.inject({
      method: 'PATCH',
      url: '/api/v1/users/u-admin',
      payload: { disabled: true },
      headers: admin(),
    });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().detail).toMatch(/last administrator/);

    const userId = made.json().id as number;
    const users = await log(`entity=user&id=${userId}`);
    expect(users.map((e) => [e.action, e.actor])).toEqual([
      ['update', 'u-admin'],
      ['update', 'u-admin'],
      ['update', 'u-admin'],
      ['create', 'u-admin'],
    ]);
    expect(users[2]!.after).toMatchObject({ role: 'viewer', tokens_revoked: [expect.any(Number)] });
    expect(users[0]!.after).toMatchObject({ disabled: false, password: 'changed' });
    const tokensLogged = await log('entity=token&actor=u-admin');
    expect(tokensLogged.some((e) => e.action === 'create' && e.after?.user === 'dana')).toBe(true);
    const text = JSON.stringify(await log('limit=200'));
    expect(text).not.toContain('second password here');
    expect(text).not.toContain(token);
    expect(text).not.toContain('$argon2id');
  });

  it('lets a signed-in user change their own password, given the current one', async () => {
    const signIn = async (password: string) =>
      app.inject({ method: 'POST', url: '/api/v1/session', payload: { name: 'u-viewer', password } });
    const session = await signIn('password of viewer');
    const cookie = session.cookies.find((c) => c.name === 'keruen_session')!.value;
    const headers = { cookie: `keruen_session=${cookie}`, 'x-csrf-token': session.json().csrf_token };
    const change = (current: string, next: string, h: Record<string, string> = headers) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/session/password',
        payload: { current_password: current, new_password: next },
        headers: h,
      });
    expect((await change('password of viewer', 'new viewer password', {})).statusCode).toBe(401);
    expect((await change('not the password', 'new viewer password')).statusCode).toBe(403);
    const short = await change('password of viewer', 'short');
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].field).toBe('new_password');
    expect((await change('password of viewer', 'new viewer password')).statusCode).toBe(204);
    // The session that changed it goes on; the old password no longer signs in.
    expect((await app.inject({ url: '/api/v1/session', headers })).json().user.name).toBe('u-viewer');
    expect((await signIn('password of viewer')).statusCode).toBe(401);
    expect((await signIn('new viewer password')).statusCode).toBe(200);
  });

  it('brings back a deleted record and a deleted producer as they were', async () => {
    const made = (await corridor('Deleted corridor', bearer('editor'))).json();
    await app.inject({
      method: 'DELETE',
      url: `/api/v1/corridors/${made.id}`,
      headers: { ...bearer('editor'), 'if-match': '"1"' },
    });
    expect((await app.inject(`/api/v1/corridors/${made.id}`)).statusCode).toBe(404);
    const back = await app.inject({
      method: 'POST',
      url: `/api/v1/corridors/${made.id}/restore`,
      payload: { version: 1 },
      headers: { ...admin(), 'if-match': '"2"' },
    });
    expect(back.statusCode).toBe(200);
    expect((await app.inject(`/api/v1/corridors/${made.id}`)).json()).toMatchObject({
      name: 'Deleted corridor',
      version: 3,
    });

    const producer = await app.inject({
      method: 'POST',
      url: '/api/v1/producers',
      payload: {
        name: 'Restorable Cement LLP',
        country: 'KZ',
        city: 'Shymkent',
        other_names: [{ name: 'Ресторабл Цемент', lang: 'ru' }],
        hs_codes: ['252329'],
      },
      headers: bearer('editor'),
    });
    expect(producer.statusCode).toBe(201);
    const pid = producer.json().id as number;
    const renamed = await app.inject({
      method: 'PUT',
      url: `/api/v1/producers/${pid}`,
      payload: { name: 'Renamed Cement LLP', country: 'KZ', city: 'Shymkent' },
      headers: { ...bearer('editor'), 'if-match': '"1"' },
    });
    expect(renamed.statusCode).toBe(200);
    await app.inject({
      method: 'DELETE',
      url: `/api/v1/producers/${pid}`,
      headers: { ...bearer('editor'), 'if-match': '"2"' },
    });
    expect((await app.inject(`/api/v1/producers/${pid}`)).statusCode).toBe(404);
    const restoreProducer = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/producers/${pid}/restore`,
        payload: { version: 1 },
        headers: { ...headers, 'if-match': '"3"' },
      });
    expect((await restoreProducer(bearer('editor'))).statusCode).toBe(403);
    const restored = await restoreProducer(admin());
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({
      name: 'Restorable Cement LLP',
      version: 4,
      hs_codes: ['252329'],
      other_names: [expect.objectContaining({ name: 'Ресторабл Цемент' })],
    });
    const found = (await app.inject('/api/v1/producers?q=Ресторабл')).json();
    expect(found.results.map((r: { id: number }) => r.id)).toContain(pid);
    const history = (await log(`entity=producer&id=${pid}`)).map((e) => [e.action, e.actor]);
    expect(history[0]).toEqual(['restore', 'u-admin']);
  });
});
