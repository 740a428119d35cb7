// Migrates a template database once per test run: a dumped PGlite data folder, or a PostgreSQL
// template database that each test file clones. Removed when the run ends.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { testSettings } from '../src/config.js';
import { dumpEmbedded, migrateToLatest, openDatabase } from '../src/db/index.js';
import { ensureReferenceData } from '../src/reference/index.js';
import { adminUrl, databaseUrlFor } from './support/postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const settings = testSettings({ ...process.env, ...(project.config.env as NodeJS.ProcessEnv) });
  if (settings.engine === 'postgres') {
    if (!settings.databaseUrl) throw new Error('KERUEN_TEST_ENGINE=postgres needs DATABASE_URL');
    const template = `keruen_tpl_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: adminUrl(settings.databaseUrl) });
    await admin.connect();
    await admin.query(`create database ${template}`);
    const database = await openDatabase({
      engine: 'postgres',
      url: databaseUrlFor(settings.databaseUrl, template),
    });
    await migrateToLatest(database.db as Kysely<unknown>);
    await ensureReferenceData(database.db);
    await database.close();
    project.provide('postgresTemplate', template);
    project.provide('pgliteTemplate', '');
    return async () => {
      const leftovers = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname = $1 or datname like $2`,
        [template, `${template}_%`],
      );
      for (const row of leftovers.rows)
        await admin.query(`drop database if exists ${row.datname} with (force)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'keruen-test-'));
  const database = await openDatabase({ engine: 'pglite-memory' });
  await migrateToLatest(database.db as Kysely<unknown>);
  await ensureReferenceData(database.db);
  const dump = await dumpEmbedded(database);
  await database.close();
  const file = join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  project.provide('postgresTemplate', '');
  return () => rmSync(dir, { recursive: true, force: true });
}
