// Building yearly series from stored totals (pure): each reporter's side of a pair, the pair's official
// value (the mean of both sides where both report), and partial years set against the same months a
// year earlier. Partial years never count as years.

export interface TotalPoint {
  dataset: string;
  reporter: string;
  partner: string;
  flow: string;
  year: number;
  month: number;
  value: number;
}

export interface YearPoint {
  year: number;
  value: number;
}

export interface PairYear extends YearPoint {
  /** The reporters whose statistics gave the value (both: their mean). */
  sides: string[];
}

export interface PartialYear {
  reporter: string;
  year: number;
  months: { from: string; to: string };
  value: number;
  /** The same months of the year before, when reported. */
  previous: number | null;
  change_pct: number | null;
}

export interface PairSeries {
  sides: Record<string, YearPoint[]>;
  pair: PairYear[];
  partial: PartialYear[];
}

type Flow = 'turnover' | 'exports';

/** Annual and monthly values of one reporter–partner–flow, one dataset per year (the first by name). */
function flowValues(points: TotalPoint[]): {
  annual: Map<number, number>;
  monthly: Map<number, Map<number, number>>;
} {
  const annual = new Map<number, number>();
  const monthly = new Map<number, Map<number, number>>();
  const datasetOfYear = new Map<number, string>();
  const sorted = [...points].sort((a, b) => a.dataset.localeCompare(b.dataset));
  for (const p of sorted) {
    const chosen = datasetOfYear.get(p.year);
    if (chosen !== undefined && chosen !== p.dataset) continue;
    datasetOfYear.set(p.year, p.dataset);
    if (p.month === 0) annual.set(p.year, p.value);
    else {
      let months = monthly.get(p.year);
      if (!months) {
        months = new Map();
        monthly.set(p.year, months);
      }
      months.set(p.month, p.value);
    }
  }
  // A year of twelve months is a complete year.
  for (const [year, months] of monthly) {
    if (!annual.has(year) && months.size === 12)
      annual.set(
        year,
        [...months.values()].reduce((s, v) => s + v, 0),
      );
  }
  return { annual, monthly };
}

function ym(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/**
 * One reporter's side of a pair: turnover = its exports to the partner + its imports from it; for exports
 * from A to B, A's exports to B, or B's imports from A (mirror statistics).
 */
function side(
  points: TotalPoint[],
  reporter: string,
  partner: string,
  flow: Flow,
  exporter: string | undefined,
): { annual: Map<number, number>; monthly: Map<number, Map<number, number>> } {
  const of = (f: string) =>
    flowValues(points.filter((p) => p.reporter === reporter && p.partner === partner && p.flow === f));
  if (flow === 'exports') return of(reporter === exporter ? 'X' : 'M');
  const x = of('X');
  const m = of('M');
  const annual = new Map<number, number>();
  for (const [year, value] of x.annual) {
    const imports = m.annual.get(year);
    if (imports !== undefined) annual.set(year, value + imports);
  }
  const monthly = new Map<number, Map<number, number>>();
  for (const [year, months] of x.monthly) {
    const other = m.monthly.get(year);
    if (!other) continue;
    const both = new Map<number, number>();
    for (const [month, value] of months) {
      const imports = other.get(month);
      if (imports !== undefined) both.set(month, value + imports);
    }
    if (both.size > 0) monthly.set(year, both);
  }
  return { annual, monthly };
}

/** The series of a pair from the totals of both reporters, within [from, to] years when given. */
export function pairSeries(
  points: TotalPoint[],
  a: string,
  b: string,
  options: { flow: Flow; exporter?: string; from?: number; to?: number },
): PairSeries {
  const inRange = (year: number) =>
    (options.from === undefined || year >= options.from) && (options.to === undefined || year <= options.to);
  const sides: Record<string, YearPoint[]> = {};
  const partial: PartialYear[] = [];
  const annualBySide = new Map<string, Map<number, number>>();
  for (const [reporter, partner] of [
    [a, b],
    [b, a],
  ] as const) {
    const s = side(points, reporter, partner, options.flow, options.exporter);
    annualBySide.set(reporter, s.annual);
    sides[reporter] = [...s.annual.entries()]
      .filter(([year]) => inRange(year))
      .sort((x, y) => x[0] - y[0])
      .map(([year, value]) => ({ year, value }));
    // The latest partial year: the months from January on, against the same months a year earlier.
    const partialYears = [...s.monthly.keys()]
      .filter((year) => !s.annual.has(year) && inRange(year))
      .sort((x, y) => y - x);
    const year = partialYears[0];
    if (year !== undefined) {
      const months = s.monthly.get(year)!;
      let last = 0;
      while (months.has(last + 1)) last++;
      if (last > 0) {
        const value = sumMonths(months, last);
        const before = s.monthly.get(year - 1);
        const previous = before && hasMonths(before, last) ? sumMonths(before, last) : null;
        partial.push({
          reporter,
          year,
          months: { from: ym(year, 1), to: ym(year, last) },
          value,
          previous,
          change_pct: previous ? ((value - previous) / previous) * 100 : null,
        });
      }
    }
  }
  const years = new Set<number>();
  for (const annual of annualBySide.values())
    for (const year of annual.keys()) if (inRange(year)) years.add(year);
  const pair = [...years]
    .sort((x, y) => x - y)
    .map((year) => {
      const values = [a, b].flatMap((r) => {
        const v = annualBySide.get(r)?.get(year);
        return v === undefined ? [] : [{ r, v }];
      });
      return {
        year,
        value: values.reduce((s, x) => s + x.v, 0) / values.length,
        sides: values.map((x) => x.r),
      };
    });
  return { sides, pair, partial };
}

function sumMonths(months: Map<number, number>, last: number): number {
  let total = 0;
  for (let m = 1; m <= last; m++) total += months.get(m) ?? 0;
  return total;
}

function hasMonths(months: Map<number, number>, last: number): boolean {
  for (let m = 1; m <= last; m++) if (!months.has(m)) return false;
  return true;
}
