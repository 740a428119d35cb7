// `keruen import producers FILE.csv|FILE.xlsx` and the upload endpoint: rows read as a stream (CSV, or the
// first sheet of a workbook), checked one by one, written by chunks through the bulk merge. Bad rows are
// reported by line, column, value and reason while the good ones go in; the same file twice changes nothing.
import { hash } from 'node:crypto';
import type { Database, DeferredLoad } from '../db/index.js';
import {
  ChunkWriter,
  type CsvSource,
  countChunk,
  emptyReport,
  formatOfName,
  Growth,
  type ImportReport,
  rejecter,
  tableRows,
} from '../lib/index.js';
import {
  analyzeRegistry,
  deferRegistryIndexes,
  flushIndexes,
  knownWords,
  registrySize,
  type StagedProducer,
  vacuumRegistry,
  writeProducers,
} from './bulk-repository.js';
import type { ProducerInput } from './model.js';
import { type ProducerName, type ProducerRow, producerNames, toRow } from './normalize.js';
import { loadLookups } from './repository.js';
import { type Lookups, PRODUCER_COLUMNS, parseProducerRow, REQUIRED_PRODUCER_COLUMNS } from './validate.js';

const CHUNK = 20_000;

/** A digest of a producer's content as stored: the same content gives the same digest. */
export function contentHash(row: ProducerRow, names: readonly ProducerName[]): string {
  const { natural_key: _key, ...content } = row;
  return hash('sha1', JSON.stringify([content, names.map((n) => [n.name, n.lang])]), 'base64url');
}

export function stageProducer(line: number, input: ProducerInput): StagedProducer {
  const names = producerNames(input);
  const row = toRow(input, names);
  return { line, row, names, contentHash: contentHash(row, names) };
}

export interface ProducerImportOptions {
  /** What the file is called, kept as the source of each row (file:line). */
  file: string;
  format?: 'csv' | 'xlsx';
  actor?: string;
  kind?: 'import' | 'demo';
  onBytes?: (bytes: number) => void;
  onChunk?: (rowsRead: number) => void;
  chunkRows?: number;
  lookups?: Lookups;
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
  const lookups = options.lookups ?? (await loadLookups(database.db));
  const reject = rejecter(report);
  const format = options.format ?? formatOfName(options.file);
  const growth = new Growth();
  let chunksWritten = 0;
  /** The producers the registry held before this import (counted at its third chunk). */
  let before: number | undefined;
  let load: DeferredLoad | undefined;
  const known = knownWords();
  const chunks = new ChunkWriter<StagedProducer>(options.chunkRows ?? CHUNK, async (staged) => {
    const rowsRead = report.rows;
    // Past its second chunk, an import that has already read more rows than the registry held before it
    // builds the registry's secondary indexes once at its end instead of adding every row to them (at a
    // million rows on PostgreSQL, 227 s instead of 340 s). Searches meanwhile read the tables without them.
    // Imports of one or two chunks never count the registry.
    if (load === undefined && chunksWritten >= 2) {
      before ??= (await registrySize(database.db)) - growth.written;
      if (rowsRead > before) {
        load = await deferRegistryIndexes(database);
        if (load.indexes.length > 0) options.onIndexesDeferred?.(load.indexes);
      }
    }
    // Statistics that still describe the registry as it was would send the planner scanning it per row.
    if (growth.due()) await database.bulk(analyzeRegistry);
    const result = await database.bulk((session) =>
      writeProducers(
        session,
        staged,
        { kind: options.kind ?? 'import', reference: options.file, actor: options.actor ?? 'import' },
        known,
      ),
    );
    growth.add(result.inserted);
    chunksWritten++;
    countChunk(report, staged.length, result, reject, {
      field: 'name',
      reason: (first) =>
        `repeats the producer of line ${first} (same national identifier, or same name and city)`,
    });
    options.onChunk?.(rowsRead);
  });
  const unknown = new Set<string>();
  try {
    const rows = tableRows(source, { format, required: REQUIRED_PRODUCER_COLUMNS, onBytes: options.onBytes });
    for await (const batch of rows) {
      for (const row of batch.rows) {
        report.rows++;
        // Let the chunk being written go on: its next statement is sent when the previous one's answer is
        // read, which waits while rows are checked (a batch is 10,000 rows, half a second).
        if (report.rows % 500 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
        if (report.rows === 1)
          for (const name of Object.keys(row.values))
            if (!(PRODUCER_COLUMNS as readonly string[]).includes(name)) unknown.add(name);
        if (row.problem) {
          reject({ line: row.line, field: 'row', reason: row.problem });
          continue;
        }
        const parsed = parseProducerRow(row.values, row.line, lookups);
        if ('rejected' in parsed) for (const r of parsed.rejected) reject(r);
        else if (chunks.push(stageProducer(row.line, parsed.input))) await chunks.flushIfFull();
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
