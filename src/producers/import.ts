// `keruen import producers FILE.csv|FILE.xlsx` and the upload endpoint: rows read as a stream (CSV, or the
// first sheet of a workbook), checked one by one, written by chunks through the bulk merge. Bad rows are
// reported by line, column, value and reason while the good ones go in; the same file twice changes nothing.
import type { Database, DeferredLoad } from '../db/index.js';
import {
  ChunkWriter,
  type CsvSource,
  countChunk,
  emptyReport,
  Growth,
  type ImportReport,
  rejecter,
} from '../lib/index.js';
import {
  analyzeRegistry,
  deferRegistryIndexes,
  flushIndexes,
  importMemory,
  type Repeat,
  registryKeys,
  registrySize,
  vacuumRegistry,
  writeProducers,
} from './bulk-repository.js';
import type { PreparedProducer } from './prepare.js';
import { loadLookupLists } from './repository.js';
import { stageInWorker, stageRows } from './stage.js';
import { lookupsFrom } from './validate.js';

const CHUNK = 20_000;

/** A row of the file, and the line of its key's first row when it repeats one. */
interface Staged {
  producer: PreparedProducer;
  first?: number;
}

/** A file this large is read and checked in a worker thread while the chunks before are written. */
const WORKER_BYTES = 4 << 20;

export interface ProducerImportOptions {
  /** What the file is called, kept as the source of each row (file:line). */
  file: string;
  format?: 'csv' | 'xlsx';
  actor?: string;
  kind?: 'import' | 'demo';
  onBytes?: (bytes: number) => void;
  onChunk?: (rowsRead: number) => void;
  chunkRows?: number;
  /**
   * Whether to read and check the rows in a worker thread; by default, for a file of 4 MB or more (starting
   * the worker takes a fifth of a second).
   */
  worker?: boolean;
  /** Told the indexes an import larger than the registry sets aside until its end. */
  onIndexesDeferred?: (indexes: string[]) => void;
}

/**
 * Imports producers. Each chunk is one transaction (rows, names, sources and history together): a run
 * stopped at any point leaves whole chunks, and running it again writes the rest, changing nothing that
 * is already as the file says.
 */
export async function importProducers(
  database: Database,
  source: CsvSource,
  options: ProducerImportOptions,
): Promise<ImportReport & { rows: number }> {
  const report = { ...emptyReport(), rows: 0 };
  const lookups = await loadLookupLists(database.db);
  const reject = rejecter(report);
  const growth = new Growth();
  let chunksWritten = 0;
  /** The producers the registry held before this import (counted at its first or third chunk). */
  let before: number | undefined;
  let load: DeferredLoad | undefined;
  const memory = importMemory();
  // The first line of each natural key in the file: a later line of a key is a repeat, whatever chunk it is
  // in, so that the file's result does not depend on where its chunks end, and importing it again changes
  // nothing (a producer listed twice was written twice by every import when its lines fell in two chunks).
  const firstLines = new Map<string, number>();
  const chunkRows = options.chunkRows ?? CHUNK;
  /** The file's bytes read so far (ahead of the rows checked: the reader runs a batch or two ahead). */
  let bytesRead = 0;
  const chunks = new ChunkWriter<Staged>(chunkRows, async (staged) => {
    const rowsRead = report.rows;
    // An import that reads more rows than the registry held before it builds the registry's secondary
    // indexes once at its end instead of adding every row to them (at a million rows on PostgreSQL, 227 s
    // instead of 340 s). Searches meanwhile read the tables without them. It is known past the second chunk
    // by the rows read; at the first, when the file's size at the rate read so far (a lower bound, the bytes
    // being ahead of the rows) says it holds more than twice the registry: writing its first two chunks into
    // the indexes cost a large load 6-7 s of the database's time. Not for a file about the registry's size,
    // most often the same file again: a load knows the registry's keys but not their digests, and sends
    // every stored row through the merge (a million unchanged rows: 171 s instead of 117 s).
    // Imports of one or two chunks never count the registry.
    const expected =
      chunksWritten === 0 && source.size !== undefined && bytesRead > 0
        ? Math.floor((source.size * rowsRead) / bytesRead)
        : 0;
    if (load === undefined && (chunksWritten >= 2 || expected >= 3 * chunkRows)) {
      before ??= (await registrySize(database.db)) - growth.written;
      if (rowsRead > before || expected > 2 * before) {
        load = await deferRegistryIndexes(database);
        if (load.indexes.length > 0) options.onIndexesDeferred?.(load.indexes);
        // A load this large knows the registry's keys rather than looking each chunk's up (at a million
        // producers, 20,000 lookups took 0.2–0.3 s a chunk).
        memory.keys = await database.bulk(registryKeys);
      }
    }
    // Statistics that still describe the registry as it was would send the planner scanning it per row.
    if (growth.due()) await database.bulk(analyzeRegistry);
    const rows: PreparedProducer[] = [];
    const repeats: Repeat[] = [];
    for (const s of staged)
      if (s.first === undefined) rows.push(s.producer);
      else repeats.push({ key: s.producer.key, line: s.producer.line, first: s.first });
    const result = await database.bulk((session) =>
      writeProducers(
        session,
        rows,
        repeats,
        { kind: options.kind ?? 'import', reference: options.file, actor: options.actor ?? 'import' },
        memory,
      ),
    );
    growth.add(result.inserted);
    chunksWritten++;
    countChunk(report, staged.length, { ...result, repeats }, reject, {
      field: 'name',
      reason: (first) =>
        `repeats the producer of line ${first} (same national identifier, or same name and city)`,
    });
    options.onChunk?.(rowsRead);
  });
  const unknown = new Set<string>();
  try {
    const stage = {
      file: options.file,
      format: options.format,
      onBytes: (bytes: number) => {
        bytesRead = bytes;
        options.onBytes?.(bytes);
      },
    };
    const useWorker = options.worker ?? (source.size !== undefined && source.size >= WORKER_BYTES);
    const batches = useWorker
      ? stageInWorker(source, lookups, stage)
      : stageRows(source, lookupsFrom(lookups), stage);
    for await (const batch of batches) {
      report.rows += batch.rows;
      for (const name of batch.unknownColumns ?? []) unknown.add(name);
      for (const r of batch.rejected) reject(r);
      for (const producer of batch.prepared) {
        const first = firstLines.get(producer.key);
        if (first === undefined) firstLines.set(producer.key, producer.line);
        if (chunks.push({ producer, first })) await chunks.flushIfFull();
      }
    }
    await chunks.finish();
    await load?.finish();
    // An import leaves entries in the GIN indexes' pending lists, which every search reads, and a large
    // one leaves the statistics behind the registry (PGlite has no autovacuum to catch up).
    if (growth.written >= 10_000) await vacuumRegistry(database.db);
    else if (growth.written > 0) await database.bulk(flushIndexes);
  } finally {
    await chunks.settle();
    // An import that fails still builds what it set aside (or, if the database is gone, the next start does).
    await load?.finish().catch(() => {});
  }
  if (unknown.size > 0)
    report.warnings.push({
      field: 'header',
      reason: `columns not in producers.md were ignored: ${[...unknown].join(', ')}`,
    });
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}
