// SQL for reference data, one statement per method. The caller passes a transaction when writes belong together.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/index.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface CountryRow {
  code: string;
  alpha3: string;
  numeric: string;
  m49: string | null;
  names: Record<string, string>;
  aliases: string[];
}

export interface BlocRow {
  code: string;
  names: Record<string, string>;
  kind: string;
  founded: string | null;
}

export interface MembershipRow {
  bloc_code: string;
  country_code: string;
  valid_from: string;
  valid_until: string | null;
  role: string;
  note: string | null;
}

export interface HsCodeRow {
  version: string;
  code: string;
  level: number;
  parent: string | null;
  section: string | null;
  title: string;
  description: string | null;
}

export class ReferenceRepository {
  constructor(private readonly db: Executor) {}

  /** Headings and subheadings whose title holds the query's words closely (word similarity ≥ 0.75) or, with
   * `every`, holds a form of each of them, best first, among the titles holding one of `words` (words of
   * titles, as hsTitleWords gives them). */
  async hsCodesByTitle(version: string, q: string, words: string[][], every = false): Promise<string[]> {
    // `words`: the forms of each of the query's words that some title holds.
    const groups = words.map((forms) => forms.filter((w) => /^\p{L}+$/u.test(w))).filter((f) => f.length > 0);
    if (groups.length === 0) return [];
    const any = groups.flat().join(' | ');
    // With `every`, a title holding a form of each word matches too, whatever their order and distance.
    const all = every ? groups.map((forms) => `(${forms.join(' | ')})`).join(' & ') : null;
    const result = await sql<{ code: string }>`
      select code from hs_code
      where version = ${version} and level >= 4
        and to_tsvector('simple', coalesce(description, title)) @@ to_tsquery('simple', ${any})
        and (word_similarity(${q}, coalesce(description, title)) >= 0.75
             ${all ? sql`or to_tsvector('simple', coalesce(description, title)) @@ to_tsquery('simple', ${all})` : sql``})
      order by word_similarity(${q}, coalesce(description, title)) desc, code
      limit 25`.execute(this.db);
    // Five codes, a subheading left out when its heading is among them (the heading reaches its producers):
    // else one heading's subheadings took the places of the next headings (watches: 9101, 910111, 910119…
    // and not 9102).
    const codes = result.rows.map((r) => r.code);
    return codes.filter((c) => c.length === 4 || !codes.includes(c.slice(0, 4))).slice(0, 5);
  }

  /** The distinct words (three letters or more, lower case) of the titles of headings and subheadings. */
  async hsTitleWords(version: string): Promise<string[]> {
    const result = await sql<{ word: string }>`
      select distinct w as word
      from hs_code, regexp_split_to_table(lower(coalesce(description, title)), '[^[:alpha:]]+') w
      where version = ${version} and level >= 4 and length(w) >= 3`.execute(this.db);
    return result.rows.map((r) => r.word);
  }

