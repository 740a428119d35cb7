// The one place that knows which engine runs: PGlite (embedded, in-process) or a PostgreSQL server.
// Everything above this folder sees a Kysely<DB> and a few named capability flags.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import type { DatabaseTarget } from '../config.js';
import { type FolderLock, lockDataFolder } from './lock.js';
import type { DB } from './schema.js';

const OID = { INT8: 20, DATE: 1082, NUMERIC: 1700 } as const;

/** What differs between the engines, named, so that no code above src/db asks which engine it is on. */
export interface Capabilities {
  /** Several connections at once (a server); PGlite has one, and queries queue for it. */
  multipleConnections: boolean;
}

/**
 * One connection and one transaction for bulk work: plain SQL, and COPY FROM STDIN (the fastest
 * way into PostgreSQL on both engines). Committed when the work returns, rolled back when it throws.
 */
export interface BulkSession {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /**
   * Runs `copy <table> (<columns>) from stdin [with (…)]` with `data` as its input, in the statement's format
   * (text, or CSV; see copyLine for text).
   */
  copyFrom(statement: string, data: string | Uint8Array): Promise<void>;
  /** Runs `work` in a savepoint: when it throws, what it did is undone and the transaction goes on. */
  savepoint<T>(work: () => Promise<T>): Promise<T>;
}

export interface Database {
  readonly db: Kysely<DB>;
  /** Runs `work` in one transaction on one connection (see BulkSession). */
  bulk<T>(work: (session: BulkSession) => Promise<T>): Promise<T>;
  /**
   * Takes PostgreSQL's session-level advisory lock `key` (waiting for it) on a connection kept for it until
   * the returned function releases it: other sessions see it held (pg_try_advisory_xact_lock fails).
   */
  holdLock(key: number): Promise<() => Promise<void>>;
  readonly engine: 'pglite' | 'postgres';
  readonly capabilities: Capabilities;
  /** Where the data lives, for people: a folder, or a server without its password. */
  readonly location: string;
  close(): Promise<void>;
}

/** A target the tests use: an in-memory PGlite, optionally started from a dumped template. */
export interface MemoryTarget {
  engine: 'pglite-memory';
  loadDataDir?: Blob | File;
}

interface EmbeddedDatabase extends Database {
  readonly pglite: PGlite;
}

let savepoints = 0;

/** Runs `work` inside a savepoint of the transaction `query` runs in, rolled back to when `work` throws. */
async function inSavepoint<T>(query: (text: string) => Promise<unknown>, work: () => Promise<T>): Promise<T> {
  const name = `keruen_${++savepoints}`;
  await query(`savepoint ${name}`);
  try {
    const result = await work();
    await query(`release savepoint ${name}`);
    return result;
  } catch (error) {
    await query(`rollback to savepoint ${name}`);
    throw error;
  }
}

function describeServer(url: string): string {
  const u = new URL(url);
  return `PostgreSQL at ${u.hostname}:${u.port || '5432'}${u.pathname}`;
}

async function createPglite(dataDir: string | undefined, loadDataDir?: Blob | File): Promise<PGlite> {
  return PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    extensions: { pg_trgm, unaccent },
    // Same JavaScript types as the pg driver below: dates as 'YYYY-MM-DD', numeric as strings.
    parsers: {
      [OID.DATE]: (value: string) => value,
      [OID.NUMERIC]: (value: string) => value,
      [OID.INT8]: (value: string) => Number(value),
    },
  });
}

/**
 * Opens the database a target names. The embedded one is locked to this process until `close()`.
 * `command` names the holder in the lock, so that a second process can say who has the folder.
 */
export async function openDatabase(
  target: DatabaseTarget | MemoryTarget,
  options: { command?: string } = {},
): Promise<Database> {
  if (target.engine === 'postgres') {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: 10,
      application_name: 'keruen',
      types: {
        getTypeParser(oid: number, format?: 'text' | 'binary') {
          if (oid === OID.DATE || oid === OID.NUMERIC) return (value: string) => value;
          if (oid === OID.INT8) return (value: string) => Number(value);
          return pg.types.getTypeParser(oid, format as 'text');
        },
      } as pg.CustomTypesConfig,
    });
    // An idle client that loses its connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      async bulk(work) {
        const client = await pool.connect();
        let broken: Error | undefined;
        try {
          await client.query('begin');
          const query = async (text: string, params?: unknown[]) => (await client.query(text, params)).rows;
          const result = await work({
            query,
            copyFrom: (statement, data) =>
              new Promise<void>((resolve, reject) => {
                const stream = client.query(copyFromStdin(statement));
                stream.on('finish', resolve);
                stream.on('error', reject);
                stream.end(data);
              }),
            savepoint: (inner) => inSavepoint(query, inner),
          });
          await client.query('commit');
          return result;
        } catch (error) {
          await client.query('rollback').catch((e: Error) => {
            broken = e;
          });
          throw error;
        } finally {
          client.release(broken);
        }
      },
      async holdLock(key) {
        const client = await pool.connect();
        try {
          await client.query('select pg_advisory_lock($1)', [key]);
        } catch (error) {
          client.release(error as Error);
          throw error;
        }
        return async () => {
          try {
            await client.query('select pg_advisory_unlock($1)', [key]);
            client.release();
          } catch (error) {
            client.release(error as Error);
          }
        };
      },
      engine: 'postgres',
      capabilities: { multipleConnections: true },
      location: describeServer(target.url),
      close: () => db.destroy(),
    };
  }

  let lock: FolderLock | undefined;
  let dataDir: string | undefined;
  if (target.engine === 'pglite') {
    dataDir = target.dataDir;
    lock = lockDataFolder(dataDir, options.command ?? 'keruen');
  }
  let pglite: PGlite;
  try {
    pglite = await createPglite(dataDir, target.engine === 'pglite-memory' ? target.loadDataDir : undefined);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  const database: EmbeddedDatabase = {
    db,
    pglite,
    bulk: (work) =>
      pglite.transaction((tx) => {
        const query = async (text: string, params?: unknown[]) =>
          (await tx.query(text, params)).rows as never[];
        return work({
          query,
          // PGlite reads COPY data from a blob it names /dev/blob.
          copyFrom: async (statement, data) => {
            await tx.query(statement.replace(/\bfrom\s+stdin\b/i, "from '/dev/blob'"), [], {
              blob: new Blob([data]),
            });
          },
          savepoint: (inner) => inSavepoint(query, inner),
        });
      }),
    // One session: the lock only matters to other sessions, and the folder lock keeps other processes out.
    async holdLock(key) {
      await pglite.query('select pg_advisory_lock($1)', [key]);
      return async () => {
        await pglite.query('select pg_advisory_unlock($1)', [key]);
      };
    },
    engine: 'pglite',
    capabilities: { multipleConnections: false },
    location: dataDir ? `embedded database at ${dataDir}` : 'embedded database in memory',
    async close() {
      try {
        await db.destroy();
      } finally {
        lock?.release();
      }
    },
  };
  return database;
}

/** Dumps an embedded database to a tarball (used to start test databases from a migrated template). */
export async function dumpEmbedded(database: Database): Promise<Blob> {
  const embedded = database as Partial<EmbeddedDatabase>;
  if (!embedded.pglite) throw new Error('only an embedded database can be dumped to a tarball');
  return embedded.pglite.dumpDataDir('none');
}
