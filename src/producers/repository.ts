// SQL of the producers registry (records one at a time, search, duplicates, merges), one statement per
// method; the bulk merge of imports is in bulk-repository.ts.
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { DB } from '../db/index.js';
import { addWordsSql, otherNamesSql, RECORD_JSON, WORD_COLUMNS, WORD_SKELETON } from './bulk-repository.js';
import { PRODUCER_ROW_COLUMNS, type ProducerName, type ProducerRow } from './normalize.js';
import { wordGroup } from './translit.js';
import { type LookupLists, type Lookups, lookupsFrom } from './validate.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** The reference data checks need, as lists. */
export async function loadLookupLists(db: Executor): Promise<LookupLists> {
  const countries = (await db.selectFrom('country').select('code').execute()).map((c) => c.code);
  const codes = (await db.selectFrom('hs_code').select('code').distinct().execute()).map((c) => c.code);
  return { countries, codes };
}

/** The reference data checks need, read once per import or request. */
export async function loadLookups(db: Executor): Promise<Lookups> {
  return lookupsFrom(await loadLookupLists(db));
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
  /** The place keys of a region or city (its other names' too). */
  regionKeys?: string[];
  market?: string;
  certKey?: string;
}

export interface SearchTerms {
  key: string;
  /** The query's words that tell companies apart (scored each on its own). */
  words: string[];
  /**
   * For each of `words`, the vocabulary's words within a typo of it or of another form of it, separated by
   * spaces ('' when none): a name holding one scores as a close match of that word, whatever its trigrams
   * say (Gaur for Гаюр: 0.4 by trigrams).
   */
  wordNear: string[];
  /** The same, of the vocabulary's words that are another form of the word exactly (scored nearly as it). */
  wordSame: string[];
  skeleton: string;
  /** A text search query (`to_tsquery`) of every word of the query, each as itself or a near word. */
  allWords: string | null;
  /**
   * The same with only the words as typed or within a typo where a position has some (null when that is
   * allWords): allWords' rows are any of thousands when a word shares its consonants with common ones.
   */
  allCloseWords: string | null;
  /** A text search query of every word of the query as a word of products (itself or a near word). */
  productWords: string | null;
  /**
   * Text search queries of each distinctive word alone (when there are several), each with its near words
   * and, where they differ, with its close ones only.
   */
  anyWord: string[];
  /** Whether to fall back on the names' trigrams (no word near the vocabulary). */
  fuzzy: boolean;
  /** HS codes the query's words name (lexicon and nomenclature titles). */
  hsCodes: string[];
  /** Of them, those every product concept of the query names (poultry and meat: 0207), or none. */
  hsShared: string[];
  /** Whether every word of the query is a product's word of the lexicon (a query for a product). */
  productQuery: boolean;
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
    await this.addWords(inserted.id);
    return inserted.id;
  }

  /** The words of a producer's names and products join the vocabularies the search reads first. */
  private async addWords(id: number): Promise<void> {
    if (!Number.isSafeInteger(id)) throw new Error(`not a producer id: ${id}`);
    for (const [table, column] of Object.entries(WORD_COLUMNS) as [keyof typeof WORD_COLUMNS, string][])
      await sql
        .raw(
          addWordsSql(
            table,
            `select distinct w from producer p, unnest(string_to_array(p.${column}, ' ')) w where p.id = ${id}`,
          ),
        )
        .execute(this.db);
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
    if (updated) await this.addWords(id);
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
      select ${sql.raw(`${RECORD_JSON} || ${otherNamesSql('producer_name n', 'n.producer_id = p.id and n.name <> p.name')}`)} as record
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
   * Words of the registry's vocabulary near each of the query's words, best first: the word itself, words
   * within one typo (by their variants with a letter left out), words with its consonant skeleton (vowels
   * that transliterations disagree on), and words it begins (a word being typed). A query's word none of
   * those finds is compared with the vocabulary by trigrams (two typos, a longer or shorter spelling).
   */
  async nearWords(
    field: 'name' | 'product',
    words: string[],
    perWord: number,
    trigrams: (word: string, found: ReadonlySet<string>) => boolean = () => true,
  ): Promise<{ query: string; word: string; score: number }[]> {
    if (words.length === 0) return [];
    const table = field === 'name' ? 'producer_name_word' : 'producer_product_word';
    const vocabulary = sql.table(table);
    const deletions = sql`array(select left(q.word, i - 1) || substr(q.word, i + 1) from generate_series(1, length(q.word)) i)`;
    const exact = await sql<{ query: string; word: string; score: number }>`
      select q.word as query, m.word, m.score
      from unnest(${words}::text[]) q(word)
      cross join lateral (
        select word, max(score)::float8 as score from (
          (select v.word, 1.0 as score from ${vocabulary} v where v.word = q.word)
          union all
          -- A word's variants are found through their GIN index, then ordered (offset 0 keeps the planner
          -- from walking the words in order instead, filtering every one: 58 ms at 73,000 words).
          (select word, 0.7 from (
             select v.word from ${vocabulary} v where length(q.word) >= 4 and v.variants @> array[q.word] offset 0
           ) x order by word limit ${perWord})
          union all
          (select word, 0.7 from (
             select v.word from ${vocabulary} v where length(q.word) >= 5 and v.variants && ${deletions} offset 0
           ) x order by word limit ${perWord})
          union all
          (select v.word, 0.7 from ${vocabulary} v
           where length(q.word) >= 5 and v.word = any(${deletions}) order by v.word limit ${perWord})
          union all
          -- Its consonants; a first letter that is a vowel may be any vowel (Uzbek writes o where Russian
          -- writes а or у: Ohangaron, Ахангаран; Oʻzbekiston, Узбекистан). Seven consonants or more alike are
          -- as near as a typo: two spellings of one long word, not two words.
          (select v.word, case when length(v.skeleton) >= 7 then 0.7 else 0.5 end from ${vocabulary} v
           where length(q.word) >= 4
             and v.skeleton = any(array(
               select f || substr(${sql.raw(WORD_SKELETON('q.word'))}, 2)
               from unnest(case when left(q.word, 1) in ('a', 'e', 'i', 'o', 'u') then '{a,e,i,o,u}'::text[]
                                else array[left(q.word, 1)] end) f))
           order by v.word limit ${perWord})
          union all
          (select v.word, 0.45 from ${vocabulary} v
           where length(q.word) >= 4 and v.word > q.word and v.word < q.word || '~'
           order by v.word limit ${perWord})
        ) m
        group by word order by score desc, word limit ${perWord}
      ) m
      order by query, score desc, word`.execute(this.db);
    const found = new Set(exact.rows.map((r) => r.query));
    const missing = words.filter((w) => !found.has(w) && trigrams(w, found));
    if (missing.length === 0) return exact.rows;
    await sql`select set_config('pg_trgm.similarity_threshold', '0.4', true)`.execute(this.db);
    const fuzzy = await sql<{ query: string; word: string; score: number }>`
      select q.word as query, m.word, m.score
      from unnest(${missing}::text[]) q(word)
      cross join lateral (
        select v.word, similarity(v.word, q.word) as score from ${vocabulary} v
        where v.word % q.word order by score desc, v.word limit ${perWord}
      ) m
      order by query, score desc, word`.execute(this.db);
    return [...exact.rows, ...fuzzy.rows];
  }

  /**
   * Text search queries of a query's words: one per position (any of its forms — a word and its second
   * reading — or a near word of the vocabulary; null when none is near), and all positions together.
   * `trigrams` says which words may be looked up by trigrams when nothing nearer is found; `minScore`, how
   * near (nearWords' scores) a word of the vocabulary must be to stand for a query's word.
   */
  async wordQueries(
    field: 'name' | 'product',
    positions: string[][],
    perWord: number,
    options: { trigrams?: (word: string) => boolean; minScore?: (word: string) => number } = {},
  ): Promise<{
    each: (string | null)[];
    all: string | null;
    /** `all` with each position's words within a typo only, where it has some. */
    close: string | null;
    /** `each` likewise. */
    eachClose: (string | null)[];
    /** Each position's words as typed or another form of them exactly (no typo), where it has some. */
    eachExact: (string | null)[];
    near: { query: string; word: string; score: number }[];
  }> {
    // Trigrams only where no form of a position found a word: a second reading of a word the first reading
    // found (zh read as з+х) is not worth the slowest lookup (29 ms for a word sharing trigrams with 8,700
    // of a million producers' words).
    const near = await this.nearWords(
      field,
      [...new Set(positions.flat())],
      perWord,
      (word, found) =>
        (options.trigrams?.(word) ?? true) &&
        positions.some((forms) => forms.includes(word) && !forms.some((f) => found.has(f))),
    );
    const minScore = options.minScore ?? (() => 0);
    const words = positions.map((forms) =>
      near.filter((n) => forms.includes(n.query) && n.score >= minScore(n.query)),
    );
    const each = words.map((w) => wordGroup(w.map((n) => n.word)));
    const close = words.map(
      (w, i) => wordGroup(w.filter((n) => n.score >= 0.7).map((n) => n.word)) ?? each[i]!,
    );
    const exact = words.map((w) => wordGroup(w.filter((n) => n.score >= 1).map((n) => n.word)));
    const found = each.filter((g): g is string => g !== null);
    const closeFound = close.filter((g): g is string => g !== null);
    return {
      each,
      all: found.length > 0 ? found.join(' & ') : null,
      close: closeFound.length > 0 ? closeFound.join(' & ') : null,
      eachClose: close,
      eachExact: exact,
      near,
    };
  }

  /**
   * Producers a query finds, best first: by the words of their names (all of the query's words, each as
   * itself or a near word of the vocabulary; or any one distinctive word), by their products' words, by
   * the HS codes the query names, by the places it names. Each branch reaches the table through an index
   * on words or codes and keeps at most `limit` rows; the union is scored by trigram similarity and filtered.
   */
  async searchCandidates(terms: SearchTerms, filters: SearchFilters, limit: number): Promise<Candidate[]> {
    const where = filterSql(filters);
    const byWords = (column: string, query: string, rows: number) =>
      sql`(select id from producer p
           where to_tsvector('simple', p.${sql.raw(column)}) @@ to_tsquery('simple', ${query}) and ${where}
           limit ${rows})`;
    const branches = [];
    // Products' words and the HS codes they name mostly find the same producers: half the rows each.
    const ofProducts = terms.productWords && terms.hsCodes.length > 0 ? limit / 2 : limit;
    if (terms.allWords) branches.push(byWords('names_key', terms.allWords, 2 * limit));
    if (terms.allCloseWords) branches.push(byWords('names_key', terms.allCloseWords, limit));
    if (terms.productWords) branches.push(byProductWords(terms.productWords, where, ofProducts));
    for (const query of terms.anyWord) branches.push(byWords('names_key', query, limit));
    if (terms.fuzzy) {
      // No word of the query is near a word of the vocabulary (words run together, a name cut short):
      // the names' trigram index, as a last resort.
      await sql`select set_config('pg_trgm.word_similarity_threshold', '0.5', true)`.execute(this.db);
      branches.push(sql`(select id from producer p where p.names_key %> ${terms.key} and ${where}
           order by word_similarity(${terms.key}, p.names_key) desc, p.id limit ${limit})`);
    }
    // A branch per HS code: each code named has its share of the candidates, so that potash producers (3104)
    // are among them beside the hundred fertilizer plants that the chapter (31, "удобрения") finds; and
    // PostgreSQL estimates one code's producers from its statistics, where it guessed thousands for a set
    // of uncommon codes and read the whole registry for the one producer there was (700 ms at a million).
    const share = Math.max(20, Math.floor(ofProducts / Math.max(1, terms.hsCodes.length)));
    // A producer registered under a heading (7110, platinum and palladium) may make what a subheading of it
    // names (711021, palladium): found too, as a match of the heading, unless the query names the heading
    // itself (its own branch finds them; reading the heading's producers twice cost 7-10 ms at a million).
    for (const code of terms.hsCodes)
      branches.push(
        code.length === 6 && !terms.hsCodes.includes(code.slice(0, 4))
          ? sql`(select id from producer p
               where (p.hs_prefixes @> ${[code]}::text[]
                      or (p.hs_prefixes @> ${[code.slice(0, 4)]}::text[] and p.hs_codes @> ${[code.slice(0, 4)]}::text[]))
                 and ${where} limit ${share})`
          : sql`(select id from producer p where p.hs_prefixes @> ${[code]}::text[] and ${where} limit ${share})`,
      );
    if (terms.places.length > 0)
      branches.push(
        sql`(select id from producer p
             where (p.city_key = any(${terms.places}::text[]) or p.region_key = any(${terms.places}::text[])) and ${where}
             order by p.id limit ${limit})`,
      );
    if (branches.length === 0) return [];
    // A name with the consonants of a product's word (Serbir for серебро) is not a producer of it.
    const skeletonWeight = terms.hsCodes.length > 0 ? 0.6 : 0.85;
    // A query of product words only ("oltin", gold) finds its producers before names within a typo of it
    // (Zholtyn); a name that is the word itself still comes first.
    const hsBase = terms.productQuery ? 0.6 : 0.55;
    const result = await sql<Candidate>`
      with c as (${sql.join(branches, sql` union `)}),
      -- Materialized: each similarity is computed once per candidate, not again where the score reads it.
      s as materialized (
        select p.id,
               -- The query as a whole, or its best word; of several words, the best one counts for less
               -- when the name holds only some of them (Tejen Azot is not Navoiyazot for "Navoi azot").
               -- A short word (w = '') is the best only where no longer one matches at all: gaz, in many
               -- names, does not make Shurtan Gas Shursuv Gaz.
               greatest(word_similarity(${terms.key}, p.names_key),
                        0.9 * coalesce((select greatest(max(s) filter (where w <> ''),
                                                        case when coalesce(max(s) filter (where w <> ''), 0) < 0.5
                                                             then max(s) filter (where w = '') end)
                                               * (0.4 + 0.6 * avg(case when s >= 0.5 then 1 else 0 end))
                                        from (select w, greatest(word_similarity(w, p.names_key),
                                                       case when e <> '' and string_to_array(p.names_key, ' ')
                                                                 && string_to_array(e, ' ') then 0.95
                                                            when g <> '' and string_to_array(p.names_key, ' ')
                                                                 && string_to_array(g, ' ') then 0.75 else 0 end) as s
                                              from unnest(${terms.words}::text[], ${terms.wordNear}::text[], ${terms.wordSame}::text[]) w(w, g, e)) ws), 0)) as name_score,
               word_similarity(${terms.skeleton}, p.names_skeleton) as skeleton_score,
               case when p.products_key = '' then 0 else word_similarity(${terms.key}, p.products_key) end
                 as product_score,
               (select m from (select case when h = any(p.hs_prefixes) then h
                                           when length(h) = 6 and left(h, 4) = any(p.hs_codes) then left(h, 4) end
                               from unnest(${terms.hsCodes}::text[]) h) hm(m)
                where m is not null order by length(m) desc limit 1) as hs_match,
               coalesce(p.city_key = any(${terms.places}::text[]) or p.region_key = any(${terms.places}::text[]), false)
                 as place_match,
               p.hs_prefixes && ${terms.hsShared}::text[] as hs_shared
        from c join producer p on p.id = c.id
      )
      select id, name_score, skeleton_score, product_score, hs_match, place_match,
             greatest(by_name, by_product)
             -- A name and a product that both match tell apart producers that match alike by the one alone:
             -- of the makers of cement, Южный Кыргызцемент for "South Kyrgyz Cement".
             + case when least(by_name, by_product) >= 0.5 then 0.05 * least(by_name, by_product) else 0 end
             + case when name_score = 1 then 0.2 else 0 end
             + case when place_match then 0.15 else 0 end
             -- Of names alike by their consonants (Alor, Aller, Аллюр for "Allur"), the nearer spelling first.
             + 0.01 * name_score as score
      from (
        select s.*, greatest(name_score, skeleton_score * ${skeletonWeight}) as by_name,
               -- A product's description holding the query's words ranks just after a producer registered
               -- under the HS heading the query names (tyres "for cars and trucks" after makers of trucks).
               greatest(product_score * 0.68,
                        case when hs_match is null then 0 else ${hsBase} + length(hs_match) * 0.025 end)
               -- Of the producers of the codes named, those whose description also holds the query's words
               -- first ("мясо птицы": the poultry farms before the meat plants of 0201).
               + case when hs_match is not null and product_score >= 0.5 then 0.05 * product_score else 0 end
               -- And those of a code every product word of the query names (tovuq goʻshti: poultry, 0207,
               -- before all meat), a step less than a description.
               + case when hs_match is not null and hs_shared then 0.02 else 0 end
                 as by_product
        from s
      ) s
      where name_score >= 0.4 or skeleton_score >= 0.6 or product_score >= 0.5 or hs_match is not null
         or place_match
      order by score desc, id
      limit ${limit}`.execute(this.db);
    return result.rows;
  }

  /** Producers of any of the HS prefixes, or whose products hold the words (a text search query). */
  async matchCandidates(
    prefixes: string[],
    productWords: string | null,
    origin: string[] | undefined,
    limit: number,
  ): Promise<number[]> {
    const ids = await sql<{ id: number }>`
      select id from producer p
      where p.merged_into is null and p.deleted_at is null
        ${origin && origin.length > 0 ? sql`and p.country = any(${origin}::text[])` : sql``}
        and (p.hs_prefixes && ${prefixes}::text[]
             ${productWords ? sql`or to_tsvector('simple', p.products_key) @@ to_tsquery('simple', ${productWords})` : sql``})
      limit ${limit}`.execute(this.db);
    return ids.rows.map((r) => r.id);
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

  /** Counts of a set of producers by country, HS chapter and certification (for facets), in one reading. */
  async facets(ids: number[]) {
    type Count = { value: string; count: number };
    if (ids.length === 0)
      return { country: [] as Count[], hs_chapter: [] as Count[], certification: [] as Count[] };
    const result = await sql<{
      facet: 'country' | 'hs_chapter' | 'certification';
      value: string;
      count: number;
    }>`
      with p as materialized (
        select id, country, hs_prefixes, certifications from producer where id = any(${ids}::bigint[])
      )
      select * from (
        (select 'country' as facet, country::text as value, count(*)::int as count from p group by country)
        union all
        (select 'hs_chapter', h, count(distinct p.id)::int as count from p cross join unnest(p.hs_prefixes) h
         where length(h) = 2 group by h order by count desc, h limit 20)
        union all
        (select 'certification', c, count(distinct p.id)::int as count from p cross join unnest(p.certifications) c
         group by c order by count desc, c limit 20)
      ) f
      order by facet, count desc, value`.execute(this.db);
    const of = (facet: string) =>
      result.rows.filter((r) => r.facet === facet).map(({ value, count }) => ({ value, count }));
    return { country: of('country'), hs_chapter: of('hs_chapter'), certification: of('certification') };
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

/**
 * The products branch of a search: producers whose descriptions hold the words of `query` (a text search
 * query of word groups: `(a | b) & (c)`). GIN reads every producer of its words before the branch keeps its
 * few rows: 20-30 ms for words in 4 % of a million descriptions (cement; copper cathodes). Where every word
 * group is that frequent, by the statistics ANALYZE keeps of the index, the branch first reads the table in
 * its order, at most DENSE_ROWS rows, for the rows it keeps; only if they are too few does it read the index.
 * The statement decides as it runs (one-time filters on the statistics and on what the first read found),
 * in one round trip either way.
 */
function byProductWords(query: string, where: RawBuilder<unknown>, rows: number) {
  const byIndex = sql`select id from producer p
    where to_tsvector('simple', p.products_key) @@ to_tsquery('simple', ${query}) and ${where}`;
  const groups = query.split(' & ').map((g) => g.match(/[a-z0-9]+/g) ?? []);
  if (groups.some((g) => g.length === 0)) return sql`(${byIndex} limit ${rows})`;
  const words = groups.flat();
  const positions = groups.flatMap((g, i) => g.map(() => i));
  const frequent = sql`(select count(*) = ${groups.length} from (
      select q.pos from unnest(${words}::text[], ${positions}::int[]) q(w, pos)
      join (select e.w, e.f from pg_stats s
            cross join lateral unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) e(w, f)
            where s.schemaname = current_schema() and s.tablename = 'producer_products_words_idx') e on e.w = q.w
      group by q.pos having sum(e.f) >= ${FREQUENT_PRODUCT_WORD}) f)`;
  const holds = sql.join(
    groups.map((g) => sql`(' ' || p.products_key || ' ') like any(${g.map((w) => `% ${w} %`)}::text[])`),
    sql` and `,
  );
  return sql`(with dense as materialized (
      select id from (select id, products_key from producer p where ${frequent} and ${where} limit ${DENSE_ROWS}) p
      where ${holds} limit ${rows})
    select id from dense
    union all
    (${byIndex} and (select count(*) from dense) < ${rows} limit ${rows}))`;
}

/** The share of the registry's descriptions a word must be in for byProductWords to read the table first. */
const FREQUENT_PRODUCT_WORD = 0.01;
/** How many rows of the table byProductWords reads at most before it reads the index. */
const DENSE_ROWS = 20_000;

function filterSql(filters: SearchFilters) {
  const parts = [sql`p.merged_into is null and p.deleted_at is null`];
  if (filters.countries && filters.countries.length > 0)
    parts.push(sql`p.country = any(${filters.countries}::text[])`);
  if (filters.hsPrefix) parts.push(sql`p.hs_prefixes @> ${[filters.hsPrefix]}::text[]`);
  if (filters.regionKeys && filters.regionKeys.length > 0)
    parts.push(
      sql`(p.region_key = any(${filters.regionKeys}::text[]) or p.city_key = any(${filters.regionKeys}::text[]))`,
    );
  if (filters.market) parts.push(sql`p.export_markets @> ${[filters.market]}::text[]`);
  if (filters.certKey) parts.push(sql`p.cert_keys @> ${[filters.certKey]}::text[]`);
  return sql.join(parts, sql` and `);
}
