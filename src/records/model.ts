// Linked records with sources and history: the description of a kind of record (its fields, how it is
// keyed, dated and placed), and the zod schemas built from that description for every boundary — the
// API body, an imported row, a restored package — so that one list of fields drives all of them.
import { z } from 'zod';

export const ISO2 = /^[A-Z]{2}$/;

/** A text parameter of a query: no NUL characters (PostgreSQL refuses them). */
export const queryText = (max = 200) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !v.includes('\u0000'), 'must not contain NUL characters');

/** Text as PostgreSQL can store it: trimmed, and without NUL characters (text and jsonb refuse them). */
const plain = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !v.includes('\u0000'), 'must not contain NUL characters');
export const HS_CODE = /^\d{2}(\d{2}(\d{2})?)?$/;
const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export type FieldType =
  | 'text'
  | 'long_text'
  | 'integer'
  | 'number'
  | 'date'
  | 'month'
  | 'country'
  | 'countries'
  | 'texts'
  | 'hs_codes'
  | 'currency'
  | 'enum'
  | 'ref'
  | 'json';

export interface FieldSpec {
  name: string;
  type: FieldType;
  describe: string;
  required?: boolean;
  /** The values of an enum field. */
  values?: readonly string[];
  /** The kind a ref field points to. */
  ref?: string;
  /** The schema of a json field's value. */
  json?: z.ZodType;
  /** Inclusive bounds of a number (coordinates). */
  min?: number;
  max?: number;
  /** A number that must be more than zero (a length), as the table's check requires. */
  positive?: boolean;
  /** A text field's form (UN/LOCODE, …), with the reason a value that does not fit is refused. */
  pattern?: { regex: RegExp; reason: string };
  /** The value when none is given. */
  default?: string | number;
  /** Offered as an equality filter on lists (enums, refs, countries). */
  filter?: boolean;
}

/** A record's fields as given, by field name. */
export type Fields = Record<string, unknown>;

export interface Derived {
  natural_key: string;
  label: string;
  dated: string | null;
  countries: string[];
}

/** What a kind's key and derived values may look up: the fields of a record it points to, and its `countries`. */
export type RefReader = (kind: string, id: number) => Promise<Fields | undefined>;

export interface KindSpec {
  /** The kind's name, as stored in coop_record.kind. */
  kind: string;
  /** Its table, with one column per field and `id`. */
  table: string;
  /** Its path under /api/v1 (plural). */
  path: string;
  /** Singular and plural words for people. */
  title: string;
  plural: string;
  fields: readonly FieldSpec[];
  /**
   * What is derived from the fields (and the records they point to): the natural key that makes two
   * inputs the same record, the label lists show, the date lists sort by, the countries it concerns.
   * `countries` are those the input names itself; the kind adds what its fields imply.
   */
  derive(fields: Fields, ctx: { countries: string[]; refs: RefReader }): Promise<Derived>;
  /** Pure: the problems of fields that are each valid but do not hold together (a value without its currency). */
  check?(fields: Fields): { field: string; reason: string }[];
  /** Pure: the fields to write, given the ones sent and those stored (none on a create). */
  onWrite?(fields: Fields, stored: Fields | undefined, today: string): Fields;
  /** Where it is, as a GeoJSON geometry, when known. */
  geometry?(fields: Fields): Geometry | null;
}

export type Geometry =
  | { type: 'Point'; coordinates: [number, number] }
  | { type: 'LineString'; coordinates: [number, number][] };

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
export const geometrySchema = z.union([
  z.object({ type: z.literal('Point'), coordinates: position }),
  z.object({ type: z.literal('LineString'), coordinates: z.array(position).min(2).max(10_000) }),
]);

export const personSchema = z.object({
  name: plain(200),
  country: z.string().trim().toUpperCase().regex(ISO2).nullish(),
  role: plain(200).nullish(),
  from: z.iso.date().nullish(),
  to: z.iso.date().nullish(),
});

export const citationSchema = z.object({
  title: plain(500),
  publisher: plain(200),
  published: z.iso.date(),
  url: z
    .url({ protocol: /^https?$/ })
    .max(1000)
    .nullish(),
});
export type Citation = z.infer<typeof citationSchema>;

export const sourceInputSchema = z.union([
  z.object({ fact_id: z.number().int().positive() }).strict(),
  z.object({ citation: citationSchema }).strict(),
]);
export type SourceInput = z.infer<typeof sourceInputSchema>;

