// `keruen import records KIND FILE` and the upload endpoint of each kind: a CSV or XLSX file with one
// column per field. Each row is checked on its own; a bad row is reported by line, column, value and
// reason while the good ones go in. A row is the same record as one already stored when their natural
// keys agree, so the same file twice changes nothing. Rows are written by chunks, each one transaction.
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../db/index.js';
import { type AppError, type Issue, ValidationError } from '../errors.js';
import { type CsvSource, formatOfName, MAX_REJECTED, type TableFormat, tableRows } from '../lib/index.js';
import {
  citationSchema,
  type FieldSpec,
  inputSchema,
  type KindSpec,
  type RecordInput,
  splitInput,
} from './model.js';
import { withSavepoint } from './repository.js';
import { type KindRegistry, upsertRecord } from './service.js';

const CHUNK_ROWS = 500;

/** The columns a citation of every row may be given in. */
const SOURCE_COLUMNS = ['source_title', 'source_publisher', 'source_published', 'source_url'] as const;

export interface RecordImportReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: (Issue & { line: number })[];
}

/** A list in a cell: a JSON array, or values separated by commas, semicolons or bars. */
function cellList(text: string): unknown {
  if (text.startsWith('[')) return JSON.parse(text);
  return text
    .split(/[;,|]/)
    .map((v) => v.trim())
    .filter(Boolean);
}

/** A number in a cell: 1200, 1 200, 1,200.5, 3.1e9; a lone comma is a decimal comma (1,5). */
function cellNumber(text: string): number {
  let t = text.replace(/[\s\u00a0_]/g, '');
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, '');
  else if (/^-?\d+,\d+$/.test(t)) t = t.replace(',', '.');
  const n = Number(t);
  if (t === '' || !Number.isFinite(n)) throw new Error('not a number');
  return n;
}

/** The value of one cell as its field's type reads it; '' is no value. */
export function cellValue(field: Pick<FieldSpec, 'type'>, text: string): unknown {
  const t = text.trim();
  if (t === '') return undefined;
  switch (field.type) {
    case 'integer':
    case 'number':
    case 'ref':
      return cellNumber(t);
    case 'countries':
    case 'texts':
    case 'hs_codes':
      return cellList(t);
    case 'json':
      return JSON.parse(t);
    case 'enum':
      return t.toLowerCase().replace(/[\s-]+/g, '_');
    default:
      return t;
  }
}

/** Reads one row into a record input, or the problems that keep it out. */
export function parseRecordRow(
  spec: KindSpec,
  values: Record<string, string>,
  line: number,
  schema: z.ZodType = inputSchema(spec),
): { input: RecordInput } | { rejected: Issue[] } {
  const raw: Record<string, unknown> = {};
  const rejected: Issue[] = [];
  for (const field of spec.fields) {
    const text = values[field.name];
    if (text === undefined) continue;
    try {
      const value = cellValue(field, text);
      if (value !== undefined) raw[field.name] = value;
    } catch {
      rejected.push({
        line,
        field: field.name,
        value: text,
        reason: field.type === 'json' || text.trim().startsWith('[') ? 'not valid JSON' : 'not a number',
      });
    }
  }
  if (values.countries?.trim()) raw.countries = cellList(values.countries.trim());
  if (SOURCE_COLUMNS.some((c) => values[c]?.trim())) {
    const citation = citationSchema.safeParse({
      title: values.source_title?.trim() || undefined,
      publisher: values.source_publisher?.trim() || undefined,
      published: values.source_published?.trim() || undefined,
      url: values.source_url?.trim() || undefined,
    });
    if (citation.success) raw.sources = [{ citation: citation.data }];
    else
      for (const issue of citation.error.issues)
        rejected.push({
          line,
          field: `source_${String(issue.path[0])}`,
          value: values[`source_${String(issue.path[0])}`],
          reason: issue.message,
        });
  }
  // Every problem of the row at once: the schema's too, except for cells that could not be read.
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const unread = new Set(rejected.map((r) => r.field));
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'row');
      if (!unread.has(field)) rejected.push({ line, field, value: values[field], reason: issue.message });
    }
  }
  if (rejected.length > 0 || !parsed.success) return { rejected };
  const given = new Set(spec.fields.filter((f) => f.name in values).map((f) => f.name));
  return { input: { ...splitInput(spec, parsed.data as Record<string, unknown>), given } };
}

/** The columns a file of a kind may have, and those it must have. */
export function recordColumns(spec: KindSpec): { known: string[]; required: string[] } {
  return {
    known: [...spec.fields.map((f) => f.name), 'countries', ...SOURCE_COLUMNS],
    required: spec.fields.filter((f) => f.required && f.default === undefined).map((f) => f.name),
  };
}

export async function importRecords(
  db: Kysely<DB>,
  registry: KindRegistry,
  spec: KindSpec,
  source: CsvSource | NodeJS.ReadableStream,
  options: { file: string; format?: TableFormat; actor: string; onRow?: (rows: number) => void },
): Promise<RecordImportReport> {
  const report: RecordImportReport = { rows: 0, created: 0, updated: 0, unchanged: 0, rejected: [] };
  const reject = (issue: Issue & { line: number }) => {
    if (report.rejected.length < MAX_REJECTED) report.rejected.push(issue);
  };
  const input: CsvSource = 'stream' in source ? source : { stream: source as Readable, size: undefined };
  const { known, required } = recordColumns(spec);
  const schema = inputSchema(spec);
  let pending: { line: number; input: RecordInput }[] = [];

  const flush = async () => {
    const chunk = pending;
    pending = [];
    if (chunk.length === 0) return;
    await db.transaction().execute(async (trx) => {
      for (const row of chunk) {
        // A row that points to a record that does not exist is reported, and the chunk goes on without it.
        try {
          const { outcome } = await withSavepoint(trx, () =>
            upsertRecord(trx, registry, spec, row.input, options.actor, 'replace'),
          );
          report[outcome]++;
        } catch (error) {
          if (!(error instanceof ValidationError) && !isConflict(error)) throw error;
          const issues = error instanceof ValidationError ? error.issues : [];
          if (issues.length === 0) reject({ line: row.line, field: 'row', reason: (error as Error).message });
          for (const issue of issues) reject({ ...issue, line: row.line });
        }
      }
    });
  };

  let checkedHeader = false;
  for await (const batch of tableRows(input, {
    format: options.format ?? formatOfName(options.file),
    required,
  })) {
    for (const row of batch.rows) {
      if (!checkedHeader) {
        checkedHeader = true;
        const unknown = Object.keys(row.values).filter((name) => name !== '' && !known.includes(name));
        if (unknown.length > 0)
          throw new ValidationError(
            `the header has columns ${spec.plural} do not have: ${unknown.join(', ')}`,
            [
              ...unknown.map((name) => ({
                line: 1,
                field: name,
                reason: `not a column of ${spec.plural}; known: ${known.join(', ')}`,
              })),
            ],
          );
      }
      report.rows++;
      if (row.problem) {
        reject({ line: row.line, field: 'row', reason: row.problem });
        continue;
      }
      const parsed = parseRecordRow(spec, row.values, row.line, schema);
      if ('rejected' in parsed) for (const issue of parsed.rejected) reject({ ...issue, line: row.line });
      else pending.push({ line: row.line, input: parsed.input });
      if (pending.length >= CHUNK_ROWS) await flush();
      options.onRow?.(report.rows);
    }
  }
  await flush();
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}

function isConflict(error: unknown): error is AppError {
  return (error as AppError | undefined)?.status === 409;
}
