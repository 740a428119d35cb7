// Reference data as the API and CLI show it: rows mapped to API shapes, unknown codes as NotFoundError.
import type { Kysely } from 'kysely';
import type { DB } from '../db/index.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { decodeCursor, encodeCursor } from '../lib/index.js';
import { HS_BUILTIN_VERSION } from './data/hs-chapters.js';
import type { Bloc, BlocDetail, Country, CountryDetail, HsCode, Membership } from './model.js';
import { type CountryRow, type HsCodeRow, type MembershipRow, ReferenceRepository } from './repository.js';

function toCountry(row: CountryRow): Country {
  return {
    code: row.code,
    alpha3: row.alpha3,
    numeric: row.numeric,
    m49: row.m49,
    names: row.names,
    aliases: row.aliases,
  };
}

function toMembership(row: MembershipRow): Membership {
  return {
    bloc: row.bloc_code,
    country: row.country_code,
    from: row.valid_from,
    until: row.valid_until,
    role: row.role as Membership['role'],
    note: row.note,
  };
}

function toHsCode(row: HsCodeRow): HsCode {
  return {
    version: row.version,
    code: row.code,
    level: row.level,
    parent: row.parent,
    section: row.section,
    title: row.title,
    description: row.description,
  };
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** All countries, or those whose code, name (any language) or alias contains `q`. */
export async function listCountries(db: Kysely<DB>, q?: string): Promise<Country[]> {
  return (await new ReferenceRepository(db).listCountries(q?.trim() || undefined)).map(toCountry);
}

/** A country by alpha-2, alpha-3 or numeric code, with its bloc memberships over time. */
export async function getCountry(db: Kysely<DB>, code: string): Promise<CountryDetail> {
  const repo = new ReferenceRepository(db);
  const row = await repo.findCountry(code.trim());
  if (!row) throw new NotFoundError(`no country has the code ${code}`);
  const memberships = await repo.membershipsOfCountry(row.code);
  return { ...toCountry(row), memberships: memberships.map(toMembership) };
}

async function blocsWithMembers(db: Kysely<DB>, codes: string[], on: string): Promise<Bloc[]> {
  const repo = new ReferenceRepository(db);
  const blocs =
    codes.length === 0
      ? await repo.listBlocs()
      : [await repo.findBloc(codes[0]!)].filter((b) => b !== undefined);
  if (blocs.length === 0) return [];
  const members = await repo.memberships(
    blocs.map((b) => b.code),
    on,
  );
  const countries = new Map((await repo.listCountries(undefined)).map((c) => [c.code, c.names.en ?? c.code]));
  return blocs.map((b) => ({
    code: b.code,
    kind: b.kind,
    founded: b.founded,
    names: b.names,
    on,
    members: members
      .filter((m) => m.bloc_code === b.code)
      .map((m) => ({ ...toMembership(m), name: countries.get(m.country_code) ?? m.country_code })),
  }));
}

/** Every bloc with its members on the date `on` (today when absent). */
export async function listBlocs(db: Kysely<DB>, on: string = today()): Promise<Bloc[]> {
  return blocsWithMembers(db, [], on);
}

/** One bloc with its members on `on` (today when absent) and its whole membership history. */
export async function getBloc(db: Kysely<DB>, code: string, on: string = today()): Promise<BlocDetail> {
  const [bloc] = await blocsWithMembers(db, [code.trim().toUpperCase()], on);
  if (!bloc) throw new NotFoundError(`no bloc has the code ${code}`);
  const history = await new ReferenceRepository(db).memberships([bloc.code], undefined);
  return { ...bloc, history: history.map(toMembership) };
}

/** Countries that are members of a bloc on a date (alpha-2 codes, sorted). */
export async function blocMembersOn(db: Kysely<DB>, code: string, on: string): Promise<string[]> {
  const rows = await new ReferenceRepository(db).memberships([code.toUpperCase()], on);
  return [...new Set(rows.map((r) => r.country_code))].sort();
}

export async function listCurrencies(db: Kysely<DB>) {
  return new ReferenceRepository(db).listCurrencies();
}

function isHsCursor(value: unknown): value is { rank: number; code: string } {
  const v = value as { rank?: unknown; code?: unknown } | undefined;
  return (
    typeof v?.rank === 'number' &&
    Number.isInteger(v.rank) &&
    typeof v.code === 'string' &&
    v.code.length <= 6
  );
}

export interface HsQuery {
  q?: string;
  parent?: string;
  version?: string;
  cursor?: string;
  limit?: number;
}

/**
 * Browses or searches the nomenclature. Without `q`: the children of `parent` (chapters when absent)
 * in code order. With `q`: codes whose number starts with it or whose title matches its words, best first.
 * Pages by keyset: pass `next_cursor` back as `cursor`.
 */
export async function browseHs(
  db: Kysely<DB>,
  query: HsQuery,
): Promise<{ version: string; items: HsCode[]; next_cursor: string | null }> {
  const repo = new ReferenceRepository(db);
  const version = query.version ?? HS_BUILTIN_VERSION;
  const limit = query.limit ?? 50;
  const parent = query.parent?.trim() || null;
  if (parent !== null && !/^\d{2}(\d{2})?$/.test(parent)) {
    throw new ValidationError('invalid parent', [
      { field: 'parent', value: parent, reason: 'must be a 2- or 4-digit HS code' },
    ]);
  }
  const q = query.q?.trim();
  if (q) {
    const after = query.cursor ? decodeCursor(query.cursor, isHsCursor) : undefined;
    const rows = await repo.hsSearch(version, q, parent, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      version,
      items: page.map(toHsCode),
      next_cursor: rows.length > limit && last ? encodeCursor({ rank: last.rank, code: last.code }) : null,
    };
  }
  const after = query.cursor
    ? decodeCursor(
        query.cursor,
        (v): v is { code: string } => typeof (v as { code?: unknown })?.code === 'string',
      ).code
    : undefined;
  const rows = await repo.hsChildren(version, parent, after, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    version,
    items: page.map(toHsCode),
    next_cursor: rows.length > limit && last ? encodeCursor({ code: last.code }) : null,
  };
}

/** Which of the given codes the nomenclature holds (for validating HS codes of other records). */
export async function findHsCodes(
  db: Kysely<DB>,
  codes: string[],
  version = HS_BUILTIN_VERSION,
): Promise<HsCode[]> {
  return (await new ReferenceRepository(db).hsFind(version, codes)).map(toHsCode);
}

export async function referenceCounts(db: Kysely<DB>) {
  return new ReferenceRepository(db).counts();
}

/**
 * A function from any country code a file may use (ISO alpha-2, alpha-3, ISO numeric or UN statistical
 * code) to the alpha-2 code, built once from the stored countries.
 */
export async function countryResolver(db: Kysely<DB>): Promise<(code: string) => string | undefined> {
  const index = new Map<string, string>();
  for (const c of await new ReferenceRepository(db).countryCodeIndex()) {
    index.set(c.code, c.code);
    index.set(c.alpha3, c.code);
    index.set(c.numeric, c.code);
    index.set(String(Number(c.numeric)), c.code);
    if (c.m49) {
      index.set(c.m49, c.code);
      index.set(String(Number(c.m49)), c.code);
    }
  }
  return (code) => index.get(code.trim().toUpperCase());
}
