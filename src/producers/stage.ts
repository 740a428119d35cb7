// The reading half of a producer import (no database): a table file's rows checked one by one, the bad ones
// reported by line, column, value and reason, the good ones prepared for the bulk writes. It runs in the
// importing process, or for a large file in a worker thread (stage-worker.ts) beside it.
import { Worker } from 'node:worker_threads';
import { ValidationError } from '../errors.js';
import { type CsvSource, formatOfName, type RejectedRow, type TableFormat, tableRows } from '../lib/index.js';
import { PreparedBatch, type PreparedProducer } from './prepare.js';
import type { StageWorkerData, ToWorker } from './stage-worker.js';
import {
  type LookupLists,
  type Lookups,
  PRODUCER_COLUMNS,
  parseProducerRow,
  REQUIRED_PRODUCER_COLUMNS,
} from './validate.js';

export interface StageBatch {
  prepared: PreparedProducer[];
  /** The prepared producers' text (each one's `text.bytes`). */
  text: Buffer;
  rejected: RejectedRow[];
  /** Rows read in this batch, good and bad. */
  rows: number;
  /** Columns of the header that producers.md does not name (with the first batch only). */
  unknownColumns?: string[];
}

export interface StageOptions {
  /** What the file is called: its format when `format` is not given. */
  file: string;
  format?: TableFormat;
  onBytes?: (bytes: number) => void;
}

/** Reads, checks and prepares a table of producers, batch by batch. */
export async function* stageRows(
  source: CsvSource,
  lookups: Lookups,
  options: StageOptions,
): AsyncGenerator<StageBatch> {
  const format = options.format ?? formatOfName(options.file);
  let first = true;
  for await (const batch of tableRows(source, {
    format,
    required: REQUIRED_PRODUCER_COLUMNS,
    onBytes: options.onBytes,
  })) {
    const text = new PreparedBatch(batch.rows.length);
    const out: StageBatch = { prepared: [], text: Buffer.alloc(0), rejected: [], rows: batch.rows.length };
    if (first && batch.rows[0]) {
      const names = Object.keys(batch.rows[0].values);
      out.unknownColumns = names.filter((n) => !(PRODUCER_COLUMNS as readonly string[]).includes(n));
      first = false;
    }
    for (const [i, row] of batch.rows.entries()) {
      // In the importing process, let the chunk being written go on: its next statement is sent when the
      // previous one's answer is read, which waits while rows are checked (a batch is half a second).
      if (i % 100 === 99) await new Promise<void>((resolve) => setImmediate(resolve));
      if (row.problem) {
        out.rejected.push({ line: row.line, field: 'row', reason: row.problem });
        continue;
      }
      const parsed = parseProducerRow(row.values, row.line, lookups);
      if ('rejected' in parsed) out.rejected.push(...parsed.rejected);
      else out.prepared.push(text.add(row.line, parsed.input));
    }
    out.text = text.finish();
    yield out;
  }
}

/**
 * stageRows in a worker thread: the same batches, while this thread is free to write the ones before. The
 * worker runs the TypeScript sources as this process does (through tsx). Stopping early (a thrown error, a
 * return) ends the worker.
 */
export async function* stageInWorker(
  source: CsvSource,
  lookups: LookupLists,
  options: StageOptions,
): AsyncGenerator<StageBatch> {
  const data: StageWorkerData = { file: options.file, format: options.format, size: source.size, lookups };
  const entry = new URL('./stage-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new Worker(
    `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true, workerData: data },
  );
  const send = (message: ToWorker) => worker.postMessage(message);
  const reader = source.stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  let bytes = 0;
  const inbox: StageBatch[] = [];
  let finished = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const signal = () => {
    wake?.();
    wake = undefined;
  };
  const fail = (error: unknown) => {
    failure ??= error;
    signal();
  };
  worker.on('message', (message: { type: string; batch?: StageBatch; error?: WorkerError }) => {
    if (message.type === 'read') {
      reader.next().then((next) => {
        if (next.done) return send({ type: 'end' });
        const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
        bytes += chunk.length;
        options.onBytes?.(bytes);
        send({ type: 'bytes', chunk });
      }, fail);
    } else if (message.type === 'batch') {
      // The text arrives as a plain Uint8Array over the moved memory: a Buffer again, without copying.
      const batch = message.batch!;
      const view = batch.text as Uint8Array;
      const bytes = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
      batch.text = bytes;
      for (const p of batch.prepared) p.text.bytes = bytes;
      inbox.push(batch);
      signal();
    } else if (message.type === 'done') {
      finished = true;
      signal();
    } else if (message.type === 'error') fail(workerError(message.error!));
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (!finished) fail(new Error(`the worker reading the file stopped (exit code ${code})`));
  });
  try {
    while (true) {
      if (inbox.length === 0 && !finished && failure === undefined)
        await new Promise<void>((resolve) => (wake = resolve));
      if (failure !== undefined) throw failure;
      const batch = inbox.shift();
      if (batch) {
        send({ type: 'more' });
        yield batch;
      } else if (finished) return;
    }
  } finally {
    finished = true;
    await worker.terminate();
    source.stream.destroy();
  }
}

interface WorkerError {
  message: string;
  validation: boolean;
  issues?: ValidationError['issues'];
  stack?: string;
}

/** An error the worker reported, as the error it was: a bad file stays a ValidationError. */
function workerError(e: WorkerError): Error {
  if (e.validation) return new ValidationError(e.message, e.issues);
  const error = new Error(e.message);
  error.stack = e.stack;
  return error;
}
