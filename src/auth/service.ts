// Accounts: users with argon2id-hashed passwords, API tokens (shown once, stored as their sha256),
// browser sessions with a CSRF token, sign-in rate limiting.
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/index.js';
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
} from '../errors.js';
import { decodeCursor, encodeCursor } from '../lib/index.js';
import { type Actor, GRANTS, passwordSchema, type Role, userNameSchema } from './model.js';
import { type AuditEvent, AuditRepository, AuthRepository, type UserRow } from './repository.js';

export const SESSION_HOURS = 12;
/** Failed sign-ins allowed per name, and per address, within the window. */
export const MAX_FAILURES = { name: 10, ip: 50, minutes: 15 } as const;

export class TooManyAttemptsError extends AppError {
  readonly status = 429;
  readonly type = 'too-many-attempts';
  readonly title = 'Too many attempts';
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function checkedPassword(value: string, field = 'password'): string {
  const password = passwordSchema.safeParse(value);
  if (!password.success)
    throw new ValidationError('bad password', [{ field, reason: password.error.issues[0]!.message }]);
  return password.data;
}

/** What the audit log keeps of a user (never the password's hash). */
function userSnapshot(user: Pick<UserRow, 'name' | 'role' | 'display_name' | 'disabled_at'>) {
  return {
    name: user.name,
    role: user.role,
    display_name: user.display_name,
    disabled: user.disabled_at !== null,
  };
}

export async function createUser(
  db: Kysely<DB>,
  input: { name: string; password?: string; role: Role; displayName?: string },
  actor: string,
): Promise<{ id: number; name: string; role: Role }> {
  const name = userNameSchema.safeParse(input.name);
  if (!name.success)
    throw new ValidationError('bad user name', [
      { field: 'name', value: input.name, reason: name.error.issues[0]!.message },
    ]);
  if (input.password !== undefined) checkedPassword(input.password);
  const passwordHash = input.password === undefined ? null : await hash(input.password);
  return db.transaction().execute(async (trx) => {
    const repo = new AuthRepository(trx);
    if (await repo.userByName(name.data)) throw new ConflictError(`a user called ${name.data} exists`);
    const user = { name: name.data, display_name: input.displayName ?? null, role: input.role };
    const id = await repo.insertUser({ ...user, password_hash: passwordHash });
    await writeAudit(trx, {
      entity: 'user',
      entity_id: id,
      version: 1,
      action: 'create',
      actor,
      before: null,
      after: userSnapshot({ ...user, disabled_at: null }),
    });
    return { id, name: name.data, role: input.role };
  });
}

/** Changes a user's role, display name, disabled state or password (admins). A disabled user's sessions end
 * and their tokens stop working; a lowered role revokes the tokens it no longer covers. The last active
 * administrator stays one. */
export async function updateUser(
  db: Kysely<DB>,
  userName: string,
  change: { role?: Role; displayName?: string | null; disabled?: boolean; password?: string },
  actor: string,
): Promise<Omit<UserRow, 'password_hash'>> {
  if (change.password !== undefined) checkedPassword(change.password);
  const passwordHash = change.password === undefined ? undefined : await hash(change.password);
  return db.transaction().execute(async (trx) => {
    const repo = new AuthRepository(trx);
    const user = await repo.userByName(userName.trim().toLowerCase());
    if (!user) throw new NotFoundError(`no user is called ${userName}`);
    const next = {
      role: change.role ?? user.role,
      display_name: change.displayName === undefined ? user.display_name : change.displayName,
      disabled: change.disabled ?? user.disabled_at !== null,
    };
    const stillAdmin = next.role === 'admin' && !next.disabled;
    if (user.role === 'admin' && user.disabled_at === null && !stillAdmin && (await repo.activeAdmins()) <= 1)
      throw new ConflictError(
        `${user.name} is the last administrator who may sign in: make another one first (keruen user create NAME --admin)`,
      );
    await repo.updateUser(user.id, next);
    if (passwordHash !== undefined) await repo.setPassword(user.id, passwordHash);
    if (next.disabled || passwordHash !== undefined) await repo.deleteSessionsOf(user.id);
    const revoked = await repo.revokeTokensBeyond(user.id, GRANTS[next.role]);
    const after = (await repo.userByName(user.name))!;
    await writeAudit(trx, {
      entity: 'user',
      entity_id: user.id,
      version: 1,
      action: 'update',
      actor,
      before: userSnapshot(user),
      after: {
        ...userSnapshot(after),
        ...(passwordHash !== undefined ? { password: 'changed' } : {}),
        ...(revoked.length > 0 ? { tokens_revoked: revoked } : {}),
      },
    });
    const { password_hash: _p, ...shown } = after;
    return shown;
  });
}

/** A signed-in user changes their own password, giving the current one; their other sessions end. */
export async function changePassword(
  db: Kysely<DB>,
  actor: Actor,
  input: { current: string; next: string; keepSession?: string },
): Promise<void> {
  checkedPassword(input.next, 'new_password');
  const repo = new AuthRepository(db);
  const user = await repo.userByName(actor.name);
  const ok = user?.password_hash ? await verify(user.password_hash, input.current).catch(() => false) : false;
  if (!user || !ok) throw new ForbiddenError('the current password is not right');
  const passwordHash = await hash(input.next);
  await db.transaction().execute(async (trx) => {
    const inTrx = new AuthRepository(trx);
    await inTrx.setPassword(user.id, passwordHash);
    await inTrx.deleteSessionsOf(user.id, input.keepSession && sha256(input.keepSession));
    await writeAudit(trx, {
      entity: 'user',
      entity_id: user.id,
      version: 1,
      action: 'update',
      actor: actor.name,
      before: null,
      after: { password: 'changed' },
    });
  });
}

export async function listUsers(db: Kysely<DB>) {
  return (await new AuthRepository(db).users()).map(({ password_hash: _p, ...u }) => u);
}

/** A new token for a user, with a role no greater than the user's; the token is returned once. */
export async function createToken(
  db: Kysely<DB>,
  input: { userName: string; role: Role; name: string },
  actor: string,
): Promise<{ id: number; token: string; role: Role; user: string }> {
  const repo = new AuthRepository(db);
  const user = await repo.userByName(input.userName.toLowerCase());
  if (!user || user.disabled_at) throw new NotFoundError(`no active user is called ${input.userName}`);
  if (!GRANTS[user.role].includes(input.role))
    throw new ValidationError(`${user.name} is ${user.role}: a token cannot do more than its user`, [
      { field: 'role', value: input.role, reason: `must be within ${user.role}` },
    ]);
  const token = `kru_${randomBytes(24).toString('base64url')}`;
  const shown = { user: user.name, name: input.name, prefix: token.slice(0, 10), role: input.role };
  const id = await db.transaction().execute(async (trx) => {
    const made = await new AuthRepository(trx).insertToken({
      user_id: user.id,
      name: input.name,
      prefix: shown.prefix,
      token_hash: sha256(token),
      role: input.role,
    });
    await writeAudit(trx, {
      entity: 'token',
      entity_id: made,
      version: 1,
      action: 'create',
      actor,
      before: null,
      after: shown,
    });
    return made;
  });
  return { id, token, role: input.role, user: user.name };
}

export async function listTokens(db: Kysely<DB>, actor: Actor) {
  return new AuthRepository(db).tokens(actor.role === 'admin' ? undefined : actor.userId);
}

export async function revokeToken(db: Kysely<DB>, id: number, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const revoked = await new AuthRepository(trx).revokeToken(
      id,
      actor.role === 'admin' ? undefined : actor.userId,
    );
    if (!revoked) throw new NotFoundError(`no live token of yours has the id ${id}`);
    await writeAudit(trx, {
      entity: 'token',
      entity_id: id,
      version: 1,
      action: 'revoke',
      actor: actor.name,
      before: { name: revoked.name, role: revoked.role, user_id: revoked.user_id },
      after: null,
    });
  });
}

