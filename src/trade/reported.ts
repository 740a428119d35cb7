// Reported figures and stated targets: accepted document facts become these records, each keeping its
// sources. The same figure from several documents is one observation; different figures for one scope
// and period are all kept, and shown as a conflict.
import type { Kysely, Transaction } from 'kysely';
import { writeAudit } from '../auth/index.js';
import type { DB } from '../db/index.js';
import {
  type Citation,
  type ReportedKey,
  type SourceRef,
  type TargetRow,
  type TargetValues,
  TradeRepository,
} from './repository.js';

export type { Citation, SourceRef };

/** Within this share two reported figures are the same figure (trade.md: more than 1% apart is a conflict). */
export const SAME_FIGURE_TOLERANCE = 0.01;

export type TradeScope = { countries: string[] } | { group: string };

/** 'KZ-UZ' for a pair (sorted), or the bloc's code. */
export function scopeKey(scope: TradeScope): string {
  return 'group' in scope ? scope.group : [...scope.countries].sort().join('-');
}

export function scopeFromKey(key: string): TradeScope {
  return /^[A-Z]{2}(-[A-Z]{2})+$/.test(key) ? { countries: key.split('-') } : { group: key };
}

/** What a figure and a target share: the trade they are about, and an amount. */
interface TradeAmount {
  scope: TradeScope;
  flow: 'turnover' | 'exports';
  from?: string;
  to?: string;
  value: number;
  currency: string;
  bound: string;
}

/** The exporter and importer columns of an amount: set only for a flow of exports. */
function flowColumns(a: TradeAmount): { exporter: string | null; importer: string | null } {
  return a.flow === 'exports'
    ? { exporter: a.from ?? null, importer: a.to ?? null }
    : { exporter: null, importer: null };
}

export interface ReportedFigure extends TradeAmount {
  period: { from: string; to: string };
  change_pct?: number;
}

/** Records a figure a document states, as a new observation or as one more source of the same one; either
 * is written to the audit log with `actor` (the reviewer who accepted the fact, or the loader). */
export async function recordReportedFigure(
  trx: Kysely<DB> | Transaction<DB>,
  figure: ReportedFigure,
  source: SourceRef,
  actor: string,
): Promise<{ observationId: number; merged: boolean }> {
  const repo = new TradeRepository(trx);
  const key = {
    scope: scopeKey(figure.scope),
    flow: figure.flow,
    ...flowColumns(figure),
    period_from: figure.period.from,
    period_to: figure.period.to,
    currency: figure.currency,
  };
  const same = await repo.findSameFigure(key, figure.value, SAME_FIGURE_TOLERANCE);
  if (same) {
    if (!('citation' in source) || !(await repo.hasCitation(same.id, source.citation))) {
      await repo.addReportedSource(same.id, source);
      await writeAudit(trx, {
        entity: 'reported',
        entity_id: same.id,
        version: 1,
        action: 'add_source',
        actor,
        before: null,
        after: { source: sourceSnapshot(source) },
      });
    }
    return { observationId: same.id, merged: true };
  }
  const id = await repo.insertReported({
    ...key,
    value: figure.value,
    bound: figure.bound,
    change_pct: figure.change_pct ?? null,
  });
  await repo.addReportedSource(id, source);
  const stored = (await repo.reported(id))!;
  await writeAudit(trx, {
    entity: 'reported',
    entity_id: id,
    version: 1,
    action: 'create',
    actor,
    before: null,
    after: { ...stored, source: sourceSnapshot(source) },
  });
  return { observationId: id, merged: false };
}

function sourceSnapshot(source: SourceRef): Record<string, unknown> {
  return 'factId' in source ? { fact_id: source.factId } : { citation: source.citation };
}

export interface StatedTarget extends TradeAmount {
  by: string | null;
  horizon: 'short' | 'medium' | 'long' | null;
  statedOn: string;
  reporter?: string | null;
  source: Record<string, unknown>;
}

/** A target's stored values. */
export function targetValues(target: StatedTarget): TargetValues {
  return {
    scope: scopeKey(target.scope),
    flow: target.flow,
    ...flowColumns(target),
    value: String(target.value),
    currency: target.currency,
    bound: target.bound,
    by_year: target.by ? Number(target.by) : null,
    horizon: target.horizon,
    stated_on: target.statedOn,
    reporter: target.reporter ?? null,
    source: target.source,
  };
}

