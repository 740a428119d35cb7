// Runs the plain SQL migrations of the manifest with Kysely's Migrator (each in a transaction,
// under the Migrator's lock, so two processes starting at once apply a migration once).
import { readFile } from 'node:fs/promises';
import { type Kysely, sql } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import { MIGRATIONS } from './migrations/index.js';
import { splitSqlScript } from './sql-script.js';

class SqlFileProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const name of MIGRATIONS) {
      const script = await readFile(new URL(`./migrations/${name}.sql`, import.meta.url), 'utf8');
      migrations[name] = {
        async up(db: Kysely<unknown>) {
          for (const statement of splitSqlScript(script)) await sql.raw(statement).execute(db);
        },
      };
    }
    return migrations;
  }
}

function migrator(db: Kysely<unknown>): Migrator {
  return new Migrator({ db, provider: new SqlFileProvider() });
}

export interface MigrationState {
  name: string;
  appliedAt: string | null;
}

/** Applies every pending migration; returns the names applied now. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Applies the pending migrations up to and including `name` (to test an upgrade from a release). */
export async function migrateUpTo(db: Kysely<unknown>, name: string): Promise<void> {
  const { error } = await migrator(db).migrateTo(name);
  if (error) throw error;
}

/** Every migration of the manifest with the time it was applied, or null when pending. */
export async function migrationStatus(db: Kysely<unknown>): Promise<MigrationState[]> {
  const infos = await migrator(db).getMigrations();
  return infos.map((m) => ({ name: m.name, appliedAt: m.executedAt ? m.executedAt.toISOString() : null }));
}