/** The actor a bearer token names, or undefined for an unknown or revoked one. */
export async function actorOfToken(db: Kysely<DB>, token: string): Promise<Actor | undefined> {
  const found = await new AuthRepository(db).takeToken(sha256(token));
  return found && { userId: found.user_id, name: found.name, role: found.role, via: 'token' };
}

export async function actorOfSession(db: Kysely<DB>, cookie: string): Promise<Actor | undefined> {
  const found = await new AuthRepository(db).session(sha256(cookie));
  return (
    found && {
      userId: found.user_id,
      name: found.name,
      role: found.role,
      via: 'session',
      csrf: found.csrf_token,
    }
  );
}

/** Checks a name and password; a new session's cookie value and CSRF token. Failed attempts are limited. */
export async function signIn(
  db: Kysely<DB>,
  input: { name: string; password: string; ip: string },
): Promise<{ cookie: string; actor: Actor }> {
  const repo = new AuthRepository(db);
  const name = input.name.trim().toLowerCase();
  const keys = [`name:${name}`, `ip:${input.ip}`];
  if (
    (await repo.failures(keys[0]!, MAX_FAILURES.minutes)) >= MAX_FAILURES.name ||
    (await repo.failures(keys[1]!, MAX_FAILURES.minutes)) >= MAX_FAILURES.ip
  )
    throw new TooManyAttemptsError(`too many failed sign-ins: wait ${MAX_FAILURES.minutes} minutes`);
  const user = await repo.userByName(name);
  // A hash is verified even for an unknown name, so that timing does not tell which names exist.
  const ok = await verify(user?.password_hash ?? DUMMY_HASH, input.password).catch(() => false);
  if (!user?.password_hash || user.disabled_at || !ok) {
    await repo.recordFailure(keys);
    throw new UnauthorizedError('wrong name or password');
  }
  await repo.clearFailures(keys[0]!);
  const cookie = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  await repo.insertSession({
    id_hash: sha256(cookie),
    user_id: user.id,
    csrf_token: csrf,
    hours: SESSION_HOURS,
  });
  return { cookie, actor: { userId: user.id, name: user.name, role: user.role, via: 'session', csrf } };
}