export const RELATIONS = ['discussed_at', 'agreed_in', 'part_of', 'concerns', 'related'] as const;
export type Relation = (typeof RELATIONS)[number];
export const linkInputSchema = z.object({
  to: z.number().int().positive(),
  relation: z.enum(RELATIONS).default('related'),
});
export type LinkInput = z.infer<typeof linkInputSchema>;

const countryCode = z.string().trim().toUpperCase().regex(ISO2, 'must be an ISO 3166-1 alpha-2 code');

/** The zod schema of one field's value (null allowed unless required). */
export function fieldSchema(field: FieldSpec): z.ZodType {
  let schema: z.ZodType;
  switch (field.type) {
    case 'text':
      schema = field.pattern ? plain(500).regex(field.pattern.regex, field.pattern.reason) : plain(500);
      break;
    case 'long_text':
      schema = plain(10_000);
      break;
    case 'integer':
      schema = z
        .number()
        .int()
        .min(field.min ?? 0)
        .max(field.max ?? 2_000_000_000);
      break;
    case 'number':
      schema = (field.positive ? z.number().gt(0) : z.number().min(field.min ?? 0)).max(field.max ?? 1e15);
      break;
    case 'date':
      schema = z.iso.date();
      break;
    case 'month':
      schema = z.string().regex(YEAR_MONTH, 'must be a month, YYYY-MM');
      break;
    case 'country':
      schema = countryCode;
      break;
    case 'currency':
      schema = z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code');
      break;
    case 'enum':
      schema = z.enum(field.values as [string, ...string[]]);
      break;
    case 'ref':
      schema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
      break;
    case 'json':
      schema = field.json ?? z.unknown();
      break;
    case 'countries':
      return z
        .array(countryCode)
        .max(250)
        .default([])
        .transform((codes) => [...new Set(codes)].sort());
    case 'texts':
      return z.array(plain(100)).max(50).default([]);
    case 'hs_codes':
      return z
        .array(z.string().regex(HS_CODE, 'must be an HS code of 2, 4 or 6 digits'))
        .max(200)
        .default([]);
  }
  if (field.default !== undefined) return schema.default(field.default as never);
  if (field.required) return schema;
  if (field.type === 'json' && field.json instanceof z.ZodArray) return field.json.default([]);
  return schema.nullish().transform((v) => v ?? null);
}

/** The input schema of a kind: its fields, the countries it concerns (when not derived), sources and links. */
/** Members of a record as read that a write may send back unchanged: they are ignored. */
const READ_ONLY = ['id', 'kind', 'label', 'dated', 'version', 'created_at', 'updated_at', 'effective_status'];

/** A source as a read returns it: sent back, it names the same fact or citation. */
const sourceAsRead = z.object({
  id: z.number().optional(),
  fact_id: z.number().int().positive().nullable(),
  document_id: z.number().nullable().optional(),
  quote: z.string().nullable().optional(),
  citation: citationSchema.nullable(),
  added_at: z.string().optional(),
});

/** A link as a read returns it: an outgoing one is kept, an incoming one belongs to the other record. */
const linkAsRead = z.object({
  id: z.number().int().positive(),
  kind: z.string().optional(),
  label: z.string().optional(),
  relation: z.enum(RELATIONS),
  direction: z.enum(['out', 'in']),
});

/**
 * The input schema of a kind: its fields, the countries it concerns (when not derived), sources and
 * links. A record as read can be sent back as it is (GET, change a field, PUT): read-only members are
 * ignored and sources and links are understood in the shape a read gives them.
 */
export function inputSchema(spec: KindSpec) {
  const shape: Record<string, z.ZodType> = {};
  for (const field of spec.fields) shape[field.name] = fieldSchema(field).describe(field.describe);
  for (const name of READ_ONLY) shape[name] = z.unknown().optional().describe('read-only; ignored on writes');
  return z
    .object({
      ...shape,
      countries: z
        .array(countryCode)
        .max(250)
        .optional()
        .describe('the countries the record concerns; derived from its fields when left out'),
      sources: z
        .array(z.union([sourceInputSchema, sourceAsRead]))
        .max(100)
        .default([])
        .describe('sources to add: { "fact_id": N } or { "citation": { title, publisher, published, url } }'),
      links: z
        .array(z.union([linkInputSchema, linkAsRead]))
        .max(200)
        .optional()
        .describe(
          'links to other records ({ "to": id, "relation": … }); on an update, left out keeps the links',
        ),
    })
    .strict()
    .superRefine((value, ctx) => {
      for (const problem of spec.check?.(value as Fields) ?? [])
        ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.reason });
    });
}

