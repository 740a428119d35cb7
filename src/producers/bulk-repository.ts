// SQL of bulk writes of producers (imports): producers new to the registry are COPYed into its tables with
// their names, sources and history; the others are COPYed into a temporary stage and merged by their natural
// key in a few set-based statements.
import { type Kysely, sql } from 'kysely';
import { type BulkSession, type Database, type DB, type DeferredLoad, deferIndexes } from '../db/index.js';
import { CopyBuffer, copyText } from '../lib/index.js';
import { PRODUCER_ROW_COLUMNS } from './normalize.js';
import { namesJson, type PreparedProducer } from './prepare.js';

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

export interface Provenance {
  kind: 'import' | 'demo' | 'api';
  /** The file; a row's source is `reference:line`. */
  reference: string;
  actor: string;
}

/**
 * A producer's names other than the registered one, as history keeps them: rows n of `names` where `which`,
 * in the order of their bytes (the same on every engine and in prepare.ts's recordJson).
 */
export const otherNamesSql = (names: string, which: string) =>
  `jsonb_build_object('other_names',
     (select coalesce(jsonb_agg(jsonb_build_object('name', n.name, 'lang', n.lang) order by n.name collate "C"), '[]')
      from ${names} where ${which}))`;

/**
 * What an import remembers across its chunks: the vocabulary words it has seen stored or added, and in a bulk
 * load the registry's natural keys (read when the load began, with every key written since). Either may hold
 * a word or key that is not stored (a chunk that failed) or lack one another writer added: the first sends a
 * row through the merge, which writes what is missing; the second is refused by the key's index, and the
 * chunk goes through the merge.
 */
export interface ImportMemory {
  words: Record<keyof typeof WORD_COLUMNS, Set<string>>;
  keys?: Set<string>;
  /** The COPY input of new producers' rows, names, sources and history, kept from chunk to chunk. */
  buffers: CopyBuffer[];
}

export const importMemory = (): ImportMemory => ({
  words: { producer_name_word: new Set(), producer_product_word: new Set() },
  // Reused: fresh memory for each chunk's tens of megabytes cost as much again as writing them.
  buffers: Array.from({ length: 4 }, () => new CopyBuffer(1 << 20)),
});

/** The natural keys of the registry's live producers. */
export async function registryKeys(session: BulkSession): Promise<Set<string>> {
  const rows = await session.query<{ natural_key: string }>(
    'select natural_key from producer where merged_into is null and deleted_at is null',
  );
  return new Set(rows.map((r) => r.natural_key));
}

/** PostgreSQL's unique_violation. */
const UNIQUE_VIOLATION = '23505';

/** A later line of a natural key the import has already read: not written, but a source of that producer. */
export interface Repeat {
  key: string;
  line: number;
  first: number;
}

/**
 * Writes one chunk of an import: `rows`, each the first line of its natural key in the file, and `repeats`.
 * A row whose key is not in the registry (the whole of a first load) is written as it is, its record, names,
 * source and history COPYed in; a row stored as it says gains only its line as a source; the others go
 * through the merge by natural key (mergeStaged).
 */