export async function signOut(db: Kysely<DB>, cookie: string): Promise<void> {
  await new AuthRepository(db).deleteSession(sha256(cookie));
}

/** Refuses an actor that may not do what `needed` names (401 without one, 403 with the wrong role). */
export function authorize(actor: Actor | undefined, needed: readonly Role[]): Actor {
  if (!actor)
    throw new UnauthorizedError('sign in, or send a token (Authorization: Bearer …), to change data');
  if (!needed.some((n) => GRANTS[actor.role].includes(n)))
    throw new ForbiddenError(`${actor.name} acts as ${actor.role}; this needs ${needed.join(' or ')}`);
  return actor;
}

/** Creates the demo account of the demo database (name demo, the password `npm start` prints), once. */
export async function ensureDemoAccount(db: Kysely<DB>): Promise<{ name: string; password: string }> {
  const account = { name: 'demo', password: 'keruen-demo' };
  if (!(await new AuthRepository(db).userByName(account.name)))
    await createUser(db, { ...account, role: 'admin', displayName: 'Demo' }, 'demo');
  return account;
}

const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0PnTU+qU1Kx4ODHh3dyVJ2J6P7KmNqbk1/ijZI7KsZ0';

const isAuditCursor = (v: unknown): v is [string, string, number] =>
  Array.isArray(v) &&
  v.length === 3 &&
  typeof v[0] === 'string' &&
  typeof v[1] === 'string' &&
  Number.isInteger(v[2]);

/** Records a write in the audit log, in the transaction of the write. */
export async function writeAudit(db: Kysely<DB> | Transaction<DB>, event: AuditEvent): Promise<void> {
  await new AuditRepository(db).add(event);
}

/** The audit events of one target, reported figure, user or token, oldest first. */
export async function auditEventsOf(
  db: Kysely<DB> | Transaction<DB>,
  entity: AuditEvent['entity'],
  id: number,
): Promise<(AuditEvent & { at: string })[]> {
  return new AuditRepository(db).of(entity, id);
}

/** The audit log, newest first, in keyset pages. */
export async function auditLog(
  db: Kysely<DB>,
  query: { entity?: string; kind?: string; id?: number; actor?: string; cursor?: string; limit: number },
) {
  const after = query.cursor ? decodeCursor(query.cursor, isAuditCursor) : undefined;
  const rows = await new AuditRepository(db).entries(
    { entity: query.entity, kind: query.kind, entityId: query.id, actor: query.actor },
    after && { at: after[0], entity: after[1], id: after[2] },
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    entries: page,
    next_cursor: rows.length > query.limit && last ? encodeCursor([last.at, last.entity, last.id]) : null,
  };
}
