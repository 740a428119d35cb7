// The database: open PGlite or a PostgreSQL server, run migrations, and the table types.
export type { BulkSession, Capabilities, Database, MemoryTarget } from './database.js';
export { dumpEmbedded, openDatabase } from './database.js';
export { buildDeferredIndexes, type DeferredLoad, deferIndexes } from './deferred-indexes.js';
export type { MigrationState } from './migrate.js';
export { migrateToLatest, migrateUpTo, migrationStatus } from './migrate.js';
export type * from './schema.js';
export { splitSqlScript } from './sql-script.js';
