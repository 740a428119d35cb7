// SQL of bulk writes of producers (imports): producers new to the registry are COPYed into its tables with
// their names, sources and history; the others are COPYed into a temporary stage and merged by their natural
// key in a few set-based statements.
import { type Kysely, sql } from 'kysely';
import {
  type BulkSession,
  copyLine,
  type Database,
  type DB,
  type DeferredLoad,
  deferIndexes,
} from '../db/index.js';
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
 * SQL adding the words `words` selects (a column w) to a vocabulary, with their skeleton and their variants
 * with one letter left out (see migrations 0010 and 0014). Words of one or two letters are left out. In
 * key order: the inserts then walk the index forwards instead of landing on random pages, and two imports
 * at once take the words' locks in the same order.
 */
export function addWordsSql(table: keyof typeof WORD_COLUMNS, words: string): string {
  return `insert into ${table} (word, skeleton, variants)
    select w, ${WORD_SKELETON('w')},
           case when length(w) >= 4 then array(
             select distinct left(w, i - 1) || substr(w, i + 1) from generate_series(1, length(w)) i order by 1
           ) else '{}' end
    from (select distinct w from (${words}) d where length(w) >= 3) d
    order by w
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

export interface Provenance {
  kind: 'import' | 'demo' | 'api';
  /** The file; a row's source is `reference:line`. */
  reference: string;
  actor: string;
}

/**
 * A producer's names other than the registered one, as history keeps them: rows n of `names` where `which`,
 * in the order of their bytes (the same on every engine and in otherNamesOf).
 */
export const otherNamesSql = (names: string, which: string) =>
  `jsonb_build_object('other_names',
     (select coalesce(jsonb_agg(jsonb_build_object('name', n.name, 'lang', n.lang) order by n.name collate "C"), '[]')
      from ${names} where ${which}))`;

/** Compares strings by code point, as PostgreSQL's "C" collation compares their UTF-8 bytes. */
function byCodePoint(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** A new producer as history keeps it: RECORD_JSON of its row, with otherNamesSql's other names. */
export function recordJson(
  id: number,
  row: ProducerRow,
  names: readonly ProducerName[],
): Record<string, unknown> {
  return {
    id,
    country: row.country,
    national_id: row.national_id,
    name: row.name,
    region: row.region,
    city: row.city,
    address: row.address,
    lat: row.lat,
    lon: row.lon,
    website: row.website,
    email: row.email,
    phone: row.phone,
    products: row.products,
    hs_codes: row.hs_codes,
    export_markets: row.export_markets,
    employees: row.employees,
    capacity: row.capacity,
    certifications: row.certifications,
    other_names: names
      .filter((n) => n.name !== row.name)
      .map((n) => ({ name: n.name, lang: n.lang }))
      .sort((a, b) => byCodePoint(a.name, b.name)),
  };
}

/** What an import knows of the vocabularies, kept across its chunks: words it has seen stored or added. */
export interface KnownWords {
  producer_name_word: Set<string>;
  producer_product_word: Set<string>;
}

export const knownWords = (): KnownWords => ({
  producer_name_word: new Set(),
  producer_product_word: new Set(),
});

/** PostgreSQL's unique_violation. */
const UNIQUE_VIOLATION = '23505';

/**
 * Writes one chunk of staged producers. A row whose natural key is not in the registry (the whole of a first
 * load) is written as it is, its row, names, source and history COPYed in; the others go through the merge
 * by natural key (mergeStaged). A key repeated within the chunk is written once, from its first line; every
 * line is a source of its producer.
 */
export async function writeProducers(
  session: BulkSession,
  staged: readonly StagedProducer[],
  provenance: Provenance,
  known: KnownWords,
): Promise<BulkResult> {
  // The chunk's producers by natural key: the first line, then the lines repeating it.
  const byKey = new Map<string, StagedProducer[]>();
  for (const p of staged) {
    const same = byKey.get(p.row.natural_key);
    if (same) same.push(p);
    else byKey.set(p.row.natural_key, [p]);
  }
  const repeats = [...byKey.values()]
    .flatMap((lines) => lines.slice(1).map((p) => ({ line: p.line, first: lines[0]!.line })))
    .sort((a, b) => a.line - b.line);
  const stored = new Set(
    (
      await session.query<{ natural_key: string }>(
        // A join, not `= any($1)`: with statistics that lag the table, a scan testing each row against the
        // whole array was quadratic (62 s for the words of a 200,000-row import).
        `select p.natural_key from unnest($1::text[]) k(key)
         join producer p on p.natural_key = k.key and p.merged_into is null and p.deleted_at is null`,
        [[...byKey.keys()]],
      )
    ).map((r) => r.natural_key),
  );
  let fresh = [...byKey.values()].filter((lines) => !stored.has(lines[0]!.row.natural_key));
  const merged = [...byKey.values()].filter((lines) => stored.has(lines[0]!.row.natural_key));
  if (fresh.length > 0) {
    try {
      await session.savepoint(() => insertFresh(session, fresh, provenance, known));
    } catch (error) {
      // Another writer added one of these keys since they were looked up: the merge takes them all.
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      merged.push(...fresh);
      fresh = [];
    }
  }
  const result = merged.length > 0 ? await mergeStaged(session, merged.flat(), provenance) : undefined;
  return { inserted: fresh.length + (result?.inserted ?? 0), updated: result?.updated ?? 0, repeats };
}

/** Inserts producers whose keys are not in the registry: each a list of its first line and its repeats. */
async function insertFresh(
  session: BulkSession,
  fresh: readonly StagedProducer[][],
  provenance: Provenance,
  known: KnownWords,
): Promise<void> {
  const ids = await session.query<{ id: number }>(
    `select nextval(pg_get_serial_sequence('producer', 'id')) as id from generate_series(1, $1)`,
    [fresh.length],
  );
  let rows = '';
  let names = '';
  let sources = '';
  let history = '';
  fresh.forEach((lines, i) => {
    const id = Number(ids[i]!.id);
    const p = lines[0]!;
    rows += copyLine([id, p.contentHash, ...PRODUCER_ROW_COLUMNS.map((c) => p.row[c])]);
    for (const n of p.names) names += copyLine([id, n.name, n.script, n.lang, n.key]);
    for (const l of lines) sources += copyLine([id, provenance.kind, `${provenance.reference}:${l.line}`]);
    history += copyLine([
      id,
      1,
      'create',
      provenance.actor,
      null,
      JSON.stringify(recordJson(id, p.row, p.names)),
    ]);
  });
  await session.copyFrom(
    `copy producer (id, content_hash, ${PRODUCER_ROW_COLUMNS.join(', ')}) from stdin`,
    rows,
  );
  await session.copyFrom('copy producer_name (producer_id, name, script, lang, key) from stdin', names);
  await session.copyFrom('copy producer_source (producer_id, kind, reference) from stdin', sources);
  await session.copyFrom(
    'copy producer_history (producer_id, version, action, actor, before, after) from stdin',
    history,
  );
  await addWords(
    session,
    fresh.map((lines) => lines[0]!.row),
    known,
  );
}

/** Adds the words of `rows` that the vocabularies lack (words of one or two letters are not kept). */
async function addWords(
  session: BulkSession,
  rows: readonly ProducerRow[],
  known: KnownWords,
): Promise<void> {
  for (const [table, column] of Object.entries(WORD_COLUMNS) as [
    keyof typeof WORD_COLUMNS,
    'names_key' | 'products_key',
  ][]) {
    const seen = known[table];
    const candidates = new Set<string>();
    for (const row of rows)
      for (const word of row[column].split(' '))
        if (word.length >= 3 && !seen.has(word)) candidates.add(word);
    if (candidates.size === 0) continue;
    const words = [...candidates];
    for (const { word } of await session.query<{ word: string }>(
      `select v.word from unnest($1::text[]) w(word) join ${table} v on v.word = w.word`,
      [words],
    ))
      seen.add(word);
    const added = words.filter((w) => !seen.has(w));
    if (added.length > 0) await session.query(addWordsSql(table, 'select unnest($1::text[]) as w'), [added]);
    for (const w of added) seen.add(w);
  }
}

/**
 * Merges staged producers by natural key: new keys are inserted, known ones updated where their content
 * changed, the rest left alone. Names of written producers are replaced; every row's source (file and line)
 * is recorded once; every write gets a history entry with its before and after.
 */
async function mergeStaged(
  session: BulkSession,
  staged: readonly StagedProducer[],
  provenance: Provenance,
): Promise<{ inserted: number; updated: number }> {
  await session.query(STAGE_TABLE);
  await session.query(WRITTEN_TABLE);
  await session.copyFrom(
    `copy producer_stage (${STAGE_COLUMNS.join(', ')}) from stdin with (format csv)`,
    staged.map(stageLine).join(''),
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
  // One statement: the stored producers of the chunk's keys (read once: referenced once, the planner
  // would read them again for each row written), the inserts and updates, what each wrote (for names
  // and history), and every row of the chunk as a source of its producer, written once whatever the
  // number of imports.
  const [counts] = await session.query<{ inserted: number; updated: number }>(
    `with src as (select distinct on (natural_key) * from producer_stage order by natural_key, line),
     stored as materialized (
       select p.id, p.natural_key, p.content_hash <> src.content_hash as changed,
              case when p.content_hash <> src.content_hash
                then ${RECORD_JSON} || ${otherNamesSql('producer_name n', 'n.producer_id = p.id and n.name <> p.name')} end as before
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
              up.record || ${otherNamesSql('jsonb_to_recordset(src.names) as n(name text, lang text)', "n.name <> up.record->>'name'")}, src.names
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
     select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated
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
  return { inserted, updated };
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
  ...Object.keys(WORD_COLUMNS),
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

/**
 * Fresh statistics of the registry's size and of the keys an import finds producers by, as it grows them
 * (the rest waits for the import's end: at 200,000 producers the whole registry took 1.4 s to analyze, its
 * keys 0.2 s; the search's expression indexes are most of the difference).
 */
export async function analyzeRegistry(session: BulkSession): Promise<void> {
  await session.query('analyze producer (natural_key, country, national_id, merged_into, deleted_at)');
}

/**
 * After a large import: fresh statistics, the GIN pending lists merged, and the new rows marked visible
 * to all (else the first searches set their hint bits, writing as they read). Outside a transaction, as
 * VACUUM must be; tables the role does not own are skipped with a warning.
 */
export async function vacuumRegistry(db: Kysely<DB>): Promise<void> {
  await sql.raw(`vacuum (analyze) ${REGISTRY_TABLES}`).execute(db);
}
