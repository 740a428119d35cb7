// The records of cooperation: intergovernmental bodies, their meetings, documents signed, commitments,
// joint projects and portfolios as stated. Each is described once here; the records engine builds the
// table access, the API, the import and the export from these descriptions.
import { z } from 'zod';
import {
  amountWithCurrency,
  type Fields,
  inOrder,
  type KindSpec,
  keyText,
  ordinal,
  personSchema,
} from '../records/index.js';

export const BODY_TYPES = [
  'council',
  'commission',
  'summit',
  'committee',
  'forum',
  'organization',
  'other',
] as const;
export const DOCUMENT_TYPES = [
  'protocol',
  'roadmap',
  'memorandum',
  'agreement',
  'treaty',
  'program',
  'plan',
] as const;
export const COMMITMENT_STATUSES = ['planned', 'in_progress', 'done', 'overdue', 'dropped'] as const;
export const PROJECT_STATUSES = [
  'planned',
  'under_construction',
  'implemented',
  'suspended',
  'cancelled',
] as const;
export const PORTFOLIO_STATUSES = ['planned', 'in_progress', 'implemented', 'all'] as const;

const people = z.array(personSchema).max(100);
const statusChange = z.object({
  status: z.enum(COMMITMENT_STATUSES),
  on: z.iso.date(),
  note: z
    .string()
    .trim()
    .max(1000)
    .refine((v) => !v.includes('\u0000'), 'must not contain NUL characters')
    .nullish(),
});

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const num = (v: unknown) => (typeof v === 'number' ? v : null);
const arr = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);
const personCountries = (v: unknown) =>
  (Array.isArray(v) ? (v as { country?: string | null }[]) : []).flatMap((p) =>
    p.country ? [p.country] : [],
  );

export const bodyKind: KindSpec = {
  kind: 'body',
  table: 'body',
  path: 'bodies',
  title: 'intergovernmental body',
  plural: 'intergovernmental bodies',
  fields: [
    {
      name: 'name',
      type: 'text',
      required: true,
      describe: 'the name, e.g. Kazakhstan–Uzbekistan Joint Intergovernmental Commission',
    },
    { name: 'short_name', type: 'text', describe: 'an abbreviation, e.g. EAEU IGC' },
    {
      name: 'type',
      type: 'enum',
      values: BODY_TYPES,
      required: true,
      filter: true,
      describe: 'council, commission, summit …',
    },
    {
      name: 'bloc',
      type: 'text',
      filter: true,
      describe: 'the bloc it belongs to (EAEU, CENTRAL_ASIA …), if any',
    },
    { name: 'established', type: 'date', describe: 'when it was set up' },
    {
      name: 'chairs',
      type: 'json',
      json: people,
      describe: 'who chaired it and when: [{name, country, role, from, to}]',
    },
  ],
  async derive(f, { countries }) {
    const members = [...new Set([...countries, ...personCountries(f.chairs)])].sort();
    return {
      natural_key: `${members.join('-')}|${f.type}|${keyText(str(f.name))}`,
      label: str(f.name)!,
      dated: str(f.established),
      countries: members,
    };
  },
};

export const meetingKind: KindSpec = {
  kind: 'meeting',
  table: 'meeting',
  path: 'meetings',
  title: 'meeting',
  plural: 'meetings',
  fields: [
    { name: 'body_id', type: 'ref', ref: 'body', filter: true, describe: 'the body that met' },
    { name: 'ordinal', type: 'integer', min: 1, max: 10_000, describe: '12 for "the 12th meeting"' },
    { name: 'title', type: 'text', describe: 'a title, for meetings of no standing body' },
    { name: 'starts_on', type: 'date', describe: 'the first day' },
    { name: 'ends_on', type: 'date', describe: 'the last day, when it lasted more than one' },
    { name: 'place', type: 'text', describe: 'the city' },
    { name: 'place_country', type: 'country', filter: true, describe: 'the country of the city' },
    { name: 'chairs', type: 'json', json: people, describe: 'who chaired: [{name, country, role}]' },
    { name: 'participants', type: 'json', json: people, describe: 'who took part: [{name, country, role}]' },
    { name: 'summary', type: 'long_text', describe: 'what was discussed, in the editor’s words' },
  ],
  check: (f) => inOrder(f, 'starts_on', 'ends_on'),
  async derive(f, { countries, refs }) {
    const body = typeof f.body_id === 'number' ? await refs('body', f.body_id) : undefined;
    const bodyName = str(body?.name);
    const label = str(f.title) ?? meetingLabel(bodyName, num(f.ordinal));
    const when = num(f.ordinal) !== null ? `n${f.ordinal}` : `d${str(f.starts_on) ?? ''}`;
    return {
      natural_key:
        f.body_id !== null ? `b${f.body_id}|${when}` : `t${keyText(str(f.title))}|d${str(f.starts_on) ?? ''}`,
      label,
      dated: str(f.starts_on),
      countries: [...new Set([...countries, ...arr(body?.countries), ...personCountries(f.chairs)])],
    };
  },
};

