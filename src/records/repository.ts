// SQL of linked records: the common row (coop_record), the row of the record's kind, sources, links and
// history. The kind tables are named by the kinds' descriptions; every value goes in as a parameter.
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { DB } from '../db/index.js';
import type { Citation, FieldSpec, Fields, KindSpec } from './model.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface CommonRow {
  id: number;
  kind: string;
  natural_key: string;
  label: string;
  countries: string[];
  dated: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface CommonValues {
  natural_key: string;
  label: string;
  countries: string[];
  dated: string | null;
}

export interface SourceRow {
  id: number;
  record_id: number;
  fact_id: number | null;
  citation: Citation | null;
  added_at: string;
  document_id: number | null;
  quote: string | null;
}

export interface LinkRow {
  from_id: number;
  to_id: number;
  relation: string;
  other_id: number;
  other_kind: string;
  other_label: string;
}

export interface HistoryRow {
  id: number;
  record_id: number;
  version: number;
  action: string;
  actor: string;
  changed_at: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface ListFilters {
  countries: string[];
  equals: { field: FieldSpec; value: string | number }[];
  q?: string;
  from?: string;
  to?: string;
}

const COMMON = sql`r.id, r.kind, r.natural_key, r.label, r.countries::text[] as countries, r.dated::text as dated,
  r.version, to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
  to_char(r.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as updated_at,
  r.deleted_at::text as deleted_at`;

/** How a field is read: arrays of char(2) as text[], numbers as text (turned to numbers by the service). */
function readColumn(field: FieldSpec): RawBuilder<unknown> {
  const ref = sql.ref(`k.${field.name}`);
  switch (field.type) {
    case 'countries':
    case 'texts':
    case 'hs_codes':
      return sql`${ref}::text[] as ${sql.id(field.name)}`;
    case 'date':
      return sql`${ref}::text as ${sql.id(field.name)}`;
    default:
      return sql`${ref}`;
  }
}

/** How a value is written: json as jsonb, arrays as text[]. */
function writeValue(field: FieldSpec, value: unknown): RawBuilder<unknown> {
  if (value === null || value === undefined) return sql`null`;
  switch (field.type) {
    case 'json':
      return sql`${JSON.stringify(value)}::jsonb`;
    case 'countries':
    case 'texts':
    case 'hs_codes':
      return sql`${value}::text[]`;
    case 'date':
      return sql`${value}::date`;
    default:
      return sql`${value}`;
  }
}

function kindColumns(spec: KindSpec): RawBuilder<unknown> {
  return sql.join(spec.fields.map(readColumn));
}

/** Runs `work` inside a savepoint of the transaction: when it throws, its writes are undone and the
 * transaction goes on. */
export async function withSavepoint<T>(trx: Transaction<DB>, work: () => Promise<T>): Promise<T> {
  await sql`savepoint keruen_row`.execute(trx);
  try {
    const result = await work();
    await sql`release savepoint keruen_row`.execute(trx);
    return result;
  } catch (error) {
    await sql`rollback to savepoint keruen_row`.execute(trx);
    throw error;
  }
}

export class RecordRepository {
  constructor(private readonly db: Executor) {}

