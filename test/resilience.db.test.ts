// A crash in the middle of an import, then the same command again: the database ends as one clean run leaves it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDeferredIndexes, deferIndexes, migrateToLatest, openDatabase } from '../src/db/index.js';
import { emptyTarget } from './support/db.js';
import { run, start } from './support/process.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** The database a test target's `keruen` commands use. */
function openTarget(vars: Record<string, string>) {
  return openDatabase(
    vars.DATABASE_URL
      ? { engine: 'postgres', url: vars.DATABASE_URL }
      : { engine: 'pglite', dataDir: join(vars.KERUEN_DATA_DIR!, 'db') },
  );
}

async function snapshot(vars: Record<string, string>) {
  const database = await openTarget(vars);
  try {
    const rows = await sql<{
      n: number;
      total: string;
    }>`select count(*)::int as n, coalesce(sum(value), 0)::text as total from trade_official`.execute(
      database.db,
    );
    const totals = await sql<{ line: string }>`
      select concat_ws('|', reporter, partner, flow, year, month, value, basis) as line from trade_official_total
      order by reporter, partner, flow, year, month`.execute(database.db);
    const chapters = await sql<{ line: string }>`
      select concat_ws('|', reporter, partner, flow, year, month, chapter, value) as line from trade_official_chapter
      order by reporter, partner, flow, year, month, chapter`.execute(database.db);
    return {
      rows: rows.rows[0],
      totals: totals.rows.map((r) => r.line),
      chapters: chapters.rows.map((r) => r.line),
    };
  } finally {
    await database.close();
  }
}

describe('a killed trade import', () => {
  it('is finished by running the same command again, with the result of a clean run', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'keruen-kill-')), 'trade.csv');
    expect((await run(['demo', 'trade', '--rows', '60000', '--seed', '3', '--out', file], {})).code).toBe(0);

    const killed = await emptyTarget();
    cleanups.push(killed.drop);
    const first = start(['import', 'trade', file, '--chunk', '10000', '--format', 'json'], {
      ...killed.vars,
      LOG_LEVEL: 'debug',
    });
    // Once the first chunks are committed, kill it without warning.
    await first.waitFor(/"rows":30000,"msg":"chunk committed"/, 120_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const partial = await snapshot(killed.vars);
    const again = await run(['import', 'trade', file, '--format', 'json'], killed.vars);
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout);
    expect(report.imported + report.unchanged).toBe(60_000);

    const clean = await emptyTarget();
    cleanups.push(clean.drop);
    expect((await run(['import', 'trade', file, '--format', 'json'], clean.vars)).code).toBe(0);

    const resumed = await snapshot(killed.vars);
    const expected = await snapshot(clean.vars);
    expect(resumed.rows).toEqual(expected.rows);
    expect(resumed.totals).toEqual(expected.totals);
    expect(resumed.chapters).toEqual(expected.chapters);
    expect(expected.chapters.length).toBeGreaterThan(0);
    expect(expected.rows!.n).toBe(60_000);
    // The kill came in the middle: some rows were in, not all.
    expect(partial.rows!.n).toBeLessThan(60_000);
  });
});

async function registry(vars: Record<string, string>) {
  const database = await openTarget(vars);
  try {
    const counts = await sql<{ producers: number; names: number; sources: number; history: number }>`
      select (select count(*) from producer)::int as producers, (select count(*) from producer_name)::int as names,
             (select count(*) from producer_source)::int as sources,
             -- Every producer's history ends with its record as stored.
             (select count(*) from (
                select distinct on (producer_id) producer_id, after from producer_history order by producer_id, id desc
              ) h join producer p on p.id = h.producer_id
              where h.after->>'name' = p.name and h.after->'hs_codes' = to_jsonb(p.hs_codes))::int as history`.execute(
      database.db,
    );
    const content = await sql<{ line: string }>`
      select natural_key || '|' || content_hash || '|' || names_key as line from producer order by natural_key`.execute(
      database.db,
    );
    const indexes = await sql<{ name: string }>`
      select indexname as name from pg_indexes where schemaname = current_schema() and tablename like 'producer%'
      order by 1`.execute(database.db);
    const constraints = await sql<{ name: string }>`
      select conname as name from pg_constraint where conrelid::regclass::text like 'producer%' order by 1`.execute(
      database.db,
    );
    const deferred = await sql<{ name: string }>`select name from deferred_index order by 1`.execute(
      database.db,
    );
    return {
      counts: counts.rows[0],
      content: content.rows.map((r) => r.line),
      indexes: indexes.rows.map((r) => r.name),
      constraints: constraints.rows.map((r) => r.name),
      deferred: deferred.rows.map((r) => r.name),
    };
  } finally {
    await database.close();
  }
}