export async function writeProducers(
  session: BulkSession,
  rows: readonly PreparedProducer[],
  repeats: readonly Repeat[],
  provenance: Provenance,
  memory: ImportMemory,
): Promise<{ inserted: number; updated: number }> {
  const byKey = new Map(rows.map((p) => [p.key, p]));
  // In key order (the keys are plain Latin: JavaScript's order is the bytes' order of the "C" collation), so
  // that the lookups, and the new rows' entries in the key's index, walk the index forwards: at a million
  // producers the index outgrows the buffers, and keys in the file's order read a page per key.
  const keys = [...byKey.keys()].sort();
  // The stored producers of these keys with their digests, unless the load knows the registry's keys.
  const found = memory.keys
    ? undefined
    : new Map(
        (
          await session.query<{ natural_key: string; id: number; content_hash: string }>(
            // A join, not `= any($1)`: with statistics that lag the table, a scan testing each row against
            // the whole array was quadratic (62 s for the words of a 200,000-row import).
            `select p.natural_key, p.id, p.content_hash from unnest($1::text[]) k(key)
             join producer p on p.natural_key = k.key and p.merged_into is null and p.deleted_at is null`,
            [keys],
          )
        ).map((r) => [r.natural_key, r]),
      );
  const isStored = (key: string) => (found ? found.has(key) : memory.keys!.has(key));
  let fresh = keys.filter((k) => !isStored(k)).map((k) => byKey.get(k)!);
  // A producer stored as the row says only gains the row as a source (most of a file imported again).
  const unchanged = keys.filter((k) => found?.get(k)?.content_hash === byKey.get(k)!.hash);
  if (unchanged.length > 0)
    await session.query(
      `insert into producer_source (producer_id, kind, reference)
       select id, $2, $3 || line from unnest($1::bigint[], $4::int[]) s(id, line)
       on conflict (producer_id, kind, reference) do nothing`,
      [
        unchanged.map((k) => found!.get(k)!.id),
        provenance.kind,
        `${provenance.reference}:`,
        unchanged.map((k) => byKey.get(k)!.line),
      ],
    );
  const alike = new Set(unchanged);
  const merged = keys.filter((k) => isStored(k) && !alike.has(k)).map((k) => byKey.get(k)!);
  if (fresh.length > 0) {
    try {
      const added = await session.savepoint(() => insertFresh(session, fresh, provenance, memory));
      for (const [table, words] of Object.entries(added) as [keyof typeof WORD_COLUMNS, string[]][])
        for (const w of words) memory.words[table].add(w);
    } catch (error) {
      // Another writer added one of these keys since they were looked up: the merge takes them all.
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      merged.push(...fresh);
      fresh = [];
    }
  }
  const result = merged.length > 0 ? await mergeStaged(session, merged, provenance) : undefined;
  if (memory.keys) for (const k of keys) memory.keys.add(k);
  // Each repeated line is a source of the producer its first line wrote, in this chunk or an earlier one.
  if (repeats.length > 0)
    await session.query(
      `insert into producer_source (producer_id, kind, reference)
       select p.id, $2, $3 || r.line from unnest($1::text[], $4::int[]) r(key, line)
       join producer p on p.natural_key = r.key and p.merged_into is null and p.deleted_at is null
       on conflict (producer_id, kind, reference) do nothing`,
      [repeats.map((r) => r.key), provenance.kind, `${provenance.reference}:`, repeats.map((r) => r.line)],
    );
  return { inserted: fresh.length + (result?.inserted ?? 0), updated: result?.updated ?? 0 };
}

/** Inserts producers whose keys are not in the registry; returns the words it added to each vocabulary. */
async function insertFresh(
  session: BulkSession,
  fresh: readonly PreparedProducer[],
  provenance: Provenance,
  memory: ImportMemory,
): Promise<Record<keyof typeof WORD_COLUMNS, string[]>> {
  // The sequence is looked up once: named per row, a chunk's ids took 80 ms instead of 10.
  const [sequence] = await session.query<{ name: string }>(
    `select pg_get_serial_sequence('producer', 'id') as name`,
  );
  const ids = await session.query<{ id: number }>(
    'select nextval($1::regclass) as id from generate_series(1, $2)',
    [sequence!.name, fresh.length],
  );
  const historyPrefix = `\t1\tcreate\t${copyText(provenance.actor)}\t\\N\t{"id":`;
  const source = `\t${copyText(provenance.kind)}\t${copyText(`${provenance.reference}:`)}`;
  // Each producer's prepared bytes copied behind its id: no text is built or encoded here per row but ids.
  const [rows, names, sources, history] = memory.buffers as [CopyBuffer, CopyBuffer, CopyBuffer, CopyBuffer];
  for (const buffer of memory.buffers) buffer.clear();
  fresh.forEach((p, i) => {
    const id = Number(ids[i]!.id);
    const { bytes, record, names: namesAt, after, end } = p.text;
    rows.text(`${id}\t`);
    rows.bytes(bytes, record, namesAt);
    rows.text('\n');
    for (let at = namesAt; at < after; ) {
      const next = bytes.indexOf(10, at) + 1;
      names.text(`${id}\t`);
      names.bytes(bytes, at, next);
      at = next;
    }
    sources.text(`${id}${source}${p.line}\n`);
    history.text(`${id}${historyPrefix}${id},`);
    history.bytes(bytes, after, end);
    history.text('\n');
  });
  await session.copyFrom(
    `copy producer (id, content_hash, ${PRODUCER_ROW_COLUMNS.join(', ')}) from stdin`,
    rows.finish(),
  );
  await session.copyFrom(
    'copy producer_name (producer_id, name, script, lang, key) from stdin',
    names.finish(),
  );
  await session.copyFrom('copy producer_source (producer_id, kind, reference) from stdin', sources.finish());
  await session.copyFrom(
    'copy producer_history (producer_id, version, action, actor, before, after) from stdin',
    history.finish(),
  );
  return {
    producer_name_word: await addWords(
      session,
      'producer_name_word',
      fresh.map((p) => p.namesKey),
      memory.words.producer_name_word,
    ),
    producer_product_word: await addWords(
      session,
      'producer_product_word',
      fresh.map((p) => p.productsKey),
      memory.words.producer_product_word,
    ),
  };
}

