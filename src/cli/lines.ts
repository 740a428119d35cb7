// Writing a generated dataset (a header and lines) to a file or standard output, with backpressure; and the
// whole-number options the generators take, and who a write made at the shell is recorded under.
import { createWriteStream } from 'node:fs';
import { userInfo } from 'node:os';
import { ValidationError } from '../errors.js';

/** Writes `header` and each line to `file` (or standard output); an error of the stream is thrown. */
export async function writeLines(header: string, lines: Iterable<string>, file?: string): Promise<void> {
  const out = file ? createWriteStream(file) : process.stdout;
  let failure: Error | undefined;
  out.on('error', (error: Error) => {
    failure = error;
  });
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (failure) reject(failure);
      else if (out.write(text)) resolve();
      else out.once('drain', resolve);
    });
  await write(`${header}\n`);
  let chunk = '';
  for (const line of lines) {
    chunk += `${line}\n`;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  if (file) await new Promise<void>((resolve) => out.end(resolve));
  if (failure) throw failure;
}

/** A whole-number option; `min` 1 for counts. */
export function wholeNumber(value: string, flag: string, min = Number.MIN_SAFE_INTEGER): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new ValidationError(`${flag} must be a ${min >= 1 ? 'positive ' : ''}whole number`, [
      { field: flag, value, reason: `not a ${min >= 1 ? 'positive ' : ''}whole number` },
    ]);
  return n;
}

/** A `--country KZ,UZ` option: upper-cased ISO 3166-1 alpha-2 codes; empty when left out. */
export function countryCodes(value: string | undefined, flag = '--country'): string[] {
  const codes = value
    ? value
        .toUpperCase()
        .split(',')
        .map((c) => c.trim())
    : [];
  const bad = codes.filter((c) => !/^[A-Z]{2}$/.test(c));
  if (bad.length > 0)
    throw new ValidationError(`${flag} must be ISO 3166-1 alpha-2 codes`, [
      { field: flag, value: bad.join(','), reason: 'not a two-letter code' },
    ]);
  return codes;
}

/** Who a write made at the shell is recorded under: `--as NAME` when given, else the system user. */
export function cliActor(as?: string): string {
  if (as) return as;
  try {
    return userInfo().username;
  } catch {
    return 'cli';
  }
}
