// Who a request acts as (a bearer token, or a session cookie), and what it may write: every write to
// /api/v1 needs an account with a role for it; a write made with a session also needs its CSRF token.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { ForbiddenError } from '../errors.js';
import { type Actor, type Role, SESSION_COOKIE } from './model.js';
import { actorOfSession, actorOfToken, authorize } from './service.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The roles a write needs, by method and route; null for writes anyone may make. */
export function neededRoles(method: string, route: string): readonly Role[] | null {
  const at = `${method} ${route}`;
  if (at === 'POST /api/v1/session' || at === 'DELETE /api/v1/session' || at === 'POST /api/v1/match')
    return null;
  if (at === 'POST /api/v1/session/password') return ['viewer'];
  if (/^POST \/api\/v1\/facts\/:id\/(accept|reject)$/.test(at)) return ['reviewer'];
  if (at === 'POST /api/v1/documents') return ['editor', 'reviewer'];
  if (route.startsWith('/api/v1/users') || route.startsWith('/api/v1/tokens') || route.endsWith('/restore'))
    return ['admin'];
  return ['editor'];
}

/** The hook that resolves the actor of every API request (reads too, for /session). */
export function resolveActor(ctx: AppContext) {
  return async (request: FastifyRequest) => {
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      request.actor = await actorOfToken(ctx.db, header.slice(7).trim());
      return;
    }
    const cookie = request.cookies?.[SESSION_COOKIE];
    if (cookie) request.actor = await actorOfSession(ctx.db, cookie);
  };
}

/** The hook that refuses writes without the role they need (401, 403), and session writes without CSRF. */
export async function guardWrites(request: FastifyRequest): Promise<void> {
  if (SAFE.has(request.method) || !request.url.startsWith('/api/')) return;
  const needed = neededRoles(request.method, request.routeOptions.url ?? request.url);
  if (needed === null) return;
  const actor = authorize(request.actor, needed);
  if (actor.via === 'session' && !sameSecret(request.headers['x-csrf-token'], actor.csrf))
    throw new ForbiddenError(
      'a write made with a session must send its CSRF token in X-CSRF-Token (GET /api/v1/session gives it)',
    );
}

/** Compares a sent secret with the expected one in constant time. */
function sameSecret(sent: string | string[] | undefined, expected: string | undefined): boolean {
  if (typeof sent !== 'string' || !expected) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The name a write is recorded under. */
export function actorName(request: FastifyRequest): string {
  return request.actor?.name ?? 'anonymous';
}
