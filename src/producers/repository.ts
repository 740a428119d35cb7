// SQL of the producers registry (records one at a time, search, duplicates, merges), one statement per
// method; the bulk merge of imports is in bulk-repository.ts.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/index.js';
import { RECORD_JSON } from './bulk-repository.js';
import { PRODUCER_ROW_COLUMNS, type ProducerName, type ProducerRow } from './normalize.js';
import type { Lookups } from './validate.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** The reference data checks need, read once per import or request. */
export async function loadLookups(db: Executor): Promise<Lookups> {
  const countries = new Set((await db.selectFrom('country').select('code').execute()).map((c) => c.code));
  const codes = new Set(
    (await db.selectFrom('hs_code').select('code').distinct().execute()).map((c) => c.code),
  );
  const levels = new Set([...codes].map((c) => c.length));
  return {
    countries,
    // A level of the nomenclature that is not loaded (only chapters ship built in) is checked by its chapter.
    hsKnown: (code) => codes.has(code) || (!levels.has(code.length) && codes.has(code.slice(0, 2))),
  };
}

export interface StoredProducer extends ProducerRow {
  id: number;
  version: number;
  created_at: Date;
  updated_at: Date;
  merged_into: number | null;
  deleted_at: Date | null;
}

const RECORD_COLUMNS = [
  'id',
  ...PRODUCER_ROW_COLUMNS,
  'version',
  'created_at',
  'updated_at',
  'merged_into',
  'deleted_at',
] as const;

export interface SearchFilters {
  countries?: string[];
  hsPrefix?: string;
  regionKey?: string;
  market?: string;
  certKey?: string;
}

export interface SearchTerms {
  key: string;
  /** The query's words that tell companies apart (each may find a name on its own). */
  words: string[];
  skeleton: string;
  /** HS codes the query's words name (lexicon and nomenclature titles). */
  hsCodes: string[];
  /** Place keys of the query's words and pairs of words (a city or region it may name). */
  places: string[];
}

export interface Candidate {
  id: number;
  score: number;
  name_score: number;
  skeleton_score: number;
  product_score: number;
  hs_match: string | null;
  place_match: boolean;
}

export class ProducerRepository {
  constructor(private readonly db: Executor) {}

