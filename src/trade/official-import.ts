// `keruen import trade FILE.csv`: official statistics in the Comtrade-like layout of trade.md, streamed in
// chunks (constant memory), idempotent by each row's natural key, bad rows reported by line and reason.
import type { Database } from '../db/index.js';
import {
  ChunkWriter,
  type CsvSource,
  countChunk,
  emptyReport,
  Growth,
  type ImportReport,
  type RejectedRow,
  readCsvBatches,
  rejecter,
} from '../lib/index.js';
import {
  datasetId,
  mergeStaged,
  OfficialRepository,
  type OfficialRow,
  stageLine,
} from './official-repository.js';

export const TRADE_COLUMNS = [
  'period',
  'reporterISO',
  'partnerISO',
  'flowCode',
  'cmdCode',
  'primaryValue',
] as const;
const FLOWS = new Set(['X', 'M', 'RX', 'RM']);

/** Checks one row; returns the row to store or the first problem found in it. */
export function parseTradeRow(
  values: Record<string, string>,
  line: number,
  resolve: (code: string) => string | undefined,
): OfficialRow | RejectedRow {
  const period = values.period ?? '';
  const m = /^(\d{4})(\d{2})?$/.exec(period);
  if (!m)
    return { line, field: 'period', value: period, reason: 'must be YYYY (annual) or YYYYMM (monthly)' };
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : 0;
  if (year < 1950 || year > 2100)
    return { line, field: 'period', value: period, reason: 'year must be from 1950 to 2100' };
  if (m[2] && (month < 1 || month > 12))
    return { line, field: 'period', value: period, reason: 'month must be 01 to 12' };
  const reporterCode = values.reporterISO ?? '';
  const reporter = resolve(reporterCode);
  if (!reporter)
    return {
      line,
      field: 'reporterISO',
      value: reporterCode,
      reason: 'not an ISO 3166-1 alpha-2, alpha-3 or M49 code',
    };
  const partnerCode = values.partnerISO ?? '';
  const partner = resolve(partnerCode);
  if (!partner)
    return {
      line,
      field: 'partnerISO',
      value: partnerCode,
      reason: 'not an ISO 3166-1 alpha-2, alpha-3 or M49 code',
    };
  if (partner === reporter)
    return { line, field: 'partnerISO', value: partnerCode, reason: 'is the reporter itself' };
  const flow = (values.flowCode ?? '').toUpperCase();
  if (!FLOWS.has(flow))
    return { line, field: 'flowCode', value: values.flowCode, reason: 'must be X, M, RX or RM' };
  const cmdText = (values.cmdCode ?? '').toUpperCase();
  const cmd = cmdText === 'TOTAL' || cmdText === 'AG0' ? 'TOTAL' : cmdText;
  if (cmd !== 'TOTAL' && !/^\d{2}(\d{2}(\d{2})?)?$/.test(cmd)) {
    return {
      line,
      field: 'cmdCode',
      value: values.cmdCode,
      reason: 'must be TOTAL or an HS code of 2, 4 or 6 digits',
    };
  }
  const valueText = (values.primaryValue ?? '').replace(/[\s_]/g, '');
  if (!/^\d+(\.\d+)?([eE][+-]?\d+)?$/.test(valueText)) {
    return {
      line,
      field: 'primaryValue',
      value: values.primaryValue,
      reason: 'must be a non-negative number of US dollars',
    };
  }
  const value = Number(valueText);
  if (!Number.isFinite(value))
    return { line, field: 'primaryValue', value: values.primaryValue, reason: 'is not a finite number' };
  return { reporter, partner, flow, cmd, year, month, value, line };
}

const CHUNK = 100_000;

/**
 * Imports a file. Rows are checked as they are read and go in by chunks (100,000 rows), each in one transaction
 * that also recomputes the totals and chapters of the periods it touched: a run stopped at any point leaves
 * complete chunks with their totals, and running it again writes the rest (rows already stored are left as
 * they are): the same end as one clean run. On a server the next chunk is read while one is written.
 */
export async function importTrade(
  database: Database,
  source: CsvSource,
  options: {
    dataset: string;
    resolve: (code: string) => string | undefined;
    /** The file's name, kept with the import run that each row names as its origin. */
    file?: string;
    /** Rows per transaction (default 100,000): fewer redo less after a crash, more go faster. */
    chunkRows?: number;
    onBytes?: (bytes: number) => void;
    /** Called after each chunk is committed, with the rows read so far. */
    onBatch?: (rowsRead: number) => void;
  },
): Promise<ImportReport & { rows: number }> {
  const report = { ...emptyReport(), rows: 0 };
  const repo = new OfficialRepository(database.db);
  const importId = await repo.startImport(options.dataset, options.file ?? 'unnamed');
  const dataset = { id: await database.bulk((s) => datasetId(s, options.dataset)), name: options.dataset };
  const reject = rejecter(report);
  const growth = new Growth();
  const chunks = new ChunkWriter(options.chunkRows ?? CHUNK, async (lines) => {
    const rowsRead = report.rows;
    // Statistics that still describe an empty table would send the planner scanning it per period.
    if (growth.due()) await repo.analyzeOfficial();
    const result = await database.bulk((session) =>
      mergeStaged(session, dataset, importId, lines.join(''), lines.length),
    );
    growth.add(result.inserted);
    countChunk(report, lines.length, result, reject, {
      field: 'period',
      reason: (first) =>
        `repeats the row of line ${first} (same reporter, partner, flow, commodity and period)`,
    });
    options.onBatch?.(rowsRead);
  });
  try {
    for await (const batch of readCsvBatches(source, { required: TRADE_COLUMNS, onBytes: options.onBytes })) {
      const at = TRADE_COLUMNS.map((c) => batch.columns.indexOf(c));
      const values: Record<string, string> = {};
      for (const row of batch.rows) {
        report.rows++;
        if (row.problem) {
          reject({ line: row.line, field: 'row', reason: row.problem });
          continue;
        }
        TRADE_COLUMNS.forEach((c, i) => {
          values[c] = row.fields[at[i]!] ?? '';
        });
        const parsed = parseTradeRow(values, row.line, options.resolve);
        if ('reason' in parsed) reject(parsed);
        else if (chunks.push(stageLine(parsed))) await chunks.flushIfFull();
      }
    }
    await chunks.finish();
  } finally {
    // A failed chunk must not leave its promise unobserved while the error that stopped the loop is thrown.
    await chunks.settle();
  }
  // A summary's plan relies on them: an import of millions of rows would otherwise leave them stale.
  if (report.imported + report.updated > 0) await repo.analyzeTotals();
  await repo.finishImport(importId, {
    rows: report.rows,
    imported: report.imported,
    updated: report.updated,
    unchanged: report.unchanged,
    rejected: report.rejected.length,
  });
  report.rejected.sort((x, y) => x.line - y.line);
  return report;
}