/** "12th meeting of the Kazakhstan–Kyrgyzstan Intergovernmental Council"; a body that is itself a
 * meeting or a summit is numbered directly: "5th Consultative Meeting of the Heads of State of Central Asia". */
export function meetingLabel(bodyName: string | null, n: number | null): string {
  if (!bodyName) return n ? `${ordinal(n)} meeting` : 'Meeting';
  if (/\b(meeting|summit|session|forum)\b/i.test(bodyName)) return n ? `${ordinal(n)} ${bodyName}` : bodyName;
  return n ? `${ordinal(n)} meeting of the ${bodyName}` : `Meeting of the ${bodyName}`;
}

export const signedDocumentKind: KindSpec = {
  kind: 'signed_document',
  table: 'signed_document',
  path: 'documents-signed',
  title: 'document signed',
  plural: 'documents signed',
  fields: [
    {
      name: 'type',
      type: 'enum',
      values: DOCUMENT_TYPES,
      required: true,
      filter: true,
      describe: 'protocol, roadmap, memorandum, agreement, treaty, program, plan',
    },
    { name: 'title', type: 'text', required: true, describe: 'the title as signed' },
    { name: 'parties', type: 'countries', filter: true, describe: 'the countries that signed' },
    { name: 'signed_on', type: 'date', describe: 'the date of signature' },
    {
      name: 'meeting_id',
      type: 'ref',
      ref: 'meeting',
      filter: true,
      describe: 'the meeting where it was signed',
    },
    { name: 'in_force_on', type: 'date', describe: 'when it entered into force' },
  ],
  async derive(f, { countries, refs }) {
    const meeting = typeof f.meeting_id === 'number' ? await refs('meeting', f.meeting_id) : undefined;
    const dated = str(f.signed_on) ?? str(meeting?.starts_on);
    return {
      natural_key: `${f.type}|${keyText(str(f.title))}|${arr(f.parties).join('-')}|${dated ?? ''}`,
      label: str(f.title)!,
      dated,
      countries: [...countries, ...arr(f.parties)],
    };
  },
};

export const commitmentKind: KindSpec = {
  kind: 'commitment',
  table: 'commitment',
  path: 'commitments',
  title: 'commitment',
  plural: 'commitments',
  fields: [
    { name: 'text', type: 'long_text', required: true, describe: 'what was promised, in the editor’s words' },
    { name: 'responsible', type: 'text', describe: 'who is to do it (a government, a ministry, a company)' },
    { name: 'due_on', type: 'date', describe: 'when it is due' },
    {
      name: 'status',
      type: 'enum',
      values: COMMITMENT_STATUSES,
      required: true,
      filter: true,
      describe: 'planned, in_progress, done, overdue, dropped',
    },
    {
      name: 'status_history',
      type: 'json',
      json: z.array(statusChange).max(200),
      describe: 'every status it has had: [{status, on, note}], oldest first',
    },
    {
      name: 'meeting_id',
      type: 'ref',
      ref: 'meeting',
      filter: true,
      describe: 'the meeting where it was made',
    },
    {
      name: 'document_id',
      type: 'ref',
      ref: 'signed_document',
      filter: true,
      describe: 'the document that states it',
    },
  ],
  async derive(f, { countries, refs }) {
    const meeting = typeof f.meeting_id === 'number' ? await refs('meeting', f.meeting_id) : undefined;
    const document =
      typeof f.document_id === 'number' ? await refs('signed_document', f.document_id) : undefined;
    const text = str(f.text)!;
    return {
      natural_key: `m${f.meeting_id ?? ''}|d${f.document_id ?? ''}|${keyText(text)}`,
      label: text.length > 160 ? `${text.slice(0, 157)}…` : text,
      dated: str(f.due_on),
      countries: [...countries, ...arr(meeting?.countries), ...arr(document?.parties)],
    };
  },
  onWrite: withStatusHistory,
};

type StatusChange = z.infer<typeof statusChange>;

/** A commitment whose status changes gets the change appended to its history, dated today, unless the
 * writer recorded it already. */
