// The trade monitor: a pair's series (official by reporter side and the pair's value, reported figures
// with their sources and conflicts), a pair's summary, a bloc's mutual trade, targets with progress.
import type { Kysely } from 'kysely';
import type { DB } from '../db/index.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { getBloc, getCountry, HS_CHAPTERS } from '../reference/index.js';
import { OfficialRepository } from './official-repository.js';
import {
  combineSeries,
  computeProgress,
  type Horizon,
  type ProgressResult,
  trendCagr,
  type YearValue,
} from './progress.js';
import {
  listReported,
  listTargetRecords,
  type ReportedObservation,
  scopeKey,
  type Target,
} from './reported.js';
import { type PairSeries, pairSeries, type TotalPoint } from './series.js';

type Flow = 'turnover' | 'exports';

function toPoints(
  rows: {
    dataset: string;
    reporter: string;
    partner: string;
    flow: string;
    year: number;
    month: number;
    value: string;
  }[],
): TotalPoint[] {
  return rows.map((r) => ({ ...r, value: Number(r.value) }));
}

function isFullYear(r: ReportedObservation): boolean {
  return (
    r.period.from.endsWith('-01') &&
    r.period.to.endsWith('-12') &&
    r.period.from.slice(0, 4) === r.period.to.slice(0, 4)
  );
}

/** Reported full-year values of a scope and flow: where figures conflict, the one with the most sources. */
export function reportedYears(reported: ReportedObservation[], flow: Flow, exporter?: string): YearValue[] {
  const byYear = new Map<number, ReportedObservation>();
  for (const r of reported) {
    if (r.flow !== flow || !isFullYear(r) || r.currency !== 'USD') continue;
    if (flow === 'exports' && r.from !== exporter) continue;
    const year = Number(r.period.from.slice(0, 4));
    const held = byYear.get(year);
    if (!held || r.sources.length > held.sources.length) byYear.set(year, r);
  }
  return [...byYear.entries()].sort((a, b) => a[0] - b[0]).map(([year, r]) => ({ year, value: r.value }));
}

export interface TradeQuery {
  countries: [string, string];
  flow?: Flow;
  from?: number;
  to?: number;
  byHs2?: boolean;
}

export interface TradeSeries {
  scope: { countries: string[] };
  flow: Flow;
  exporter: string | null;
  official: PairSeries;
  reported: ReportedObservation[];
  conflicts: ReportedObservation[];
  chapters: { chapter: string; title: string; years: YearValue[] }[] | null;
}

export async function checkCountry(db: Kysely<DB>, code: string): Promise<string> {
  try {
    return (await getCountry(db, code)).code;
  } catch {
    throw new ValidationError(`unknown country ${code}`, [
      { field: 'countries', value: code, reason: 'not an ISO 3166-1 code' },
    ]);
  }
}

/** A pair's series: official by reporter side and the pair's value, reported figures with sources, conflicts. */
export async function tradeSeries(db: Kysely<DB>, query: TradeQuery): Promise<TradeSeries> {
  const a = await checkCountry(db, query.countries[0]);
  const b = await checkCountry(db, query.countries[1]);
  if (a === b)
    throw new ValidationError('a pair needs two different countries', [
      { field: 'countries', value: a, reason: 'the same country twice' },
    ]);
  const flow = query.flow ?? 'turnover';
  const exporter = flow === 'exports' ? a : undefined;
  const repo = new OfficialRepository(db);
  const official = pairSeries(toPoints(await repo.pairTotals(a, b)), a, b, {
    flow,
    exporter,
    from: query.from,
    to: query.to,
  });
  const inRange = (r: ReportedObservation) => {
    const y1 = Number(r.period.from.slice(0, 4));
    const y2 = Number(r.period.to.slice(0, 4));
    return (query.from === undefined || y2 >= query.from) && (query.to === undefined || y1 <= query.to);
  };
  const reported = (await listReported(db, scopeKey({ countries: [a, b] }))).filter(
    (r) => r.flow === flow && (flow !== 'exports' || r.from === exporter) && inRange(r),
  );
  let chapters: TradeSeries['chapters'] = null;
  if (query.byHs2) {
    const years = official.pair.map((p) => p.year);
    const byChapter = new Map<string, Map<number, { sum: number; sides: Set<string> }>>();
    for (const year of years) {
      for (const row of await repo.pairChapters(a, b, year)) {
        if (
          flow === 'exports' &&
          !((row.reporter === a && row.flow === 'X') || (row.reporter === b && row.flow === 'M'))
        )
          continue;
        let perYear = byChapter.get(row.chapter);
        if (!perYear) {
          perYear = new Map();
          byChapter.set(row.chapter, perYear);
        }
        const cell = perYear.get(year) ?? { sum: 0, sides: new Set<string>() };
        cell.sum += Number(row.value);
        cell.sides.add(row.reporter);
        perYear.set(year, cell);
      }
    }
    chapters = [...byChapter.entries()]
      .sort((x, y) => x[0].localeCompare(y[0]))
      .map(([chapter, perYear]) => ({
        chapter,
        title: HS_CHAPTERS[chapter] ?? chapter,
        // Both reporters' figures are averaged, as for the pair's value.
        years: [...perYear.entries()]
          .sort((x, y) => x[0] - y[0])
          .map(([year, c]) => ({ year, value: c.sum / c.sides.size })),
      }));
  }
  return {
    scope: { countries: [a, b].sort() },
    flow,
    exporter: exporter ?? null,
    official,
    reported,
    conflicts: reported.filter((r) => r.conflict),
    chapters,
  };
}

