// `keruen import trade FILE.csv`: official statistics in the Comtrade-like layout of trade.md, streamed in
// batches (constant memory), idempotent by each row's natural key, bad rows reported by line and reason.
import type { Kysely } from 'kysely';
import type { DB } from '../db/index.js';
import { type CsvSource, emptyReport, type ImportReport, type RejectedRow, readCsv } from '../lib/index.js';
import { OfficialRepository, type OfficialRow } from './official-repository.js';

export const TRADE_COLUMNS = [
  'period',
  'reporterISO',
  'partnerISO',
  'flowCode',
  'cmdCode',
  'primaryValue',
] as const;
const FLOWS = new Set(['X', 'M', 'RX', 'RM']);
const BATCH = 20_000;

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

/**
 * Imports a file. Rows go in by batches, each in its own transaction; the totals of every reporter–partner–year
 * the file holds are then recomputed from what is stored. A run stopped at any point leaves the rows it wrote,
 * and running it again writes the rest and recomputes the totals: the same end as one clean run.
 */
export async function importTrade(
  db: Kysely<DB>,
  source: CsvSource,
  options: {
    dataset: string;
    resolve: (code: string) => string | undefined;
    onBytes?: (bytes: number) => void;
    /** Called after each batch is committed, with the rows read so far. */
    onBatch?: (rowsRead: number) => void;
  },
): Promise<ImportReport & { rows: number }> {
  const report = { ...emptyReport(), rows: 0 };
  let batch = new Map<string, OfficialRow>();
  // The reporter–partner–years the file holds (a few thousand at most, whatever its size): their totals are
  // recomputed at the end, from everything stored, so a run that stopped half-way is finished by the next.
  const touched = new Map<string, { reporter: string; partner: string; year: number }>();
  const flush = async () => {
    if (batch.size === 0) return;
    const rows = [...batch.values()];
    batch = new Map();
    const keys = new Map<string, { reporter: string; partner: string; year: number }>();
    for (const r of rows)
      keys.set(`${r.reporter}|${r.partner}|${r.year}`, {
        reporter: r.reporter,
        partner: r.partner,
        year: r.year,
      });
    const result = await db.transaction().execute(async (trx) => {
      const repo = new OfficialRepository(trx);
      const counts = await repo.upsert(options.dataset, rows);
      if (counts.inserted + counts.updated > 0) await repo.refreshTotals(options.dataset, [...keys.values()]);
      return counts;
    });
    report.imported += result.inserted;
    report.updated += result.updated;
    report.unchanged += rows.length - result.inserted - result.updated;
    options.onBatch?.(report.rows);
  };
  for await (const { line, values } of readCsv(source, {
    required: TRADE_COLUMNS,
    onBytes: options.onBytes,
  })) {
    report.rows++;
    const parsed = parseTradeRow(values, line, options.resolve);
    if ('reason' in parsed) {
      // A file of millions of bad rows must not fill the memory with reports: the first 10,000 are kept.
      if (report.rejected.length < 10_000) report.rejected.push(parsed);
      else if (report.rejected.length === 10_000)
        report.warnings.push({
          field: 'file',
          reason: 'more than 10,000 rows rejected; the rest are not listed',
        });
      continue;
    }
    const key = `${parsed.reporter}|${parsed.partner}|${parsed.flow}|${parsed.cmd}|${parsed.year}|${parsed.month}`;
    const earlier = batch.get(key);
    if (earlier) {
      report.rejected.push({
        line,
        field: 'period',
        value: values.period,
        reason: `repeats the row of line ${earlier.line} (same reporter, partner, flow, commodity and period)`,
      });
      continue;
    }
    batch.set(key, parsed);
    if (batch.size >= BATCH) await flush();
  }
  await flush();
  const keys = [...touched.values()];
  for (let i = 0; i < keys.length; i += 200) {
    const slice = keys.slice(i, i + 200);
    await db
      .transaction()
      .execute((trx) => new OfficialRepository(trx).refreshTotals(options.dataset, slice));
  }
  return report;
}
