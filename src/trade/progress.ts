// Progress toward a target, exactly as trade.md defines it: latest complete year, progress, required and
// trend growth, the year the trend reaches the target, and a status. Pure functions, no I/O.

export interface YearValue {
  year: number;
  value: number;
}

export type Horizon = 'short' | 'medium' | 'long';
export type Status = 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'unknown';

/** Years a horizon adds to the year a target was stated in. */
export const HORIZON_YEARS: Readonly<Record<Horizon, number>> = { short: 3, medium: 5, long: 10 };

/** The year a target is due: its `by`, else the year it was stated plus its horizon, else null. */
export function targetYear(by: number | null, horizon: Horizon | null, statedOn: string): number | null {
  if (by !== null) return by;
  if (horizon === null) return null;
  return Number(statedOn.slice(0, 4)) + HORIZON_YEARS[horizon];
}

/** (target / v0)^(1 / years) − 1; null when the target year is not after y0 or a value is not positive. */
export function requiredCagr(v0: number, target: number, years: number): number | null {
  if (years <= 0 || v0 <= 0 || target <= 0) return null;
  return (target / v0) ** (1 / years) - 1;
}

/**
 * The compound annual growth fitted by least squares to ln(value) over the last five years of the
 * series (at least three): exp(slope) − 1. Null with fewer than three positive years.
 */
export function trendCagr(series: YearValue[]): number | null {
  const last = [...series]
    .filter((p) => p.value > 0)
    .sort((a, b) => a.year - b.year)
    .slice(-5);
  if (last.length < 3) return null;
  const n = last.length;
  const mx = last.reduce((s, p) => s + p.year, 0) / n;
  const my = last.reduce((s, p) => s + Math.log(p.value), 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of last) {
    sxy += (p.year - mx) * (Math.log(p.value) - my);
    sxx += (p.year - mx) ** 2;
  }
  return Math.exp(sxy / sxx) - 1;
}

/**
 * The first year in which the latest value, growing at the trend, reaches the target: y0 when already
 * reached, null when the trend does not grow.
 */
export function projectedYear(y0: number, v0: number, target: number, trend: number | null): number | null {
  if (v0 >= target) return y0;
  if (trend === null || trend <= 0 || v0 <= 0) return null;
  // A tiny tolerance keeps an exact hit (100 → 121 at 10%) from rounding up a year.
  return y0 + Math.ceil(Math.log(target / v0) / Math.log(1 + trend) - 1e-9);
}

export interface Latest {
  year: number;
  value: number;
  kind: 'official' | 'reported';
}

export interface ProgressResult {
  latest: Latest | null;
  target_year: number | null;
  progress: number | null;
  required_cagr: number | null;
  trend_cagr: number | null;
  projected_year: number | null;
  status: Status;
}

/**
 * Joins official and reported full-year values: official where a year has it, else reported. Partial
 * years never enter (the caller passes only complete calendar years).
 */
export function combineSeries(
  official: YearValue[],
  reported: YearValue[],
): (YearValue & { kind: 'official' | 'reported' })[] {
  const byYear = new Map<number, YearValue & { kind: 'official' | 'reported' }>();
  for (const r of reported) if (!byYear.has(r.year)) byYear.set(r.year, { ...r, kind: 'reported' });
  for (const o of official) byYear.set(o.year, { ...o, kind: 'official' });
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/** Progress of a target over a series of complete years. */
export function computeProgress(
  series: (YearValue & { kind: 'official' | 'reported' })[],
  target: { value: number; by: number | null; horizon: Horizon | null; statedOn: string },
): ProgressResult {
  const dueYear = targetYear(target.by, target.horizon, target.statedOn);
  const last = series.at(-1);
  if (!last) {
    return {
      latest: null,
      target_year: dueYear,
      progress: null,
      required_cagr: null,
      trend_cagr: null,
      projected_year: null,
      status: 'unknown',
    };
  }
  const latest: Latest = { year: last.year, value: last.value, kind: last.kind };
  const progress = last.value / target.value;
  const trend = trendCagr(series);
  const required = dueYear === null ? null : requiredCagr(last.value, target.value, dueYear - last.year);
  const projected = projectedYear(last.year, last.value, target.value, trend);
  let status: Status;
  if (last.value >= target.value) status = 'achieved';
  else if (series.filter((p) => p.value > 0).length < 3 || trend === null) status = 'unknown';
  else if (dueYear !== null && dueYear <= last.year) status = 'off_track';
  else if (required === null) status = 'unknown';
  else if (trend >= required) status = 'on_track';
  else if (trend >= required / 2) status = 'at_risk';
  else status = 'off_track';
  return {
    latest,
    target_year: dueYear,
    progress,
    required_cagr: required,
    trend_cagr: trend,
    projected_year: projected,
    status,
  };
}
