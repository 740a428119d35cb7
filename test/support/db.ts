// A fresh, migrated database with reference data for one test file: PGlite from the dumped template,
// or a PostgreSQL database cloned from the template database (dropped on close).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import { loadConfig, testSettings } from '../../src/config.js';
import { type AppContext, createContext } from '../../src/context.js';
import { type Database, openDatabase } from '../../src/db/index.js';
import { adminUrl, databaseUrlFor } from './postgres.js';

let counter = 0;

export const engine = testSettings().engine;

/** Opens a fresh database for a test: PGlite in memory or a new database on the PostgreSQL server. */
export async function freshDatabase(): Promise<{
  database: Database;
  drop: () => Promise<void>;
  url?: string;
}> {
  const settings = testSettings();
  if (settings.engine === 'postgres') {
    const template = inject('postgresTemplate');
    const name = `${template}_${process.pid}_${counter++}`;
    const admin = new pg.Client({ connectionString: adminUrl(settings.databaseUrl!) });
    await admin.connect();
    try {
      await admin.query(`create database ${name} template ${template}`);
    } finally {
      await admin.end();
    }
    const url = databaseUrlFor(settings.databaseUrl!, name);
    const database = await openDatabase({ engine: 'postgres', url });
    return {
      database,
      url,
      drop: async () => {
        const client = new pg.Client({ connectionString: adminUrl(settings.databaseUrl!) });
        await client.connect();
        try {
          await client.query(`drop database if exists ${name} with (force)`);
        } finally {
          await client.end();
        }
      },
    };
  }
  const tarball = new Blob([readFileSync(inject('pgliteTemplate'))]);
  const database = await openDatabase({ engine: 'pglite-memory', loadDataDir: tarball });
  return { database, drop: async () => {} };
}

/** A context over a fresh database, with a silent logger; `close()` also removes the database. */
export async function testContext(): Promise<AppContext> {
  const { database, drop } = await freshDatabase();
  const config = loadConfig({ LOG_LEVEL: 'silent', KERUEN_DATA_DIR: '/nonexistent/keruen-test' });
  const ctx = await createContext(config, { database, logger: pino({ level: 'silent' }) });
  return {
    ...ctx,
    async close() {
      await ctx.close();
      await drop();
    },
  };
}

/**
 * Where a child process should keep its data: an empty PostgreSQL database (variables for the
 * command and a drop function), or an empty folder for the embedded database.
 */
export async function emptyTarget(): Promise<{ vars: Record<string, string>; drop: () => Promise<void> }> {
  const settings = testSettings();
  const dataDir = mkdtempSync(join(tmpdir(), 'keruen-data-'));
  if (settings.engine === 'postgres') {
    const name = `${inject('postgresTemplate')}_empty_${process.pid}_${counter++}`;
    const admin = new pg.Client({ connectionString: adminUrl(settings.databaseUrl!) });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    return {
      vars: { DATABASE_URL: databaseUrlFor(settings.databaseUrl!, name), KERUEN_DATA_DIR: dataDir },
      drop: async () => {
        const client = new pg.Client({ connectionString: adminUrl(settings.databaseUrl!) });
        await client.connect();
        await client.query(`drop database if exists ${name} with (force)`);
        await client.end();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  return {
    vars: { KERUEN_DATA_DIR: dataDir },
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}