export interface TargetWithProgress extends Target, ProgressResult {}

/** What one answer reads at most once, however many of its parts need it: a pair's totals, a scope's figures. */
class Reads {
  private readonly totals = new Map<string, Promise<TotalPoint[]>>();
  private readonly figures = new Map<string, Promise<ReportedObservation[]>>();
  constructor(readonly db: Kysely<DB>) {}

  pairTotals(a: string, b: string): Promise<TotalPoint[]> {
    const key = [a, b].sort().join('-');
    let read = this.totals.get(key);
    if (!read) {
      read = new OfficialRepository(this.db).pairTotals(a, b).then(toPoints);
      this.totals.set(key, read);
    }
    return read;
  }

  reported(scope: string): Promise<ReportedObservation[]> {
    let read = this.figures.get(scope);
    if (!read) {
      read = listReported(this.db, scope);
      this.figures.set(scope, read);
    }
    return read;
  }
}

async function seriesForTarget(
  reads: Reads,
  target: Target,
): Promise<(YearValue & { kind: 'official' | 'reported' })[]> {
  const reported = await reads.reported(scopeKey(target.scope));
  const flow = target.flow as Flow;
  const reportedSeries = reportedYears(reported, flow, target.from ?? undefined);
  if ('group' in target.scope) {
    const bloc = await blocTrade(reads.db, target.scope.group);
    return combineSeries(
      bloc.years.map((y) => ({ year: y.year, value: y.value })),
      reportedSeries,
    );
  }
  const [a, b] = target.scope.countries as [string, string];
  const official = pairSeries(await reads.pairTotals(a, b), a, b, {
    flow,
    exporter: target.from ?? undefined,
  });
  const officialYears = target.reporter ? (official.sides[target.reporter] ?? []) : official.pair;
  return combineSeries(
    officialYears.map((p) => ({ year: p.year, value: p.value })),
    reportedSeries,
  );
}

/** Targets (a scope's or all) with their progress as trade.md defines it. */
export async function targetsWithProgress(
  db: Kysely<DB>,
  scope?: string,
  reads = new Reads(db),
): Promise<TargetWithProgress[]> {
  const targets = await listTargetRecords(db, scope);
  const out: TargetWithProgress[] = [];
  // Targets of one scope share their series: read it once per scope, flow, exporter and reporter.
  const seriesOf = new Map<string, Promise<(YearValue & { kind: 'official' | 'reported' })[]>>();
  for (const target of targets) {
    const key = [scopeKey(target.scope), target.flow, target.from, target.reporter].join('|');
    if (!seriesOf.has(key)) seriesOf.set(key, seriesForTarget(reads, target));
    const series = await seriesOf.get(key)!;
    const progress = computeProgress(series, {
      value: target.value,
      by: target.by ? Number(target.by) : null,
      horizon: target.horizon as Horizon | null,
      statedOn: target.stated_on,
    });
    out.push({ ...target, ...progress });
  }
  return out;
}

export interface PairSummary {
  pair: string[];
  names: Record<string, string>;
  latest: { year: number; value: number; kind: 'official' | 'reported' } | null;
  trend_cagr: number | null;
  series: (YearValue & { kind: 'official' | 'reported' })[];
  partial: PairSeries['partial'];
  targets: TargetWithProgress[];
  top_chapters: { chapter: string; title: string; value: number; share: number }[];
  top_chapters_year: number | null;
}