/** Records a target (in the audit log with `actor`); a target from a fact is recorded once however often
 * the fact is applied. */
export async function recordTarget(
  trx: Kysely<DB> | Transaction<DB>,
  target: StatedTarget,
  factId: number | null,
  actor: string,
): Promise<number> {
  const repo = new TradeRepository(trx);
  const { id, created } = await repo.insertTarget({ ...targetValues(target), fact_id: factId });
  if (created) {
    await writeAudit(trx, {
      entity: 'target',
      entity_id: id,
      version: 1,
      action: 'create',
      actor,
      before: null,
      after: targetSnapshot((await repo.target(id))!),
    });
  }
  return id;
}

/** A target as the audit log keeps it: the API's shape, without id and version. */
export function targetSnapshot(row: TargetRow): Record<string, unknown> {
  const { id: _id, version: _version, ...rest } = toTarget(row);
  return rest;
}

function toTarget(r: TargetRow): Target {
  return {
    id: r.id,
    scope: scopeFromKey(r.scope),
    flow: r.flow,
    from: r.exporter,
    to: r.importer,
    value: Number(r.value),
    currency: r.currency,
    bound: r.bound,
    by: r.by_year === null ? null : String(r.by_year),
    horizon: r.horizon,
    stated_on: r.stated_on,
    reporter: r.reporter,
    source: r.source,
    fact_id: r.fact_id,
    version: r.version,
  };
}

export interface ReportedObservation {
  id: number;
  scope: TradeScope;
  flow: string;
  from: string | null;
  to: string | null;
  period: { from: string; to: string };
  value: number;
  currency: string;
  bound: string;
  change_pct: number | null;
  /** Another reported figure for the same scope, flow and period differs by more than 1%. */
  conflict: boolean;
  /** A reviewed fact of a stored document (with its quote and span), or a citation entered as data. */
  sources: {
    fact_id: number | null;
    document_id: number | null;
    title: string | null;
    url: string | null;
    publisher: string | null;
    published: string | null;
    quote: string | null;
    span: [number, number] | null;
  }[];
}

/** Reported figures with their sources, a scope's or all, each flagged when another figure contradicts it. */
export async function listReported(db: Kysely<DB>, scope?: string): Promise<ReportedObservation[]> {
  const repo = new TradeRepository(db);
  const rows = await repo.listReported(scope);
  const sources = await repo.sourcesOf(rows.map((r) => r.id));
  const groupKey = (r: ReportedKey) =>
    [r.scope, r.flow, r.exporter, r.importer, r.period_from, r.period_to, r.currency].join('|');
  const groups = new Map<string, number>();
  for (const r of rows) groups.set(groupKey(r), (groups.get(groupKey(r)) ?? 0) + 1);
  return rows.map((r) => ({
    id: r.id,
    scope: scopeFromKey(r.scope),
    flow: r.flow,
    from: r.exporter,
    to: r.importer,
    period: { from: r.period_from, to: r.period_to },
    value: Number(r.value),
    currency: r.currency,
    bound: r.bound,
    change_pct: r.change_pct === null ? null : Number(r.change_pct),
    conflict: (groups.get(groupKey(r)) ?? 0) > 1,
    sources: sources
      .filter((s) => s.reported_id === r.id)
      .map((s) => {
        const c = (s.citation ?? {}) as Partial<Citation>;
        return {
          fact_id: s.fact_id,
          document_id: s.document_id,
          title: s.document_title ?? c.title ?? null,
          url: s.document_url ?? c.url ?? null,
          publisher: s.publisher ?? c.publisher ?? null,
          published: s.published ?? c.published ?? null,
          quote: s.quote,
          span:
            s.span_start === null || s.span_end === null
              ? null
              : ([s.span_start, s.span_end] as [number, number]),
        };
      }),
  }));
}

export interface Target {
  id: number;
  scope: TradeScope;
  flow: string;
  from: string | null;
  to: string | null;
  value: number;
  currency: string;
  bound: string;
  by: string | null;
  horizon: string | null;
  stated_on: string;
  reporter: string | null;
  source: Record<string, unknown>;
  fact_id: number | null;
  version: number;
}

export async function listTargetRecords(db: Kysely<DB>, scope?: string): Promise<Target[]> {
  const rows = await new TradeRepository(db).listTargets(scope);
  return rows.map(toTarget);
}
