// Streaming CSV reading for every import: rows with their line numbers, in batches, in constant memory.
// Parsing is Papa Parse's (RFC 4180 quoting, any line ending); this module adds what imports need on top:
// the header checked once, line numbers that count quoted line breaks and blank lines, backpressure (the
// file is read only as fast as the batches are consumed) and byte counts for a progress bar.
import { createReadStream, statSync } from 'node:fs';
import { type Readable, Transform } from 'node:stream';
import Papa from 'papaparse';
import { ValidationError } from '../errors.js';

export interface CsvRecord {
  /** Line of the file holding the record (its last line if it spans several); the header is line 1. */
  line: number;
  values: Record<string, string>;
  /** Set when the row is not well-formed CSV (an unclosed or stray quote); its values are a best guess. */
  problem?: string;
}

export interface CsvRow {
  line: number;
  /** Fields in the header's order, trimmed; missing trailing fields are ''. */
  fields: string[];
  problem?: string;
}

export interface CsvBatch {
  /** The header's column names, trimmed (the same array for every batch of a file). */
  columns: string[];
  rows: CsvRow[];
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

function checkHeader(fields: string[], required: readonly string[]): string[] {
  const names = fields.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  const missing = required.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    throw new ValidationError(`the header lacks required column(s): ${missing.join(', ')}`, [
      ...missing.map((c) => ({ line: 1, field: c, reason: 'required column missing from the header' })),
    ]);
  }
  return names;
}

function countBreaks(fields: string[]): number {
  let n = 0;
  for (const f of fields) {
    if (f.includes('\n')) for (let i = f.indexOf('\n'); i >= 0; i = f.indexOf('\n', i + 1)) n++;
  }
  return n;
}

/**
 * Reads rows in batches of about `batchSize`. The header must hold every column of `required`, or the
 * whole file is refused with a ValidationError. `onBytes` reports the bytes read so far.
 */
export async function* readCsvBatches(
  source: CsvSource,
  options: { required: readonly string[]; onBytes?: (bytes: number) => void; batchSize?: number },
): AsyncGenerator<CsvBatch> {
  const batchSize = options.batchSize ?? 10_000;
  const file = source.stream;
  // UTF-8 decoded by the stream, which keeps a letter cut between two chunks for the next one: Papa Parse
  // decodes each chunk by itself, and a Cyrillic letter at a chunk's end became two U+FFFD (five producers
  // of 30,000 in a 7 MB file).
  file.setEncoding('utf8');
  let bytes = 0;
  file.on('data', (chunk: Buffer | string) => {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    options.onBytes?.(bytes);
  });
  const stream = file.pipe(universalNewlines());
  file.on('error', (error) => stream.destroy(error)); // a pipe does not pass on its source's errors

  let columns: string[] | undefined;
  let rows: CsvRow[] = [];
  let nextLine = 1;
  let failure: unknown;
  let done = false;
  let paused: Papa.Parser | undefined;
  let wake: (() => void) | undefined;
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  Papa.parse<string[]>(stream as unknown as NodeJS.ReadableStream, {
    delimiter: ',',
    newline: '\n',
    skipEmptyLines: false,
    step(results, parser) {
      if (failure) return;
      const fields = results.data;
      const line = nextLine + countBreaks(fields);
      nextLine = line + 1;
      if (fields.length === 1 && fields[0] === '') return; // a blank line
      if (!columns) {
        try {
          columns = checkHeader(fields, options.required);
        } catch (error) {
          failure = error;
          parser.abort();
          signal();
        }
        return;
      }
      for (let i = 0; i < fields.length; i++) fields[i] = fields[i]!.trim();
      while (fields.length < columns.length) fields.push('');
      const error = results.errors[0];
      // Fields beyond the header's are a row cut wrong (a stray comma, an unquoted value), unless empty (the
      // trailing commas of some spreadsheet exports).
      const extra = fields.length > columns.length && fields.slice(columns.length).some((f) => f !== '');
      const problem = error
        ? describe(error)
        : extra
          ? `the row has ${fields.length} fields and the header ${columns.length}: a value holding a comma must be quoted`
          : undefined;
      if (fields.length > columns.length) fields.length = columns.length;
      rows.push(problem ? { line, fields, problem } : { line, fields });
      if (rows.length >= batchSize) {
        // Hold the parser and the file until the batch is taken: memory stays at one batch and one chunk.
        parser.pause();
        stream.pause();
        paused = parser;
        signal();
      }
    },
    complete() {
      done = true;
      signal();
    },
    error(error: Error) {
      failure = new ValidationError(`the file is not readable CSV: ${error.message}`, [
        { field: 'file', reason: error.message },
      ]);
      done = true;
      signal();
    },
  });

  try {
    while (true) {
      if (!paused && !done && !failure) await new Promise<void>((resolve) => (wake = resolve));
      if (failure) throw failure;
      if (rows.length > 0 && columns) {
        const batch = { columns, rows };
        rows = [];
        yield batch;
      }
      if (paused) {
        const parser = paused;
        paused = undefined;
        stream.resume();
        parser.resume();
      } else if (done) break;
    }
    if (!columns) {
      throw new ValidationError('the file is empty: it has no header line', [
        { line: 1, field: 'file', reason: 'no header line' },
      ]);
    }
  } finally {
    stream.destroy();
    file.destroy();
  }
}

/**
 * Line breaks as \n whatever the file uses (\r\n, \r, or a mix): Papa Parse guesses one kind from the file's
 * start, and a file whose first lines end in \r\n and the rest in \n (two files pasted together) was read
 * as one row holding every line after the guess, silently.
 */
function universalNewlines(): Transform {
  let held = false; // the last chunk ended in \r: the next may begin with its \n
  return new Transform({
    decodeStrings: false,
    encoding: 'utf8',
    transform(chunk: string, _encoding, done) {
      let text = held ? `\r${chunk}` : chunk;
      held = text.endsWith('\r');
      if (held) text = text.slice(0, -1);
      done(null, text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text);
    },
    flush(done) {
      done(null, held ? '\n' : '');
    },
  });
}

function describe(error: Papa.ParseError): string {
  if (error.code === 'MissingQuotes') return 'a quoted field is not closed';
  if (error.code === 'InvalidQuotes')
    return 'quotes are not as CSV writes them: a quoted field must be quoted whole, with "" for a quote inside';
  return error.message;
}

/**
 * Reads records keyed by the header's column names (trimmed; a BOM is dropped). The header must
 * hold every column of `required`, or the whole file is refused. `onBytes` reports progress.
 */
export async function* readCsv(
  source: CsvSource,
  options: { required: readonly string[]; onBytes?: (bytes: number) => void },
): AsyncGenerator<CsvRecord> {
  for await (const batch of readCsvBatches(source, options)) {
    for (const row of batch.rows) {
      const values: Record<string, string> = {};
      batch.columns.forEach((name, i) => {
        values[name] = row.fields[i] ?? '';
      });
      yield row.problem ? { line: row.line, values, problem: row.problem } : { line: row.line, values };
    }
  }
}
