// Hand-worked examples: each expected figure was computed by hand (or with a pocket calculator).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  combineSeries,
  computeProgress,
  projectedYear,
  requiredCagr,
  targetYear,
  trendCagr,
} from './progress.js';

const official = (pairs: [number, number][]) =>
  pairs.map(([year, value]) => ({ year, value, kind: 'official' as const }));

describe('targetYear', () => {
  it('takes by, else the stated year plus 3, 5 or 10', () => {
    expect(targetYear(2030, 'medium', '2024-07-12')).toBe(2030);
    expect(targetYear(null, 'short', '2024-07-12')).toBe(2027);
    expect(targetYear(null, 'medium', '2024-07-12')).toBe(2029);
    expect(targetYear(null, 'long', '2024-07-12')).toBe(2034);
    expect(targetYear(null, null, '2024-07-12')).toBeNull();
  });
});

describe('requiredCagr', () => {
  it('doubles in 5 years at 2^(1/5) − 1 = 14.87%', () => {
    expect(requiredCagr(5, 10, 5)).toBeCloseTo(0.148698, 6);
  });
  it('is null when the target year is not after the latest year', () => {
    expect(requiredCagr(5, 10, 0)).toBeNull();
    expect(requiredCagr(5, 10, -2)).toBeNull();
  });
});

describe('trendCagr', () => {
  it('finds exactly 10% in 100, 110, 121', () => {
    expect(
      trendCagr([
        { year: 2021, value: 100 },
        { year: 2022, value: 110 },
        { year: 2023, value: 121 },
      ]),
    ).toBeCloseTo(0.1, 10);
  });

  it('uses only the last five years', () => {
    const series = [
      { year: 2015, value: 1000 },
      { year: 2019, value: 100 },
      { year: 2020, value: 110 },
      { year: 2021, value: 121 },
      { year: 2022, value: 133.1 },
      { year: 2023, value: 146.41 },
    ];
    expect(trendCagr(series)).toBeCloseTo(0.1, 10);
  });

  it('fits a least-squares line to ln(value): 100, 120, 120 gives 9.54%', () => {
    // slope = [(-1)(ln100 − m) + (1)(ln120 − m)] / 2 = (ln120 − ln100)/2 = 0.091161; exp − 1 = 0.095445
    expect(
      trendCagr([
        { year: 2021, value: 100 },
        { year: 2022, value: 120 },
        { year: 2023, value: 120 },
      ]),
    ).toBeCloseTo(0.095445, 5);
  });

  it('needs three years', () => {
    expect(
      trendCagr([
        { year: 2022, value: 1 },
        { year: 2023, value: 2 },
      ]),
    ).toBeNull();
  });

  it('recovers any constant growth rate (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.5, max: 2, noNaN: true }),
        fc.integer({ min: 3, max: 8 }),
        (rate, n) => {
          const series = Array.from({ length: n }, (_, i) => ({
            year: 2010 + i,
            value: 1e9 * (1 + rate) ** i,
          }));
          expect(trendCagr(series)).toBeCloseTo(rate, 8);
        },
      ),
    );
  });
});

describe('projectedYear', () => {
  it('counts the years the trend needs: 121 → 200 at 10% takes ln(200/121)/ln(1.1) = 5.27, so 6 years', () => {
    expect(projectedYear(2023, 121, 200, 0.1)).toBe(2029);
  });
  it('gives the latest year when reached, and null for a trend that does not grow', () => {
    expect(projectedYear(2023, 250, 200, 0.1)).toBe(2023);
    expect(projectedYear(2023, 121, 200, 0)).toBeNull();
    expect(projectedYear(2023, 121, 200, -0.05)).toBeNull();
  });
  it('does not round an exact hit up a year', () => {
    expect(projectedYear(2021, 100, 121, 0.1)).toBe(2023);
  });
});

describe('computeProgress', () => {
  const target = { value: 200, by: 2030, horizon: null, statedOn: '2024-01-01' };

  it('is on track when the trend beats the required growth', () => {
    // required = (200/121)^(1/7) − 1 = 7.443%; trend 10%
    const r = computeProgress(
      official([
        [2021, 100],
        [2022, 110],
        [2023, 121],
      ]),
      target,
    );
    expect(r.latest).toEqual({ year: 2023, value: 121, kind: 'official' });
    expect(r.progress).toBeCloseTo(0.605, 10);
    expect(r.required_cagr).toBeCloseTo(0.074429, 5);
    expect(r.trend_cagr).toBeCloseTo(0.1, 10);
    expect(r.projected_year).toBe(2029);
    expect(r.status).toBe('on_track');
  });

  it('is at risk when the trend is at least half the required growth', () => {
    // required = (200/121)^(1/7) − 1 = 7.44%; trend 5% ≥ 3.72%
    const r = computeProgress(
      official([
        [2021, 121 / 1.05 ** 2],
        [2022, 121 / 1.05],
        [2023, 121],
      ]),
      target,
    );
    expect(r.trend_cagr).toBeCloseTo(0.05, 8);
    expect(r.status).toBe('at_risk');
  });

  it('is off track when the trend is below half the required growth', () => {
    const r = computeProgress(
      official([
        [2021, 121 / 1.02 ** 2],
        [2022, 121 / 1.02],
        [2023, 121],
      ]),
      target,
    );
    expect(r.status).toBe('off_track');
  });

  it('is achieved when the latest value reaches the target', () => {
    expect(computeProgress(official([[2023, 250]]), target).status).toBe('achieved');
  });

  it('is unknown with fewer than three years, but still shows progress', () => {
    const r = computeProgress(
      official([
        [2022, 100],
        [2023, 150],
      ]),
      target,
    );
    expect(r).toMatchObject({ status: 'unknown', progress: 0.75, trend_cagr: null });
  });

  it('counts a horizon from the year the target was stated', () => {
    const r = computeProgress(
      official([
        [2021, 100],
        [2022, 110],
        [2023, 121],
      ]),
      { value: 200, by: null, horizon: 'medium', statedOn: '2024-07-12' },
    );
    expect(r.target_year).toBe(2029);
    // (200/121)^(1/6) − 1 = 8.736%
    expect(r.required_cagr).toBeCloseTo(0.087362, 5);
  });

  it('is off track when the year has passed unreached', () => {
    const r = computeProgress(
      official([
        [2021, 100],
        [2022, 110],
        [2023, 121],
      ]),
      { value: 200, by: 2023, horizon: null, statedOn: '2019-01-01' },
    );
    expect(r.status).toBe('off_track');
    expect(r.required_cagr).toBeNull();
  });

  it('has nothing to say without data', () => {
    expect(computeProgress([], target)).toMatchObject({ latest: null, progress: null, status: 'unknown' });
  });
});

describe('combineSeries', () => {
  it('takes official values where a year has them, else reported', () => {
    const s = combineSeries(
      [{ year: 2022, value: 10 }],
      [
        { year: 2022, value: 11 },
        { year: 2023, value: 12 },
      ],
    );
    expect(s).toEqual([
      { year: 2022, value: 10, kind: 'official' },
      { year: 2023, value: 12, kind: 'reported' },
    ]);
  });
});
