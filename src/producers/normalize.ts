// From a producer as given to the row Keruen stores (pure): names with their scripts, the natural key that
// makes a re-import find the same record, and the derived search keys and filter values.
import type { ProducerInput } from './model.js';
import { companyKey, scriptOf, searchKey, skeleton } from './translit.js';

/** The national language of each country of the region, for a file's `name_local` column. */
export const NATIONAL_LANGUAGE: Readonly<Record<string, string>> = {
  KZ: 'kk',
  UZ: 'uz',
  KG: 'ky',
  TJ: 'tg',
  TM: 'tk',
  RU: 'ru',
  BY: 'be',
  AZ: 'az',
  AM: 'hy',
  GE: 'ka',
  MN: 'mn',
  CN: 'zh',
  TR: 'tr',
  AF: 'ps',
};

export interface ProducerName {
  name: string;
  script: string;
  lang: string | null;
  key: string;
}

export interface ProducerRow {
  country: string;
  national_id: string | null;
  natural_key: string;
  name: string;
  region: string | null;
  city: string | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  products: string | null;
  hs_codes: string[];
  export_markets: string[];
  employees: number | null;
  capacity: string | null;
  certifications: string[];
  hs_prefixes: string[];
  names_key: string;
  names_skeleton: string;
  products_key: string;
  region_key: string | null;
  city_key: string | null;
  cert_keys: string[];
  website_host: string | null;
  phone_digits: string | null;
}

// Words that say what kind of place a name is, in the region's languages (dropped from place keys).
const PLACE_WORDS =
  /\b(region|oblast|oblys|oblisi|viloiati|viloiat|vilaiet|velaiat|district|raion|audani|tumani|city|gorod|province|respublika|republic|g)\b/g;

/**
 * The key of a place name, whatever its script and the kind-of-place word: "Karaganda Region",
 * "Карагандинская область"… the skeleton of the name without "region", "oblast", "облысы", "viloyati".
 */
export function placeKey(text: string): string {
  const key = searchKey(text).replace(PLACE_WORDS, ' ').replace(/\s+/g, ' ').trim();
  return skeleton(key);
}

/** The columns of a stored producer row, in the order the bulk import stages them. */
export const PRODUCER_ROW_COLUMNS = [
  'country',
  'national_id',
  'natural_key',
  'name',
  'region',
  'city',
  'address',
  'lat',
  'lon',
  'website',
  'email',
  'phone',
  'products',
  'hs_codes',
  'export_markets',
  'employees',
  'capacity',
  'certifications',
  'hs_prefixes',
  'names_key',
  'names_skeleton',
  'products_key',
  'region_key',
  'city_key',
  'cert_keys',
  'website_host',
  'phone_digits',
] as const satisfies readonly (keyof ProducerRow)[];

/** Every code with its heading and chapter: "740311" → 74, 7403, 740311. */
export function hsPrefixes(codes: readonly string[]): string[] {
  const out = new Set<string>();
  for (const code of codes) {
    out.add(code.slice(0, 2));
    if (code.length >= 4) out.add(code.slice(0, 4));
    if (code.length === 6) out.add(code);
  }
  return [...out].sort();
}

export function certificationKey(name: string): string {
  return searchKey(name).replace(/\s+/g, '');
}

export function websiteHost(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** The last nine digits of a phone number: the same line with or without its country code. */
export function phoneDigits(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length >= 6 ? digits.slice(-9) : null;
}

/** The identity of a producer without a national identifier: country, registered name and city, as keys. */
export function naturalKey(input: {
  country: string;
  national_id?: string | null;
  name: string;
  city?: string | null;
}): string {
  if (input.national_id) return `${input.country}:id:${input.national_id}`;
  return `${input.country}:${searchKey(input.name)}:${searchKey(input.city ?? '')}`;
}

function uniqueSorted<T>(values: Iterable<T>): T[] {
  return [...new Set(values)].sort();
}

/** The names of a producer: the registered one first, then other spellings (duplicates dropped). */
export function producerNames(input: Pick<ProducerInput, 'name' | 'other_names'>): ProducerName[] {
  const out: ProducerName[] = [];
  const seen = new Set<string>();
  for (const n of [{ name: input.name, lang: null }, ...(input.other_names ?? [])]) {
    if (seen.has(n.name)) continue;
    seen.add(n.name);
    out.push({ name: n.name, script: scriptOf(n.name), lang: n.lang ?? null, key: companyKey(n.name) });
  }
  return out;
}

/** The stored row of a producer (its national identifier already checked and normalized). */
export function toRow(input: ProducerInput, names = producerNames(input)): ProducerRow {
  const keys = uniqueSorted(names.map((n) => n.key).filter(Boolean));
  const hsCodes = uniqueSorted(input.hs_codes ?? []);
  const certifications = uniqueSorted((input.certifications ?? []).map((c) => c.trim()));
  return {
    country: input.country,
    national_id: input.national_id ?? null,
    natural_key: naturalKey(input),
    name: input.name,
    region: input.region ?? null,
    city: input.city ?? null,
    address: input.address ?? null,
    lat: input.lat ?? null,
    lon: input.lon ?? null,
    website: input.website ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    products: input.products ?? null,
    hs_codes: hsCodes,
    export_markets: uniqueSorted(input.export_markets ?? []),
    employees: input.employees ?? null,
    capacity: input.capacity ?? null,
    certifications,
    hs_prefixes: hsPrefixes(hsCodes),
    names_key: keys.join(' | '),
    names_skeleton: uniqueSorted(keys.map(skeleton)).join(' | '),
    products_key: input.products ? searchKey(input.products) : '',
    region_key: input.region ? placeKey(input.region) : null,
    city_key: input.city ? placeKey(input.city) : null,
    cert_keys: uniqueSorted(certifications.map(certificationKey)),
    website_host: websiteHost(input.website),
    phone_digits: phoneDigits(input.phone),
  };
}
