// The producers registry: records with versions and history, search across scripts with the reasons for
// each result, candidate duplicates and merges. SQL is in the repositories; the search keys in translit.ts.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { decodeCursor, encodeCursor } from '../lib/index.js';
import { HS_BUILTIN_VERSION, hsCodesByTitle, hsTitlesHold } from '../reference/index.js';
import {
  type Producer,
  type ProducerInput,
  producerInputSchema,
  type SearchQuery,
  searchQuerySchema,
} from './model.js';
import { certificationKey, placeKey, producerNames } from './normalize.js';
import { otherPlaceWords, placeForms } from './place-names.js';
import { stageProducer } from './prepare.js';
import { readProducts } from './products.js';
import { type Candidate, loadLookups, ProducerRepository, type StoredProducer } from './repository.js';
import {
  adjectiveStem,
  companyKey,
  distinctiveWords,
  nationalityForms,
  otherSpellings,
  placeStems,
  russianAdjective,
  scriptOf,
  searchKey,
  shortWords,
  skeleton,
  translatedParts,
} from './translit.js';
import { checkProducer } from './validate.js';

/**
 * Runs `work` with the trigram thresholds the registry's queries are written for, and without JIT: the
 * planner's estimates for trigram and word scans pass its cost threshold while the queries take
 * milliseconds, and compiling them took 300 to 900 ms a query.
 */
