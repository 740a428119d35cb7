// Checks of a producer that need the reference data (pure, given the lookups): the country exists, the
// national identifier fits the country's scheme, HS codes exist in the nomenclature, export markets are
// countries. Shared by the API and the import; the import also turns a file's row into a producer.
import type { RejectedRow } from '../lib/index.js';
import { type ProducerInput, producerInputSchema } from './model.js';
import { checkNationalId } from './national-id.js';
import { NATIONAL_LANGUAGE } from './normalize.js';

export interface Lookups {
  countries: ReadonlySet<string>;
  /** Whether an HS code is in the nomenclature (a level not loaded counts as known when its chapter is). */
  hsKnown(code: string): boolean;
}

/** What Lookups are made of: the country codes and the nomenclature's codes (sent as such to a worker). */
export interface LookupLists {
  countries: string[];
  codes: string[];
}

export function lookupsFrom(lists: LookupLists): Lookups {
  const codes = new Set(lists.codes);
  const levels = new Set(lists.codes.map((c) => c.length));
  return {
    countries: new Set(lists.countries),
    // A level of the nomenclature that is not loaded (only chapters ship built in) is checked by its chapter.
    hsKnown: (code) => codes.has(code) || (!levels.has(code.length) && codes.has(code.slice(0, 2))),
  };
}

export interface Issue {
  field: string;
  value?: unknown;
  reason: string;
}

/** Domain checks of a well-formed producer; returns the producer with its identifier normalized. */
export function checkProducer(
  input: ProducerInput,
  lookups: Lookups,
): { input: ProducerInput; issues: Issue[] } {
  const issues: Issue[] = [];
  let nationalId = input.national_id ?? null;
  if (!lookups.countries.has(input.country)) {
    issues.push({ field: 'country', value: input.country, reason: 'not an ISO 3166-1 alpha-2 code' });
  } else if (nationalId) {
    const check = checkNationalId(input.country, nationalId);
    if (check.ok) nationalId = check.value;
    else issues.push({ field: 'national_id', value: input.national_id, reason: check.reason });
  }
  for (const code of input.hs_codes ?? []) {
    if (!lookups.hsKnown(code))
      issues.push({ field: 'hs_codes', value: code, reason: 'not a code of the HS nomenclature' });
  }
  for (const market of input.export_markets ?? []) {
    if (!lookups.countries.has(market))
      issues.push({ field: 'export_markets', value: market, reason: 'not an ISO 3166-1 alpha-2 code' });
  }
  if ((input.lat == null) !== (input.lon == null)) {
    issues.push({ field: input.lat == null ? 'lat' : 'lon', reason: 'give both lat and lon, or neither' });
  }
  return { input: { ...input, national_id: nationalId }, issues };
}

/** The columns of producers.md. */
export const PRODUCER_COLUMNS = [
  'name',
  'name_en',
  'name_ru',
  'name_local',
  'country',
  'national_id',
  'region',
  'city',
  'address',
  'lat',
  'lon',
  'website',
  'email',
  'phone',
  'hs_codes',
  'products',
  'export_markets',
  'employees',
  'capacity',
  'certifications',
] as const;
export const REQUIRED_PRODUCER_COLUMNS = ['name', 'country'] as const;

const list = (value: string | undefined) =>
  (value ?? '')
    .split(';')
    .map((v) => v.trim())
    .filter(Boolean);

const blank = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);

/** A file's row as a producer, or every problem found in it (by line, column, value and reason). */
export function parseProducerRow(
  values: Record<string, string>,
  line: number,
  lookups: Lookups,
): { input: ProducerInput } | { rejected: RejectedRow[] } {
  const rejected: RejectedRow[] = [];
  const number = (field: 'lat' | 'lon' | 'employees') => {
    const text = blank(values[field]);
    if (text === undefined) return undefined;
    const n = Number(text.replace(',', '.'));
    if (!Number.isFinite(n)) {
      rejected.push({ line, field, value: text, reason: 'is not a number' });
      return undefined;
    }
    return n;
  };
  const country = (values.country ?? '').toUpperCase();
  let website = blank(values.website);
  if (website && !/^[a-z][a-z0-9+.-]*:/i.test(website)) website = `https://${website}`;
  const otherNames = (['name_en', 'name_ru', 'name_local'] as const).flatMap((field) => {
    const name = blank(values[field]);
    if (!name) return [];
    const lang = field === 'name_local' ? (NATIONAL_LANGUAGE[country] ?? null) : field.slice(5);
    return [{ name, lang }];
  });
  const candidate = {
    name: values.name ?? '',
    other_names: otherNames,
    country,
    national_id: blank(values.national_id),
    region: blank(values.region),
    city: blank(values.city),
    address: blank(values.address),
    lat: number('lat'),
    lon: number('lon'),
    website,
    email: blank(values.email),
    phone: blank(values.phone),
    hs_codes: list(values.hs_codes),
    products: blank(values.products),
    export_markets: list(values.export_markets).map((m) => m.toUpperCase()),
    employees: number('employees'),
    capacity: blank(values.capacity),
    certifications: list(values.certifications),
  };
  const parsed = producerInputSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [top, index, sub] = issue.path as (string | number)[];
      let field = String(top);
      let value: unknown = (candidate as Record<string, unknown>)[field];
      if (top === 'other_names' && typeof index === 'number') {
        const given = otherNames[index]!;
        field = given.lang === 'en' ? 'name_en' : given.lang === 'ru' ? 'name_ru' : 'name_local';
        value = given.name;
      } else if (typeof index === 'number' && Array.isArray(value)) value = value[index];
      if (top === 'website') value = values.website;
      void sub;
      const reason = field === 'name' && !candidate.name ? 'is required' : issue.message;
      rejected.push({ line, field, value, reason });
    }
  }
  if (rejected.length > 0 || !parsed.success) return { rejected };
  const checked = checkProducer(parsed.data, lookups);
  if (checked.issues.length > 0)
    return {
      rejected: checked.issues.map((i) => ({ line, field: i.field, value: i.value, reason: i.reason })),
    };
  return { input: checked.input };
}
