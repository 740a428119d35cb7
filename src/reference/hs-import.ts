// `keruen import hs FILE.csv`: the full HS nomenclature in the layout of the HS data package
// (columns section, hscode, description, parent, level). Each code keeps its nomenclature version.
import type { Kysely } from 'kysely';
import type { DB } from '../db/index.js';
import { type CsvSource, emptyReport, type ImportReport, type RejectedRow, readCsv } from '../lib/index.js';
import { HS_CHAPTERS } from './data/hs-chapters.js';
import { forgetHsTitleWords } from './hs-words.js';
import { type HsCodeRow, ReferenceRepository } from './repository.js';

const ROMAN = /^(?:X{0,2})(?:IX|IV|V?I{0,3})$/;
const BATCH = 1000;

/** Checks one row of the file; returns the code to store, `skip` for the nomenclature's root row, or the problem. */
export function parseHsRow(
  values: Record<string, string>,
  line: number,
  version: string,
): HsCodeRow | 'skip' | RejectedRow {
  const code = values.hscode ?? '';
  const levelText = values.level ?? '';
  if (code.toUpperCase() === 'TOTAL') return 'skip';
  if (!/^\d{2}(\d{2}(\d{2})?)?$/.test(code)) {
    return { line, field: 'hscode', value: code, reason: 'must be 2, 4 or 6 digits' };
  }
  const level = Number(levelText);
  if (level !== code.length) {
    return {
      line,
      field: 'level',
      value: levelText,
      reason: `must be ${code.length} for a ${code.length}-digit code`,
    };
  }
  const description = values.description ?? '';
  if (description === '')
    return { line, field: 'description', value: description, reason: 'must not be empty' };
  let parent: string | null = null;
  if (level > 2) {
    parent = values.parent ?? '';
    if (parent !== code.slice(0, level - 2)) {
      return {
        line,
        field: 'parent',
        value: parent,
        reason: `must be ${code.slice(0, level - 2)}, the code's first ${level - 2} digits`,
      };
    }
  }
  const sectionText = (values.section ?? '').toUpperCase();
  let section: string | null = null;
  if (sectionText !== '' && sectionText !== 'TOTAL') {
    if (!ROMAN.test(sectionText))
      return { line, field: 'section', value: values.section, reason: 'must be a Roman numeral (I to XXI)' };
    section = sectionText;
  }
  const title = level === 2 ? (HS_CHAPTERS[code] ?? description) : description;
  return { version, code, level, parent, section, title, description };
}

/**
 * Imports a nomenclature file. Good rows go in, in batches of their own transaction (a re-run after a
 * crash finishes the job); each bad row is reported with its line, field and reason.
 */
export async function importHs(
  db: Kysely<DB>,
  source: CsvSource,
  options: { version: string; onBytes?: (bytes: number) => void },
): Promise<ImportReport> {
  const report = emptyReport();
  let batch: HsCodeRow[] = [];
  const seen = new Set<string>();
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    const result = await db.transaction().execute((trx) => new ReferenceRepository(trx).upsertHsCodes(rows));
    report.imported += result.inserted;
    report.updated += result.updated;
    report.unchanged += rows.length - result.inserted - result.updated;
    if (result.inserted + result.updated > 0) forgetHsTitleWords();
  };
  for await (const { line, values, problem } of readCsv(source, {
    required: ['section', 'hscode', 'description', 'parent', 'level'],
    onBytes: options.onBytes,
  })) {
    if (problem) {
      report.rejected.push({ line, field: 'row', reason: problem });
      continue;
    }
    const parsed = parseHsRow(values, line, options.version);
    if (parsed === 'skip') continue;
    if ('reason' in parsed) {
      report.rejected.push(parsed);
      continue;
    }
    if (seen.has(parsed.code)) {
      report.rejected.push({
        line,
        field: 'hscode',
        value: parsed.code,
        reason: 'repeats a code given earlier in the file',
      });
      continue;
    }
    seen.add(parsed.code);
    batch.push(parsed);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  // Fresh statistics: searches read the titles through their word index only when the planner knows
  // how many codes a version holds (PGlite has no autovacuum to learn it later).
  if (report.imported + report.updated > 0) await new ReferenceRepository(db).analyzeHsCodes();
  return report;
}
