// SQL of bulk writes of producers (imports, the demo, the generator): rows are COPYed into a temporary
// stage and merged by their natural key in a few set-based statements, with names, sources and history.
import { type Kysely, sql } from 'kysely';
import { type BulkSession, type Database, type DB, type DeferredLoad, deferIndexes } from '../db/index.js';
import { PRODUCER_ROW_COLUMNS, type ProducerName, type ProducerRow } from './normalize.js';

export interface StagedProducer {
  line: number;
  row: ProducerRow;
  names: ProducerName[];
  contentHash: string;
}

const STAGE_COLUMNS = ['line', 'content_hash', ...PRODUCER_ROW_COLUMNS, 'names'] as const;

// The record's own columns, as they are copied from the stage into producer.
const RECORD_COLUMNS = ['content_hash', ...PRODUCER_ROW_COLUMNS] as const;

const STAGE_TABLE = `create temp table if not exists producer_stage (
  line integer not null, content_hash text not null, country char(2) not null, national_id text,
  natural_key text collate "C" not null, name text not null, region text, city text, address text,
  lat double precision, lon double precision, website text, email text, phone text, products text,
  hs_codes text[] not null, export_markets text[] not null, employees integer, capacity text,
  certifications text[] not null, hs_prefixes text[] not null, names_key text not null,
  names_skeleton text not null, products_key text not null, region_key text, city_key text,
  cert_keys text[] not null, website_host text, phone_digits text, names jsonb not null
) on commit delete rows`;

const WRITTEN_TABLE = `create temp table if not exists producer_written (
  id bigint not null, line integer not null, inserted boolean not null, version integer not null,
  before jsonb, after jsonb not null, names jsonb not null
) on commit delete rows`;

/** The vocabularies of the search (migration 0010) and the key each holds the words of. */
export const WORD_COLUMNS = {
  producer_name_word: 'names_key',
  producer_product_word: 'products_key',
} as const;

/** The skeleton of a word in SQL, as translit.ts's skeleton() makes it of one word. */
export const WORD_SKELETON = (word: string) =>
  `left(${word}, 1) || translate(substr(${word}, 2), 'aeiou', '')`;

/**
 * SQL adding the words `words` selects (a column w) to a vocabulary: the new ones with their skeleton, and
 * their variants with one letter left out (see migration 0010). Words of one or two letters are left out.
 * Both in key order: the inserts then walk each index forwards instead of landing on random pages, and
 * two imports at once take the words' locks in the same order.
 */
export function addWordsSql(table: keyof typeof WORD_COLUMNS, words: string): string {
  return `with added as (
      insert into ${table} (word, skeleton)
      select w, ${WORD_SKELETON('w')} from (${words}) d where length(w) >= 3
      order by w
      on conflict do nothing
      returning word
    )
    insert into ${table}_variant (variant, word)
    select distinct left(word, i - 1) || substr(word, i + 1), word
    from added, generate_series(1, length(word)) i
    where length(word) >= 4
    order by 1, 2
    on conflict do nothing`;
}

/** The user-facing fields of a producer row as JSON (derived search columns left out), for history. */
export const RECORD_JSON = `(to_jsonb(p) - array['natural_key', 'content_hash', 'hs_prefixes', 'names_key',
  'names_skeleton', 'products_key', 'region_key', 'city_key', 'cert_keys', 'website_host', 'phone_digits',
  'created_at', 'updated_at', 'version', 'merged_into', 'deleted_at'])`;

function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) || text === '' ? `"${text.replace(/"/g, '""')}"` : text;
}

function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

/** One staged producer as a CSV line of STAGE_COLUMNS. */
export function stageLine(p: StagedProducer): string {
  const fields = PRODUCER_ROW_COLUMNS.map((c) => {
    const value = p.row[c];
    return Array.isArray(value) ? pgArray(value) : value;
  });
  return `${[p.line, p.contentHash, ...fields, JSON.stringify(p.names)].map(csvField).join(',')}\n`;
}

export interface BulkResult {
  inserted: number;
  updated: number;
  repeats: { line: number; first: number }[];
}

/**
 * Merges staged producers: new natural keys are inserted, known ones updated where their content changed,
 * the rest left alone. Names of written producers are replaced; every row's source (file and line) is
 * recorded once; every write gets a history entry with its before and after.
 */
