// The explicit context: the database and the logger, built the same way by the server, the CLI and
// the tests, and closed in one place.
import type { Kysely } from 'kysely';
import pino, { type Logger } from 'pino';
import { type Config, databaseTarget, type LogLevel } from './config.js';
import {
  buildDeferredIndexes,
  type Database,
  type DB,
  type MemoryTarget,
  migrateToLatest,
  openDatabase,
} from './db/index.js';
import { ensureReferenceData } from './reference/index.js';

export interface AppContext {
  readonly config: Config;
  readonly logger: Logger;
  readonly database: Database;
  readonly db: Kysely<DB>;
  close(): Promise<void>;
}

export interface ContextOptions {
  /** Use the demo database (`npm start`) instead of the user's own. */
  demo?: boolean;
  /** Names this process in the embedded database's lock. */
  command?: string;
  logger?: Logger;
  /** An already opened database (tests); the context closes it. */
  database?: Database;
  /** The log level when LOG_LEVEL is not set. */
  logLevel?: LogLevel;
  /** Open this target instead of the configured one (tests). */
  target?: MemoryTarget;
}

/**
 * Creates a logger writing to stderr, so that stdout stays for a command's output: at LOG_LEVEL when set,
 * else at `fallback` (info for the server, warn for commands).
 */
export function createLogger(config: Config, fallback: LogLevel = 'warn'): Logger {
  return pino({ level: config.logLevel ?? fallback, base: { service: 'keruen' } }, pino.destination(2));
}

/**
 * Opens the database, applies pending migrations and makes sure reference data is loaded. Everything
 * it opens is closed by `close()`.
 */
export async function createContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  const logger = options.logger ?? createLogger(config, options.logLevel);
  const database =
    options.database ??
    (await openDatabase(options.target ?? databaseTarget(config, { demo: options.demo }), {
      command: options.command,
    }));
  try {
    const applied = await migrateToLatest(database.db as Kysely<unknown>);
    if (applied.length > 0) logger.info({ migrations: applied }, 'applied migrations');
    const result = await ensureReferenceData(database.db, () => logger.info('loading reference data'));
    if (result.loaded) logger.info('reference data loaded');
    // A bulk load stopped before its end left indexes to build.
    const built = await buildDeferredIndexes(database);
    if (built.length > 0) logger.info({ indexes: built }, 'built the indexes a stopped import had set aside');
  } catch (error) {
    await database.close();
    throw error;
  }
  let closed = false;
  return {
    config,
    logger,
    database,
    db: database.db,
    async close() {
      if (closed) return;
      closed = true;
      await database.close();
    },
  };
}
