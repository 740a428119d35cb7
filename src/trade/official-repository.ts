// SQL of official trade statistics: upserts of imported rows, the totals kept beside them, and the
// series read from those totals. One statement per method.
import { type ExpressionBuilder, type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/index.js';

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

/** Rows of a pair from either reporter's side: (a reporting on b) or (b reporting on a). */
function eitherWay(
  eb: ExpressionBuilder<DB, 'trade_official_total'> | ExpressionBuilder<DB, 'trade_official_chapter'>,
  a: string,
  b: string,
) {
  const e = eb as ExpressionBuilder<DB, 'trade_official_total'>;
  return e.or([
    e.and([e('reporter', '=', a), e('partner', '=', b)]),
    e.and([e('reporter', '=', b), e('partner', '=', a)]),
  ]);
}

export class OfficialRepository {
  constructor(private readonly db: Executor) {}

  /** Inserts or updates rows by their natural key; rows whose value is already stored are left alone. */
  async upsert(dataset: string, rows: OfficialRow[]): Promise<{ inserted: number; updated: number }> {
    if (rows.length === 0) return { inserted: 0, updated: 0 };
    const columns = sql`unnest(
        ${rows.map((r) => r.reporter)}::text[], ${rows.map((r) => r.partner)}::text[], ${rows.map((r) => r.flow)}::text[],
        ${rows.map((r) => r.cmd)}::text[], ${rows.map((r) => r.year)}::int[], ${rows.map((r) => r.month)}::int[],
        ${rows.map((r) => String(r.value))}::numeric[], ${rows.map((r) => r.line)}::int[]
      ) as r(reporter, partner, flow, cmd, year, month, value, line)`;
    // A partitioned table has no xmax to tell inserts from updates: new keys go in first (counted), then the
    // stored rows whose value differs are updated (counted). Both statements go through the primary key.
    const inserted = await sql<{ n: number }>`
      with written as (
        insert into trade_official (dataset, reporter, partner, flow, cmd, year, month, value, source_line)
        select ${dataset}, r.reporter, r.partner, r.flow, r.cmd, r.year, r.month, r.value, r.line from ${columns}
        on conflict (dataset, reporter, partner, flow, cmd, year, month) do nothing
        returning 1
      )
      select count(*)::int as n from written`.execute(this.db);
    const insertedCount = inserted.rows[0]?.n ?? 0;
    if (insertedCount === rows.length) return { inserted: insertedCount, updated: 0 };
    const updated = await sql<{ n: number }>`
      with written as (
        update trade_official o set value = r.value, source_line = r.line
        from ${columns}
        where o.dataset = ${dataset} and o.reporter = r.reporter and o.partner = r.partner and o.flow = r.flow
          and o.cmd = r.cmd and o.year = r.year and o.month = r.month and o.value is distinct from r.value
        returning 1
      )
      select count(*)::int as n from written`.execute(this.db);
    return { inserted: insertedCount, updated: updated.rows[0]?.n ?? 0 };
  }

  /**
   * Recomputes the totals of the given reporter–partner–years from the detail: the TOTAL row when there is
   * one, else the sum of the coarsest level of HS codes present (totals are never added to their detail).
   */
  async refreshTotals(
    dataset: string,
    keys: { reporter: string; partner: string; year: number }[],
  ): Promise<void> {
    if (keys.length === 0) return;
    await sql`
      with k as (
        select distinct * from unnest(${keys.map((k) => k.reporter)}::text[], ${keys.map((k) => k.partner)}::text[], ${keys.map((k) => k.year)}::int[])
          as k(reporter, partner, year)
      ), rows as (
        select o.reporter, o.partner, o.flow, o.year, o.month, o.cmd, o.value,
               case when o.cmd = 'TOTAL' then 0 else length(o.cmd) end as level,
               min(case when o.cmd = 'TOTAL' then 0 else length(o.cmd) end)
                 over (partition by o.reporter, o.partner, o.flow, o.year, o.month) as chosen
        from trade_official o
        join k on k.reporter = o.reporter and k.partner = o.partner and k.year = o.year
        where o.dataset = ${dataset}
      )
      insert into trade_official_total (dataset, reporter, partner, flow, year, month, value, basis)
      select ${dataset}, reporter, partner, flow, year, month, sum(value),
             case min(chosen) when 0 then 'TOTAL' when 2 then 'HS2' when 4 then 'HS4' else 'HS6' end
      from rows where level = chosen
      group by reporter, partner, flow, year, month
      on conflict (dataset, reporter, partner, flow, year, month)
      do update set value = excluded.value, basis = excluded.basis
      where trade_official_total.value is distinct from excluded.value or trade_official_total.basis is distinct from excluded.basis`.execute(
      this.db,
    );
    await sql`
      with k as (
        select distinct * from unnest(${keys.map((k) => k.reporter)}::text[], ${keys.map((k) => k.partner)}::text[], ${keys.map((k) => k.year)}::int[])
          as k(reporter, partner, year)
      ), detail as (
        select o.reporter, o.partner, o.flow, o.year, o.month, left(o.cmd, 2) as chapter, o.value, length(o.cmd) as level,
               min(length(o.cmd)) over (partition by o.reporter, o.partner, o.flow, o.year, o.month) as chosen
        from trade_official o
        join k on k.reporter = o.reporter and k.partner = o.partner and k.year = o.year
        where o.dataset = ${dataset} and o.cmd <> 'TOTAL'
      ), annual as (
        -- A year's chapters: its annual rows where there are any, else the sum of its months.
        select reporter, partner, flow, year, chapter, month, sum(value) as value,
               bool_or(month = 0) over (partition by reporter, partner, flow, year) as has_annual
        from detail where level = chosen
        group by reporter, partner, flow, year, chapter, month
      )
      insert into trade_official_chapter (dataset, reporter, partner, flow, year, chapter, value)
      select ${dataset}, reporter, partner, flow, year, chapter, sum(value)
      from annual where (has_annual and month = 0) or (not has_annual)
      group by reporter, partner, flow, year, chapter
      on conflict (dataset, reporter, partner, flow, year, chapter)
      do update set value = excluded.value where trade_official_chapter.value is distinct from excluded.value`.execute(
      this.db,
    );
  }

  /** Totals of both reporters of a pair (exports and imports of each, every dataset), annual and monthly. */
  async pairTotals(a: string, b: string): Promise<(TotalRow & { dataset: string })[]> {
    return this.db
      .selectFrom('trade_official_total')
      .select(['dataset', 'reporter', 'partner', 'flow', 'year', 'month', 'value'])
      .where((eb) => eitherWay(eb, a, b))
      .where('flow', 'in', ['X', 'M'])
      .orderBy('year')
      .orderBy('month')
      .orderBy('reporter')
      .orderBy('flow')
      .orderBy('dataset')
      .execute();
  }

  /** Chapters of a pair in a year (both reporters), largest first. */
  async pairChapters(
    a: string,
    b: string,
    year: number,
  ): Promise<{ reporter: string; flow: string; chapter: string; value: string }[]> {
    return this.db
      .selectFrom('trade_official_chapter')
      .select(['reporter', 'flow', 'chapter', 'value'])
      .where((eb) => eitherWay(eb, a, b))
      .where('flow', 'in', ['X', 'M'])
      .where('year', '=', year)
      .orderBy('chapter')
      .orderBy('reporter')
      .orderBy('flow')
      .execute();
  }

  /** Latest year with chapter detail for a pair. */
  async latestChapterYear(a: string, b: string): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('trade_official_chapter')
      .select(sql<number>`max(year)`.as('year'))
      .where((eb) => eitherWay(eb, a, b))
      .executeTakeFirst();
    return row?.year ?? undefined;
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

  async countRows(): Promise<number> {
    const row = await sql<{ n: number }>`select count(*)::int as n from trade_official`.execute(this.db);
    return row.rows[0]?.n ?? 0;
  }
}
