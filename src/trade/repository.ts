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

const TARGET_COLUMNS = [
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
] as const;

/** What a person writes of a target. */
export type TargetValues = Omit<TargetRow, 'id' | 'version' | 'fact_id'>;

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

  /** Inserts a target; a target from a fact already recorded is not inserted again (`created` false). */
  async insertTarget(
    row: TargetValues & { fact_id: number | null },
  ): Promise<{ id: number; created: boolean }> {
    const inserted = await this.db
      .insertInto('trade_target')
      .values({ ...row, source: JSON.stringify(row.source) })
      .onConflict((oc) => oc.column('fact_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return { id: inserted.id, created: true };
    const existing = await this.db
      .selectFrom('trade_target')
      .select('id')
      .where('fact_id', '=', row.fact_id)
      .executeTakeFirstOrThrow();
    return { id: existing.id, created: false };
  }

  /** A target by id, deleted or not. */
  async target(id: number): Promise<(TargetRow & { deleted: boolean }) | undefined> {
    return this.db
      .selectFrom('trade_target')
      .select([...TARGET_COLUMNS, sql<boolean>`deleted_at is not null`.as('deleted')])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Writes a target's values if it is at `expected` (and live, unless `revive`); the new version, or undefined. */
  async updateTarget(
    id: number,
    expected: number,
    row: TargetValues,
    revive: boolean,
  ): Promise<number | undefined> {
    let query = this.db
      .updateTable('trade_target')
      .set({
        ...row,
        source: JSON.stringify(row.source),
        version: sql`version + 1`,
        deleted_at: null,
      })
      .where('id', '=', id)
      .where('version', '=', expected);
    if (!revive) query = query.where('deleted_at', 'is', null);
    const updated = await query.returning('version').executeTakeFirst();
    return updated?.version;
  }

  async deleteTarget(id: number, expected: number): Promise<number | undefined> {
    const deleted = await this.db
      .updateTable('trade_target')
      .set({ deleted_at: sql`now()`, version: sql`version + 1` })
      .where('id', '=', id)
      .where('version', '=', expected)
      .where('deleted_at', 'is', null)
      .returning('version')
      .executeTakeFirst();
    return deleted?.version;
  }

  async reported(id: number): Promise<ReportedRow | undefined> {
    return this.db
      .selectFrom('trade_reported')
      .select([
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
      ])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async listTargets(scope: string | undefined): Promise<TargetRow[]> {
    let query = this.db
      .selectFrom('trade_target')
      .select(TARGET_COLUMNS)
      .where('deleted_at', 'is', null)
      .orderBy('scope')
      .orderBy('stated_on')
      .orderBy('id');
    if (scope) query = query.where('scope', '=', scope);
    return query.execute();
  }
}