  async get(id: number): Promise<StoredProducer | undefined> {
    return (await this.db
      .selectFrom('producer')
      .select(RECORD_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst()) as StoredProducer | undefined;
  }

  async getMany(ids: number[]): Promise<StoredProducer[]> {
    if (ids.length === 0) return [];
    return (await this.db
      .selectFrom('producer')
      .select(RECORD_COLUMNS)
      .where('id', 'in', ids)
      .execute()) as StoredProducer[];
  }

  async names(ids: number[]): Promise<(ProducerName & { producer_id: number })[]> {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('producer_name')
      .select(['producer_id', 'name', 'script', 'lang', 'key'])
      .where('producer_id', 'in', ids)
      .orderBy('producer_id')
      .orderBy('name')
      .execute();
  }

  async sources(ids: number[]) {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom('producer_source')
      .select(['producer_id', 'kind', 'reference', 'added_at'])
      .where('producer_id', 'in', ids)
      .orderBy('producer_id')
      .orderBy('id')
      .execute();
  }

  /** The active producer with this natural key or national identifier, if any. */
  async findActive(naturalKey: string, country: string, nationalId: string | null) {
    return this.db
      .selectFrom('producer')
      .select(['id', 'version'])
      .where('merged_into', 'is', null)
      .where('deleted_at', 'is', null)
      .where((eb) =>
        nationalId
          ? eb.or([
              eb('natural_key', '=', naturalKey),
              eb.and([eb('country', '=', country), eb('national_id', '=', nationalId)]),
            ])
          : eb('natural_key', '=', naturalKey),
      )
      .executeTakeFirst();
  }

  async insert(row: ProducerRow, contentHash: string): Promise<number> {
    const inserted = await this.db
      .insertInto('producer')
      .values({ ...row, content_hash: contentHash })
      .returning('id')
      .executeTakeFirstOrThrow();
    return inserted.id;
  }

  /** Updates when the stored version is `expected`; returns the new version, or undefined when it is not. */
  async update(
    id: number,
    expected: number,
    row: ProducerRow,
    contentHash: string,
    revive = false,
  ): Promise<number | undefined> {
    let query = this.db
      .updateTable('producer')
      .set({
        ...row,
        content_hash: contentHash,
        version: sql`version + 1`,
        updated_at: sql`now()`,
        deleted_at: null,
      })
      .where('id', '=', id)
      .where('version', '=', expected)
      .where('merged_into', 'is', null);
    if (!revive) query = query.where('deleted_at', 'is', null);
    const updated = await query.returning('version').executeTakeFirst();
    return updated?.version;
  }

  async markDeleted(id: number, expected: number): Promise<number | undefined> {
    const updated = await this.db
      .updateTable('producer')
      .set({ deleted_at: sql`now()`, version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', id)
      .where('version', '=', expected)
      .where('merged_into', 'is', null)
      .where('deleted_at', 'is', null)
      .returning('version')
      .executeTakeFirst();
    return updated?.version;
  }

  async markMerged(id: number, into: number): Promise<void> {
    await this.db
      .updateTable('producer')
      .set({ merged_into: into, version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
  }

  async replaceNames(id: number, names: ProducerName[]): Promise<void> {
    await this.db.deleteFrom('producer_name').where('producer_id', '=', id).execute();
    if (names.length > 0)
      await this.db
        .insertInto('producer_name')
        .values(names.map((n) => ({ producer_id: id, ...n })))
        .onConflict((oc) => oc.doNothing())
        .execute();
  }

  async addSource(id: number, kind: string, reference: string): Promise<void> {
    await this.db
      .insertInto('producer_source')
      .values({ producer_id: id, kind, reference })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  /** Moves the sources of one producer to another (a merge keeps every source). */
  async moveSources(from: number, to: number): Promise<void> {
    await sql`
      insert into producer_source (producer_id, kind, reference, added_at)
      select ${to}, kind, reference, added_at from producer_source where producer_id = ${from}
      on conflict (producer_id, kind, reference) do nothing`.execute(this.db);
  }

  /** The producer's fields as history keeps them (without the derived search columns), with its names. */
  async snapshot(id: number): Promise<Record<string, unknown> | undefined> {
    const row = await sql<{ record: Record<string, unknown> }>`
      select ${sql.raw(RECORD_JSON)} || jsonb_build_object('other_names',
        (select coalesce(jsonb_agg(jsonb_build_object('name', n.name, 'lang', n.lang) order by n.name), '[]')
         from producer_name n where n.producer_id = p.id and n.name <> p.name)) as record
      from producer p where p.id = ${id}`.execute(this.db);
    return row.rows[0]?.record;
  }

  async addHistory(entry: {
    producer_id: number;
    version: number;
    action: 'create' | 'update' | 'delete' | 'merge' | 'restore';
    actor: string;
    before: Record<string, unknown> | null | undefined;
    after: Record<string, unknown> | null | undefined;
  }): Promise<void> {
    await this.db
      .insertInto('producer_history')
      .values({
        ...entry,
        before: entry.before ? JSON.stringify(entry.before) : null,
        after: entry.after ? JSON.stringify(entry.after) : null,
      })
      .execute();
  }

  async history(id: number) {
    return this.db
      .selectFrom('producer_history')
      .select(['version', 'action', 'actor', 'changed_at', 'before', 'after'])
      .where('producer_id', '=', id)
      .orderBy('id')
      .execute();
  }

  /**
   * Producers a query finds, best first: by the search key of their names (typos tolerated by trigram
   * word similarity), by the names' skeleton, by their products' words, and by the HS codes the query names.
   * Each branch reaches the table through its own index; the union is scored and filtered.
   */
  async searchCandidates(
    terms: SearchTerms,
    filters: SearchFilters,
    limit: number,
    pass: 'close' | 'wide',
  ): Promise<Candidate[]> {
    const where = filterSql(filters);
    // Each branch keeps its best `limit` rows (ties by id), so the same query always gives the same answer.
    // The close pass asks the trigram index for near matches only (a high threshold prunes its posting
    // lists); the wide pass, run when the close one found little, tolerates typos, skeletons and words.
    await sql`select set_config('pg_trgm.word_similarity_threshold', ${pass === 'close' ? '0.6' : '0.4'}, true)`.execute(
      this.db,
    );
    const fuzzy = (column: string, term: string) =>
      sql`(select id from producer p where p.${sql.raw(column)} %> ${term} and ${where}
           order by word_similarity(${term}, p.${sql.raw(column)}) desc, p.id limit ${limit})`;
    const branches = [];
    if (terms.key.length >= 2) {
      branches.push(fuzzy('names_key', terms.key));
      // Products' words are shared by thousands (every cement maker's says cement): any `limit` of them in
      // the index's order, scored below with the rest, rather than all of them ranked here.
      if (pass === 'wide' || terms.hsCodes.length > 0)
        branches.push(
          sql`(select id from producer p where p.products_key %> ${terms.key} and ${where} limit ${limit})`,
        );
      if (pass === 'wide')
        for (const word of terms.words.filter((w) => w !== terms.key).slice(0, 4))
          branches.push(fuzzy('names_key', word));
    }
    if (pass === 'wide' && terms.skeleton.replace(/\s/g, '').length >= 3)
      branches.push(fuzzy('names_skeleton', terms.skeleton));
    if (terms.hsCodes.length > 0)
      branches.push(
        sql`(select id from producer p where p.hs_prefixes && ${terms.hsCodes}::text[] and ${where} limit ${limit})`,
      );
    if (terms.places.length > 0)
      branches.push(
        sql`(select id from producer p
             where (p.city_key = any(${terms.places}::text[]) or p.region_key = any(${terms.places}::text[])) and ${where}
             order by p.id limit ${limit})`,
      );
    if (branches.length === 0) return [];
    const result = await sql<Candidate>`
      with c as (${sql.join(branches, sql` union `)}),
      s as (
        select p.id,
               greatest(word_similarity(${terms.key}, p.names_key),
                        0.9 * coalesce((select max(word_similarity(w, p.names_key))
                                         from unnest(${terms.words}::text[]) w), 0)) as name_score,
               word_similarity(${terms.skeleton}, p.names_skeleton) as skeleton_score,
               case when p.products_key = '' then 0 else word_similarity(${terms.key}, p.products_key) end
                 as product_score,
               (select h from unnest(${terms.hsCodes}::text[]) h where h = any(p.hs_prefixes)
                order by length(h) desc limit 1) as hs_match,
               coalesce(p.city_key = any(${terms.places}::text[]) or p.region_key = any(${terms.places}::text[]), false)
                 as place_match
        from c join producer p on p.id = c.id
      )
      select id, name_score, skeleton_score, product_score, hs_match, place_match,
             greatest(name_score, skeleton_score * 0.85, product_score * 0.7,
                      case when hs_match is null then 0 else 0.55 + length(hs_match) * 0.025 end)
             + case when name_score = 1 then 0.2 else 0 end
             + case when place_match then 0.15 else 0 end as score
      from s
      where name_score >= 0.4 or skeleton_score >= 0.6 or product_score >= 0.5 or hs_match is not null
         or place_match
      order by score desc, id
      limit ${limit}`.execute(this.db);
    return result.rows;
  }

  /** Producers matching filters alone (no words), newest first, by keyset on id. */
  async browse(filters: SearchFilters, limit: number, beforeId?: number): Promise<number[]> {
    const where = filterSql(filters);
    const result = await sql<{ id: number }>`
      select id from producer p where ${where} ${beforeId ? sql`and p.id < ${beforeId}` : sql``}
      order by id desc limit ${limit}`.execute(this.db);
    return result.rows.map((r) => r.id);
  }

  async countWhere(filters: SearchFilters, cap: number): Promise<number> {
    const where = filterSql(filters);
    const result = await sql<{ n: number }>`
      select count(*)::int as n from (select 1 from producer p where ${where} limit ${cap}) c`.execute(
      this.db,
    );
    return result.rows[0]?.n ?? 0;
  }

  /** Counts of a set of producers by country, HS chapter and certification (for facets). */
  async facets(ids: number[]) {
    if (ids.length === 0) return { country: [], hs_chapter: [], certification: [] };
    const country = await sql<{ value: string; count: number }>`
      select country as value, count(*)::int as count from producer where id = any(${ids}::bigint[])
      group by country order by count desc, value`.execute(this.db);
    const chapter = await sql<{ value: string; count: number }>`
      select h as value, count(distinct p.id)::int as count
      from producer p cross join unnest(p.hs_prefixes) h
      where p.id = any(${ids}::bigint[]) and length(h) = 2
      group by h order by count desc, value limit 20`.execute(this.db);
    const cert = await sql<{ value: string; count: number }>`
      select c as value, count(distinct p.id)::int as count
      from producer p cross join unnest(p.certifications) c
      where p.id = any(${ids}::bigint[])
      group by c order by count desc, value limit 20`.execute(this.db);
    return { country: country.rows, hs_chapter: chapter.rows, certification: cert.rows };
  }

  /** How well each name of each producer matches a key (to say why a producer matched). */
  async nameScores(ids: number[], key: string) {
    if (ids.length === 0) return [];
    const result = await sql<{ producer_id: number; name: string; script: string; score: number }>`
      select producer_id, name, script, word_similarity(${key}, key) as score
      from producer_name where producer_id = any(${ids}::bigint[])
      order by producer_id, score desc, name`.execute(this.db);
    return result.rows;
  }

  /**
   * Candidate duplicates: pairs of active producers of one country with the same website or phone, or with
   * similar names in the same city; each pair once, the older record first.
   */
  async duplicatePairs(options: { country?: string; producerId?: number; afterId?: number; limit: number }) {
    const result = await sql<{ a: number; b: number; reason: string; similarity: number }>`
      select a.id as a, b.id as b,
             case when a.website_host is not null and a.website_host = b.website_host then 'website'
                  when a.phone_digits is not null and a.phone_digits = b.phone_digits then 'phone'
                  else 'name' end as reason,
             similarity(a.names_key, b.names_key) as similarity
      from producer a
      cross join lateral (
        select b.* from producer b
        where b.country = a.country and b.id <> a.id and b.merged_into is null and b.deleted_at is null
          and (${options.producerId === undefined ? sql`b.id > a.id` : sql`true`})
          and (b.names_key % a.names_key and coalesce(b.city_key, '') = coalesce(a.city_key, ''))
        union
        select b.* from producer b
        where a.website_host is not null and b.website_host = a.website_host and b.id <> a.id
          and b.merged_into is null and b.deleted_at is null
          and (${options.producerId === undefined ? sql`b.id > a.id` : sql`true`})
        union
        select b.* from producer b
        where a.phone_digits is not null and b.phone_digits = a.phone_digits and b.id <> a.id
          and b.merged_into is null and b.deleted_at is null
          and (${options.producerId === undefined ? sql`b.id > a.id` : sql`true`})
      ) b
      where a.merged_into is null and a.deleted_at is null
        ${options.country ? sql`and a.country = ${options.country}` : sql``}
        ${options.producerId !== undefined ? sql`and a.id = ${options.producerId}` : sql``}
        ${options.afterId !== undefined ? sql`and a.id > ${options.afterId}` : sql``}
      order by a.id, similarity desc, b.id
      limit ${options.limit}`.execute(this.db);
    return result.rows;
  }
}

function filterSql(filters: SearchFilters) {
  const parts = [sql`p.merged_into is null and p.deleted_at is null`];
  if (filters.countries && filters.countries.length > 0)
    parts.push(sql`p.country = any(${filters.countries}::text[])`);
  if (filters.hsPrefix) parts.push(sql`p.hs_prefixes @> ${[filters.hsPrefix]}::text[]`);
  if (filters.regionKey)
    parts.push(sql`(p.region_key = ${filters.regionKey} or p.city_key = ${filters.regionKey})`);
  if (filters.market) parts.push(sql`p.export_markets @> ${[filters.market]}::text[]`);
  if (filters.certKey) parts.push(sql`p.cert_keys @> ${[filters.certKey]}::text[]`);
  return sql.join(parts, sql` and `);
}
