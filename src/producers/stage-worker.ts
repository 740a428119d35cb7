// A worker thread that reads, checks and prepares a large producers file (stageRows) while the importing
// thread writes to the database. The file's bytes come from the importing thread as the worker asks for
// them; a prepared batch goes back when the importing thread has room for it. See stageInWorker.
import { Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, ValidationError } from '../errors.js';
import type { TableFormat } from '../lib/index.js';
import { stageRows } from './stage.js';
import { type LookupLists, lookupsFrom } from './validate.js';

export interface StageWorkerData {
  file: string;
  format?: TableFormat;
  size: number | undefined;
  lookups: LookupLists;
}

/** From the importing thread. */
export type ToWorker = { type: 'bytes'; chunk: Uint8Array } | { type: 'end' } | { type: 'more' };

const port = parentPort!;
const EMPTY = Buffer.alloc(0);
const data = workerData as StageWorkerData;
/** Batches the importing thread has room for. */
let room = 2;
let wake: (() => void) | undefined;
const input = new Readable({
  read() {
    port.postMessage({ type: 'read' });
  },
});
port.on('message', (message: ToWorker) => {
  if (message.type === 'bytes') input.push(Buffer.from(message.chunk));
  else if (message.type === 'end') input.push(null);
  else {
    room++;
    wake?.();
  }
});

try {
  for await (const batch of stageRows({ stream: input, size: data.size }, lookupsFrom(data.lookups), data)) {
    while (room === 0) await new Promise<void>((resolve) => (wake = resolve));
    room--;
    // The batch's text is moved to the importing thread, not copied (its producers' texts are views of it).
    for (const p of batch.prepared) p.text.bytes = EMPTY;
    port.postMessage({ type: 'batch', batch }, [batch.text.buffer as ArrayBuffer]);
  }
  port.postMessage({ type: 'done' });
} catch (error) {
  const e = error as Error;
  port.postMessage({
    type: 'error',
    error: {
      message: e.message,
      validation: error instanceof ValidationError,
      issues: error instanceof ValidationError ? error.issues : undefined,
      app: error instanceof AppError,
      stack: e.stack,
    },
  });
}
