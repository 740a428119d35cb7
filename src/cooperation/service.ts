// What a secretariat asks of the records: a pair's meetings, documents, commitments and projects newest
// first; project sums beside the portfolios as stated; commitments past due. And the way reviewed facts
// of documents become records: matched to the ones already there, so that one meeting reported by two
// articles stays one meeting with two sources.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/index.js';
import { ValidationError } from '../errors.js';
import { countriesNamedIn, type Fact, lexiconFor } from '../extraction/index.js';
import {
  type KindRegistry,
  listRecords,
  type RecordInput,
  type RecordView,
  recordViews,
  upsertRecord,
} from '../records/index.js';
import type { BODY_TYPES } from './kinds.js';
import { CooperationRepository } from './repository.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** The sections of a pair's view and the kinds they list. */
export const PAIR_SECTIONS = {
  meetings: 'meeting',
  documents_signed: 'signed_document',
  commitments: 'commitment',
  projects: 'project',
  portfolios: 'portfolio',
  infrastructure: 'infrastructure',
  checkpoints: 'checkpoint',
} as const;
export type PairSection = keyof typeof PAIR_SECTIONS;

const OPEN = new Set(['planned', 'in_progress']);

/** A commitment past its due date that is neither done nor dropped reads as overdue, whatever it was set to. */
export function effectiveStatus(status: string, dueOn: string | null, today: string): string {
  return OPEN.has(status) && dueOn !== null && dueOn < today ? 'overdue' : status;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function withEffectiveStatus(views: RecordView[], asOf: string): RecordView[] {
  return views.map((v) =>
    v.kind === 'commitment'
      ? {
          ...v,
          effective_status: effectiveStatus(String(v.status), (v.due_on as string | null) ?? null, asOf),
        }
      : v,
  );
}

export function parsePair(pair: string): [string, string] {
  const m = /^([A-Za-z]{2})-([A-Za-z]{2})$/.exec(pair);
  if (!m || m[1]!.toUpperCase() === m[2]!.toUpperCase())
    throw new ValidationError(
      'a pair is two different ISO 3166-1 alpha-2 codes joined by a dash, e.g. KZ-UZ',
      [{ field: 'pair', value: pair, reason: 'not a pair of country codes' }],
    );
  return [m[1]!.toUpperCase(), m[2]!.toUpperCase()];
}

/** Everything recorded about a pair's cooperation, each section newest first. */
export async function pairCooperation(
  db: Executor,
  registry: KindRegistry,
  pair: [string, string],
  limit = 100,
) {
  const countries = [...pair].sort();
  const out: Record<string, RecordView[]> = {};
  for (const [section, kind] of Object.entries(PAIR_SECTIONS)) {
    const spec = registry.find(kind);
    if (!spec) continue;
    out[section] = withEffectiveStatus((await listRecords(db, spec, { countries, limit })).results, today());
  }
  return { pair: countries.join('-'), ...(out as Record<PairSection, RecordView[]>) };
}

export interface RollupGroup {
  key: string;
  count: number;
  /** Sums of the projects' values by currency (projects without a value are counted, not summed). */
  value: Record<string, number>;
  jobs: number;
}

export type RollupDimension = 'pair' | 'status' | 'sector';

/** Project records summed by pair, status or sector, with the portfolios as stated beside them. */
export async function projectRollup(
  db: Executor,
  registry: KindRegistry,
  query: { by: RollupDimension; countries: string[]; status?: string; sector?: string },
) {
  const rows = await new CooperationRepository(db).projectGroups(query);
  const groups = new Map<string, RollupGroup>();
  const total: RollupGroup = { key: 'total', count: 0, value: {}, jobs: 0 };
  for (const row of rows) {
    const key =
      query.by === 'pair'
        ? row.countries.join('-') || 'none'
        : query.by === 'status'
          ? row.status
          : (row.sector ?? 'none');
    const group = groups.get(key) ?? { key, count: 0, value: {}, jobs: 0 };
    for (const g of [group, total]) {
      g.count += row.count;
      g.jobs += row.jobs ?? 0;
      if (row.currency && row.value !== null)
        g.value[row.currency] = (g.value[row.currency] ?? 0) + Number(row.value);
    }
    groups.set(key, group);
  }
  const stated = await listRecords(db, registry.get('portfolio'), { countries: query.countries, limit: 200 });
  return {
    by: query.by,
    groups: [...groups.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
    total,
    stated: stated.results,
  };
}

export async function overdueCommitments(
  db: Executor,
  registry: KindRegistry,
  asOf: string | undefined,
  countries: string[],
) {
  const on = asOf ?? today();
  const ids = await new CooperationRepository(db).overdueCommitments(on, countries);
  return {
    as_of: on,
    results: withEffectiveStatus(await recordViews(db, registry.get('commitment'), ids), on),
  };
}

// ---- Reviewed facts into records ----

const BODY_WORDS: [RegExp, (typeof BODY_TYPES)[number]][] = [
  [/commission|комисси/i, 'commission'],
  [/council|совет|кеңес/i, 'council'],
  [/summit|саммит|consultative meeting|консультативн/i, 'summit'],
  [/committee|комитет/i, 'committee'],
  [/forum|форум/i, 'forum'],
];

export function bodyType(name: string): (typeof BODY_TYPES)[number] {
  return BODY_WORDS.find(([re]) => re.test(name))?.[1] ?? 'other';
}

export interface FactOrigin {
  factId: number;
  documentId: number;
  published: string;
  language: string | null;
}

type ProjectFact = Extract<Fact, { kind: 'project' }>;
const PROJECT_STATUS: Record<NonNullable<ProjectFact['status']>, string> = {
  planned: 'planned',
  in_progress: 'under_construction',
  implemented: 'implemented',
};

function input(fields: Record<string, unknown>, factId: number, countries: string[] = []): RecordInput {
  return { fields, countries, sources: [{ fact_id: factId }], links: [] };
}

function nulls(registry: KindRegistry, kind: string): Record<string, unknown> {
  return Object.fromEntries(
    registry
      .get(kind)
      .fields.map((f) => [
        f.name,
        f.type === 'countries' ||
        f.type === 'hs_codes' ||
        f.type === 'texts' ||
        (f.type === 'json' && f.name !== 'geometry')
          ? []
          : null,
      ]),
  );
}

/**
 * Turns an accepted meeting, agreement, project or portfolio fact into the record it states, or adds it
 * as a source of the record already there. Returns whether a record was made or updated.
 */
export async function applyCooperationFact(
  trx: Transaction<DB>,
  registry: KindRegistry,
  fact: Fact,
  origin: FactOrigin,
  actor: string,
): Promise<boolean> {
  const repo = new CooperationRepository(trx);
  const lexicon = lexiconFor(origin.language ?? undefined);
  switch (fact.kind) {
    case 'meeting': {
      const members = countriesNamedIn(fact.body, lexicon);
      const type = bodyType(fact.body);
      const candidates = members.length >= 2 ? await repo.bodiesOf(members, type) : [];
      let bodyId = candidates.length === 1 ? candidates[0]! : undefined;
      if (bodyId === undefined) {
        const body = await upsertRecord(
          trx,
          registry,
          registry.get('body'),
          input({ ...nulls(registry, 'body'), name: fact.body, type }, origin.factId, members),
          actor,
          'fill',
        );
        bodyId = body.id;
      }
      await upsertRecord(
        trx,
        registry,
        registry.get('meeting'),
        input(
          {
            ...nulls(registry, 'meeting'),
            body_id: bodyId,
            ordinal: fact.number,
            starts_on: fact.date,
            place: fact.place,
            chairs: fact.chairs.map((name) => ({ name })),
          },
          origin.factId,
        ),
        actor,
        'fill',
      );
      return true;
    }
    case 'agreement': {
      const meetingId = await repo.meetingOfDocument(origin.documentId);
      await upsertRecord(
        trx,
        registry,
        registry.get('signed_document'),
        input(
          {
            ...nulls(registry, 'signed_document'),
            type: fact.type,
            title: fact.title,
            parties: fact.parties,
            signed_on: fact.signed,
            meeting_id: meetingId ?? null,
          },
          origin.factId,
        ),
        actor,
        'fill',
      );
      return true;
    }
    case 'project': {
      await upsertRecord(
        trx,
        registry,
        registry.get('project'),
        input(
          {
            ...nulls(registry, 'project'),
            name: fact.name,
            sector: fact.sector,
            value: fact.value,
            currency: fact.value !== null ? fact.currency : null,
            capacity: fact.capacity,
            location: fact.location,
            status: fact.status ? PROJECT_STATUS[fact.status] : 'planned',
          },
          origin.factId,
          fact.scope && 'countries' in fact.scope ? fact.scope.countries : [],
        ),
        actor,
        'fill',
      );
      return true;
    }
    case 'project_portfolio': {
      const group = 'group' in fact.scope ? fact.scope.group : null;
      await upsertRecord(
        trx,
        registry,
        registry.get('portfolio'),
        input(
          {
            ...nulls(registry, 'portfolio'),
            bloc: group,
            status: fact.status,
            count: fact.count,
            value: fact.value,
            currency: fact.value !== null ? fact.currency : null,
            jobs: fact.jobs,
            as_of: origin.published,
          },
          origin.factId,
          'countries' in fact.scope ? fact.scope.countries : [],
        ),
        actor,
        'fill',
      );
      return true;
    }
    default:
      return false;
  }
}
