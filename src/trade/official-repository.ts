// SQL of official trade statistics: upserts of imported rows, the totals kept beside them, and the
// series read from those totals. One statement per method.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { BulkSession, DB } from '../db/index.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface OfficialRow {
  reporter: string;
  partner: string;
  flow: string;
  cmd: string;
  year: number;
  month: number;
  value: number;
  line: number;
}

export interface TotalRow {
  reporter: string;
  partner: string;
  flow: string;
  year: number;
  month: number;
  value: string;
}

export class OfficialRepository {
  constructor(private readonly db: Executor) {}

  async startImport(dataset: string, file: string): Promise<number> {
    const row = await this.db
      .insertInto('trade_import')
      .values({ dataset, file })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async finishImport(
    id: number,
    counts: { rows: number; imported: number; updated: number; unchanged: number; rejected: number },
  ): Promise<void> {
    await this.db
      .updateTable('trade_import')
      .set({
        finished_at: new Date(),
        rows_read: counts.rows,
        imported: counts.imported,
        updated: counts.updated,
        unchanged: counts.unchanged,
        rejected: counts.rejected,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Totals of both reporters of a pair (exports and imports of each, every dataset), annual and monthly. */
  async pairTotals(a: string, b: string): Promise<(TotalRow & { dataset: string })[]> {
    const result = await sql<TotalRow & { dataset: string }>`
      select dataset, reporter, partner, flow, year, month, value from trade_official_total
      where reporter = ${a} and partner = ${b} and flow in ('X', 'M')
      union all
      select dataset, reporter, partner, flow, year, month, value from trade_official_total
      where reporter = ${b} and partner = ${a} and flow in ('X', 'M')
      order by year, month, reporter, flow, dataset`.execute(this.db);
    return result.rows;
  }

  /**
   * Chapters of a pair in a year (both reporters, each dataset): from the year's annual rows where a
   * reporter has them, else from the sum of its months.
   */
  async pairChapters(
    a: string,
    b: string,
    year: number,
    options: { annualOnly?: boolean } = {},
  ): Promise<{ reporter: string; flow: string; chapter: string; value: string }[]> {
    if (options.annualOnly) {
      const annual = await sql<{ reporter: string; flow: string; chapter: string; value: string }>`
        select reporter, flow, chapter, sum(value) as value from trade_official_chapter
        where reporter = ${a} and partner = ${b} and year = ${year} and month = 0 and flow in ('X', 'M')
        group by dataset, reporter, flow, chapter
        union all
        select reporter, flow, chapter, sum(value) as value from trade_official_chapter
        where reporter = ${b} and partner = ${a} and year = ${year} and month = 0 and flow in ('X', 'M')
        group by dataset, reporter, flow, chapter
        order by chapter, reporter, flow`.execute(this.db);
      return annual.rows;
    }
    const result = await sql<{ reporter: string; flow: string; chapter: string; value: string }>`
      select reporter, flow, chapter, sum(value) as value
      from (
        select c.*, bool_or(month = 0) over (partition by dataset, reporter, partner, flow) as has_annual
        from trade_official_chapter c
        where ((reporter = ${a} and partner = ${b}) or (reporter = ${b} and partner = ${a}))
          and flow in ('X', 'M') and year = ${year}
      ) c
      where (month = 0) = has_annual
      group by dataset, reporter, flow, chapter
      order by chapter, reporter, flow, dataset`.execute(this.db);
    return result.rows;
  }

  /** Latest year with chapter detail for a pair: one step down the key from each reporter's side. */
  async latestChapterYear(a: string, b: string): Promise<number | undefined> {
    const result = await sql<{ year: number | null }>`
      select greatest(
        (select max(year) from trade_official_chapter where reporter = ${a} and partner = ${b}),
        (select max(year) from trade_official_chapter where reporter = ${b} and partner = ${a})
      ) as year`.execute(this.db);
    return result.rows[0]?.year ?? undefined;
  }

  /** Totals among a set of countries (for a bloc's mutual trade). */
  async totalsAmong(countries: string[]): Promise<(TotalRow & { dataset: string })[]> {
    if (countries.length === 0) return [];
    return this.db
      .selectFrom('trade_official_total')
      .select(['dataset', 'reporter', 'partner', 'flow', 'year', 'month', 'value'])
      .where('reporter', 'in', countries)
      .where('partner', 'in', countries)
      .where('flow', 'in', ['X', 'M'])
      .orderBy('year')
      .orderBy('reporter')
      .orderBy('partner')
      .orderBy('flow')
      .orderBy('month')
      .execute();
  }

  /** Fresh statistics for the official rows, as an import grows them (the planner relies on them). */
  async analyzeOfficial(): Promise<void> {
    await sql`analyze trade_official, trade_official_total, trade_official_chapter`.execute(this.db);
  }

  /** Fresh statistics for the aggregate tables after an import changed them (small tables: quick). */
  async analyzeTotals(): Promise<void> {
    await sql`analyze trade_official_total, trade_official_chapter`.execute(this.db);
  }

  async countRows(): Promise<number> {
    const row = await sql<{ n: number }>`select count(*)::int as n from trade_official`.execute(this.db);
    return row.rows[0]?.n ?? 0;
  }
}

// Bulk import: rows are COPYed into a temporary stage, then merged into trade_official with one statement
// each, in the order of the key; the totals and chapters of every reporter–partner–flow–period the stage
// touches are recomputed from what is stored, in the same transaction.

export const STAGE_COPY =
  'copy trade_stage (line, reporter, partner, flow, year, month, cmd, value) from stdin with (format csv)';

const STAGE_TABLE = `create temp table if not exists trade_stage (
  line integer not null, reporter char(2) not null, partner char(2) not null, flow text not null,
  year smallint not null, month smallint not null, cmd text not null, value numeric not null,
  key bigint not null generated always as (trade_key(reporter, partner, flow, year, month, cmd)) stored
) on commit delete rows`;

/** One row of the stage, as a CSV line (every field is a code or a number: nothing to quote). */
export function stageLine(r: OfficialRow): string {
  return `${r.line},${r.reporter},${r.partner},${r.flow},${r.year},${r.month},${r.cmd},${r.value}\n`;
}

export interface MergeResult {
  inserted: number;
  updated: number;
  /** Rows of the stage that repeat the key of an earlier line of it. */
  repeats: { line: number; first: number }[];
}

/** The number of a dataset's name, created on first use. */
export async function datasetId(session: BulkSession, name: string): Promise<number> {
  await session.query('insert into trade_dataset (name) values ($1) on conflict (name) do nothing', [name]);
  const [row] = await session.query<{ id: number }>('select id from trade_dataset where name = $1', [name]);
  return row!.id;
}

/** Merges `csv` (lines of `stageLine`) into trade_official and refreshes the totals it touches. */
export async function mergeStaged(
  session: BulkSession,
  dataset: { id: number; name: string },
  importId: number,
  csv: string,
  staged: number,
): Promise<MergeResult> {
  await session.query(STAGE_TABLE);
  await session.copyFrom(STAGE_COPY, csv);
  // The stage's sort stays in memory, and no statement is compiled by the JIT, whose compile time (seconds,
  // for these plans) is far more than it saves on one chunk. The importer keeps the big tables' statistics
  // fresh as they grow (analyzeOfficial), so the planner reaches them through their keys.
  await session.query("select set_config('work_mem', '64MB', true), set_config('jit', 'off', true)");
  const distinct = '(select distinct on (key) * from trade_stage order by key, line)';
  // ON CONFLICT always goes through the key's index; an anti-join, though cheaper per row, lets a planner that
  // has not yet seen the table grow choose a scan of it per row.
  const [counts] = await session.query<{ inserted: number; distinct_rows: number }>(
    `with src as ${distinct},
     written as (
       insert into trade_official (dataset_id, reporter, partner, flow, year, month, cmd, key, value, import_id, source_line)
       select $1, reporter, partner, flow, year, month, cmd, key, value, $2, line from src
       on conflict (dataset_id, key, year) do nothing
       returning 1
     )
     select (select count(*) from written)::int as inserted, (select count(*) from src)::int as distinct_rows`,
    [dataset.id, importId],
  );
  const inserted = counts?.inserted ?? 0;
  const distinctRows = counts?.distinct_rows ?? staged;
  let updated = 0;
  if (inserted < distinctRows) {
    // Every key of the stage is stored now: this upsert only updates, and only values that changed.
    const [row] = await session.query<{ n: number }>(
      `with written as (
         insert into trade_official (dataset_id, reporter, partner, flow, year, month, cmd, key, value, import_id, source_line)
         select $1, reporter, partner, flow, year, month, cmd, key, value, $2, line from ${distinct} s
         on conflict (dataset_id, key, year) do update
           set value = excluded.value, import_id = excluded.import_id, source_line = excluded.source_line
           where trade_official.value is distinct from excluded.value
         returning 1
       )
       select count(*)::int as n from written`,
      [dataset.id, importId],
    );
    updated = row?.n ?? 0;
  }
  const repeats =
    distinctRows < staged
      ? await session.query<{ line: number; first: number }>(
          `select line, first from (select line, min(line) over (partition by key) as first from trade_stage) d
           where line <> first order by line`,
        )
      : [];
  if (inserted + updated > 0) await refreshStagedTotals(session, dataset);
  return { inserted, updated, repeats };
}

const LEVEL = 1048576; // 2^20: one level of commodity codes in the key
const PERIOD = 4 * LEVEL; // the keys of one reporter–partner–flow–period

// The reporter–partner–flow–periods of the stage, each with the first key of its range in trade_official,
// and the sums of everything stored in that range by level (0 TOTAL, 1 HS2, 2 HS4, 3 HS6) and chapter.
const PERIOD_TABLES = [
  `create temp table if not exists trade_stage_period (
     reporter char(2) not null, partner char(2) not null, flow text not null, year smallint not null,
     month smallint not null, base bigint not null
   ) on commit delete rows`,
  `create temp table if not exists trade_stage_sum (
     reporter char(2) not null, partner char(2) not null, flow text not null, year smallint not null,
     month smallint not null, base bigint not null, level integer not null, chapter text not null,
     value numeric not null
   ) on commit delete rows`,
];

/**
 * Recomputes the totals and chapters of the reporter–partner–flow–periods in the stage from everything
 * stored: the TOTAL row when there is one, else the sum of the coarsest level of HS codes present (totals are
 * never added to their detail); chapters from the coarsest level of detail. Each period is read once,
 * through its range of the key.
 */
async function refreshStagedTotals(
  session: BulkSession,
  dataset: { id: number; name: string },
): Promise<void> {
  for (const statement of PERIOD_TABLES) await session.query(statement);
  await session.query(
    `insert into trade_stage_period
     select distinct on (key / ${PERIOD}) reporter, partner, flow, year, month, key / ${PERIOD} * ${PERIOD}
     from trade_stage order by key / ${PERIOD}`,
  );
  await session.query(
    `insert into trade_stage_sum
     select k.reporter, k.partner, k.flow, k.year, k.month, k.base, s.level, s.chapter, s.value
     from trade_stage_period k cross join lateral (
       select ((o.key - k.base) / ${LEVEL})::int as level, left(o.cmd, 2) as chapter, sum(o.value) as value
       from trade_official o
       where o.dataset_id = $1 and o.year = k.year and o.key between k.base and k.base + ${PERIOD - 1}
       group by 1, 2
     ) s`,
    [dataset.id],
  );
  await session.query(
    `insert into trade_official_total (dataset, reporter, partner, flow, year, month, value, basis)
     select $1, reporter, partner, flow, year, month, sum(value), (array['TOTAL', 'HS2', 'HS4', 'HS6'])[min(level) + 1]
     from (
       select *, min(level) over (partition by base) as chosen from trade_stage_sum
     ) s
     where level = chosen
     group by base, reporter, partner, flow, year, month
     on conflict (dataset, reporter, partner, flow, year, month)
     do update set value = excluded.value, basis = excluded.basis
     where trade_official_total.value is distinct from excluded.value
        or trade_official_total.basis is distinct from excluded.basis`,
    [dataset.name],
  );
  await session.query(
    `delete from trade_official_chapter where ctid = any(array(
       select c.ctid from trade_stage_period k cross join lateral (
         select ctid from trade_official_chapter c
         where c.reporter = k.reporter and c.partner = k.partner and c.year = k.year and c.month = k.month
           and c.flow = k.flow and c.dataset = $1
       ) c))`,
    [dataset.name],
  );
  await session.query(
    `insert into trade_official_chapter (dataset, reporter, partner, flow, year, month, chapter, value)
     select $1, reporter, partner, flow, year, month, chapter, value
     from (
       select *, min(level) over (partition by base) as chosen from trade_stage_sum where level > 0
     ) s
     where level = chosen`,
    [dataset.name],
  );
}