export async function mergeProducers(
  session: BulkSession,
  csv: string,
  staged: number,
  provenance: { kind: 'import' | 'demo' | 'api'; reference: string; actor: string },
): Promise<BulkResult> {
  await session.query(STAGE_TABLE);
  await session.query(WRITTEN_TABLE);
  await session.copyCsv(
    `copy producer_stage (${STAGE_COLUMNS.join(', ')}) from stdin with (format csv)`,
    csv,
  );
  await session.query(
    // The importer keeps the registry's statistics fresh as it grows (analyzeRegistry): the planner then
    // reaches it through its keys. No JIT: its compile time is far more than it saves on one chunk.
    `select set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`,
  );
  const columns = RECORD_COLUMNS.join(', ');
  const updates = RECORD_COLUMNS.filter((c) => c !== 'natural_key')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  // A producer's names other than the registered one, as history keeps them: rows n of `names` where `which`.
  const otherNames = (names: string, which: string) =>
    `jsonb_build_object('other_names',
       (select coalesce(jsonb_agg(jsonb_build_object('name', n.name, 'lang', n.lang) order by n.name), '[]')
        from ${names} where ${which}))`;
  // One statement: the stored producers of the chunk's keys (read once: referenced once, the planner
  // would read them again for each row written), the inserts and updates, what each wrote (for names
  // and history), and every row of the chunk as a source of its producer, written once whatever the
  // number of imports.
  const [counts] = await session.query<{ inserted: number; updated: number; distinct_rows: number }>(
    `with src as (select distinct on (natural_key) * from producer_stage order by natural_key, line),
     stored as materialized (
       select p.id, p.natural_key, p.content_hash <> src.content_hash as changed,
              case when p.content_hash <> src.content_hash
                then ${RECORD_JSON} || ${otherNames('producer_name n', 'n.producer_id = p.id and n.name <> p.name')} end as before
       from src join producer p on p.natural_key = src.natural_key
       where p.merged_into is null and p.deleted_at is null
     ),
     up as (
       insert into producer as p (${columns})
       select ${columns} from src
       on conflict (natural_key) where merged_into is null and deleted_at is null
       do update set ${updates}, version = p.version + 1, updated_at = now()
       where p.content_hash <> excluded.content_hash
       returning p.id, p.natural_key, (p.xmax = 0) as inserted, p.version, ${RECORD_JSON} as record
     ),
     written as (
       insert into producer_written (id, line, inserted, version, before, after, names)
       select up.id, src.line, up.inserted, up.version, stored.before,
              up.record || ${otherNames('jsonb_to_recordset(src.names) as n(name text, lang text)', "n.name <> up.record->>'name'")}, src.names
       from up join src on src.natural_key = up.natural_key left join stored on stored.id = up.id
       returning inserted
     ),
     sources as (
       insert into producer_source (producer_id, kind, reference)
       select k.id, $1, $2 || s.line
       from producer_stage s
       join (select id, natural_key from up union all select id, natural_key from stored where not changed) k
         on k.natural_key = s.natural_key
       on conflict (producer_id, kind, reference) do nothing
     )
     select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated,
            (select count(*) from src)::int as distinct_rows
     from written`,
    [provenance.kind, `${provenance.reference}:`],
  );
  const inserted = counts?.inserted ?? 0;
  const updated = counts?.updated ?? 0;
  if (inserted + updated > 0) {
    await session.query(
      `delete from producer_name
       where producer_id = any(array(select id from producer_written where not inserted))`,
    );
    await session.query(
      `insert into producer_name (producer_id, name, script, lang, key)
       select w.id, n.name, n.script, n.lang, n.key
       from producer_written w cross join jsonb_to_recordset(w.names) as n(name text, script text, lang text, key text)
       on conflict do nothing`,
    );
    await session.query(
      `insert into producer_history (producer_id, version, action, actor, before, after)
       select id, version, case when inserted then 'create' else 'update' end, $1, before, after
       from producer_written`,
      [provenance.actor],
    );
    // The words of what was written join the vocabularies the search reads first.
    for (const [table, column] of Object.entries(WORD_COLUMNS) as [keyof typeof WORD_COLUMNS, string][])
      await session.query(
        addWordsSql(
          table,
          `select distinct w from producer_stage s join producer_written pw on pw.line = s.line
           cross join lateral unnest(string_to_array(s.${column}, ' ')) w`,
        ),
      );
  }
  const distinctRows = counts?.distinct_rows ?? staged;
  const repeats =
    distinctRows < staged
      ? await session.query<{ line: number; first: number }>(
          `select line, first from (
             select line, min(line) over (partition by natural_key) as first from producer_stage
           ) d where line <> first order by line`,
        )
      : [];
  return { inserted, updated, repeats };
}

/**
 * Moves what the registry's GIN indexes hold in their pending lists into the indexes proper: a search
 * reads a pending list whole (after a large import, 40 ms a query at a million producers), and PGlite has
 * no autovacuum to do it later. A role that does not own the indexes leaves it to autovacuum.
 */
export async function flushIndexes(session: BulkSession): Promise<void> {
  await session.query(
    `do $$
     declare index_oid oid;
     begin
       for index_oid in
         select i.indexrelid from pg_index i
         join pg_class t on t.oid = i.indrelid
         join pg_class c on c.oid = i.indexrelid
         join pg_am a on a.oid = c.relam
         where a.amname = 'gin' and t.relname like 'producer%' and t.relnamespace = 'public'::regnamespace
       loop
         perform gin_clean_pending_list(index_oid::regclass);
       end loop;
     exception when insufficient_privilege then
       raise notice 'the GIN pending lists are left to autovacuum: the role does not own the indexes';
     end
     $$`,
  );
}

const REGISTRY_TABLE_NAMES = [
  'producer',
  'producer_name',
  'producer_source',
  'producer_history',
  ...Object.keys(WORD_COLUMNS).flatMap((t) => [t, `${t}_variant`]),
];
const REGISTRY_TABLES = REGISTRY_TABLE_NAMES.join(', ');

/** Sets the registry's secondary indexes aside for a load larger than the registry (see src/db). */
export function deferRegistryIndexes(database: Database): Promise<DeferredLoad> {
  return deferIndexes(database, REGISTRY_TABLE_NAMES);
}

/** How many producers the registry holds (merged and deleted ones too: their rows are indexed as well). */
export async function registrySize(db: Kysely<DB>): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from producer`.execute(db);
  return result.rows[0]?.n ?? 0;
}

/** Fresh statistics for the registry's tables, as an import grows them. */
export async function analyzeRegistry(session: BulkSession): Promise<void> {
  await session.query(`analyze ${REGISTRY_TABLES}`);
}

/**
 * After a large import: fresh statistics, the GIN pending lists merged, and the new rows marked visible
 * to all (else the first searches set their hint bits, writing as they read). Outside a transaction, as
 * VACUUM must be; tables the role does not own are skipped with a warning.
 */
export async function vacuumRegistry(db: Kysely<DB>): Promise<void> {
  await sql.raw(`vacuum (analyze) ${REGISTRY_TABLES}`).execute(db);
}
