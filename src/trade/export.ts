// A trade series as CSV or XLSX: one row per year and source (each reporter side, the pair, each reported figure).
import ExcelJS from 'exceljs';
import type { TradeSeries } from './monitor.js';

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = String(value);
  // Quote fields with separators, quotes or line breaks; neutralize spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const HEADER = [
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
];

/** The rows of a series, header first. */
function seriesRows(series: TradeSeries): unknown[][] {
  const rows: unknown[][] = [HEADER];
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
  return rows;
}

export function seriesCsv(series: TradeSeries): string {
  return `${seriesRows(series)
    .map((r) => r.map(cell).join(','))
    .join('\r\n')}\r\n`;
}

/** The same rows as a workbook of one sheet, values as numbers. */
export async function seriesXlsx(series: TradeSeries): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Keruen';
  const sheet = workbook.addWorksheet(`trade ${series.scope.countries.join('-')}`);
  for (const row of seriesRows(series)) sheet.addRow(row.map((v) => (v === undefined ? null : v)));
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn(7).numFmt = '#,##0';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
