// Streaming CSV reading for every import: records with their line numbers, in constant memory.
import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { ValidationError } from '../errors.js';

export interface CsvRecord {
  /** Line of the file holding the record (its last line if it spans several); the header is line 1. */
  line: number;
  values: Record<string, string>;
}

export interface CsvSource {
  stream: Readable;
  /** Size in bytes when known, for progress. */
  size: number | undefined;
}

/** Opens a file for reading as a CSV source; a missing file is a ValidationError naming it. */
export function openCsvFile(path: string): CsvSource {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile())
      throw new ValidationError(`${path} is not a file`, [{ field: 'file', reason: 'not a file' }]);
    size = stat.size;
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw new ValidationError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, [
      { field: 'file', value: path, reason: 'cannot be read' },
    ]);
  }
  return { stream: createReadStream(path), size };
}

/**
 * Reads records keyed by the header's column names (trimmed; a BOM is dropped). The header must
 * hold every column of `required`, or the whole file is refused. `onBytes` reports progress.
 */
export async function* readCsv(
  source: CsvSource,
  options: { required: readonly string[]; onBytes?: (bytes: number) => void },
): AsyncGenerator<CsvRecord> {
  let bytes = 0;
  if (options.onBytes) {
    const report = options.onBytes;
    source.stream.on('data', (chunk: Buffer | string) => {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      report(bytes);
    });
  }
  const parser = source.stream.pipe(
    parse({
      bom: true,
      columns: (header: string[]) => {
        const names = header.map((h) => h.trim());
        const missing = options.required.filter((c) => !names.includes(c));
        if (missing.length > 0) {
          throw new ValidationError(`the header lacks required column(s): ${missing.join(', ')}`, [
            ...missing.map((c) => ({ line: 1, field: c, reason: 'required column missing from the header' })),
          ]);
        }
        return names;
      },
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
    }),
  );
  try {
    for await (const item of parser as AsyncIterable<{
      record: Record<string, string | undefined>;
      info: { lines: number };
    }>) {
      const values: Record<string, string> = {};
      for (const [key, value] of Object.entries(item.record)) values[key] = (value ?? '').trim();
      yield { line: item.info.lines, values };
    }
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    const e = error as { code?: string; message?: string; lines?: number };
    throw new ValidationError(`the file is not readable CSV: ${e.message ?? 'parse error'}`, [
      { line: e.lines, field: 'file', reason: e.code ?? 'CSV parse error' },
    ]);
  } finally {
    source.stream.destroy();
  }
}
