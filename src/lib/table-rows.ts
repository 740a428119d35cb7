// Rows of a table file, CSV or the first sheet of an XLSX workbook, streamed by batches and keyed by the
// header's names: what every import reads, whatever the file's format.
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ValidationError } from '../errors.js';
import { type CsvSource, readCsvBatches } from './csv.js';

export interface TableRow {
  line: number;
  values: Record<string, string>;
  /** Set when the row is not well-formed (CSV quoting); its values are a best guess. */
  problem?: string;
}

export interface RowBatch {
  rows: TableRow[];
}

export type TableFormat = 'csv' | 'xlsx';

/** The format a file's name says (a workbook by its .xlsx extension, else CSV). */
export function formatOfName(name: string): TableFormat {
  return /\.xlsx$/i.test(name) ? 'xlsx' : 'csv';
}

/**
 * Reads a table by batches. The header must name every column of `required`, or the whole file is
 * refused with a ValidationError. `onBytes` reports the bytes of a CSV read so far.
 */
export function tableRows(
  source: CsvSource,
  options: { format: TableFormat; required: readonly string[]; onBytes?: (bytes: number) => void },
): AsyncGenerator<RowBatch> {
  return options.format === 'xlsx'
    ? xlsxRows(source.stream, options.required)
    : csvRows(source, options.required, options.onBytes);
}

/** Rows of a CSV file, by batches, keyed by the header's names. */
async function* csvRows(
  source: CsvSource,
  required: readonly string[],
  onBytes?: (bytes: number) => void,
): AsyncGenerator<RowBatch> {
  for await (const batch of readCsvBatches(source, { required, onBytes })) {
    yield {
      rows: batch.rows.map((row) => {
        const values: Record<string, string> = {};
        batch.columns.forEach((name, i) => {
          values[name] = row.fields[i] ?? '';
        });
        return row.problem ? { line: row.line, values, problem: row.problem } : { line: row.line, values };
      }),
    };
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value);
}

/** Rows of the first sheet of a workbook, streamed; the first row is the header. */
async function* xlsxRows(stream: Readable, required: readonly string[]): AsyncGenerator<RowBatch> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
  });
  let header: string[] | undefined;
  for await (const sheet of reader) {
    let batch: RowBatch = { rows: [] };
    for await (const row of sheet) {
      const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
      if (!header) {
        header = cells.map((c) => c.trim());
        const missing = required.filter((c) => !header!.includes(c));
        if (missing.length > 0)
          throw new ValidationError(`the header lacks required column(s): ${missing.join(', ')}`, [
            ...missing.map((c) => ({ line: 1, field: c, reason: 'required column missing from the header' })),
          ]);
        continue;
      }
      if (cells.every((c) => c === '')) continue;
      const values: Record<string, string> = {};
      header.forEach((name, i) => {
        values[name] = cells[i] ?? '';
      });
      batch.rows.push({ line: row.number, values });
      if (batch.rows.length >= 5000) {
        yield batch;
        batch = { rows: [] };
      }
    }
    if (batch.rows.length > 0) yield batch;
    break; // the first sheet only
  }
  if (!header)
    throw new ValidationError('the workbook is empty: it has no header row', [
      { line: 1, field: 'file', reason: 'no header row' },
    ]);
}
