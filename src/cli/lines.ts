// Writing a generated dataset (a header and lines) to a file or standard output, with backpressure; and the
// whole-number options the generators take.
import { createWriteStream } from 'node:fs';
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