function withThresholds<T>(db: Kysely<DB>, work: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('pg_trgm.word_similarity_threshold', '0.4', true),
                     set_config('pg_trgm.similarity_threshold', '0.55', true),
                     set_config('jit', 'off', true)`.execute(trx);
    return work(trx);
  });
}

async function toApi(repo: ProducerRepository, rows: StoredProducer[]): Promise<Producer[]> {
  const ids = rows.map((r) => r.id);
  const names = await repo.names(ids);
  const sources = await repo.sources(ids);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    other_names: names
      .filter((n) => n.producer_id === r.id && n.name !== r.name)
      .map((n) => ({ name: n.name, lang: n.lang, script: n.script })),
    country: r.country,
    national_id: r.national_id,
    region: r.region,
    city: r.city,
    address: r.address,
    lat: r.lat,
    lon: r.lon,
    website: r.website,
    email: r.email,
    phone: r.phone,
    hs_codes: r.hs_codes,
    products: r.products,
    export_markets: r.export_markets,
    employees: r.employees,
    capacity: r.capacity,
    certifications: r.certifications,
    sources: sources
      .filter((s) => s.producer_id === r.id)
      .map((s) => ({ kind: s.kind, reference: s.reference, added_at: new Date(s.added_at).toISOString() })),
    version: r.version,
    created_at: new Date(r.created_at).toISOString(),
    updated_at: new Date(r.updated_at).toISOString(),
  }));
}

export async function getProducer(db: Kysely<DB>, id: number): Promise<Producer> {
  const repo = new ProducerRepository(db);
  const row = await repo.get(id);
  if (!row || row.deleted_at) throw new NotFoundError(`no producer ${id}`);
  if (row.merged_into !== null)
    throw new NotFoundError(`producer ${id} was merged into producer ${row.merged_into}`);
  return (await toApi(repo, [row]))[0]!;
}

async function checked(db: Kysely<DB>, input: ProducerInput): Promise<ProducerInput> {
  const result = checkProducer(input, await loadLookups(db));
  if (result.issues.length > 0) throw new ValidationError('the producer has invalid fields', result.issues);
  return result.input;
}

/** Creates a producer; one with the same national identifier, or name and city, is a conflict. */
export async function createProducer(db: Kysely<DB>, given: ProducerInput, actor: string): Promise<Producer> {
  const input = await checked(db, given);
  const staged = stageProducer(0, input);
  const id = await db.transaction().execute(async (trx) => {
    const repo = new ProducerRepository(trx);
    const existing = await repo.findActive(staged.row.natural_key, input.country, staged.row.national_id);
    if (existing)
      throw new ConflictError(`producer ${existing.id} has the same national identifier, or name and city`, {
        id: existing.id,
        version: existing.version,
      });
    const id = await repo.insert(staged.row, staged.contentHash);
    await repo.replaceNames(id, staged.names);
    await repo.addSource(id, 'api', actor);
    await repo.addHistory({
      producer_id: id,
      version: 1,
      action: 'create',
      actor,
      before: null,
      after: await repo.snapshot(id),
    });
    return id;
  });
  return getProducer(db, id);
}

/** A live producer (or, with `deleted`, also a deleted one; never one merged into another). */
async function current(repo: ProducerRepository, id: number, deleted = false): Promise<StoredProducer> {
  const row = await repo.get(id);
  if (!row || (row.deleted_at && !deleted) || row.merged_into !== null)
    throw new NotFoundError(`no producer ${id}`);
  return row;
}

function stale(id: number, row: StoredProducer, expected: number): ConflictError {
  return new ConflictError(
    `producer ${id} is at version ${row.version}, not ${expected}: reload it and retry`,
    {
      version: row.version,
    },
  );
}

/** Replaces a producer's fields when `expected` is its current version (else 409 with the current version).
 * A restore may also bring a deleted producer back. */
export async function updateProducer(
  db: Kysely<DB>,
  id: number,
  expected: number,
  given: ProducerInput,
  actor: string,
  action: 'update' | 'restore' = 'update',
): Promise<Producer> {
  const input = await checked(db, given);
  const staged = stageProducer(0, input);
  await db.transaction().execute(async (trx) => {
    const repo = new ProducerRepository(trx);
    const row = await current(repo, id, action === 'restore');
    if (row.version !== expected) throw stale(id, row, expected);
    const other = await repo.findActive(staged.row.natural_key, input.country, staged.row.national_id);
    if (other && other.id !== id)
      throw new ConflictError(`producer ${other.id} has the same national identifier, or name and city`, {
        id: other.id,
      });
    const before = row.deleted_at ? null : await repo.snapshot(id);
    const version = await repo.update(id, expected, staged.row, staged.contentHash, action === 'restore');
    if (version === undefined) throw stale(id, (await repo.get(id))!, expected);
    await repo.replaceNames(id, staged.names);
    await repo.addSource(id, 'api', actor);
    await repo.addHistory({
      producer_id: id,
      version,
      action,
      actor,
      before,
      after: await repo.snapshot(id),
    });
  });
  return getProducer(db, id);
}

export async function deleteProducer(
  db: Kysely<DB>,
  id: number,
  expected: number,
  actor: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const repo = new ProducerRepository(trx);
    const row = await current(repo, id);
    if (row.version !== expected) throw stale(id, row, expected);
    const before = await repo.snapshot(id);
    const version = await repo.markDeleted(id, expected);
    if (version === undefined) throw stale(id, (await repo.get(id))!, expected);
    await repo.addHistory({ producer_id: id, version, action: 'delete', actor, before, after: null });
  });
}

/** Writes a producer back as it was at an earlier version, deleted or not (If-Match: its current version),
 * as a new version marked `restore`. A producer merged into another stays merged. */
export async function restoreProducer(
  db: Kysely<DB>,
  id: number,
  toVersion: number,
  expected: number,
  actor: string,
): Promise<Producer> {
  const entry = (await producerHistory(db, id)).find((h) => h.version === toVersion && h.after);
  if (!entry)
    throw new NotFoundError(
      `version ${toVersion} of producer ${id} is not in its history (or was its deletion)`,
    );
  const stored = Object.fromEntries(
    Object.entries(entry.after as Record<string, unknown>).filter(([, value]) => value !== null),
  );
  return updateProducer(db, id, expected, producerInputSchema.parse(stored), actor, 'restore');
}

export async function producerHistory(db: Kysely<DB>, id: number) {
  const repo = new ProducerRepository(db);
  if (!(await repo.get(id))) throw new NotFoundError(`no producer ${id}`);
  return (await repo.history(id)).map((h) => ({ ...h, changed_at: new Date(h.changed_at).toISOString() }));
}

/**
 * Merges producer `from` into `into`: every name and source of both is kept on `into` (names of `from`
 * become other names), empty fields of `into` take `from`'s values, lists are joined; `from` is kept,
 * marked as merged, with its history.
 */
export async function mergeProducers(
  db: Kysely<DB>,
  into: number,
  from: number,
  expected: number,
  actor: string,
): Promise<Producer> {
  if (into === from)
    throw new ValidationError('a producer cannot be merged into itself', [
      { field: 'from', reason: 'same as the target' },
    ]);
  await db.transaction().execute(async (trx) => {
    const repo = new ProducerRepository(trx);
    const target = await current(repo, into);
    if (target.version !== expected) throw stale(into, target, expected);
    const source = await current(repo, from);
    const [api] = await toApi(repo, [target]);
    const [other] = await toApi(repo, [source]);
    const pick = <K extends keyof ProducerInput>(k: K) => (api![k] ?? other![k]) as ProducerInput[K];
    const union = (a: string[] = [], b: string[] = []) => [...new Set([...a, ...b])].sort();
    const merged: ProducerInput = {
      name: api!.name,
      other_names: [
        ...api!.other_names.map((n) => ({ name: n.name, lang: n.lang ?? null })),
        { name: other!.name, lang: null },
        ...other!.other_names.map((n) => ({ name: n.name, lang: n.lang ?? null })),
      ].filter((n, i, all) => n.name !== api!.name && all.findIndex((m) => m.name === n.name) === i),
      country: api!.country,
      national_id: pick('national_id'),
      region: pick('region'),
      city: pick('city'),
      address: pick('address'),
      lat: api!.lat ?? other!.lat,
      lon: api!.lat == null ? other!.lon : api!.lon,
      website: pick('website'),
      email: pick('email'),
      phone: pick('phone'),
      hs_codes: union(api!.hs_codes, other!.hs_codes),
      products: [api!.products, other!.products].filter(Boolean).join('; ') || null,
      export_markets: union(api!.export_markets, other!.export_markets),
      employees: api!.employees ?? other!.employees,
      capacity: pick('capacity'),
      certifications: union(api!.certifications, other!.certifications),
    };
    const staged = stageProducer(0, merged);
    const before = await repo.snapshot(into);
    const fromBefore = await repo.snapshot(from);
    await repo.markMerged(from, into);
    await repo.addHistory({
      producer_id: from,
      version: source.version + 1,
      action: 'merge',
      actor,
      before: fromBefore,
      after: { merged_into: into },
    });
    // The merged record keeps the target's identity (natural key), whatever the merged-in one brought.
    const version = await repo.update(
      into,
      expected,
      { ...staged.row, natural_key: target.natural_key },
      staged.contentHash,
    );
    if (version === undefined) throw stale(into, (await repo.get(into))!, expected);
    await repo.replaceNames(into, producerNames(merged));
    await repo.moveSources(from, into);
    await repo.addSource(into, 'merge', `producer ${from}`);
    await repo.addHistory({
      producer_id: into,
      version,
      action: 'merge',
      actor,
      before,
      after: await repo.snapshot(into),
    });
  });
  return getProducer(db, into);
}

export interface DuplicateCandidate {
  a: { id: number; name: string; city: string | null };
  b: { id: number; name: string; city: string | null };
  country: string;
  reason: 'website' | 'phone' | 'name';
  similarity: number;
}

/** Candidate duplicates of a country (or of one producer), for review; keyset by the first record's id. */
export async function duplicateCandidates(
  db: Kysely<DB>,
  options: { country?: string; producerId?: number; cursor?: string; limit?: number },
): Promise<{ items: DuplicateCandidate[]; next_cursor: string | null }> {
  const limit = options.limit ?? 50;
  const after = options.cursor
    ? decodeCursor(options.cursor, (v): v is { a: number } => typeof (v as { a?: unknown })?.a === 'number').a
    : undefined;
  return withThresholds(db, async (trx) => {
    const repo = new ProducerRepository(trx);
    // Pairs of one first record are not split between pages: the page ends before a partial group.
    const pairs = await repo.duplicatePairs({
      country: options.country,
      producerId: options.producerId,
      afterId: after === undefined ? undefined : after - 1,
      limit: limit + 1,
    });
    const page = pairs.slice(0, limit);
    const rows = await repo.getMany([...new Set(page.flatMap((p) => [p.a, p.b]))]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const items = page.map((p) => {
      const a = byId.get(p.a)!;
      const b = byId.get(p.b)!;
      return {
        a: { id: a.id, name: a.name, city: a.city },
        b: { id: b.id, name: b.name, city: b.city },
        country: a.country,
        reason: p.reason as DuplicateCandidate['reason'],
        similarity: Math.round(p.similarity * 1000) / 1000,
      };
    });
    const next = pairs.length > limit ? pairs[limit]! : undefined;
    return { items, next_cursor: next ? encodeCursor({ a: next.a }) : null };
  });
}

export interface SearchHit {
  id: number;
  name: string;
  country: string;
  region: string | null;
  city: string | null;
  hs_codes: string[];
  products: string | null;
  export_markets: string[];
  certifications: string[];
  score: number;
  /** Why it matched: the name and how closely, the products, the HS codes the query names. */
  matched: {
    field: 'name' | 'products' | 'hs' | 'place';
    value: string;
    script?: string;
    similarity?: number;
  }[];
}

export interface SearchResult {
  total: number;
  /** True when more producers match than were ranked (the total is then a lower bound). */
  total_is_lower_bound: boolean;
  results: SearchHit[];
  facets: Awaited<ReturnType<ProducerRepository['facets']>>;
  hs_codes_of_query: string[];
  /** Words of the query left out: nothing matched all of them, and nothing in the registry, its products'
   * lexicon or the nomenclature's titles knows these (a word the search cannot read, chrysotile in
   * "chrysotile asbestos"). Empty when every word was searched. */
  ignored_words: string[];
  next_cursor: string | null;
}

const RANKED = 200;
/** How many words of the vocabulary a query's word may stand for. */
const NEAR_WORDS = 12;

/** HS codes a query names (the lexicon's words, and nomenclature titles the query closely matches), and
 * whether every word of it is a product's word of the lexicon. */
async function hsCodesOfQuery(
  db: Kysely<DB>,
  session: Kysely<DB>,
  q: string,
): Promise<{ codes: string[]; onlyProducts: boolean; shared: string[] }> {
  const lexicon = readProducts(q);
  const codes = new Set(lexicon.codes);
  const shared = lexicon.shared;
  // A query the lexicon reads whole means what the lexicon says: titles would add codes that only mention
  // its word (trucks: fork-lift trucks, 8427; buses: tyres of a kind used on buses, 4011).
  if (lexicon.all && codes.size > 0) return { codes: [...codes].sort(), onlyProducts: true, shared };
  for (const code of await hsCodesByTitle(db, HS_BUILTIN_VERSION, q, session)) codes.add(code);
  return { codes: [...codes].sort(), onlyProducts: lexicon.all, shared };
}

/**
 * Searches producers across scripts, with filters, facet counts and keyset pagination. When nothing matches
 * every word of the query, the words nothing knows are left out and the rest searched again (as the result's
 * `ignored_words` says), rather than answering nothing for one word the search cannot read.
 */
export async function searchProducers(db: Kysely<DB>, query: SearchQuery): Promise<SearchResult> {
  const first = await searchOnce(db, query);
  if (first.unknownWords.length === 0) return first.result;
  const tokens = query.q.split(/\s+/).filter(Boolean);
  const ignored = tokens.filter((t) => {
    const keys = searchKey(t).split(' ').filter(Boolean);
    return keys.length > 0 && keys.every((k) => first.unknownWords.includes(k));
  });
  const kept = tokens.filter((t) => !ignored.includes(t));
  if (ignored.length === 0 || !kept.some((t) => /[\p{L}\p{N}]/u.test(t))) return first.result;
  const again = await searchOnce(db, { ...query, q: kept.join(' ') });
  return { ...again.result, ignored_words: ignored };
}

async function searchOnce(
  db: Kysely<DB>,
  query: SearchQuery,
): Promise<{ result: SearchResult; unknownWords: string[] }> {
  const filters = {
    countries: query.country?.toUpperCase().split(','),
    hsPrefix: query.hs,
    regionKeys: query.region ? placeForms(placeKey(query.region)) : undefined,
    market: query.market?.toUpperCase(),
    certKey: query.certification ? certificationKey(query.certification) : undefined,
  };
  const cursor = query.cursor
    ? decodeCursor(
        query.cursor,
        (v): v is { score?: number; id: number } =>
          typeof (v as { id?: unknown })?.id === 'number' &&
          ['number', 'undefined'].includes(typeof (v as { score?: unknown }).score),
      )
    : undefined;
  return withThresholds(db, async (trx) => {
    const repo = new ProducerRepository(trx);
    const q = query.q;
    if (!/[\p{L}\p{N}]/u.test(q)) {
      // No words: the producers the filters select, newest first.
      const ids = await repo.browse(filters, query.limit + 1, cursor?.id);
      const page = ids.slice(0, query.limit);
      const total = await repo.countWhere(filters, 10_000);
      const rows = await repo.getMany(page);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const result: SearchResult = {
        total,
        total_is_lower_bound: total >= 10_000,
        results: page.map((id) => hit(byId.get(id)!, 0, [])),
        facets: await repo.facets(await repo.browse(filters, RANKED)),
        hs_codes_of_query: [],
        ignored_words: [],
        next_cursor: ids.length > query.limit ? encodeCursor({ id: page.at(-1)! }) : null,
      };
      return { result, unknownWords: [] };
    }
    const key = companyKey(q) || searchKey(q);
    const { codes: hsCodes, onlyProducts, shared: hsShared } = await hsCodesOfQuery(db, trx, q);
    const words = key.split(' ');
    // Places the query's words may name (not of a query the lexicon reads whole: coking coal names no
    // Qoʻqon, whose consonants coking has).
    const places = onlyProducts
      ? []
      : [
          ...new Set(
            [...words, ...words.slice(1).map((w, i) => `${words[i]} ${w}`), ...words.flatMap(placeStems)]
              .map(placeKey)
              .flatMap(placeForms)
              .filter((k) => k.length >= 3),
          ),
        ];
    // The query's words as the registry writes them: each looked up in the vocabulary (typos, other
    // spellings), with its second reading where Latin letter pairs are ambiguous (Kazhrom).
    const second = companyKey(q, { digraphs: false }).split(' ');
    // Two words the registry may write as one (Кызылкум цемент, Kyzylkumcement): the pair run together is a
    // form of each of the two, so that a name holding the one word holds both.
    // A first word of two letters joins too (Uz kabel, Oʻzkabel).
    const joined = (i: number) =>
      (words[i]?.length ?? 0) >= 2 &&
      (words[i + 1]?.length ?? 0) >= 3 &&
      words[i]!.length + words[i + 1]!.length >= 6
        ? [words[i]! + words[i + 1]!]
        : [];
    // Looked up as themselves or within a typo only: most pairs are not a word of any name, and a word none
    // of the vocabulary's is near goes on to the slower comparison by trigrams.
    const runTogether = new Set(words.flatMap((_, i) => joined(i)));
    // A Russian adjective of place (Сейдинский) is also its place's name (Seýdi).
    const positions = words.map((w, i) =>
      [
        ...new Set([
          w,
          second.length === words.length ? second[i]! : w,
          adjectiveStem(w) ?? w,
          russianAdjective(w) ?? w,
          ...nationalityForms(w),
          ...otherPlaceWords(w),
          ...otherSpellings(w),
          // Translated, then spelt as the other language does (EuroChem: eurohim, Еврохим).
          ...translatedParts(w).flatMap((t) => [t, ...otherSpellings(t)]),
          ...joined(i - 1),
          ...joined(i),
        ]),
      ].filter((x) => x.length >= 3),
    );
    // A product's word as typed or within one typo: one sharing only its consonants or first letters with
    // the query (kars for Карасу) is most often a name's word, and reading its producers costs the most.
    const productWords = await repo.wordQueries('product', positions, NEAR_WORDS / 2, {
      trigrams: (w) => !runTogether.has(w),
      minScore: () => 0.7,
    });
    // A word of the products (copper, tiles) stands in names only for itself or a typo of it, not for names'
    // words sharing its consonants (Tauaiulasu) or trigrams.
    // (A pair run together is not: Ахангаран цемент's pair is a name, whatever цемент is.)
    const ofProducts = new Set(
      positions
        .filter((_, i) => productWords.each[i] !== null)
        .flat()
        .filter((w) => !runTogether.has(w)),
    );
    // A query the lexicon reads whole (кабель, sut) is for a product: a name counts for it only when it holds
    // the word or a typo of it, whatever the vocabulary of products holds (кабельная, cables), and the
    // slowest lookup, by trigrams, is not made (25 ms for кабель at a million producers).
    const named = (w: string) => onlyProducts || ofProducts.has(w);
    const nameWords = await repo.wordQueries('name', positions, NEAR_WORDS, {
      trigrams: (w) => !named(w) && !runTogether.has(w),
      minScore: (w) => (named(w) ? 0.7 : 0),
    });
    const distinctive = new Set(distinctiveWords(key));
    const foundAt = positions.flatMap((_, i) => (nameWords.each[i] !== null ? [i] : []));
    const distinctAt = foundAt.filter((i) => positions[i]!.some((f) => distinctive.has(f)));
    // With several words, each distinctive one may also find a name on its own (one word misspelt beyond
    // recognition, or not in the name); when none is distinctive (Уз-Кор газ: words too short to tell
    // companies apart alone), any of them may. Each also as itself or within a typo only, where it shares
    // its consonants with thousands of names' words (Азия in Asia Avto Oskemen).
    const alone = foundAt.length > 1 ? (distinctAt.length > 0 ? distinctAt : foundAt) : [];
    // And every distinctive word found (any, when none is) that is not a product's, as typed or another form
    // of it exactly, alone: a word one letter from thousands of names' words (Кастинг, kastin, and Tastyn;
    // Аллюр, alliur for Allur, and Alnur) is otherwise one among them. Not завод, held by a name in ten.
    // And so does a short word of the query that names hold exactly (Эне in "Ene Süt Bishkek").
    const shortAt = foundAt.filter(
      (i) => shortWords(words[i]!).length > 0 && nameWords.eachExact[i] !== null,
    );
    const exactAt = [...new Set([...(distinctAt.length > 0 ? distinctAt : foundAt), ...shortAt])].filter(
      (i) => !positions[i]!.some(named),
    );
    const anyWord = [
      ...new Set([
        ...alone.flatMap((i) => [nameWords.each[i]!, nameWords.eachClose[i] ?? nameWords.each[i]!]),
        ...exactAt.flatMap((i) => nameWords.eachExact[i] ?? []),
      ]),
    ];
    // Two words a name holds run together (Altyn Ken, Алтынкен) count as a word of their own: a name holding
    // the pair outranks the many holding one of the two (Altyn), which each word alone would rank as high.
    const pairsNamed = [...runTogether].filter((w) =>
      nameWords.near.some((n) => n.query === w && n.score >= 1),
    );
    // Words of three letters that names hold as they are typed, and not a product's, count too, by those
    // names only (Эне in "Ene Süt Bishkek", where Bishkek alone would rank every producer named after the
    // city first; by trigrams, a short word is half of many a longer one). A product's word would count for
    // every name holding it (gaz in "УзКор Газ Кемикал", for every gas company).
    const short = new Set(
      shortWords(key).filter(
        (w) => !named(w) && words.some((x, i) => x === w && nameWords.eachExact[i] !== null),
      ),
    );
    const scored = [
      ...new Set([...distinctive, ...distinctiveWords(second.join(' ')), ...pairsNamed, ...short]),
    ];
    const nearOf = (score: number) =>
      scored.map((w) => {
        // A pair's near words are its own, not those of the two words it joins.
        const forms = new Set(runTogether.has(w) ? [w] : positions.filter((f) => f.includes(w)).flat());
        const least = short.has(w) ? 1 : score;
        return [
          ...new Set(nameWords.near.filter((n) => n.score >= least && forms.has(n.query)).map((n) => n.word)),
        ].join(' ');
      });
    const terms = {
      key,
      // A short word is compared by the names' words it is exactly (below), not by trigrams.
      words: scored.map((w) => (short.has(w) ? '' : w)),
      // A name's word within a typo of any form of a scored word's position counts as close to it; one that
      // is another form exactly (Uz avto run together, Uzavto; Евразия for Eurasia), as the word itself.
      wordNear: nearOf(0.7),
      wordSame: nearOf(1),
      skeleton: skeleton(key),
      hsCodes,
      hsShared,
      productQuery: hsCodes.length > 0 && onlyProducts,
      places,
      allWords: nameWords.all,
      allCloseWords: nameWords.close !== nameWords.all ? nameWords.close : null,
      productWords: productWords.all,
      anyWord,
      fuzzy:
        nameWords.all === null &&
        productWords.all === null &&
        !onlyProducts &&
        key.replace(/\s/g, '').length >= 4,
    };
    let ranked = await repo.searchCandidates(terms, filters, RANKED);
    // Of a query nothing matched, the words no name's or product's word is within a typo of (a word sharing
    // only trigrams with one is not known), which the lexicon does not read and no title of the nomenclature
    // holds.
    const near = (found: typeof nameWords.near, i: number) =>
      found.some((n) => n.score >= 0.7 && positions[i]!.includes(n.query));
    const unknownWords =
      ranked.length === 0 && words.length > 1
        ? await (async () => {
            // Titles are read in the query's own letters (accordions, which the key spells akordions).
            const tokens = q.split(/\s+/).filter(Boolean);
            const inTitles = await hsTitlesHold(db, HS_BUILTIN_VERSION, tokens, trx);
            const held = new Set(
              tokens.filter((_, j) => inTitles[j]).flatMap((t) => searchKey(t).split(' ')),
            );
            return words.filter(
              (w, i) =>
                !near(nameWords.near, i) &&
                !near(productWords.near, i) &&
                readProducts(w).codes.length === 0 &&
                !held.has(w),
            );
          })()
        : [];
    // Which names match, and how closely: of every ranked producer when only names in the script typed
    // count, else of the page shown only.
    let names = query.same_script
      ? await repo.nameScores(
          ranked.map((c) => c.id),
          key,
        )
      : undefined;
    if (query.same_script && names) {
      const script = scriptOf(q);
      const keep = new Set(
        names.filter((n) => n.script === script && n.score >= 0.4).map((n) => n.producer_id),
      );
      ranked = ranked.filter((c) => keep.has(c.id));
    }
    // Keyset on (score desc, id): the page starts after the last result the cursor names.
    let start = 0;
    if (cursor) {
      const after = cursor.score ?? 0;
      start = ranked.findIndex((c) => c.score < after || (c.score === after && c.id > cursor.id));
      if (start < 0) start = ranked.length;
    }
    const page = ranked.slice(start, start + query.limit);
    names ??= await repo.nameScores(
      page.map((c) => c.id),
      key,
    );
    const rows = await repo.getMany(page.map((c) => c.id));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const results = page.map((c) => hit(byId.get(c.id)!, c.score, reasons(c, names, byId.get(c.id)!)));
    const last = page.at(-1);
    const result: SearchResult = {
      total: ranked.length,
      total_is_lower_bound: ranked.length >= RANKED,
      results,
      facets: await repo.facets(ranked.map((c) => c.id)),
      hs_codes_of_query: hsCodes,
      ignored_words: [],
      next_cursor:
        last && start + query.limit < ranked.length ? encodeCursor({ score: last.score, id: last.id }) : null,
    };
    return { result, unknownWords };
  });
}

function reasons(
  c: Candidate,
  names: { producer_id: number; name: string; script: string; score: number }[],
  row: StoredProducer,
): SearchHit['matched'] {
  const out: SearchHit['matched'] = [];
  const best = names.find((n) => n.producer_id === c.id);
  if (best && (c.name_score >= 0.4 || c.skeleton_score >= 0.6))
    out.push({
      field: 'name',
      value: best.name,
      script: best.script,
      similarity: Math.round(Math.max(best.score, c.name_score) * 1000) / 1000,
    });
  if (c.product_score >= 0.5 && row.products)
    out.push({
      field: 'products',
      value: row.products,
      similarity: Math.round(c.product_score * 1000) / 1000,
    });
  if (c.hs_match) out.push({ field: 'hs', value: c.hs_match });
  if (c.place_match) out.push({ field: 'place', value: [row.city, row.region].filter(Boolean).join(', ') });
  return out;
}

function hit(row: StoredProducer, score: number, matched: SearchHit['matched']): SearchHit {
  return {
    id: row.id,
    name: row.name,
    country: row.country,
    region: row.region,
    city: row.city,
    hs_codes: row.hs_codes,
    products: row.products,
    export_markets: row.export_markets,
    certifications: row.certifications,
    score: Math.round(score * 1000) / 1000,
    matched,
  };
}

/** A search as the relevance set scores it: the first ten results with all their names and HS codes. */
export async function searchForEvaluation(db: Kysely<DB>, q: string, country?: string) {
  const result = await searchProducers(db, searchQuerySchema.parse({ q, country, limit: 10 }));
  const names = await new ProducerRepository(db).names(result.results.map((r) => r.id));
  return result.results.map((r) => ({
    id: r.id,
    names: names.filter((n) => n.producer_id === r.id).map((n) => n.name),
    hs_codes: r.hs_codes,
  }));
}
