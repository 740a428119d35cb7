// Secondary indexes and foreign keys set aside during a bulk load and built once at its end, as pg_restore
// does: a load as large as the tables it fills spends more on maintaining their indexes row by row, and on
// checking each row's foreign keys by a trigger of its own, than building and checking them once takes.
// The definitions are kept in deferred_index (migrations 0011 and 0013), written in the transaction that
// drops them; what a stopped load leaves there is built by the next start or load. A load holds an advisory
// lock until its end, so that no other process builds what it set aside while it writes.
import { sql } from 'kysely';
import type { Database } from './database.js';

/** The advisory lock a bulk load holds while indexes are deferred ('keru'). */
const LOAD_LOCK = 0x6b657275;

/** PostgreSQL's insufficient_privilege: the role does not own the tables. */
const NOT_OWNER = '42501';

export interface DeferredLoad {
  /** The indexes and foreign keys dropped (none when the role may not drop them). */
  readonly indexes: string[];
  /** Ends the load: releases its lock and builds what is deferred. Returns the names built. */
  finish(): Promise<string[]>;
}

/**
 * Drops the secondary indexes of `tables` (neither unique nor a primary key: those keep the load's rows
 * apart, and its merges find rows by them) and their foreign keys, and records their definitions, for
 * `finish()` to build. While they are away the load's writer is the one who keeps the rows consistent:
 * every row it writes must point to rows that exist.
 */
export async function deferIndexes(database: Database, tables: readonly string[]): Promise<DeferredLoad> {
  const release = await database.holdLock(LOAD_LOCK);
  let indexes: string[] = [];
  try {
    indexes = await database.bulk(async (session) => {
      const rows = await session.query<{ name: string; table_name: string; kind: string }>(
        `insert into deferred_index (name, table_name, definition, kind)
         select i.indexrelid::regclass::text, i.indrelid::regclass::text, pg_get_indexdef(i.indexrelid), 'index'
         from pg_index i
         where i.indrelid = any($1::regclass[]) and not i.indisunique and not i.indisprimary
         union all
         select c.conname, c.conrelid::regclass::text,
                format('alter table %s add constraint %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)),
                'foreign_key'
         from pg_constraint c
         where c.conrelid = any($1::regclass[]) and c.contype = 'f'
         order by 1
         on conflict (name) do nothing
         returning name, table_name, kind`,
        [tables],
      );
      for (const { name, table_name, kind } of rows)
        await session.query(
          kind === 'index'
            ? `drop index ${name}`
            : `alter table ${table_name} drop constraint ${quoteIdent(name)}`,
        );
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

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Builds every deferred index, then adds back every deferred foreign key, each in its own transaction (one
 * built stays built if the next fails), unless a load in progress holds them for its end. On a server two
 * indexes are built at once. Returns the names built.
 */
export async function buildDeferredIndexes(database: Database): Promise<string[]> {
  const pending = await sql<{ name: string; kind: string }>`
    select name, kind from deferred_index order by name`.execute(database.db);
  const built: string[] = [];
  let held = false;
  const buildAll = async (queue: string[], workers: number) => {
    const worker = async () => {
      for (let name = queue.shift(); name !== undefined && !held; name = queue.shift()) {
        const done = await buildOne(database, name);
        if (done === 'held') held = true;
        if (done === 'built') built.push(name);
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
  };
  const named = (kind: string) => pending.rows.filter((r) => r.kind === kind).map((r) => r.name);
  await buildAll(named('index'), database.capabilities.multipleConnections ? 2 : 1);
  // A key is checked against the table its rows point to, one at a time (each locks that table).
  await buildAll(named('foreign_key'), 1);
  return built;
}

async function buildOne(database: Database, name: string): Promise<'held' | 'gone' | 'built'> {
  return database.bulk(async (session) => {
    // Shared: builders do not keep each other out; a load's exclusive lock keeps them all out.
    const [lock] = await session.query<{ free: boolean }>(
      'select pg_try_advisory_xact_lock_shared($1) as free',
      [LOAD_LOCK],
    );
    if (!lock?.free) return 'held';
    // Taken by the first builder; another one waits on the row and then finds it gone.
    const [row] = await session.query<{ definition: string; kind: string; table_name: string }>(
      'delete from deferred_index where name = $1 returning definition, kind, table_name',
      [name],
    );
    if (!row) return 'gone';
    if (row.kind === 'foreign_key') {
      const [exists] = await session.query(
        'select 1 from pg_constraint where conname = $1 and conrelid = $2::regclass',
        [name, row.table_name],
      );
      if (!exists) await session.query(row.definition);
      return 'built';
    }
    // More memory than the default 64 MB sorts a GIN index of a million rows in one pass.
    await session.query(`select set_config('maintenance_work_mem', '256MB', true)`);
    await session.query(row.definition.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS '));
    return 'built';
  });
}
