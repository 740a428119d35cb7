// Accounts for tests: an administrator's token, and an inject that sends it.
import type { InjectOptions } from 'fastify';
import { createToken, createUser } from '../../src/auth/index.js';
import type { AppContext } from '../../src/context.js';
import type { Server } from '../../src/http/index.js';

let counter = 0;

/** A new user with this role and a token for it. */
export async function tokenFor(
  ctx: AppContext,
  role: 'viewer' | 'editor' | 'reviewer' | 'admin' = 'admin',
): Promise<string> {
  const name = `tester-${role}-${process.pid}-${counter++}`;
  await createUser(ctx.db, { name, role }, 'setup');
  return (await createToken(ctx.db, { userName: name, role, name: 'tests' }, 'setup')).token;
}

/** `app.inject` acting with a token (unless the request names its own authorization). */
export function injector(app: Server, token: string) {
  return (options: InjectOptions) =>
    app.inject({ ...options, headers: { authorization: `Bearer ${token}`, ...(options.headers ?? {}) } });
}