  /** Serializes loaders of reference data across processes until the transaction ends. */
  async lockForLoad(): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtext('keruen.reference-load'))`.execute(this.db);
  }

  async loadDigest(name: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('reference_load')
      .select('digest')
      .where('name', '=', name)
      .executeTakeFirst();
    return row?.digest;
  }

  async setLoadDigest(name: string, digest: string): Promise<void> {
    await this.db
      .insertInto('reference_load')
      .values({ name, digest, loaded_at: new Date() })
      .onConflict((oc) => oc.column('name').doUpdateSet({ digest, loaded_at: new Date() }))
      .execute();
  }

  async upsertCountries(rows: CountryRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insertInto('country')
      .values(rows.map((r) => ({ ...r, names: JSON.stringify(r.names) })))
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          alpha3: eb.ref('excluded.alpha3'),
          numeric: eb.ref('excluded.numeric'),
          m49: eb.ref('excluded.m49'),
          names: eb.ref('excluded.names'),
          aliases: eb.ref('excluded.aliases'),
        })),
      )
      .execute();
  }

  async upsertBlocs(rows: BlocRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insertInto('bloc')
      .values(rows.map((r) => ({ ...r, names: JSON.stringify(r.names) })))
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          names: eb.ref('excluded.names'),
          kind: eb.ref('excluded.kind'),
          founded: eb.ref('excluded.founded'),
        })),
      )
      .execute();
  }

  async deleteMemberships(blocCodes: string[]): Promise<void> {
    if (blocCodes.length === 0) return;
    await this.db.deleteFrom('bloc_member').where('bloc_code', 'in', blocCodes).execute();
  }

  async insertMemberships(rows: MembershipRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.insertInto('bloc_member').values(rows).execute();
  }

  async upsertCurrencies(
    rows: { code: string; numeric: string | null; name: string; minor_units: number | null }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insertInto('currency')
      .values(rows)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          numeric: eb.ref('excluded.numeric'),
          name: eb.ref('excluded.name'),
          minor_units: eb.ref('excluded.minor_units'),
        })),
      )
      .execute();
  }

  async upsertHsSections(rows: { version: string; code: string; title: string }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insertInto('hs_section')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['version', 'code']).doUpdateSet((eb) => ({ title: eb.ref('excluded.title') })),
      )
      .execute();
  }

  /** Inserts or updates codes; a built-in short title never overwrites an imported description, and vice versa. */
  async analyzeHsCodes(): Promise<void> {
    await sql`analyze hs_code`.execute(this.db);
  }

  async upsertHsCodes(rows: HsCodeRow[]): Promise<{ inserted: number; updated: number }> {
    if (rows.length === 0) return { inserted: 0, updated: 0 };
    const result = await this.db
      .insertInto('hs_code')
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(['version', 'code'])
          .doUpdateSet((eb) => ({
            level: eb.ref('excluded.level'),
            parent: eb.ref('excluded.parent'),
            section: sql<string | null>`coalesce(${eb.ref('excluded.section')}, hs_code.section)`,
            title: eb.ref('excluded.title'),
            description: sql<string | null>`coalesce(${eb.ref('excluded.description')}, hs_code.description)`,
          }))
          // Rows whose values are already stored are not touched, so a re-import reports them as unchanged.
          .where((eb) =>
            eb.or([
              sql<boolean>`hs_code.level is distinct from ${eb.ref('excluded.level')}`,
              sql<boolean>`hs_code.parent is distinct from ${eb.ref('excluded.parent')}`,
              sql<boolean>`hs_code.title is distinct from ${eb.ref('excluded.title')}`,
              sql<boolean>`${eb.ref('excluded.description')} is not null and hs_code.description is distinct from ${eb.ref('excluded.description')}`,
              sql<boolean>`${eb.ref('excluded.section')} is not null and hs_code.section is distinct from ${eb.ref('excluded.section')}`,
            ]),
          ),
      )
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .execute();
    const inserted = result.filter((r) => r.inserted).length;
    return { inserted, updated: result.length - inserted };
  }

  async listCountries(q: string | undefined): Promise<CountryRow[]> {
    let query = this.db.selectFrom('country').selectAll().orderBy('code');
    if (q) {
      const pattern = `%${escapeLike(q)}%`;
      query = query.where((eb) =>
        eb.or([
          eb('code', '=', q.toUpperCase()),
          eb('alpha3', '=', q.toUpperCase()),
          sql<boolean>`exists (select 1 from jsonb_each_text(country.names) n where n.value ilike ${pattern})`,
          sql<boolean>`exists (select 1 from unnest(country.aliases) a where a ilike ${pattern})`,
        ]),
      );
    }
    return query.execute();
  }

  /** A country by alpha-2, alpha-3, ISO numeric or UN statistical code. */
  async findCountry(code: string): Promise<CountryRow | undefined> {
    const upper = code.toUpperCase();
    return this.db
      .selectFrom('country')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('code', '=', upper),
          eb('alpha3', '=', upper),
          eb('numeric', '=', code),
          eb('m49', '=', code),
        ]),
      )
      .orderBy(sql`code = ${upper}`, 'desc')
      .executeTakeFirst();
  }

  async countryCodeIndex(): Promise<{ code: string; alpha3: string; numeric: string; m49: string | null }[]> {
    return this.db
      .selectFrom('country')
      .select(['code', 'alpha3', 'numeric', 'm49'])
      .orderBy('code')
      .execute();
  }

  async listBlocs(): Promise<BlocRow[]> {
    return this.db.selectFrom('bloc').selectAll().orderBy('code').execute();
  }

  async findBloc(code: string): Promise<BlocRow | undefined> {
    return this.db.selectFrom('bloc').selectAll().where('code', '=', code.toUpperCase()).executeTakeFirst();
  }

  /** Memberships of the given blocs (all blocs when empty); only those holding on `on` when it is given. */
  async memberships(blocCodes: string[], on: string | undefined): Promise<MembershipRow[]> {
    let query = this.db
      .selectFrom('bloc_member')
      .selectAll()
      .orderBy('bloc_code')
      .orderBy('valid_from')
      .orderBy('country_code');
    if (blocCodes.length > 0) query = query.where('bloc_code', 'in', blocCodes);
    if (on) {
      query = query
        .where('valid_from', '<=', on)
        .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', on)]));
    }
    return query.execute();
  }

  async membershipsOfCountry(country: string): Promise<MembershipRow[]> {
    return this.db
      .selectFrom('bloc_member')
      .selectAll()
      .where('country_code', '=', country)
      .orderBy('bloc_code')
      .orderBy('valid_from')
      .execute();
  }

  async listCurrencies(): Promise<
    { code: string; numeric: string | null; name: string; minor_units: number | null }[]
  > {
    return this.db.selectFrom('currency').selectAll().orderBy('code').execute();
  }

  async hsVersions(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('hs_code')
      .select('version')
      .distinct()
      .orderBy('version')
      .execute();
    return rows.map((r) => r.version);
  }

  async hsSections(version: string): Promise<{ code: string; title: string }[]> {
    return this.db
      .selectFrom('hs_section')
      .select(['code', 'title'])
      .where('version', '=', version)
      .orderBy(sql`length(code)`)
      .orderBy('code')
      .execute();
  }

  /** Codes under `parent` (or chapters when absent), in code order, after `after` (keyset). */
  async hsChildren(
    version: string,
    parent: string | null,
    after: string | undefined,
    limit: number,
  ): Promise<HsCodeRow[]> {
    let query = this.db
      .selectFrom('hs_code')
      .selectAll()
      .where('version', '=', version)
      .orderBy('code')
      .limit(limit);
    query = parent === null ? query.where('level', '=', 2) : query.where('parent', '=', parent);
    if (after) query = query.where('code', '>', after);
    return query.execute();
  }

  /**
   * Codes matching words or a code prefix, best first. The rank is an integer so that it can serve
   * as a keyset cursor together with the code.
   */
  async hsSearch(
    version: string,
    q: string,
    parent: string | null,
    after: { rank: number; code: string } | undefined,
    limit: number,
  ): Promise<(HsCodeRow & { rank: number })[]> {
    const digits = q.replace(/[\s.]/g, '');
    const isCode = /^\d{1,6}$/.test(digits);
    const text = sql`unaccent(lower(coalesce(hs_code.description, hs_code.title)))`;
    const query = sql`unaccent(lower(${q}))`;
    const rank = isCode
      ? sql<number>`(1000000 - length(hs_code.code))::int`
      : sql<number>`(round(1000000 * greatest(word_similarity(${query}, ${text}),
          case when to_tsvector('english', coalesce(hs_code.description, hs_code.title)) @@ plainto_tsquery('english', ${q}) then 0.8 else 0 end)))::int`;
    const matches = isCode
      ? sql<boolean>`hs_code.code like ${`${digits}%`}`
      : sql<boolean>`(${query} <% ${text} or to_tsvector('english', coalesce(hs_code.description, hs_code.title)) @@ plainto_tsquery('english', ${q}))`;
    let builder = this.db
      .selectFrom('hs_code')
      .selectAll()
      .select(rank.as('rank'))
      .where('version', '=', version)
      .where(matches);
    if (parent) builder = builder.where('code', 'like', `${parent}%`).where('code', '!=', parent);
    if (after) {
      builder = builder.where((eb) =>
        eb.or([eb(rank, '<', after.rank), eb.and([eb(rank, '=', after.rank), eb('code', '>', after.code)])]),
      );
    }
    return builder.orderBy('rank', 'desc').orderBy('code').limit(limit).execute();
  }

  async hsFind(version: string, codes: string[]): Promise<HsCodeRow[]> {
    if (codes.length === 0) return [];
    return this.db
      .selectFrom('hs_code')
      .selectAll()
      .where('version', '=', version)
      .where('code', 'in', codes)
      .orderBy('code')
      .execute();
  }

  async counts(): Promise<{ countries: number; blocs: number; currencies: number; hsCodes: number }> {
    const row = await sql<{ countries: number; blocs: number; currencies: number; hs_codes: number }>`
      select (select count(*) from country)::int as countries, (select count(*) from bloc)::int as blocs,
             (select count(*) from currency)::int as currencies, (select count(*) from hs_code)::int as hs_codes`.execute(
      this.db,
    );
    const r = row.rows[0]!;
    return { countries: r.countries, blocs: r.blocs, currencies: r.currencies, hsCodes: r.hs_codes };
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