/**
 * Adds to a vocabulary the words of `keys` (search keys) it lacks (words of one or two letters are not kept);
 * `seen` are words known to be there, and learns those found there. Returns the words added.
 */
async function addWords(
  session: BulkSession,
  table: keyof typeof WORD_COLUMNS,
  keys: readonly string[],
  seen: Set<string>,
): Promise<string[]> {
  const candidates = new Set<string>();
  for (const key of keys)
    for (const word of key.split(' ')) if (word.length >= 3 && !seen.has(word)) candidates.add(word);
  if (candidates.size === 0) return [];
  const words = [...candidates];
  for (const { word } of await session.query<{ word: string }>(
    `select v.word from unnest($1::text[]) w(word) join ${table} v on v.word = w.word`,
    [words],
  ))
    seen.add(word);
  const added = words.filter((w) => !seen.has(w));
  if (added.length > 0) await session.query(addWordsSql(table, 'select unnest($1::text[]) as w'), [added]);
  return added;
}

/**
 * Merges staged producers by natural key: new keys are inserted, known ones updated where their content
 * changed, the rest left alone. Names of written producers are replaced; every row's source (file and line)
 * is recorded once; every write gets a history entry with its before and after.
 */
async function mergeStaged(
  session: BulkSession,
  staged: readonly PreparedProducer[],
  provenance: Provenance,
): Promise<{ inserted: number; updated: number }> {
  await session.query(STAGE_TABLE);
  await session.query(WRITTEN_TABLE);
  const stage = new CopyBuffer();
  for (const p of staged) {
    stage.text(`${p.line}\t`);
    stage.bytes(p.text.bytes, p.text.record, p.text.names);
    stage.text(`\t${namesJson(p.text)}\n`);
  }
  await session.copyFrom(`copy producer_stage (${STAGE_COLUMNS.join(', ')}) from stdin`, stage.finish());
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

/** The registry's tables: what an import writes, sets the indexes of aside, and vacuums. */
export const REGISTRY_TABLE_NAMES = [
  'producer',
  'producer_name',
  'producer_source',
  'producer_history',
  ...Object.keys(WORD_COLUMNS),
];

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
 * After a large import: fresh statistics, the GIN pending lists merged, and the new rows of the tables a
 * search reads marked visible to all (else the first searches set their hint bits, writing as they read).
 * Sources and history, read a producer at a time, are only analyzed (the history is the largest table: at a
 * million producers, 600 MB of JSON). Outside a transaction, as VACUUM must be; tables the role does not
 * own are skipped with a warning.
 */
export async function vacuumRegistry(db: Kysely<DB>): Promise<void> {
  const searched = REGISTRY_TABLE_NAMES.filter((t) => t !== 'producer_source' && t !== 'producer_history');
  await sql.raw(`vacuum (analyze) ${searched.join(', ')}`).execute(db);
  await sql.raw('analyze producer_source, producer_history').execute(db);
}
