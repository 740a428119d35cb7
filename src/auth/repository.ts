// SQL of accounts: users, tokens, sessions, failed sign-ins.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/index.js';
import type { AUDIT_ENTITIES, Role } from './model.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface UserRow {
  id: number;
  name: string;
  display_name: string | null;
  password_hash: string | null;
  role: Role;
  created_at: string;
  disabled_at: string | null;
}

export interface TokenRow {
  id: number;
  user_id: number;
  name: string;
  prefix: string;
  role: Role;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  user_name: string;
}

const TIME = (c: string) => sql.raw(`to_char(${c} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);

export class AuthRepository {
  constructor(private readonly db: Executor) {}

  async userByName(name: string): Promise<UserRow | undefined> {
    const r = await sql<UserRow>`
      select id, name, display_name, password_hash, role, ${TIME('created_at')} as created_at, ${TIME('disabled_at')} as disabled_at
      from app_user where name = ${name}`.execute(this.db);
    return r.rows[0];
  }

  async users(): Promise<UserRow[]> {
    const r = await sql<UserRow>`
      select id, name, display_name, null as password_hash, role, ${TIME('created_at')} as created_at, ${TIME('disabled_at')} as disabled_at
      from app_user order by name`.execute(this.db);
    return r.rows;
  }

  async insertUser(user: {
    name: string;
    display_name: string | null;
    password_hash: string | null;
    role: Role;
  }): Promise<number> {
    const r = await sql<{ id: number }>`
      insert into app_user (name, display_name, password_hash, role)
      values (${user.name}, ${user.display_name}, ${user.password_hash}, ${user.role}) returning id`.execute(
      this.db,
    );
    return r.rows[0]!.id;
  }

  async setPassword(userId: number, hash: string): Promise<void> {
    await sql`update app_user set password_hash = ${hash} where id = ${userId}`.execute(this.db);
  }

  /** Administrators who may sign in (locked, so that two demotions at once cannot remove the last one). */
  async activeAdmins(): Promise<number> {
    const r = await sql<{ id: number }>`
      select id from app_user where role = 'admin' and disabled_at is null for update`.execute(this.db);
    return r.rows.length;
  }

  async updateUser(
    userId: number,
    change: { role: Role; display_name: string | null; disabled: boolean },
  ): Promise<void> {
    await sql`
      update app_user set role = ${change.role}, display_name = ${change.display_name},
        disabled_at = case when ${change.disabled}::boolean then coalesce(disabled_at, now()) end
      where id = ${userId}`.execute(this.db);
  }

  /** Revokes a user's live tokens whose role is not among `allowed`; their ids. */
  async revokeTokensBeyond(userId: number, allowed: readonly Role[]): Promise<number[]> {
    const r = await sql<{ id: number }>`
      update api_token set revoked_at = now()
      where user_id = ${userId} and revoked_at is null and role <> all(${allowed as Role[]}::text[])
      returning id`.execute(this.db);
    return r.rows.map((row) => row.id);
  }

  /** Ends a user's sessions, but the one whose hash is `keep`. */
  async deleteSessionsOf(userId: number, keep?: string): Promise<void> {
    await sql`delete from user_session where user_id = ${userId} and id_hash <> ${keep ?? ''}`.execute(
      this.db,
    );
  }

  async insertToken(token: {
    user_id: number;
    name: string;
    prefix: string;
    token_hash: string;
    role: Role;
  }): Promise<number> {
    const r = await sql<{ id: number }>`
      insert into api_token (user_id, name, prefix, token_hash, role)
      values (${token.user_id}, ${token.name}, ${token.prefix}, ${token.token_hash}, ${token.role}) returning id`.execute(
      this.db,
    );
    return r.rows[0]!.id;
  }

  /** The live token with this hash and its user, recording its use (at most once a minute, so that
   * reads made with a token do not each write). */
  async takeToken(hash: string): Promise<{ user_id: number; name: string; role: Role } | undefined> {
    const r = await sql<{ user_id: number; name: string; role: Role }>`
      with found as (
        select t.id, t.user_id, u.name, t.role, t.last_used_at from api_token t join app_user u on u.id = t.user_id
        where t.token_hash = ${hash} and t.revoked_at is null and u.disabled_at is null
      ), touched as (
        update api_token set last_used_at = now()
        where id in (select id from found where last_used_at is null or last_used_at < now() - interval '1 minute')
      )
      select user_id, name, role from found`.execute(this.db);
    return r.rows[0];
  }

  async tokens(userId?: number): Promise<TokenRow[]> {
    const r = await sql<TokenRow>`
      select t.id, t.user_id, t.name, t.prefix, t.role, ${TIME('t.created_at')} as created_at,
        ${TIME('t.last_used_at')} as last_used_at, ${TIME('t.revoked_at')} as revoked_at, u.name as user_name
      from api_token t join app_user u on u.id = t.user_id
      ${userId === undefined ? sql`` : sql`where t.user_id = ${userId}`}
      order by t.id`.execute(this.db);
    return r.rows;
  }

  /** Revokes a live token (of `userId` when given); the token as it was, or undefined. */
  async revokeToken(
    id: number,
    userId?: number,
  ): Promise<{ name: string; role: Role; user_id: number } | undefined> {
    const r = await sql<{ name: string; role: Role; user_id: number }>`
      update api_token set revoked_at = now() where id = ${id} and revoked_at is null
      ${userId === undefined ? sql`` : sql`and user_id = ${userId}`}
      returning name, role, user_id`.execute(this.db);
    return r.rows[0];
  }

  async insertSession(session: {
    id_hash: string;
    user_id: number;
    csrf_token: string;
    hours: number;
  }): Promise<void> {
    await sql`
      insert into user_session (id_hash, user_id, csrf_token, expires_at)
      values (${session.id_hash}, ${session.user_id}, ${session.csrf_token}, now() + make_interval(hours => ${session.hours}))`.execute(
      this.db,
    );
  }

  async session(
    idHash: string,
  ): Promise<{ user_id: number; name: string; role: Role; csrf_token: string } | undefined> {
    const r = await sql<{ user_id: number; name: string; role: Role; csrf_token: string }>`
      select s.user_id, u.name, u.role, s.csrf_token from user_session s join app_user u on u.id = s.user_id
      where s.id_hash = ${idHash} and s.expires_at > now() and u.disabled_at is null`.execute(this.db);
    return r.rows[0];
  }

  async deleteSession(idHash: string): Promise<void> {
    await sql`delete from user_session where id_hash = ${idHash} or expires_at < now()`.execute(this.db);
  }

  async recordFailure(keys: string[]): Promise<void> {
    for (const key of keys) await sql`insert into login_failure (key) values (${key})`.execute(this.db);
  }

  /** Failed sign-ins for a key within the last `minutes`. */
  async failures(key: string, minutes: number): Promise<number> {
    const r = await sql<{ n: number }>`
      select count(*)::int as n from login_failure where key = ${key} and at > now() - make_interval(mins => ${minutes})`.execute(
      this.db,
    );
    return r.rows[0]!.n;
  }

  async clearFailures(key: string): Promise<void> {
    await sql`delete from login_failure where key = ${key}`.execute(this.db);
  }
}

export interface AuditRow {
  entity: string;
  entity_id: number;
  kind: string;
  id: number;
  version: number;
  action: string;
  actor: string | null;
  at: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** One write that no capability's own history keeps, as the audit log keeps it (never a secret). */
export interface AuditEvent {
  entity: Extract<(typeof AUDIT_ENTITIES)[number], 'target' | 'reported' | 'document' | 'user' | 'token'>;
  entity_id: number;
  /** The entity's version after the write; 1 for entities without versions. */
  version: number;
  action: 'create' | 'update' | 'delete' | 'restore' | 'add_source' | 'revoke';
  actor: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const ACCOUNT_ENTITIES = new Set<string>(['user', 'token']);

/** SQL of the audit log: every write kept by the capabilities (records' and producers' histories, decisions
 * on facts, the audit events of targets, reported figures, accounts and tokens, runs of the official
 * statistics' import), newest first, as one list. */
export class AuditRepository {
  constructor(private readonly db: Executor) {}

  /** Keeps an event: of data in audit_event (exported with the data), of accounts in account_event. */
  async add(event: AuditEvent): Promise<void> {
    await this.db
      .insertInto(ACCOUNT_ENTITIES.has(event.entity) ? 'account_event' : 'audit_event')
      .values({
        ...event,
        before: event.before === null ? null : JSON.stringify(event.before),
        after: event.after === null ? null : JSON.stringify(event.after),
      })
      .execute();
  }

  /** The audit events of one entity, oldest first. */
  async of(entity: AuditEvent['entity'], id: number): Promise<(AuditEvent & { at: string })[]> {
    const r = await sql<AuditEvent & { at: string }>`
      select entity, entity_id, version, action, actor, before, after,
        to_char(changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
      from ${sql.table(ACCOUNT_ENTITIES.has(entity) ? 'account_event' : 'audit_event')}
      where entity = ${entity} and entity_id = ${id} order by id`.execute(this.db);
    return r.rows;
  }

  async entries(
    filters: { entity?: string; kind?: string; entityId?: number; actor?: string },
    after: { at: string; entity: string; id: number } | undefined,
    limit: number,
  ): Promise<AuditRow[]> {
    const where = [sql`true`];
    if (filters.entity) where.push(sql`a.entity = ${filters.entity}`);
    if (filters.kind) where.push(sql`a.kind = ${filters.kind}`);
    if (filters.entityId !== undefined) where.push(sql`a.entity_id = ${filters.entityId}`);
    if (filters.actor) where.push(sql`a.actor = ${filters.actor}`);
    if (after)
      where.push(
        sql`(a.changed_at, a.entity, a.id) < (${after.at}::timestamptz, ${after.entity}::text, ${after.id}::bigint)`,
      );
    const r = await sql<AuditRow>`
      select a.entity, a.entity_id, a.kind, a.id, a.version, a.action, a.actor,
        to_char(a.changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, a.before, a.after
      from (
        select 'record'::text as entity, h.record_id as entity_id, r.kind, h.id, h.version, h.action, h.actor, h.changed_at,
          h.before, h.after
        from coop_history h join coop_record r on r.id = h.record_id
        union all
        select 'producer', h.producer_id, 'producer', h.id, h.version, h.action, h.actor, h.changed_at, h.before, h.after
        from producer_history h
        union all
        select 'fact', f.id, f.kind, f.id, f.version, f.status, f.decided_by, f.decided_at, f.proposed,
          coalesce(f.edited, f.proposed)
        from fact f where f.decided_at is not null
        union all
        select e.entity, e.entity_id, e.entity, e.id, e.version, e.action, e.actor, e.changed_at, e.before, e.after
        from audit_event e
        union all
        select e.entity, e.entity_id, e.entity, e.id, e.version, e.action, e.actor, e.changed_at, e.before, e.after
        from account_event e
        union all
        select 'trade_import', i.id, i.dataset, i.id, 1, 'import', null, i.started_at, null,
          jsonb_build_object('file', i.file, 'finished_at', i.finished_at, 'rows_read', i.rows_read,
            'imported', i.imported, 'updated', i.updated, 'unchanged', i.unchanged, 'rejected', i.rejected)
        from trade_import i
      ) a
      where ${sql.join(where, sql` and `)}
      order by a.changed_at desc, a.entity desc, a.id desc
      limit ${limit}`.execute(this.db);
    return r.rows;
  }
}