describe('a killed producers import', () => {
  it('is finished by running the same command again, with the result of a clean run', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'keruen-kill-')), 'producers.csv');
    expect(
      (await run(['demo', 'producers', '--count', '12000', '--seed', '4', '--out', file], {})).code,
    ).toBe(0);

    const killed = await emptyTarget();
    cleanups.push(killed.drop);
    const first = start(['import', 'producers', file, '--chunk', '2000', '--format', 'json'], {
      ...killed.vars,
      LOG_LEVEL: 'debug',
    });
    // The file outgrows the empty registry, which the import knows at its first chunk and sets its indexes
    // aside: killed once a chunk is written, it leaves them to build, and part of its rows.
    await first.waitFor(/its indexes are built at the end/, 120_000);
    await first.waitFor(/chunk committed/, 120_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const partial = await registry(killed.vars);
    expect(partial.deferred).toEqual(
      expect.arrayContaining(['producer_names_words_idx', 'producer_history_producer_id_fkey']),
    );
    expect(partial.constraints).not.toContain('producer_history_producer_id_fkey');
    expect(partial.indexes).not.toContain('producer_names_words_idx');
    const again = await run(
      ['import', 'producers', file, '--chunk', '2000', '--format', 'json'],
      killed.vars,
    );
    expect(again.code).toBe(0);

    const clean = await emptyTarget();
    cleanups.push(clean.drop);
    // In one chunk: a producer repeated in the file is a repeat of its first line wherever the chunks end.
    expect((await run(['import', 'producers', file, '--format', 'json'], clean.vars)).code).toBe(0);

    const resumed = await registry(killed.vars);
    const expected = await registry(clean.vars);
    expect(resumed).toEqual(expected);
    expect(resumed.deferred).toEqual([]);
    expect(resumed.indexes).toContain('producer_names_words_idx');
    expect(resumed.constraints).toContain('producer_history_producer_id_fkey');
    expect(partial.counts!.producers).toBeGreaterThan(0);
    expect(partial.counts!.producers).toBeLessThan(expected.counts!.producers);
  }, 240_000);
});

describe('indexes a load sets aside', () => {
  it('are built by the load at its end, not by a process that starts meanwhile', async () => {
    const target = await emptyTarget();
    cleanups.push(target.drop);
    const open = () => openTarget(target.vars);
    const database = await open();
    try {
      await migrateToLatest(database.db as Kysely<unknown>);
      const indexes = async () =>
        (
          await sql<{
            name: string;
          }>`select indexname as name from pg_indexes where tablename = 'producer'`.execute(database.db)
        ).rows
          .map((r) => r.name)
          .sort();
      const before = await indexes();
      const load = await deferIndexes(database, ['producer']);
      expect(load.indexes).toContain('producer_hs_idx');
      // The keys the load's rows are merged by stay.
      expect(await indexes()).toEqual(['producer_national_idx', 'producer_natural_idx', 'producer_pkey']);
      if (database.capabilities.multipleConnections) {
        // Another process on the same server (the embedded database admits one) starts while the load runs.
        const other = await open();
        try {
          expect(await buildDeferredIndexes(other)).toEqual([]);
        } finally {
          await other.close();
        }
      }
      expect((await load.finish()).sort()).toEqual([...load.indexes].sort());
      expect(await indexes()).toEqual(before);
    } finally {
      await database.close();
    }
  });
});