/** A pair at a glance: the latest value and trend, its targets with progress, its main HS chapters. */
export async function pairSummary(db: Kysely<DB>, a: string, b: string): Promise<PairSummary> {
  const ca = await getCountry(db, a).catch(() => undefined);
  const cb = await getCountry(db, b).catch(() => undefined);
  if (!ca || !cb) throw new NotFoundError(`no pair ${a}-${b}: both must be countries`);
  const [x, y] = [ca.code, cb.code].sort() as [string, string];
  const repo = new OfficialRepository(db);
  const reads = new Reads(db);
  const official = pairSeries(await reads.pairTotals(x, y), x, y, { flow: 'turnover' });
  const reported = await reads.reported(scopeKey({ countries: [x, y] }));
  const series = combineSeries(official.pair, reportedYears(reported, 'turnover'));
  const last = series.at(-1);
  const chapterYear = (await repo.latestChapterYear(x, y)) ?? null;
  let top: PairSummary['top_chapters'] = [];
  if (chapterYear !== null) {
    // When every reporter–flow of that year has its annual total, the year's months need not be read.
    const totals = await reads.pairTotals(x, y);
    const sides = (month: (m: number) => boolean) =>
      new Set(
        totals
          .filter((p) => p.year === chapterYear && month(p.month))
          .map((p) => `${p.dataset}|${p.reporter}|${p.flow}`),
      );
    const annual = sides((m) => m === 0);
    const annualOnly = [...sides((m) => m > 0)].every((s) => annual.has(s));
    const perChapter = new Map<string, { sum: number; sides: Set<string> }>();
    for (const row of await repo.pairChapters(x, y, chapterYear, { annualOnly })) {
      const cell = perChapter.get(row.chapter) ?? { sum: 0, sides: new Set<string>() };
      cell.sum += Number(row.value);
      cell.sides.add(row.reporter);
      perChapter.set(row.chapter, cell);
    }
    const values = [...perChapter.entries()].map(([chapter, c]) => ({
      chapter,
      value: c.sum / c.sides.size,
    }));
    const total = values.reduce((s, v) => s + v.value, 0);
    top = values
      .sort((p, q) => q.value - p.value || p.chapter.localeCompare(q.chapter))
      .slice(0, 10)
      .map((v) => ({
        chapter: v.chapter,
        title: HS_CHAPTERS[v.chapter] ?? v.chapter,
        value: v.value,
        share: total > 0 ? v.value / total : 0,
      }));
  }
  return {
    pair: [x, y],
    names: { [x]: (x === ca.code ? ca : cb).names.en ?? x, [y]: (y === ca.code ? ca : cb).names.en ?? y },
    latest: last ? { year: last.year, value: last.value, kind: last.kind } : null,
    trend_cagr: trendCagr(series),
    series,
    partial: official.partial,
    targets: await targetsWithProgress(db, scopeKey({ countries: [x, y] }), reads),
    top_chapters: top,
    top_chapters_year: chapterYear,
  };
}

export interface BlocTrade {
  bloc: string;
  years: { year: number; value: number; pairs: number; members: string[] }[];
  reported: ReportedObservation[];
}

/**
 * A bloc's mutual trade: each year, the sum of the official values of the pairs of its members on
 * 1 July of that year (membership as of each year).
 */
export async function blocTrade(
  db: Kysely<DB>,
  code: string,
  range: { from?: number; to?: number } = {},
): Promise<BlocTrade> {
  const bloc = await getBloc(db, code);
  const everMembers = [...new Set(bloc.history.map((m) => m.country))].sort();
  const points = toPoints(await new OfficialRepository(db).totalsAmong(everMembers));
  const years = [...new Set(points.map((p) => p.year))]
    .sort((x, y) => x - y)
    .filter(
      (y) => (range.from === undefined || y >= range.from) && (range.to === undefined || y <= range.to),
    );
  // Each pair's series once, then each year sums the pairs of the members of that year (from the history, in memory).
  const pairValues = new Map<string, Map<number, number>>();
  for (let i = 0; i < everMembers.length; i++) {
    for (let j = i + 1; j < everMembers.length; j++) {
      const s = pairSeries(points, everMembers[i]!, everMembers[j]!, { flow: 'turnover' });
      pairValues.set(`${everMembers[i]}-${everMembers[j]}`, new Map(s.pair.map((p) => [p.year, p.value])));
    }
  }
  const out: BlocTrade['years'] = [];
  for (const year of years) {
    const on = `${year}-07-01`;
    const members = [
      ...new Set(
        bloc.history.filter((m) => m.from <= on && (m.until === null || on < m.until)).map((m) => m.country),
      ),
    ].sort();
    let value = 0;
    let pairs = 0;
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const v = pairValues.get(`${members[i]}-${members[j]}`)?.get(year);
        if (v !== undefined) {
          value += v;
          pairs++;
        }
      }
    }
    if (pairs > 0) out.push({ year, value, pairs, members });
  }
  return { bloc: bloc.code, years: out, reported: await listReported(db, bloc.code) };
}