export function withStatusHistory(f: Fields, stored: Fields | undefined, today: string): Fields {
  const history = (Array.isArray(f.status_history) ? f.status_history : []) as StatusChange[];
  const changed = stored === undefined || stored.status !== f.status;
  if (!changed || history.at(-1)?.status === f.status) return f;
  return { ...f, status_history: [...history, { status: f.status as StatusChange['status'], on: today }] };
}

export const projectKind: KindSpec = {
  kind: 'project',
  table: 'project',
  path: 'projects',
  title: 'joint project',
  plural: 'joint projects',
  fields: [
    {
      name: 'name',
      type: 'text',
      required: true,
      describe: 'the name, e.g. Electrometallurgical plant in Taraz',
    },
    {
      name: 'sector',
      type: 'text',
      filter: true,
      describe: 'the sector (metallurgy, energy, agriculture …)',
    },
    { name: 'hs_codes', type: 'hs_codes', filter: true, describe: 'HS codes of what it will produce' },
    { name: 'value', type: 'number', describe: 'the investment, in units of currency' },
    { name: 'currency', type: 'currency', describe: 'ISO 4217 code of the value' },
    { name: 'jobs', type: 'integer', describe: 'jobs created' },
    {
      name: 'capacity',
      type: 'text',
      describe: 'what it can produce, e.g. 500 thousand tonnes of steel a year',
    },
    { name: 'location', type: 'text', describe: 'the place, in words' },
    { name: 'lat', type: 'number', min: -90, max: 90, describe: 'latitude (WGS 84)' },
    { name: 'lon', type: 'number', min: -180, max: 180, describe: 'longitude (WGS 84)' },
    {
      name: 'status',
      type: 'enum',
      values: PROJECT_STATUSES,
      required: true,
      filter: true,
      describe: 'planned, under_construction, implemented, suspended, cancelled',
    },
    { name: 'started_on', type: 'date', describe: 'when construction began' },
    { name: 'completed_on', type: 'date', describe: 'when it was put into operation' },
  ],
  check: (f) => [...amountWithCurrency(f, 'value'), ...inOrder(f, 'started_on', 'completed_on')],
  async derive(f, { countries }) {
    return {
      natural_key: `${countries.join('-')}|${keyText(str(f.name))}`,
      label: str(f.name)!,
      dated: str(f.completed_on) ?? str(f.started_on),
      countries,
    };
  },
  geometry(f) {
    return num(f.lat) !== null && num(f.lon) !== null
      ? { type: 'Point', coordinates: [num(f.lon)!, num(f.lat)!] }
      : null;
  },
};

export const portfolioKind: KindSpec = {
  kind: 'portfolio',
  table: 'portfolio',
  path: 'portfolios',
  title: 'project portfolio',
  plural: 'project portfolios',
  fields: [
    {
      name: 'bloc',
      type: 'text',
      filter: true,
      describe: 'a bloc whose portfolio it is (EAEU …), instead of countries',
    },
    {
      name: 'status',
      type: 'enum',
      values: PORTFOLIO_STATUSES,
      required: true,
      filter: true,
      describe: 'which projects are counted: planned, in_progress, implemented, or all',
    },
    { name: 'count', type: 'integer', describe: 'number of projects' },
    { name: 'value', type: 'number', describe: 'their total value, in units of currency' },
    { name: 'currency', type: 'currency', describe: 'ISO 4217 code of the value' },
    { name: 'jobs', type: 'integer', describe: 'jobs created' },
    { name: 'as_of', type: 'date', required: true, describe: 'the date the figures were stated for' },
  ],
  check: (f) => amountWithCurrency(f, 'value'),
  async derive(f, { countries }) {
    const scope = str(f.bloc) ?? countries.join('-');
    const parts = [
      num(f.count) !== null ? `${f.count} projects` : null,
      num(f.value) !== null ? `${f.currency ?? ''} ${formatAmount(num(f.value)!)}`.trim() : null,
      num(f.jobs) !== null ? `${num(f.jobs)!.toLocaleString('en')} jobs` : null,
    ].filter(Boolean);
    return {
      natural_key: `${scope}|${f.status}|${f.as_of}`,
      label: `${scope} ${f.status === 'all' ? 'portfolio' : String(f.status).replace('_', ' ')}: ${parts.join(', ') || 'no figures'}`,
      dated: str(f.as_of),
      countries,
    };
  },
};

function formatAmount(value: number): string {
  if (value >= 1e9) return `${+(value / 1e9).toFixed(2)} billion`;
  if (value >= 1e6) return `${+(value / 1e6).toFixed(1)} million`;
  return value.toLocaleString('en');
}

export const COOPERATION_KINDS: readonly KindSpec[] = [
  bodyKind,
  meetingKind,
  signedDocumentKind,
  commitmentKind,
  projectKind,
  portfolioKind,
];
