// What the bulk imports share: rows staged (lines of CSV, or objects), written by chunks, one chunk written
// while the next is read; rejected rows kept up to a bound; counts of what each chunk did.
import type { ImportReport, RejectedRow } from './import-report.js';

/** A file of millions of bad rows must not fill the memory with reports: the first 10,000 are kept. */
export const MAX_REJECTED = 10_000;

export function rejecter(report: ImportReport): (row: RejectedRow) => void {
  return (row) => {
    if (report.rejected.length < MAX_REJECTED) report.rejected.push(row);
    else if (!report.warnings.some((w) => w.field === 'file'))
      report.warnings.push({
        field: 'file',
        reason: `more than ${MAX_REJECTED} problems; the rest are not listed`,
      });
  };
}

/**
 * Collects staged lines and writes them by chunks with `write`; a chunk is written while the next is
 * collected, and never two at once. `finish` writes the rest and waits; an error of any write is thrown
 * by the next `add` or `finish`.
 */
export class ChunkWriter<T = string> {
  private lines: T[] = [];
  private writing: Promise<void> | undefined;

  constructor(
    private readonly size: number,
    private readonly write: (lines: T[]) => Promise<void>,
  ) {}

  /** Adds a line; true when the chunk is full (then `await flushIfFull()` before adding more). */
  push(line: T): boolean {
    this.lines.push(line);
    return this.lines.length >= this.size;
  }

  /** Starts writing the collected lines when a chunk is full (waiting for the chunk before it). */
  async flushIfFull(): Promise<void> {
    if (this.lines.length >= this.size) await this.flush();
  }

  private async flush(): Promise<void> {
    await this.writing;
    if (this.lines.length === 0) return;
    const lines = this.lines;
    this.lines = [];
    this.writing = this.write(lines);
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.writing;
  }

  /** Waits for a write in flight without throwing (when the import stops for another error). */
  async settle(): Promise<void> {
    await this.writing?.catch(() => {});
  }
}

/** Adds what one chunk did to the report; rows repeated within it are rejected with `repeat`'s reason. */
export function countChunk(
  report: ImportReport,
  staged: number,
  result: { inserted: number; updated: number; repeats: { line: number; first: number }[] },
  reject: (row: RejectedRow) => void,
  repeat: { field: string; reason: (first: number) => string },
): void {
  report.imported += result.inserted;
  report.updated += result.updated;
  report.unchanged += staged - result.repeats.length - result.inserted - result.updated;
  for (const r of result.repeats)
    reject({ line: r.line, field: repeat.field, reason: repeat.reason(r.first) });
}