  /** Serialises writes to one natural key across connections and processes until the transaction ends. */
  async lockKey(kind: string, naturalKey: string): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtext(${`keruen.record:${kind}:${naturalKey}`}))`.execute(
      this.db,
    );
  }

  async common(id: number): Promise<CommonRow | undefined> {
    const result = await sql<CommonRow>`select ${COMMON} from coop_record r where r.id = ${id}`.execute(
      this.db,
    );
    return result.rows[0];
  }

  async get(spec: KindSpec, id: number): Promise<(CommonRow & Fields) | undefined> {
    const result = await sql<CommonRow & Fields>`
      select ${COMMON}, ${kindColumns(spec)}
      from coop_record r join ${sql.table(spec.table)} k on k.id = r.id
      where r.id = ${id} and r.kind = ${spec.kind}`.execute(this.db);
    return result.rows[0];
  }

  async getMany(spec: KindSpec, ids: number[]): Promise<(CommonRow & Fields)[]> {
    if (ids.length === 0) return [];
    const result = await sql<CommonRow & Fields>`
      select ${COMMON}, ${kindColumns(spec)}
      from coop_record r join ${sql.table(spec.table)} k on k.id = r.id
      where r.id = any(${ids}::bigint[]) and r.kind = ${spec.kind}`.execute(this.db);
    return result.rows;
  }

  async idByNaturalKey(kind: string, naturalKey: string): Promise<number | undefined> {
    const result = await sql<{ id: number }>`
      select id from coop_record
      where kind = ${kind} and natural_key = ${naturalKey} and deleted_at is null`.execute(this.db);
    return result.rows[0]?.id;
  }

  async insert(spec: KindSpec, common: CommonValues, fields: Fields): Promise<number> {
    const inserted = await sql<{ id: number }>`
      insert into coop_record (kind, natural_key, label, countries, dated)
      values (${spec.kind}, ${common.natural_key}, ${common.label}, ${common.countries}::text[], ${common.dated}::date)
      returning id`.execute(this.db);
    const id = inserted.rows[0]!.id;
    await sql`
      insert into ${sql.table(spec.table)} (id, ${sql.join(spec.fields.map((f) => sql.id(f.name)))})
      values (${id}, ${sql.join(spec.fields.map((f) => writeValue(f, fields[f.name])))})`.execute(this.db);
    return id;
  }

  /** Writes a new version when the stored one is `expected` (and live, unless `revive`: then a deleted record
   * comes back); returns the new version, or undefined. */
  async update(
    spec: KindSpec,
    id: number,
    expected: number,
    common: CommonValues,
    fields: Fields,
    revive = false,
  ): Promise<number | undefined> {
    const updated = await sql<{ version: number }>`
      update coop_record set natural_key = ${common.natural_key}, label = ${common.label},
        countries = ${common.countries}::text[], dated = ${common.dated}::date,
        version = version + 1, updated_at = now(), deleted_at = null
      where id = ${id} and version = ${expected} and (deleted_at is null or ${revive}::boolean)
      returning version`.execute(this.db);
    if (updated.rows.length === 0) return undefined;
    await sql`
      update ${sql.table(spec.table)}
      set ${sql.join(spec.fields.map((f) => sql`${sql.id(f.name)} = ${writeValue(f, fields[f.name])}`))}
      where id = ${id}`.execute(this.db);
    return updated.rows[0]!.version;
  }

  async softDelete(id: number, expected: number): Promise<number | undefined> {
    const result = await sql<{ version: number }>`
      update coop_record set deleted_at = now(), version = version + 1, updated_at = now()
      where id = ${id} and version = ${expected} and deleted_at is null
      returning version`.execute(this.db);
    return result.rows[0]?.version;
  }

  /** Live records of a kind, newest first (by their date, then id), after a keyset position. */
  async list(
    spec: KindSpec,
    filters: ListFilters,
    after: { dated: string | null; id: number } | undefined,
    limit: number,
  ): Promise<(CommonRow & Fields)[]> {
    const where: RawBuilder<unknown>[] = [sql`r.kind = ${spec.kind}`, sql`r.deleted_at is null`];
    if (filters.countries.length > 0) where.push(sql`r.countries @> ${filters.countries}::bpchar[]`);
    for (const { field, value } of filters.equals) {
      if (field.type === 'countries') where.push(sql`${sql.ref(`k.${field.name}`)} @> ${[value]}::bpchar[]`);
      else if (field.type === 'texts' || field.type === 'hs_codes')
        where.push(sql`${sql.ref(`k.${field.name}`)} @> ${[value]}::text[]`);
      else where.push(sql`${sql.ref(`k.${field.name}`)} = ${value}`);
    }
    if (filters.q) where.push(sql`r.label ilike ${`%${filters.q.replace(/[\\%_]/g, '\\$&')}%`}`);
    if (filters.from) where.push(sql`r.dated >= ${filters.from}::date`);
    if (filters.to) where.push(sql`r.dated <= ${filters.to}::date`);
    // Undated records sort last: their key is the earliest possible date.
    const sortDate = sql`coalesce(r.dated, '0001-01-01'::date)`;
    if (after)
      where.push(sql`(${sortDate}, r.id) < (${after.dated ?? '0001-01-01'}::date, ${after.id}::bigint)`);
    const result = await sql<CommonRow & Fields>`
      select ${COMMON}, ${kindColumns(spec)}
      from coop_record r join ${sql.table(spec.table)} k on k.id = r.id
      where ${sql.join(where, sql` and `)}
      order by ${sortDate} desc, r.id desc
      limit ${limit}`.execute(this.db);
    return result.rows;
  }

  /** Live records of any of the kinds that concern all the given countries, newest first. */
  async concerning(kinds: string[], countries: string[], limit: number): Promise<CommonRow[]> {
    const result = await sql<CommonRow>`
      select ${COMMON} from coop_record r
      where r.kind = any(${kinds}::text[]) and r.countries @> ${countries}::bpchar[] and r.deleted_at is null
      order by coalesce(r.dated, '0001-01-01'::date) desc, r.id desc
      limit ${limit}`.execute(this.db);
    return result.rows;
  }

  async sources(ids: number[]): Promise<SourceRow[]> {
    if (ids.length === 0) return [];
    const result = await sql<SourceRow>`
      select s.id, s.record_id, s.fact_id, s.citation,
        to_char(s.added_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as added_at,
        f.document_id, f.quote
      from coop_source s left join fact f on f.id = s.fact_id
      where s.record_id = any(${ids}::bigint[])
      order by s.record_id, s.id`.execute(this.db);
    return result.rows;
  }

  /** Adds a source unless the record already has it; returns whether it was added. */
  async addSource(recordId: number, source: { fact_id: number } | { citation: Citation }): Promise<boolean> {
    const result =
      'fact_id' in source
        ? await sql`insert into coop_source (record_id, fact_id) values (${recordId}, ${source.fact_id})
            on conflict (record_id, fact_id) where fact_id is not null do nothing`.execute(this.db)
        : await sql`insert into coop_source (record_id, citation) values (${recordId}, ${JSON.stringify(source.citation)}::jsonb)
            on conflict (record_id, md5(citation::text)) where citation is not null do nothing`.execute(
            this.db,
          );
    return Number(result.numAffectedRows ?? 0) > 0;
  }

  async factExists(factId: number): Promise<boolean> {
    const result = await sql`select 1 from fact where id = ${factId}`.execute(this.db);
    return result.rows.length > 0;
  }

  async links(ids: number[]): Promise<(LinkRow & { record_id: number; direction: 'out' | 'in' })[]> {
    if (ids.length === 0) return [];
    const result = await sql<LinkRow & { record_id: number; direction: 'out' | 'in' }>`
      select l.from_id, l.to_id, l.relation, l.from_id as record_id, 'out' as direction,
        o.id as other_id, o.kind as other_kind, o.label as other_label
      from coop_link l join coop_record o on o.id = l.to_id and o.deleted_at is null
      where l.from_id = any(${ids}::bigint[])
      union all
      select l.from_id, l.to_id, l.relation, l.to_id as record_id, 'in' as direction,
        o.id, o.kind, o.label
      from coop_link l join coop_record o on o.id = l.from_id and o.deleted_at is null
      where l.to_id = any(${ids}::bigint[])
      order by record_id, other_id, relation`.execute(this.db);
    return result.rows;
  }

  /** The ids among `ids` that are live records. */
  async liveIds(ids: number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const result = await sql<{ id: number }>`
      select id from coop_record where id = any(${ids}::bigint[]) and deleted_at is null`.execute(this.db);
    return new Set(result.rows.map((r) => r.id));
  }

  async replaceLinks(fromId: number, links: { to: number; relation: string }[]): Promise<void> {
    await sql`delete from coop_link where from_id = ${fromId}`.execute(this.db);
    if (links.length === 0) return;
    await sql`
      insert into coop_link (from_id, to_id, relation)
      select ${fromId}, t.to_id, t.relation
      from unnest(${links.map((l) => l.to)}::bigint[], ${links.map((l) => l.relation)}::text[]) as t(to_id, relation)
      on conflict do nothing`.execute(this.db);
  }

  async addLink(fromId: number, toId: number, relation: string): Promise<void> {
    await sql`insert into coop_link (from_id, to_id, relation) values (${fromId}, ${toId}, ${relation})
      on conflict do nothing`.execute(this.db);
  }

  async addHistory(entry: {
    record_id: number;
    version: number;
    action: string;
    actor: string;
    before: unknown;
    after: unknown;
  }): Promise<void> {
    await sql`
      insert into coop_history (record_id, version, action, actor, before, after)
      values (${entry.record_id}, ${entry.version}, ${entry.action}, ${entry.actor},
        ${entry.before === null ? null : JSON.stringify(entry.before)}::jsonb,
        ${entry.after === null ? null : JSON.stringify(entry.after)}::jsonb)`.execute(this.db);
  }

  async history(recordId: number): Promise<HistoryRow[]> {
    const result = await sql<HistoryRow>`
      select id, record_id, version, action, actor,
        to_char(changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as changed_at, before, after
      from coop_history where record_id = ${recordId} order by id`.execute(this.db);
    return result.rows;
  }

  /** The columns a kind's table has in the database (to check a description against the schema). */
  async tableColumns(table: string): Promise<string[]> {
    const result = await sql<{ column_name: string }>`
      select column_name from information_schema.columns
      where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(
      this.db,
    );
    return result.rows.map((r) => r.column_name);
  }
}

/** SQL of packages: tables read page by page in one snapshot, and rows restored with their own ids. */
export class PackageRepository {
  constructor(private readonly db: Executor) {}