/** Checks shared by kinds: an amount and its currency go together; a period ends after it starts. */
export function amountWithCurrency(f: Fields, amount: string, currency = 'currency') {
  const has = (v: unknown) => v !== null && v !== undefined;
  if (has(f[amount]) && !has(f[currency])) return [{ field: currency, reason: `is required with ${amount}` }];
  if (!has(f[amount]) && has(f[currency])) return [{ field: amount, reason: `is required with ${currency}` }];
  return [];
}

export function inOrder(f: Fields, first: string, last: string) {
  const a = f[first];
  const b = f[last];
  return typeof a === 'string' && typeof b === 'string' && b < a
    ? [{ field: last, reason: `must not be before ${first}` }]
    : [];
}

export interface RecordInput {
  fields: Fields;
  countries?: string[];
  sources: SourceInput[];
  /** Undefined: an update keeps the record's links. */
  links?: LinkInput[];
  /** The fields the input actually carries (a file's columns); others keep their stored values on an upsert. */
  given?: ReadonlySet<string>;
}

type SourceGiven = SourceInput | z.infer<typeof sourceAsRead>;
type LinkGiven = LinkInput | z.infer<typeof linkAsRead>;

/** Splits a parsed input into the kind's fields and the record's common parts. */
export function splitInput(spec: KindSpec, parsed: Record<string, unknown>): RecordInput {
  const fields: Fields = {};
  for (const field of spec.fields) fields[field.name] = parsed[field.name] ?? null;
  const sources = ((parsed.sources as SourceGiven[] | undefined) ?? []).flatMap((s): SourceInput[] => {
    if ('fact_id' in s && typeof s.fact_id === 'number') return [{ fact_id: s.fact_id }];
    if ('citation' in s && s.citation) return [{ citation: s.citation }];
    return [];
  });
  const links = (parsed.links as LinkGiven[] | undefined)?.flatMap((l): LinkInput[] =>
    'to' in l ? [l] : l.direction === 'out' ? [{ to: l.id, relation: l.relation }] : [],
  );
  return { fields, countries: parsed.countries as string[] | undefined, sources, links };
}

export interface SourceView {
  id: number;
  fact_id: number | null;
  document_id: number | null;
  quote: string | null;
  citation: Citation | null;
  added_at: string;
}

export interface LinkView {
  id: number;
  kind: string;
  label: string;
  relation: string;
  direction: 'out' | 'in';
}

/** A record as the API returns it: its kind's fields beside the common ones. */
export interface RecordView {
  id: number;
  kind: string;
  label: string;
  countries: string[];
  dated: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  sources: SourceView[];
  links: LinkView[];
  [field: string]: unknown;
}

const sourceViewSchema = z.object({
  id: z.number(),
  fact_id: z.number().nullable(),
  document_id: z.number().nullable(),
  quote: z.string().nullable(),
  citation: citationSchema.nullable(),
  added_at: z.string(),
});
const linkViewSchema = z.object({
  id: z.number(),
  kind: z.string(),
  label: z.string(),
  relation: z.string(),
  direction: z.enum(['out', 'in']),
});

/** The output schema of a kind (for the OpenAPI document and the response serializer). */
export function outputSchema(spec: KindSpec) {
  const shape: Record<string, z.ZodType> = {};
  for (const field of spec.fields) shape[field.name] = z.unknown().describe(field.describe);
  return z.object({
    id: z.number(),
    kind: z.literal(spec.kind),
    label: z.string(),
    countries: z.array(z.string()),
    dated: z.string().nullable(),
    version: z.number(),
    created_at: z.string(),
    updated_at: z.string(),
    ...shape,
    sources: z.array(sourceViewSchema),
    links: z.array(linkViewSchema),
  });
}

/** The common part of every record, for lists that mix kinds. */
export const recordSummarySchema = z.object({
  id: z.number(),
  kind: z.string(),
  label: z.string(),
  countries: z.array(z.string()),
  dated: z.string().nullable(),
  version: z.number(),
});
export type RecordSummary = z.infer<typeof recordSummarySchema>;

/** A stable text of a value: object keys sorted, null and absent members dropped (for comparing). */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .filter((k) => v[k] !== null && v[k] !== undefined)
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

/** "1st", "12th", "21st", "113th". */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix =
    tens >= 11 && tens <= 13
      ? 'th'
      : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** Lower case, letters and digits of any script, single spaces: the base of natural keys. */
export function keyText(text: string | null | undefined): string {
  return (text ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[ʻʼ’‘`']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
