// HTTP of accounts: signing in and out (a session cookie and its CSRF token), users and tokens (admins).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { actorName } from './http.js';
import { AUDIT_ENTITIES, ROLES, SESSION_COOKIE } from './model.js';
import {
  auditLog,
  authorize,
  changePassword,
  createToken,
  createUser,
  listTokens,
  listUsers,
  revokeToken,
  SESSION_HOURS,
  signIn,
  signOut,
  updateUser,
} from './service.js';

const sessionSchema = z.object({
  user: z.object({ name: z.string(), role: z.enum(ROLES) }).nullable(),
  csrf_token: z.string().nullable(),
});

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/session',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Who this request acts as, and the CSRF token a browser sends back with writes',
          response: { 200: sessionSchema },
        },
      },
      async (req) => ({
        user: req.actor ? { name: req.actor.name, role: req.actor.role } : null,
        csrf_token: req.actor?.csrf ?? null,
      }),
    );

    app.post(
      '/session',
      {
        schema: {
          tags: ['accounts'],
          summary:
            'Sign in: sets an httpOnly session cookie; failed attempts are limited per name and address',
          body: z.object({ name: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
          response: { 200: sessionSchema },
        },
      },
      async (req, reply) => {
        const { cookie, actor } = await signIn(ctx.db, { ...req.body, ip: req.ip });
        reply.setCookie(SESSION_COOKIE, cookie, {
          httpOnly: true,
          sameSite: 'strict',
          secure: req.protocol === 'https',
          path: '/',
          maxAge: SESSION_HOURS * 3600,
        });
        return { user: { name: actor.name, role: actor.role }, csrf_token: actor.csrf ?? null };
      },
    );

    app.delete('/session', { schema: { tags: ['accounts'], summary: 'Sign out' } }, async (req, reply) => {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie) await signOut(ctx.db, cookie);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    });

    app.post(
      '/session/password',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Change your own password (give the current one); your other sessions end',
          body: z.object({ current_password: z.string().min(1).max(200), new_password: z.string().max(200) }),
        },
      },
      async (req, reply) => {
        await changePassword(ctx.db, authorize(req.actor, ['viewer']), {
          current: req.body.current_password,
          next: req.body.new_password,
          keepSession: req.actor?.via === 'session' ? req.cookies[SESSION_COOKIE] : undefined,
        });
        return reply.code(204).send();
      },
    );

    app.get(
      '/audit',
      {
        schema: {
          tags: ['accounts'],
          summary:
            'The audit log (admins): every write of records, producers, targets, reported figures, documents, accounts and tokens, every fact decision and statistics import, newest first, with who made it and the change',
          querystring: z.object({
            entity: z.enum(AUDIT_ENTITIES).optional(),
            kind: z.string().max(40).optional().describe('a kind of record (meeting, project …) or of fact'),
            id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
            actor: z.string().max(100).optional(),
            cursor: z.string().max(300).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
        },
      },
      async (req) => {
        authorize(req.actor, ['admin']);
        return auditLog(ctx.db, req.query);
      },
    );

    app.get('/users', { schema: { tags: ['accounts'], summary: 'Users (admins)' } }, async (req) => {
      authorize(req.actor, ['admin']);
      return { users: await listUsers(ctx.db) };
    });

    app.post(
      '/users',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Create a user (admins)',
          body: z.object({
            name: z.string().max(63),
            password: z.string().max(200).optional(),
            role: z.enum(ROLES),
            display_name: z.string().max(200).optional(),
          }),
        },
      },
      async (req, reply) => {
        const user = await createUser(
          ctx.db,
          { ...req.body, displayName: req.body.display_name },
          actorName(req),
        );
        return reply.code(201).send(user);
      },
    );

    app.patch(
      '/users/:name',
      {
        schema: {
          tags: ['accounts'],
          summary:
            "Change a user's role, display name, password, or whether they may sign in (admins); a lowered role revokes the tokens it no longer covers",
          params: z.object({ name: z.string().max(63) }),
          body: z.object({
            role: z.enum(ROLES).optional(),
            display_name: z.string().max(200).nullable().optional(),
            disabled: z.boolean().optional(),
            password: z.string().max(200).optional(),
          }),
        },
      },
      async (req) =>
        updateUser(
          ctx.db,
          req.params.name,
          {
            role: req.body.role,
            displayName: req.body.display_name,
            disabled: req.body.disabled,
            password: req.body.password,
          },
          actorName(req),
        ),
    );

    app.get(
      '/tokens',
      { schema: { tags: ['accounts'], summary: 'API tokens, without their secret (admins)' } },
      async (req) => ({
        tokens: await listTokens(ctx.db, authorize(req.actor, ['admin'])),
      }),
    );

    app.post(
      '/tokens',
      {
        schema: {
          tags: ['accounts'],
          summary:
            'Create an API token for a user, with a role within theirs; the token is shown this once (admins)',
          body: z.object({
            user: z.string().max(63),
            role: z.enum(ROLES),
            name: z.string().min(1).max(100).default('api'),
          }),
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(
            await createToken(
              ctx.db,
              { userName: req.body.user, role: req.body.role, name: req.body.name },
              actorName(req),
            ),
          ),
    );

    app.delete(
      '/tokens/:id',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Revoke a token (admins)',
          params: z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) }),
        },
      },
      async (req, reply) => {
        await revokeToken(ctx.db, req.params.id, authorize(req.actor, ['admin']));
        return reply.code(204).send();
      },
    );
  };
}
