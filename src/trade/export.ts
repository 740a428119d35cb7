// A trade series as CSV: one row per year and source (each reporter side, the pair, each reported figure).
import type { TradeSeries } from './monitor.js';

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Quote fields with separators, quotes or line breaks; neutralize spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function seriesCsv(series: TradeSeries): string {
  const rows: unknown[][] = [
    [
      'scope',
      'flow',
      'kind',
      'reporter',
      'period_from',
      'period_to',
      'value',
      'currency',
      'bound',
      'conflict',
      'source',
    ],
  ];
  const scope = series.scope.countries.join('-');
  for (const [reporter, points] of Object.entries(series.official.sides)) {
    for (const p of points)
      rows.push([
        scope,
        series.flow,
        'official_side',
        reporter,
        `${p.year}-01`,
        `${p.year}-12`,
        p.value,
        'USD',
        'exact',
        '',
        `${reporter} statistics`,
      ]);
  }
  for (const p of series.official.pair) {
    rows.push([
      scope,
      series.flow,
      'official_pair',
      p.sides.join('+'),
      `${p.year}-01`,
      `${p.year}-12`,
      p.value,
      'USD',
      'exact',
      '',
      p.sides.length > 1 ? 'mean of both sides' : `${p.sides[0]} statistics`,
    ]);
  }
  for (const r of series.reported) {
    const source = r.sources
      .map((s) => [s.publisher, s.published, s.url].filter(Boolean).join(' '))
      .join('; ');
    rows.push([
      scope,
      series.flow,
      'reported',
      '',
      r.period.from,
      r.period.to,
      r.value,
      r.currency,
      r.bound,
      r.conflict ? 'yes' : '',
      source,
    ]);
  }
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
