// SQL of reported trade figures and targets, one statement per method.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/index.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface ReportedKey {
  scope: string;
  flow: string;
  exporter: string | null;
  importer: string | null;
  period_from: string;
  period_to: string;
  currency: string;
}

export interface ReportedRow extends ReportedKey {
  id: number;
  value: string;
  bound: string;
  change_pct: string | null;
}

export interface ReportedSourceRow {
  reported_id: number;
  fact_id: number | null;
  citation: Record<string, unknown> | null;
  quote: string | null;
  span_start: number | null;
  span_end: number | null;
  document_id: number | null;
  document_title: string | null;
  document_url: string | null;
  publisher: string | null;
  published: string | null;
}

/** Where a figure was stated: a reviewed fact, or a citation entered as data. */
export type SourceRef = { factId: number } | { citation: Citation };

export interface Citation {
  title: string;
  publisher: string;
  published: string;
  url?: string;
}

export interface TargetRow {
  id: number;
  scope: string;
  flow: string;
  exporter: string | null;
  importer: string | null;
  value: string;
  currency: string;
  bound: string;
  by_year: number | null;
  horizon: string | null;
  stated_on: string;
  reporter: string | null;
  source: Record<string, unknown>;
  fact_id: number | null;
  version: number;
}

const REPORTED_COLUMNS = [
  'id',
  'scope',
  'flow',
  'exporter',
  'importer',
  'period_from',
  'period_to',
  'currency',
  'value',
  'bound',
  'change_pct',
] as const;

export class TradeRepository {
  constructor(private readonly db: Executor) {}

  /** A stored figure for the same scope, flow, period and currency within `tolerance` of the value. */
  async findSameFigure(key: ReportedKey, value: number, tolerance: number): Promise<ReportedRow | undefined> {
    return this.db
      .selectFrom('trade_reported')
      .select(REPORTED_COLUMNS)
      .where('scope', '=', key.scope)
      .where('flow', '=', key.flow)
      .where(sql<boolean>`exporter is not distinct from ${key.exporter}`)
      .where(sql<boolean>`importer is not distinct from ${key.importer}`)
      .where('period_from', '=', key.period_from)
      .where('period_to', '=', key.period_to)
      .where('currency', '=', key.currency)
      .where(sql<boolean>`abs(value - ${value}::numeric) <= ${tolerance}::numeric * ${value}::numeric`)
      .orderBy(sql`abs(value - ${value}::numeric)`)
      .orderBy('id')
      .executeTakeFirst();
  }

  async insertReported(
    row: ReportedKey & { value: number; bound: string; change_pct: number | null },
  ): Promise<number> {
    const inserted = await this.db
      .insertInto('trade_reported')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow();
    return inserted.id;
  }

  async addReportedSource(reportedId: number, source: SourceRef): Promise<void> {
    if ('factId' in source) {
      await this.db
        .insertInto('trade_reported_source')
        .values({ reported_id: reportedId, fact_id: source.factId, citation: null })
        .onConflict((oc) => oc.column('fact_id').where('fact_id', 'is not', null).doNothing())
        .execute();
      return;
    }
    await this.db
      .insertInto('trade_reported_source')
      .values({ reported_id: reportedId, fact_id: null, citation: JSON.stringify(source.citation) })
      .execute();
  }

  /** Whether a citation is already recorded for a figure (demo data loads once). */
  async hasCitation(reportedId: number, citation: Citation): Promise<boolean> {
    const row = await this.db
      .selectFrom('trade_reported_source')
      .select('id')
      .where('reported_id', '=', reportedId)
      .where(sql<boolean>`citation = ${JSON.stringify(citation)}::jsonb`)
      .executeTakeFirst();
    return row !== undefined;
  }

  async listReported(scope: string | undefined): Promise<ReportedRow[]> {
    let query = this.db
      .selectFrom('trade_reported')
      .select(REPORTED_COLUMNS)
      .orderBy('scope')
      .orderBy('period_from')
      .orderBy('period_to')
      .orderBy('id');
    if (scope) query = query.where('scope', '=', scope);
    return query.execute();
  }

  async sourcesOf(reportedIds: number[]): Promise<ReportedSourceRow[]> {
    if (reportedIds.length === 0) return [];
    return this.db
      .selectFrom('trade_reported_source as s')
      .leftJoin('fact as f', 'f.id', 's.fact_id')
      .leftJoin('document as d', 'd.id', 'f.document_id')
      .select([
        's.reported_id',
        's.fact_id',
        's.citation',
        'f.quote',
        'f.span_start',
        'f.span_end',
        'd.id as document_id',
        'd.title as document_title',
        'd.url as document_url',
        'd.publisher',
        'd.published',
      ])
      .where('s.reported_id', 'in', reportedIds)
      .orderBy('s.reported_id')
      .orderBy('s.id')
      .execute();
  }

  async insertTarget(
    row: Omit<TargetRow, 'id' | 'version' | 'source' | 'bound'> & {
      bound: string;
      source: Record<string, unknown>;
    },
  ): Promise<number> {
    const inserted = await this.db
      .insertInto('trade_target')
      .values({ ...row, source: JSON.stringify(row.source) })
      .onConflict((oc) => oc.column('fact_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return inserted.id;
    const existing = await this.db
      .selectFrom('trade_target')
      .select('id')
      .where('fact_id', '=', row.fact_id)
      .executeTakeFirstOrThrow();
    return existing.id;
  }

  async listTargets(scope: string | undefined): Promise<TargetRow[]> {
    let query = this.db
      .selectFrom('trade_target')
      .select([
        'id',
        'scope',
        'flow',
        'exporter',
        'importer',
        'value',
        'currency',
        'bound',
        'by_year',
        'horizon',
        'stated_on',
        'reporter',
        'source',
        'fact_id',
        'version',
      ])
      .orderBy('scope')
      .orderBy('stated_on')
      .orderBy('id');
    if (scope) query = query.where('scope', '=', scope);
    return query.execute();
  }
}
