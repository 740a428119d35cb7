import { describe, expect, it } from 'vitest';
import { generateTradeRows } from './generate.js';

describe('generateTradeRows', () => {
  it('yields exactly the rows asked for, the same for the same seed', () => {
    for (const n of [1, 2, 1000, 54321]) expect([...generateTradeRows(n, 5)].length).toBe(n);
    expect([...generateTradeRows(500, 9)]).toEqual([...generateTradeRows(500, 9)]);
    expect([...generateTradeRows(500, 9)]).not.toEqual([...generateTradeRows(500, 10)]);
  });

  it('has HS-6 detail that adds up to each TOTAL row', () => {
    const sums = new Map<string, { total: number; detail: number }>();
    let current = '';
    for (const line of generateTradeRows(20_000, 1)) {
      const [period, reporter, partner, flow, cmd, value] = line.split(',');
      if (cmd === 'TOTAL') {
        current = `${period}|${reporter}|${partner}|${flow}`;
        sums.set(current, { total: Number(value), detail: 0 });
      } else {
        expect(cmd).toMatch(/^\d{6}$/);
        sums.get(current)!.detail += Number(value);
      }
    }
    for (const { total, detail } of sums.values()) if (detail > 0) expect(detail).toBeCloseTo(total, 1);
  });

  it('reaches the millions of rows the benchmarks need', () => {
    let n = 0;
    const periods = new Set<string>();
    for (const line of generateTradeRows(3_000_000, 2)) {
      n++;
      if (n % 1000 === 0) periods.add(line.slice(0, line.indexOf(',')));
    }
    expect(n).toBe(3_000_000);
    expect(periods.size).toBeGreaterThan(12);
  });
});