  /** Runs `work` in one repeatable-read transaction: every page it reads sees the same database. */
  async snapshot(work: (repo: PackageRepository) => Promise<void>): Promise<void> {
    await (this.db as Kysely<DB>)
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute((trx) => work(new PackageRepository(trx)));
  }

  /** Rows of a table as JSON values (arrays and objects as such, times in ISO 8601), in the order of
   * its key, after a key's values. */
  async page(
    table: string,
    columns: string[],
    key: string[],
    after: unknown[] | undefined,
    limit: number,
  ): Promise<Record<string, unknown>[]> {
    const keyList = sql.join(key.map((k) => sql.id(k)));
    const position = after ? sql`where (${keyList}) > (${sql.join(after.map((v) => sql`${v}`))})` : sql``;
    const result = await sql<{ row: Record<string, unknown> }>`
      select row_to_json(t) as row from (
        select ${sql.join(columns.map((c) => sql.id(c)))} from ${sql.table(table)} ${position}
        order by ${keyList} limit ${limit}) t`.execute(this.db);
    return result.rows.map((r) => r.row);
  }

  /** A table's columns and their SQL types, in order. */
  async columns(table: string): Promise<{ name: string; type: string }[]> {
    const result = await sql<{ name: string; type: string }>`
      select column_name as name, data_type as type from information_schema.columns
      where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(
      this.db,
    );
    return result.rows;
  }

  /** Sets a self-reference after its rows are all in (rows may point to rows restored after them). */
  async restoreSelfReference(table: string, column: string, rows: Record<string, unknown>[]): Promise<void> {
    const pointing = rows.filter((r) => r[column] !== null && r[column] !== undefined);
    if (pointing.length === 0) return;
    await sql`
      update ${sql.table(table)} t set ${sql.id(column)} = v.target
      from unnest(${pointing.map((r) => r.id)}::bigint[], ${pointing.map((r) => r[column])}::bigint[]) as v(id, target)
      where t.id = v.id`.execute(this.db);
  }

  /** How many rows of what a package carries the database holds (records, documents, producers, trade figures,
   * targets, their audit events): a restore needs none. */
  async heldRows(): Promise<number> {
    const result = await sql<{ n: number }>`
      select (select count(*) from coop_record)::int + (select count(*) from document)::int
        + (select count(*) from producer)::int + (select count(*) from trade_target)::int
        + (select count(*) from trade_reported)::int + (select count(*) from audit_event)::int as n`.execute(
      this.db,
    );
    return result.rows[0]!.n;
  }

  /** Inserts rows given as JSON objects with every column, ids included. */
  async restore(table: string, rows: Record<string, unknown>[]): Promise<void> {
    if (rows.length === 0) return;
    await sql`
      insert into ${sql.table(table)} overriding system value
      select * from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json)`.execute(
      this.db,
    );
  }

  /** Sets a table's identity so that the next id follows the largest restored one. */
  async resetIdentity(table: string): Promise<void> {
    await sql`
      select setval(pg_get_serial_sequence(${table}, 'id'), coalesce(max(id), 0) + 1, false)
      from ${sql.table(table)}`.execute(this.db);
  }
}

/** How many record rows and history entries there are (to check that a refused write changed nothing). */
export async function recordTotals(
  db: Kysely<DB>,
): Promise<{ records: number; history: number; sources: number }> {
  const result = await sql<{ records: number; history: number; sources: number }>`
    select (select count(*) from coop_record)::int as records, (select count(*) from coop_history)::int as history,
      (select count(*) from coop_source)::int as sources`.execute(db);
  return result.rows[0]!;
}
