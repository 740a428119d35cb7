// Secondary indexes set aside during a bulk load and built once at its end, as pg_restore does: a load as
// large as the tables it fills spends more on maintaining their indexes row by row than building them
// takes. The definitions are kept in deferred_index (migration 0011), written in the transaction that
// drops the indexes; what a stopped load leaves there is built by the next start or load. A load holds an
// advisory lock until its end, so that no other process builds its indexes while it writes.
import { sql } from 'kysely';
import type { Database } from './database.js';

/** The advisory lock a bulk load holds while indexes are deferred ('keru'). */
const LOAD_LOCK = 0x6b657275;

/** PostgreSQL's insufficient_privilege: the role does not own the tables. */
const NOT_OWNER = '42501';

export interface DeferredLoad {
  /** The indexes dropped (none when the role may not drop them). */
  readonly indexes: string[];
  /** Ends the load: releases its lock and builds what is deferred. Returns the names built. */
  finish(): Promise<string[]>;
}

/**
 * Drops the secondary indexes of `tables` (neither unique nor a primary key: those keep the load's rows
 * apart, and its merges find rows by them) and records their definitions, for `finish()` to build.
 */
export async function deferIndexes(database: Database, tables: readonly string[]): Promise<DeferredLoad> {
  const release = await database.holdLock(LOAD_LOCK);
  let indexes: string[] = [];
  try {
    indexes = await database.bulk(async (session) => {
      const rows = await session.query<{ name: string }>(
        `insert into deferred_index (name, table_name, definition)
         select i.indexrelid::regclass::text, i.indrelid::regclass::text, pg_get_indexdef(i.indexrelid)
         from pg_index i
         where i.indrelid = any($1::regclass[]) and not i.indisunique and not i.indisprimary
         order by 1
         on conflict (name) do nothing
         returning name`,
        [tables],
      );
      for (const { name } of rows) await session.query(`drop index ${name}`);
      return rows.map((r) => r.name);
    });
  } catch (error) {
    if ((error as { code?: string }).code !== NOT_OWNER) {
      await release();
      throw error;
    }
  }
  let finished: Promise<string[]> | undefined;
  return {
    indexes,
    finish() {
      finished ??= release().then(() => buildDeferredIndexes(database));
      return finished;
    },
  };
}

/**
 * Builds every deferred index, each in its own transaction (one built stays built if the next fails), unless
 * a load in progress holds them for its end. Returns the names built.
 */
export async function buildDeferredIndexes(database: Database): Promise<string[]> {
  const pending = await sql<{ name: string }>`select name from deferred_index order by name`.execute(
    database.db,
  );
  const built: string[] = [];
  for (const { name } of pending.rows) {
    const done = await database.bulk(async (session) => {
      const [lock] = await session.query<{ free: boolean }>('select pg_try_advisory_xact_lock($1) as free', [
        LOAD_LOCK,
      ]);
      if (!lock?.free) return 'held';
      // Taken by the first builder; another one waits on the row and then finds it gone.
      const [row] = await session.query<{ definition: string }>(
        'delete from deferred_index where name = $1 returning definition',
        [name],
      );
      if (!row) return 'gone';
      // More memory than the default 64 MB sorts a GIN index of a million rows in one pass.
      await session.query(`select set_config('maintenance_work_mem', '256MB', true)`);
      await session.query(row.definition.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS '));
      return 'built';
    });
    if (done === 'held') break;
    if (done === 'built') built.push(name);
  }
  return built;
}
