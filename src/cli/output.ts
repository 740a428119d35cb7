// Output of commands: JSON for scripts, aligned tables and words for people; errors in words on stderr.
import { ConfigError } from '../config.js';
import { AppError, ValidationError } from '../errors.js';

export type Format = 'json' | 'table';

export function parseFormat(value: string): Format {
  if (value !== 'json' && value !== 'table')
    throw new ValidationError(`unknown format ${value}`, [
      { field: '--format', value, reason: 'must be json or table' },
    ]);
  return value;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints rows as an aligned table with the given columns. */
export function printTable(rows: Record<string, unknown>[], columns: string[]): void {
  const cell = (v: unknown) =>
    v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${line(columns)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const row of rows) process.stdout.write(`${line(columns.map((c) => cell(row[c])))}\n`);
}

/** Prints an error for people and returns the exit code: 2 for bad configuration or usage, 1 otherwise. */
/** One rejected row of an import as a line of the report: where, why, and the value when there is one. */
export function rejectionLine(r: { line: number; field: string; reason: string; value?: unknown }): string {
  return `  line ${r.line}, ${r.field}: ${r.reason}${r.value !== undefined ? ` (${JSON.stringify(r.value)})` : ''}\n`;
}

export function reportError(error: unknown): number {
  if (error instanceof ConfigError) {
    process.stderr.write(`keruen: ${error.message}\n`);
    return 2;
  }
  if (error instanceof AppError) {
    process.stderr.write(`keruen: ${error.message}\n`);
    if (error instanceof ValidationError) {
      for (const issue of error.issues) {
        const where = [issue.line !== undefined ? `line ${issue.line}` : '', issue.field]
          .filter(Boolean)
          .join(', ');
        process.stderr.write(`  ${where}: ${issue.reason}\n`);
      }
    }
    return error instanceof ValidationError ? 2 : 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`keruen: ${message}\n`);
  return 1;
}
